"""Everything one screen of a session needs at one minute, assembled off the GUI thread.

``SessionLoader`` keeps what does not change within a session (static attributes, limit bands,
sector membership, index minute bars, per-minute breadth) and recomputes only the cross-section for
each minute. The viewer's worker and the headless exporter both use it, so a window and a batch
export show the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite3
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import pandas as pd

from app.config import DEFAULT_INDEX, MAIN_INDICES
from app.market.brief_findings import findings
from app.market.breadth import BreadthCounts, breadth_counts
from app.market.calendar import previous_trading_day
from app.market.concentration import Concentration, concentration
from app.market.data_level import LEVEL_MINUTES, DataLevel
from app.market.limit_list import limit_list
from app.market.sectors import board_summary, compile_membership, ladder_snapshot, tree_columns
from app.market.session import normalise_time
from app.market.snapshot import enrich, limit_table
from app.market.turnover import PriorVolume, activity, minutes_traded
from app.store import queries
from app.store.day_level import close_series, day_level
from app.store.review import SOURCE_DAILY, SOURCE_QUOTES, review_of, session_panels, session_streak_base
from app.store.equal_weight_lines import SessionLines
from app.store.prior_volume import session_prior_volume
from app.store.session_cube import SessionCube

_STATIC_COLUMNS = ("code", "market", "board", "name", "list_date", "float_shares")


def resolve_time(conn: sqlite3.Connection, date: str, time: str | None) -> str:
    """The snapshot time to show: ``time`` if stored, else the session's last; LookupError if absent."""
    times = queries.session_times(conn, date)
    if not times:
        if queries.daily_cross_section(conn, date).empty:
            raise LookupError(f"no session {date} in the store")
        if time and normalise_time(time) != "15:00":
            raise LookupError(f"{date} has only daily bars; no snapshot at {time}")
        return "15:00"
    if time is None:
        return times[-1]
    t = normalise_time(time)
    if t not in times:
        raise LookupError(f"no snapshot at {t} on {date} (stored {times[0]}..{times[-1]})")
    return t


@dataclass(frozen=True)
class IndexSeries:
    symbol: str
    name: str
    prev_close: float | None
    minutes: pd.DataFrame          # time, open, high, low, close, volume, amount
    daily: pd.DataFrame = field(default_factory=pd.DataFrame)   # daily bars up to the session

    @cached_property
    def arrays(self) -> dict[str, np.ndarray]:
        """The minute bars as arrays ('time' as str), built once: the window slices them for
        every minute of a scrub instead of filtering the frame."""
        m = self.minutes
        out = {"time": np.asarray(m["time"].to_numpy(), dtype=str) if len(m) else
               np.array([], dtype=str)}
        for c in ("open", "high", "low", "close", "volume", "amount"):
            out[c] = m[c].to_numpy(dtype=float) if c in m.columns and len(m) else np.array([])
        return out

    def count_upto(self, time: str | None) -> int:
        """How many minute bars are at or before ``time`` (all of them for None)."""
        times = self.arrays["time"]
        if time is None:
            return len(times)
        return int(np.searchsorted(times, normalise_time(time), side="right"))


@dataclass(frozen=True)
class SessionView:
    """A frozen result handed to the GUI: frames are not mutated after construction."""

    date: str
    time: str
    times: tuple[str, ...]
    prior_date: str | None
    enriched: pd.DataFrame
    counts: BreadthCounts
    review: pd.DataFrame
    series: pd.DataFrame
    prior_series: pd.DataFrame
    membership: pd.DataFrame
    sectors: pd.DataFrame = field(default_factory=pd.DataFrame)
    summary: pd.DataFrame = field(default_factory=pd.DataFrame)   # per-sector board summary
    indices: dict[str, IndexSeries] = field(default_factory=dict)
    concentration: dict[str, Concentration] = field(default_factory=dict)
    extras: dict[str, object] = field(default_factory=dict)
    level: DataLevel = DataLevel(LEVEL_MINUTES)    # what the store holds for the day


