"""Everything one screen of a session needs at one minute, assembled off the GUI thread.

``SessionLoader`` keeps what does not change within a session (static attributes, limit bands,
sector membership, index minute bars, per-minute breadth) and recomputes only the cross-section for
each minute. The viewer's worker and the headless exporter both use it, so a window and a batch
export show the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from app.config import DEFAULT_INDEX, MAIN_INDICES
from app.market.brief_findings import findings
from app.market.breadth import breadth_counts
from app.market.calendar import previous_trading_day
from app.market.concentration import Concentration, concentration
from app.market.data_level import LEVEL_MINUTES, DataLevel
from app.market.limit_list import limit_list
from app.market.sectors import board_summary, compile_membership, ladder_snapshot, tree_columns
from app.market.session import normalise_time
from app.market.snapshot import enrich, limit_table
from app.market.turnover import PriorVolume, activity, minutes_traded
from app.session.cube import SessionCube
from app.session.day_level import close_series, day_level
from app.session.equal_weight_lines import SessionLines
from app.session.errors import SessionMissing
from app.session.gaps import Gap, gaps_of, gaps_until
from app.session.idle import IdleWork
from app.session.review import (SOURCE_DAILY, SOURCE_QUOTES, review_of, session_panels,
                                session_streak_base)
from app.session.source import SessionStore
from app.session.view import (IndexSeries, MinuteResults, SessionView, add_review_columns,
                              no_pause, resolve_time)

CUBE_CATCH_UP = 3       # minutes the cube may read at once to serve the seal panels itself
_STATIC_COLUMNS = ("code", "market", "board", "name", "list_date", "float_shares")


class SessionLoader(IdleWork):
    """Loads SessionViews from one store reader (one thread: its connection stays on it)."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store
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
        self._gaps: dict[str, tuple[Gap, ...]] = {}
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
        self.pause: Callable[[], None] = no_pause

    def sessions(self) -> list[str]:
        dates = self.store.sessions()
        return dates or self.store.daily_dates()[-1:]

    def _prepare(self, date: str) -> None:
        if self._date == date:
            return
        self._static = self.store.stocks(date)
        self._limits = limit_table(self._static, date)
        self._membership = self.store.sector_membership(date)
        self._sectors = self.store.sectors()
        self._pairs = compile_membership(self._membership, self._sectors)
        names = {s: n for s, n, _ in MAIN_INDICES}
        stored = self.store.indices()
        for _, row in stored.iterrows():
            names.setdefault(row["symbol"], row["name"])
        self._indices = {}
        for sym, name in names.items():
            mins = self.store.index_minutes(date, sym)
            prev = self.store.index_prev_close(date, sym)
            if len(mins) or prev is not None:
                daily = self.store.daily_bars(sym, upto=date, index=True)
                self._indices[sym] = IndexSeries(sym, name, prev, mins, daily)
        self._members = {sym: self.store.index_members(sym, date) for sym in self._indices}
        self._level = day_level(self.store, date, self.times(date))
        self._prior_volume = self.store.prior_volume(date)
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
        self._gaps.clear()
        self._series.clear()
        if self._date:          # a live day's first minutes turn a close snapshot into a session
            self._level = day_level(self.store, self._date, self.times(self._date))
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
                mins = self.store.index_minutes(self._date, sym)
                self._indices[sym] = IndexSeries(sym, series.name, series.prev_close, mins,
                                                 series.daily)

    def series(self, date: str | None) -> pd.DataFrame:
        if not date:
            return pd.DataFrame()
        if date not in self._series:
            s = self.store.breadth_minutes(date)
            self._series[date] = s if len(s) else close_series(self.store, date)
        return self._series[date]

    def gaps(self, date: str) -> tuple[Gap, ...]:
        """Minutes of ``date`` a collector could not record (cached; live mode invalidates)."""
        if date not in self._gaps:
            self._gaps[date] = gaps_of(self.store.missing_minutes(date))
        return self._gaps[date]

    def times(self, date: str) -> tuple[str, ...]:
        """Stored minutes of ``date`` (cached; live mode invalidates)."""
        if date not in self._times:
            self._times[date] = tuple(self.store.session_times(date))
        return self._times[date]

    def load(self, date: str, time: str | None = None, with_findings: bool = True) -> SessionView:
        """The view at ``date`` ``time``. ``with_findings=False`` leaves the brief's findings out
        (``add_findings`` later): the viewer paints the minute first and the brief right after."""
        times = self.times(date)
        if times:
            t = times[-1] if time is None else normalise_time(time)
            if t not in times:
                raise SessionMissing("no_minute", date=date, time=t, first=times[0],
                                     last=times[-1])
        else:
            t = resolve_time(self.store, date, time)    # daily bars only, or LookupError
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
                self.store.daily_cross_section(date), how="inner")
            source = SOURCE_DAILY
        enriched = enrich(cs, date, self._limits)
        self.pause()
        res = self._results.get(t) if source == SOURCE_QUOTES else None
        if res is None:
            res = self._minute_results(date, t, enriched, source)
        else:
            if len(res.review):
                add_review_columns(enriched, res.review)
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
            extras={"history_high": self._history_high,
                    # minutes a collector could not record, up to the shown one (never drawn over)
                    "gaps": gaps_until(self.gaps(date), t) if times else ()})
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

    def _minute_results(self, date: str, t: str, enriched: pd.DataFrame, source: str
                        ) -> MinuteResults:
        """Review, counts, sector summary and contributions of a minute (adds the review's columns
        to ``enriched``); kept when the minute is near the one shown."""
        assert self._static is not None
        self._extend_streak_base(date, enriched)
        review = review_of(self.store, date, t, enriched, source, self._static, self._streak_base,
                           self._panels, seals_known=self._level.seal_times_known)
        if len(review):
            add_review_columns(enriched, review)
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
            self._cube = SessionCube(self.store, date, self._static.index, times)
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
        last, high = session_panels(self.store, date, missing)
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
        highs = self.store.history_high(date, missing)
        self._history_high = highs if self._history_high is None else pd.concat(
            [self._history_high, highs])
        self.pause()
        more = session_streak_base(self.store, date, self._static, missing)
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


