"""Limit-up review (涨停复盘) and breadth of one minute of a stored session.

Composes the store's reads (a ``SessionStore``) with the pure market functions: the cross-section at the minute
(enriched with limit states), the seal times from the session's minute panel up to that minute
(point in time: nothing after the shown minute is read), and the streaks from the daily history
before the date. A store holding only daily bars for the date (an imported daily file) falls back to
the daily cross-section at '15:00', without seal times.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.market.breadth import BreadthCounts, breadth_counts
from app.market.data_level import MIN_SNAPSHOTS_FOR_SEALS, daily_limit_opens
from app.market.calendar import as_iso
from app.market.limits import price_to_fen_array
from app.market.seals import seal_times
from app.market.session import CLOSE_TIME, normalise_time
from app.market.snapshot import enrich
from app.market.streaks import streaks
from app.session.errors import SessionMissing
from app.session.source import SessionStore

SOURCE_QUOTES = "quotes"
SOURCE_DAILY = "daily"

KIND_LIMIT_UP = "limit_up"
KIND_LIMIT_DOWN = "limit_down"
KIND_BROKEN = "broken"
KINDS: tuple[str, ...] = (KIND_LIMIT_UP, KIND_LIMIT_DOWN, KIND_BROKEN)

REVIEW_COLUMNS: tuple[str, ...] = (
    "symbol", "code", "name", "board", "last", "prev_close", "pct_chg", "limit_price", "kind",
    "state", "streak", "prev_streak", "first_seal", "last_seal", "opens", "resealed", "amount",
)

STREAK_WINDOW_DAYS = 30      # enough for nearly every streak; extended when one reaches the edge
STREAK_WINDOW_MAX = 8192

_STATIC_COLS = ["code", "market", "board", "name", "list_date", "float_shares"]


class NoSessionData(SessionMissing):
    """The store has neither snapshots nor daily bars for the asked date (or minute)."""


def session_panels(store: SessionStore, day: str, symbols: list[str]
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(last, high) panels of ``symbols`` over every stored minute of ``day``."""
    return store.panels(day, symbols, None)


def enriched_at(store: SessionStore, date: str, time: str | None = None,
                static: pd.DataFrame | None = None) -> tuple[pd.DataFrame, str, str]:
    """The enriched cross-section shown at ``date`` ``time``.

    ``time`` defaults to the last snapshot of the date; a time between snapshots shows the latest
    snapshot at or before it. Without snapshots for the date, the daily bars are used (time
    '15:00'). Returns (frame, time, source) with source 'quotes' or 'daily'; raises NoSessionData
    when the store has nothing for the date or the time is before the first snapshot.
    """
    day = as_iso(date)
    if static is None:
        static = store.stocks(day)
    latest = store.latest_time(day)
    if latest is not None:
        t = latest if time is None else store.time_at_or_before(day, normalise_time(time))
        if t is None:
            raise NoSessionData("before_first", date=day, time=normalise_time(str(time)))
        cross = store.cross_section(day, t, static)
        return enrich(cross, day), t, SOURCE_QUOTES
    bars = store.daily_cross_section(day)
    if bars.empty:
        raise NoSessionData("nothing", date=day)
    cross = static[_STATIC_COLS].join(bars, how="inner")
    return enrich(cross, day), CLOSE_TIME, SOURCE_DAILY


def breadth_at(store: SessionStore, date: str, time: str | None = None) -> BreadthCounts:
    """Breadth counts of the cross-section at ``date`` ``time`` (daily-bar fallback as
    ``enriched_at``). The time actually shown is ``enriched_at(...)[1]``."""
    frame, _, _ = enriched_at(store, date, time)
    return breadth_counts(frame)


def _streaks_for(store: SessionStore, day: str, today: pd.DataFrame,
                 static: pd.DataFrame) -> pd.DataFrame:
    """Streaks of the stocks in ``today`` (point-in-time flags for ``day``) from the daily history
    strictly before ``day``; the window doubles while a streak reaches its start."""
    symbols = list(today.index)
    days = STREAK_WINDOW_DAYS
    total: int | None = None
    while True:
        hist = store.daily_history(day, days + 1, symbols)
        result = streaks(hist, day, static, today=today)
        if not result["truncated"].any() or days >= STREAK_WINDOW_MAX:
            return result
        if total is None:
            total = store.count_daily_dates(day)
        if days + 1 >= total:
            return result   # the window already holds the whole stored history
        days *= 2