CUBE_CATCH_UP = 3       # minutes the cube may read at once to serve the seal panels itself
RESULTS_RADIUS = 45     # minutes each side of the shown one whose small results are kept / precomputed
# Whole views are kept for the shown minute and its two neighbours: a one-minute step onto a
# prepared neighbour costs the window its paint only (a view is ~2 MB: the enriched frame).
VIEW_RADIUS = 1


@dataclass
class MinuteResults:
    """What one minute's view adds to its cross-section, all small (a few hundred rows): kept for
    the minutes around the one shown, so stepping onto them costs only the cross-section."""

    review: pd.DataFrame
    counts: BreadthCounts
    summary: pd.DataFrame
    concentration: dict[str, Concentration]
    findings: dict[tuple[str, ...], list] = field(default_factory=dict)     # by focus


class SessionLoader:
    """Loads SessionViews from one connection (one thread: sqlite3 connections stay put)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Indices whose contributions are computed for each minute (the one in view; ~30 ms each).
        self.focus: tuple[str, ...] = (DEFAULT_INDEX,)
        self._date: str | None = None
        self._static: pd.DataFrame | None = None
        self._limits: pd.DataFrame | None = None
        self._membership: pd.DataFrame | None = None
        self._indices: dict[str, IndexSeries] = {}
        self._series: dict[str, pd.DataFrame] = {}
        self._members: dict[str, pd.DataFrame] = {}
        self._times: dict[str, tuple[str, ...]] = {}
        self._streak_base: pd.DataFrame | None = None
        self._panels: tuple[pd.DataFrame, pd.DataFrame] | None = None
        self._history_high: pd.DataFrame | None = None     # highest earlier close (new highs)
        self._cube: SessionCube | None = None
        self._index_memo: tuple[np.ndarray, pd.Index] | None = None
        self._warmed: tuple[str, str] | None = None
        self._level = DataLevel(LEVEL_MINUTES)
        self._prior_volume = PriorVolume.empty()     # 量比's 5-session average, per session
        self._results: dict[str, MinuteResults] = {}
        self._prefetch_turn = 0
        self._last_time: str | None = None      # the minute shown: idle work centres on it
        self._direction = 1                     # of the last step: its neighbour is prepared first
        self._views: dict[tuple[str, str, tuple[str, ...]], SessionView] = {}
        self._static_arrays: dict[str, object] = {}
        self.equal_weight = SessionLines()     # the indices' 不含加权 lines, kept per cube
        # Called between the steps of a view and of the brief: the viewer's loader thread hands
        # the interpreter lock to the GUI thread there (see session_worker.hand_over).
        self.pause: Callable[[], None] = _no_pause

    def sessions(self) -> list[str]:
        dates = queries.sessions(self.conn)
        return dates or queries.daily_dates(self.conn)[-1:]

    def _prepare(self, date: str) -> None:
        if self._date == date:
            return
        self._static = queries.stocks(self.conn, date)
        self._limits = limit_table(self._static, date)
        self._membership = queries.sector_membership(self.conn, date)
        self._sectors = queries.sectors(self.conn)
        self._pairs = compile_membership(self._membership, self._sectors)
        names = {s: n for s, n, _ in MAIN_INDICES}
        stored = queries.indices(self.conn)
        for _, row in stored.iterrows():
            names.setdefault(row["symbol"], row["name"])
        self._indices = {}
        for sym, name in names.items():
            mins = queries.index_minutes(self.conn, date, sym)
            prev = queries.index_prev_close(self.conn, date, sym)
            if len(mins) or prev is not None:
                daily = queries.daily_bars(self.conn, sym, upto=date, index=True)
                self._indices[sym] = IndexSeries(sym, name, prev, mins, daily)
        self._members = {sym: queries.index_members(self.conn, sym, date) for sym in self._indices}
        self._level = day_level(self.conn, date, self.times(date))
        self._prior_volume = session_prior_volume(self.conn, date)
        self._streak_base = None
        self._panels = None
        self._history_high = None
        self._series = {}
        self._cube = None          # the previous session's arrays go; this one's come on demand
        self._views = {}
        self._results = {}         # keyed by minute alone: another session's 10:00 is not this one's
        self._index_memo = None
        self._static_arrays = {c: self._static[c].to_numpy() for c in _STATIC_COLUMNS}
        self._date = date

    def invalidate(self) -> None:
        """Forget what grows in live mode (stored minutes, per-minute breadth)."""
        known = self._times.get(self._date) if self._date else None
        self._times.clear()
        self._series.clear()
        if self._date:          # a live day's first minutes turn a close snapshot into a session
            self._level = day_level(self.conn, self._date, self.times(self._date))
        self._views = {}          # they hold the index bars and breadth lines up to then
        self._panels = None       # new minutes: the session panels grew
        if self._cube is not None and self._date and self._cube.date == self._date:
            # The newest minute known may have been read while a writer was still at it: its
            # results go only if its rows changed since (each minute's results stay otherwise:
            # they depend on nothing later, and recomputing them cost ~40 ms per live minute).
            if self._cube.extend(self.times(self._date)) and known:
                self._results.pop(known[-1], None)
        elif known:
            self._results.pop(known[-1], None)
        for sym, series in list(self._indices.items()):
            if self._date:
                mins = queries.index_minutes(self.conn, self._date, sym)
                self._indices[sym] = IndexSeries(sym, series.name, series.prev_close, mins,
                                                 series.daily)

    def series(self, date: str | None) -> pd.DataFrame:
        if not date:
            return pd.DataFrame()
        if date not in self._series:
            s = queries.breadth_minutes(self.conn, date)
            self._series[date] = s if len(s) else close_series(self.conn, date)
        return self._series[date]

    def times(self, date: str) -> tuple[str, ...]:
        """Stored minutes of ``date`` (cached; live mode invalidates)."""
        if date not in self._times:
            self._times[date] = tuple(queries.session_times(self.conn, date))
        return self._times[date]

    def load(self, date: str, time: str | None = None, with_findings: bool = True) -> SessionView:
        """The view at ``date`` ``time``. ``with_findings=False`` leaves the brief's findings out
        (``add_findings`` later): the viewer paints the minute first and the brief right after."""
        times = self.times(date)
        if times:
            t = times[-1] if time is None else normalise_time(time)
            if t not in times:
                raise LookupError(f"no snapshot at {t} on {date} (stored {times[0]}..{times[-1]})")
        else:
            t = resolve_time(self.conn, date, time)    # daily bars only, or LookupError
        if times and t in times and self._last_time in times and self._date == date:
            step = times.index(t) - times.index(self._last_time)
            if step:
                self._direction = 1 if step > 0 else -1
        self._prepare(date)
        self._last_time = t
        view = self._views.get((date, t, self.focus))
        if view is None:
            view = self._build(date, t, times)
        elif not all(done for _, done in view.extras.get("equal_weight", {}).values()):
            # Prepared before every minute up to it was known: the line may be complete now.
            lines = self.equal_weight.for_view(self._cube, date, t, self._indices, self._members,
                                               self.focus, True)
            if all(done for _, done in lines.values()):
                view = replace(view, extras={**view.extras, "equal_weight": lines})
        if times:
            self._keep_view(view)       # and drop those now too far from the shown minute
        return self.add_findings(view) if with_findings else view

    def _build(self, date: str, t: str, times: tuple[str, ...]) -> SessionView:
        """The view at a minute of ``date`` (``_prepare``d), without the brief's findings."""
        assert self._static is not None and self._limits is not None
        if times:
            self._warm(date, times)
            cs = self._cross_section(date, t, times)
            source = SOURCE_QUOTES
        else:
            cs = self._static[["code", "market", "board", "name", "list_date", "float_shares"]].join(
                queries.daily_cross_section(self.conn, date), how="inner")
            source = SOURCE_DAILY
        enriched = enrich(cs, date, self._limits)
        self.pause()
        res = self._results.get(t) if source == SOURCE_QUOTES else None
        if res is None:
            res = self._minute_results(date, t, enriched, source)
        else:
            if len(res.review):
                _add_review_columns(enriched, res.review)
            self._focus_concentration(res, enriched, t)
        self.pause()
        prior = previous_trading_day(date)
        view = SessionView(
            concentration={k: v for k, v in res.concentration.items() if k in self.focus},
            date=date, time=t, times=times or ("15:00",), prior_date=prior, enriched=enriched,
            counts=res.counts, review=res.review, series=self.series(date),
            prior_series=self.series(prior), membership=self._membership,
            sectors=self._sectors, summary=res.summary,
            indices=dict(self._indices), level=self._level,
            extras={"history_high": self._history_high})
        # The ladder's rows and the sector tree's per-minute arrays, built here off the GUI thread.
        view.extras["ladder"] = ladder_snapshot(enriched)
        view.extras["limit_list"] = limit_list(res.review, self._pairs, res.summary)
        self.pause()
        view.extras["tree"] = tree_columns(enriched, view.summary)
        view.extras["activity"] = activity(enriched, self._prior_volume,   # 换手 and 量比
                                           minutes_traded(t if times else None))
        view.extras["equal_weight"] = self.equal_weight.for_view(
            self._cube, date, t, self._indices, self._members, self.focus, t == self._last_time)
        return view

    def equal_weight_completed(self) -> tuple[str, str, str, np.ndarray] | None:
        """(date, time, index, levels) once the shown minute's incomplete line is complete."""
        return self.equal_weight.completed(self._date, self._last_time, self._indices)

    def with_whole_equal_weight(self, view: SessionView) -> SessionView:
        """``view`` with every index's equal-weight line complete (for exports)."""
        lines = self.equal_weight.complete(self._cube, view.date, view.time, self._indices,
                                           self._members)
        return replace(view, extras={**view.extras, "equal_weight": lines})

    def fill_equal_weight(self) -> bool:
        """Idle work: one store read towards the shown minute's equal-weight line."""
        return self.equal_weight.fill(self._date, self._last_time, self._indices)

    def _keep_view(self, view: SessionView) -> None:
        """Keep ``view`` and drop the kept views more than VIEW_RADIUS minutes from the shown one."""
        self._views[(view.date, view.time, self.focus)] = view
        times = self.times(view.date)
        centre = times.index(self._last_time) if self._last_time in times else len(times) - 1
        near = set(times[max(0, centre - VIEW_RADIUS): centre + VIEW_RADIUS + 1])
        for key in [k for k in self._views if k[0] != view.date or k[1] not in near
                    or k[2] != self.focus]:
            del self._views[key]

    def prepare_neighbour(self) -> bool:
        """Build the whole view of the minute next to the shown one, in the direction of the last
        step first, then on the other side (not behind the newest minute: a live session is
        followed forward). True when one was built, False when both are ready."""
        date, shown = self._date, self._last_time
        if date is None or shown is None:
            return False
        times = self.times(date)
        if shown not in times:
            return False
        i = times.index(shown)
        sides = (self._direction,) if i == len(times) - 1 else (self._direction, -self._direction)
        for step in sides:
            j = i + step
            if 0 <= j < len(times) and (date, times[j], self.focus) not in self._views:
                self._keep_view(self._build(date, times[j], times))
                return True
        return False

    def _minute_results(self, date: str, t: str, enriched: pd.DataFrame, source: str
                        ) -> MinuteResults:
        """Review, counts, sector summary and contributions of a minute (adds the review's columns
        to ``enriched``); kept when the minute is near the one shown."""
        assert self._static is not None
        self._extend_streak_base(date, enriched)
        review = review_of(self.conn, date, t, enriched, source, self._static, self._streak_base,
                           self._panels, seals_known=self._level.seal_times_known)
        if len(review):
            _add_review_columns(enriched, review)
        self.pause()
        counts = breadth_counts(enriched)
        summary = board_summary(enriched, self._pairs)
        self.pause()
        res = MinuteResults(review=review, counts=counts, summary=summary,
                            concentration=self._concentration(enriched, t))
        if source == SOURCE_QUOTES:
            self._results[t] = res
            self._evict_results(date)
        return res

    def _focus_concentration(self, res: MinuteResults, enriched: pd.DataFrame, t: str) -> None:
        missing = [s for s in self.focus if s not in res.concentration]
        if missing:
            res.concentration.update(self._concentration(enriched, t))

    def _evict_results(self, date: str) -> None:
        times = self.times(date)
        centre = times.index(self._last_time) if self._last_time in times else len(times) - 1
        near = set(times[max(0, centre - RESULTS_RADIUS): centre + RESULTS_RADIUS + 1])
        for t in [t for t in self._results if t not in near]:
            del self._results[t]

    def _findings(self, view: SessionView) -> list:
        res = self._results.get(view.time) if view.date == self._date else None
        if res is not None and self.focus in res.findings:
            return res.findings[self.focus]
        found = findings(view, view.extras.get("history_high"), pause=self.pause)
        if res is not None:
            res.findings[self.focus] = found
        return found

    def add_findings(self, view: SessionView) -> SessionView:
        """The same view with the brief's findings (pure pandas work, ~20 ms: done off the GUI
        thread, after the minute itself has been handed over)."""
        return replace(view, extras={**view.extras, "findings": self._findings(view)})

    def _cross_section(self, date: str, t: str, times: tuple[str, ...]) -> pd.DataFrame:
        """The stored stocks' static columns and quotes at ``t``, sliced from the session cube
        (the same frame as ``queries.cross_section``)."""
        assert self._static is not None
        if self._cube is None or self._cube.date != date:
            self._cube = SessionCube(self.conn, date, self._static.index, times)
        mask, quotes = self._cube.minute(t)
        cols = {c: a[mask] for c, a in self._static_arrays.items()}   # type: ignore[index]
        cols.update(quotes)
        # The same Index object while the same stocks have rows: per-session lookups keyed on it
        # (sector pairs → rows) are then reused from one minute to the next.
        prev = self._index_memo
        if prev is not None and prev[0].shape == mask.shape and np.array_equal(prev[0], mask):
            index = prev[1]
        else:
            index = self._static.index[mask]
            self._index_memo = (mask.copy(), index)
        return pd.DataFrame(cols, index=index, copy=False)

    def _warm(self, date: str, times: tuple[str, ...]) -> None:
        """Once per session (and per live minute): read yesterday's streaks, the seal panels and
        the earlier highs of every stock that comes near a limit by the newest stored minute.
        The day's high and low are cumulative, so that set holds every stock near a limit at any
        earlier minute too, and scrubbing never waits for a history query."""
        key = (date, times[-1])
        if self._warmed == key:
            return
        self._warmed = key
        last = enrich(self._cross_section(date, times[-1], times), date, self._limits)
        self.pause()
        self._extend_streak_base(date, last)
        self.pause()

    def prefetch(self) -> bool:
        """One small step of idle work on the shown session (the worker calls this between
        requests): read a few more minutes into the cube, or precompute the results of a minute
        near the one shown. True while some remain."""
        cube, date, shown = self._cube, self._date, self._last_time
        if cube is None or date is None or cube.date != date:
            return False
        self._prefetch_turn += 1
        todo = self._results_todo(date, shown)
        if not cube.complete() and (todo is None or self._prefetch_turn % 2):
            cube.prefetch(around=shown)
            return True
        if todo is not None:
            times = self.times(date)
            enriched = enrich(self._cross_section(date, todo, times), date, self._limits)
            self._minute_results(date, todo, enriched, SOURCE_QUOTES)
            return True
        # Last, the brief's findings of those minutes, so the brief follows a step at once too.
        brief = self._findings_todo(date, shown)
        if brief is None:
            return False
        view = self._views.get((date, brief, self.focus)) or self._build(date, brief, self.times(date))
        self._findings(view)
        return True

    def _findings_todo(self, date: str, shown: str | None) -> str | None:
        """The minute nearest the shown one with results but no findings for the focus."""
        def wanting(t: str) -> bool:
            res = self._results.get(t)
            return res is not None and self.focus not in res.findings
        return self._nearest(date, shown, wanting)

    def _results_todo(self, date: str, shown: str | None) -> str | None:
        """The minute nearest the shown one (within RESULTS_RADIUS) whose results are missing."""
        return self._nearest(date, shown, lambda t: t not in self._results)

    def _nearest(self, date: str, shown: str | None, wanting: Callable[[str], bool]) -> str | None:
        """The stored minute nearest ``shown`` (within RESULTS_RADIUS, later first on a tie) for
        which ``wanting`` is true."""
        times = self.times(date)
        if shown not in times:
            return None
        centre = times.index(shown)
        for d in range(RESULTS_RADIUS + 1):
            for i in (centre + d, centre - d):
                if 0 <= i < len(times) and wanting(times[i]):
                    return times[i]
        return None

    def _extend_panels(self, date: str, symbols: list[str]) -> None:
        have = self._panels[0].columns if self._panels is not None else pd.Index([])
        missing = [s for s in symbols if s not in have]
        if not missing:
            return
        cube = self._cube
        if cube is not None and cube.date == date and cube.load_all(at_most=CUBE_CATCH_UP):
            # The whole session is in memory (a live minute or two read now): slice, no query.
            pos = cube.symbols.get_indexer(list(have) + missing)
            self._panels = cube.panels(pos[pos >= 0])
            return
        last, high = session_panels(self.conn, date, missing)
        if self._panels is None:
            self._panels = (last, high)
        else:
            self._panels = (self._panels[0].join(last, how="outer"),
                            self._panels[1].join(high, how="outer"))

    def _extend_streak_base(self, date: str, enriched: pd.DataFrame) -> None:
        """Yesterday's streaks of the stocks near a limit, read once per session and extended when
        another stock reaches a limit (live mode, scrubbing forward)."""
        near = enriched["touched_up"].to_numpy(dtype=bool) | enriched["touched_down"].to_numpy(
            dtype=bool) | enriched["at_limit_down"].to_numpy(dtype=bool)
        wanted = enriched.index[near]
        have = self._streak_base.index if self._streak_base is not None else pd.Index([])
        missing = [s for s in wanted if s not in have]
        self._extend_panels(date, list(wanted))
        if not missing and self._streak_base is not None:
            return
        self.pause()
        highs = queries.history_high(self.conn, date, missing)
        self._history_high = highs if self._history_high is None else pd.concat(
            [self._history_high, highs])
        self.pause()
        more = session_streak_base(self.conn, date, self._static, missing)
        if more is None:       # a streak longer than the window: review_of widens per minute
            return
        self._streak_base = more if self._streak_base is None else pd.concat([self._streak_base, more])

    def _concentration(self, enriched: pd.DataFrame, time: str) -> dict[str, Concentration]:
        """Who carried each index: contributions in points from the constituents' weights."""
        out: dict[str, Concentration] = {}
        for sym, series in self._indices.items():
            if sym not in self.focus:
                continue
            members = self._members.get(sym)
            if members is None or members.empty or not series.prev_close:
                continue
            mins = series.minutes
            upto = mins[mins["time"] <= time] if len(mins) else mins
            last = float(upto["close"].iloc[-1]) if len(upto) else None
            out[sym] = concentration(members, enriched, series.prev_close, index_symbol=sym,
                                     index_name=series.name, index_last=last)
        return out


REVIEW_COLUMNS_IN_VIEW = ("streak", "first_seal", "last_seal", "opens", "resealed")


def _no_pause() -> None:
    return None


def _add_review_columns(enriched: pd.DataFrame, review: pd.DataFrame) -> None:
    """The review's streak and seal columns on the cross-section (NaN for stocks not in the review,
    as a left join gives), set in place: a join copies the whole frame every minute."""
    pos = enriched.index.get_indexer(review["symbol"])
    ok = pos >= 0
    for c in REVIEW_COLUMNS_IN_VIEW:
        if c not in review.columns:
            continue
        values = review[c].to_numpy()
        full = np.full(len(enriched), np.nan, dtype=float if values.dtype.kind in "iuf" else object)
        full[pos[ok]] = values[ok]
        # An explicit object Series: pandas would otherwise infer its string dtype for seal times.
        enriched[c] = full if full.dtype == float else pd.Series(full, index=enriched.index,
                                                                 dtype=object)