def session_streak_base(store: SessionStore, day: str, static: pd.DataFrame,
                        symbols: list[str] | None = None) -> pd.DataFrame | None:
    """Each stock's streak as of the trading day before ``day`` (prev_streak, prev_down_streak):
    it does not change within the session. None when a streak reaches the window's start.

    ``symbols`` limits the read to the stocks that can be at a limit (a few hundred of 5,400)."""
    if symbols is not None and not symbols:
        return pd.DataFrame({"prev_streak": pd.Series(dtype=np.int64),
                             "prev_down_streak": pd.Series(dtype=np.int64)})
    hist = store.daily_history(day, STREAK_WINDOW_DAYS + 1, symbols)
    empty = pd.DataFrame({"at_limit_up": pd.Series(dtype=bool),
                          "at_limit_down": pd.Series(dtype=bool)})
    base = streaks(hist, day, static, today=empty)
    if base["truncated"].any() and store.count_daily_dates(day) > STREAK_WINDOW_DAYS + 1:
        return None
    return base[["prev_streak", "prev_down_streak"]]


def streaks_from_base(base: pd.DataFrame, today: pd.DataFrame) -> pd.DataFrame:
    """Streaks at a minute: yesterday's streak + 1 where the stock is at its limit now, else 0."""
    b = base.reindex(today.index).fillna(0).astype(np.int64)
    up = today["at_limit_up"].to_numpy(dtype=bool)
    down = today["at_limit_down"].to_numpy(dtype=bool)
    return pd.DataFrame({
        "streak": np.where(up, b["prev_streak"].to_numpy() + 1, 0),
        "prev_streak": b["prev_streak"].to_numpy(),
        "down_streak": np.where(down, b["prev_down_streak"].to_numpy() + 1, 0),
        "prev_down_streak": b["prev_down_streak"].to_numpy(),
    }, index=today.index)


def daily_opens(frame: pd.DataFrame, pos: np.ndarray, is_down: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """炸板次数 / 回封 of the kept rows from the daily bar's shape alone (app.market.data_level)."""
    def px(name: str) -> np.ndarray:
        v = pd.to_numeric(frame[name].iloc[pos], errors="coerce").to_numpy(dtype=float)
        return price_to_fen_array(np.where(np.isfinite(v), v, 0.0))
    o, h, lo, c = px("open"), px("high"), px("low"), px("last")
    up, down = px("limit_up"), px("limit_down")
    states = frame["state"].to_numpy()[pos]
    opens = np.full(len(pos), None, dtype=object)
    resealed = np.full(len(pos), None, dtype=object)
    for i in range(len(pos)):
        if is_down[i]:
            flat = o[i] == h[i] == lo[i] == c[i]
            state = "one_word" if flat else "limit_down"
            got = daily_limit_opens(state, o[i] == down[i], h[i] > down[i])
        else:
            got = daily_limit_opens(str(states[i]), o[i] == up[i], 0 < lo[i] < up[i])
        opens[i], resealed[i] = got
    return opens, resealed


def _empty_review() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in REVIEW_COLUMNS})


def limit_review(store: SessionStore, date: str, time: str | None = None) -> pd.DataFrame:
    """One row per stock at limit-up, at limit-down or broken (炸板) at ``date`` ``time``.

    Columns: symbol, code, name, board, last, prev_close, pct_chg, limit_price (limit-up price for
    limit_up and broken rows, limit-down price for limit_down rows), kind ∈ {limit_up,
    limit_down, broken}, state (app.market.snapshot state: sealed, one_word, broken, limit_down),
    streak (连板数; for limit_down rows the consecutive limit-down days; 0 for broken rows),
    prev_streak (the same as of the previous traded day), first_seal, last_seal ('HH:MM', '09:25'
    for the opening auction; for limit_down rows the first/last time at limit-down), opens
    (炸板次数 / 开板次数; a broken stock that only touched the limit between snapshots counts
    one), resealed (回封), amount (yuan, cumulative).

    Rows are ordered limit_up, limit_down, broken, each by first_seal then streak (longest first).
    ``attrs`` holds date, time (the snapshot actually shown) and source ('quotes' or 'daily'; with
    daily bars the seal columns are None).
    """
    day = as_iso(date)
    static = store.stocks(day)
    frame, t, source = enriched_at(store, day, time, static)
    return review_of(store, day, t, frame, source, static)


def review_of(store: SessionStore, day: str, t: str, frame: pd.DataFrame, source: str,
              static: pd.DataFrame, base: pd.DataFrame | None = None,
              panels: tuple[pd.DataFrame, pd.DataFrame] | None = None,
              seals_known: bool | None = None) -> pd.DataFrame:
    """``limit_review`` of an already enriched cross-section (the viewer's loader has one).

    ``base`` is ``session_streak_base`` for ``day``, cached by a caller that shows many minutes of
    one session: a minute then costs no history query. ``panels`` are (last, high) frames
    time × symbol of the whole stored session for (at least) the stocks near a limit.
    ``seals_known`` (default: the day holds two or more snapshot times) is False on a day known
    only from its close: seal times stay None and 炸板次数 / 回封 come from the daily bar's shape.
    """
    live = ~frame["suspended"].to_numpy(dtype=bool)
    at_up = frame["at_limit_up"].to_numpy(dtype=bool) & live
    at_down = frame["at_limit_down"].to_numpy(dtype=bool) & live
    broken = frame["touched_up"].to_numpy(dtype=bool) & ~at_up & ~at_down & live
    keep = at_up | at_down | broken
    if not keep.any():
        out = _empty_review()
        out.attrs.update(date=day, time=t, source=source)
        return out
    # Numpy on the few hundred kept rows: a pandas boolean take of the whole 35-column frame and a
    # multi-key sort_values cost ~10 ms per minute of a scrub.
    pos = np.flatnonzero(keep)
    index = frame.index[pos]

    def col(name: str, dtype: object = None) -> np.ndarray:
        values = frame[name].to_numpy()[pos]
        if dtype is float and values.dtype.kind not in "fiub":     # text or None from an import
            return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
        return values if dtype is None else values.astype(dtype)

    kind = np.where(at_up[pos], KIND_LIMIT_UP,
                    np.where(at_down[pos], KIND_LIMIT_DOWN, KIND_BROKEN)).astype(object)
    is_down = kind == KIND_LIMIT_DOWN
    n = len(pos)
    limit_up = col("limit_up", float)
    limit_down = col("limit_down", float)

    first = np.full(n, None, dtype=object)
    last = np.full(n, None, dtype=object)
    opens = np.full(n, None, dtype=object)
    resealed = np.full(n, None, dtype=object)
    if seals_known is None:
        seals_known = source == SOURCE_QUOTES and len(store.session_times(day)) >= \
            MIN_SNAPSHOTS_FOR_SEALS
    if not seals_known:
        opens, resealed = daily_opens(frame, pos, is_down)
    else:
        syms = list(index)
        if panels is not None and all(x in panels[0].columns for x in syms):
            # The caller holds the whole session's panels of these stocks: slice, no query.
            upto = int(np.searchsorted(panels[0].index.to_numpy(dtype=str), t, side="right"))
            panel = panels[0].iloc[:upto][syms]
            highs = panels[1].iloc[:upto][syms]
        else:
            panel, highs = store.panels(day, syms, t)
        s = seal_times(panel, pd.Series(limit_up, index=index), pd.Series(limit_down, index=index),
                       pd.Series(col("open", float), index=index), upto=t,
                       high=highs).reindex(index)
        up_first = s["first_seal"].where(s["first_seal"].notna(), s["first_touch"])
        first = np.where(is_down, s["first_down"].to_numpy(dtype=object),
                         up_first.to_numpy(dtype=object))
        last = np.where(is_down, s["last_down"].to_numpy(dtype=object),
                        s["last_seal"].to_numpy(dtype=object))
        up_opens = s["opens"].fillna(0).to_numpy(dtype=np.int64)
        up_opens = np.where(kind == KIND_BROKEN, np.maximum(up_opens, 1), up_opens)
        dn_opens = s["down_opens"].fillna(0).to_numpy(dtype=np.int64)
        opens_i = np.where(is_down, dn_opens, up_opens)
        opens = np.array([int(x) for x in opens_i], dtype=object)
        resealed = np.array([bool(x) for x in (kind != KIND_BROKEN) & (opens_i > 0)], dtype=object)

    today = pd.DataFrame({"at_limit_up": at_up[pos], "at_limit_down": at_down[pos]}, index=index)
    st = None
    if base is not None:
        st = streaks_from_base(base, today)
    if st is None:
        st = _streaks_for(store, day, today, static)
    st = st.reindex(index)
    streak = np.where(is_down, st["down_streak"], st["streak"]).astype(np.int64)
    prev_streak = np.where(is_down, st["prev_down_streak"], st["prev_streak"]).astype(np.int64)

    # Order: kind, then rows with a first seal time before those without, then that time, the
    # longest streak, and the symbol (lexsort takes the last key as the primary one).
    symbols = index.to_numpy(dtype=object)
    kind_rank = np.select([kind == k for k in KINDS], list(range(len(KINDS))))
    no_first = np.array([f is None or f != f for f in first], dtype=bool)
    first_key = np.where(no_first, "99:99", first).astype(str)
    order = np.lexsort((symbols.astype(str), -streak, first_key, no_first, kind_rank))
    amount = col("amount", float)
    out = pd.DataFrame({
        "symbol": symbols[order],
        "code": col("code", object)[order],
        "name": col("name", object)[order],
        "board": col("board", object)[order],
        "last": col("last", float)[order],
        "prev_close": col("prev_close", float)[order],
        "pct_chg": col("pct_chg", float)[order],
        "limit_price": np.where(is_down, limit_down, limit_up)[order],
        "kind": kind[order],
        "state": col("state", object)[order],
        "streak": streak[order],
        "prev_streak": prev_streak[order],
        "first_seal": pd.Series(first[order], dtype=object),
        "last_seal": pd.Series(last[order], dtype=object),
        "opens": pd.Series(opens[order], dtype=object),
        "resealed": pd.Series(resealed[order], dtype=object),
        "amount": amount[order],
    })
    out.attrs.update(date=day, time=t, source=source)
    return out
