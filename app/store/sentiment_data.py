"""Sentiment inputs and report of one stored session minute (composes queries + app.market.sentiment).

Point in time: the cross-section is the snapshot of the shown minute (``review.enriched_at``), the
seal times come from the minute panel up to that minute, and the daily history is read strictly
before the date, so a replayed 10:30 sees neither the close nor the day's daily bar. Board
membership is the one as of the session date. A date with only daily bars is shown at 15:00 from
them (no seal times, no auction).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from app.market.calendar import as_iso
from app.market.limits import price_to_fen_array
from app.market.seals import seal_times
from app.market.sentiment import (SentimentInputs, compute_sentiment, past_sessions,
                                  sentiment_dict)
from app.market.sentiment.auction import AUCTION_SLOT
from app.market.sentiment.breadth_ext import BreadthBase, breadth_base
from app.market.sentiment.promotion import yesterday_streak
from app.market.session import CLOSE_TIME, normalise_time, session_minutes
from app.market.streaks import daily_limit_flags, streaks
from app.store import codec, compact_daily, queries
from app.store.day_level import day_level
from app.store.review import SOURCE_QUOTES, daily_opens, enriched_at, panels_of

HISTORY_SESSIONS = 260          # daily sessions read before the date: MA200 / 250-day highs + margin
STREAK_WINDOW = 30              # sessions for the streaks; doubled while a streak reaches the edge
AUCTION_MIN_SHARE = 0.9         # share of 09:30 rows with last == open for it to be the auction print

_DAILY_COLS = ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume", "amount")


def _daily_before(conn: sqlite3.Connection, day: str, sessions: int) -> pd.DataFrame:
    """Daily bars of the last ``sessions`` stored dates before ``day``, date as 'YYYY-MM-DD'.

    One range of the ``daily_bars`` key (day-major), whatever the table's length.
    """
    dates = queries.daily_dates(conn)
    before = [d for d in dates if d < day][-sessions:]
    if not before:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("date", "symbol") else float)
                             for c in _DAILY_COLS})
    lo, hi = codec.day_of(before[0]), codec.day_of(day) - 1
    df = compact_daily.frame(conn, compact_daily.rows_between(conn, lo, hi), order="date")
    df = df[list(_DAILY_COLS)]
    df["open"] = np.nan     # open only tells a 一字 bar, which the history does not need
    for c in _DAILY_COLS[2:]:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    df["date"] = df["date"].astype(object)
    df["symbol"] = df["symbol"].astype(object)
    return df


def _panels(conn: sqlite3.Connection, day: str, symbols: list[str], upto: str
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(last, high) panels time × symbol up to ``upto`` for a few stocks, one indexed query."""
    return panels_of(conn, day, symbols, upto)


def _has_slot(conn: sqlite3.Connection, day: str, time: str) -> bool:
    slot = queries.upto_slot(time)
    if slot < 0 or session_minutes()[slot] != normalise_time(time):
        return False
    a, b = codec.slot_range(codec.day_of(day), slot, slot)
    return conn.execute("SELECT 1 FROM quote_minutes WHERE id BETWEEN ? AND ? LIMIT 1",
                        (a, b)).fetchone() is not None


def _auction(conn: sqlite3.Connection, day: str) -> tuple[pd.DataFrame | None, str | None]:
    """The 09:30 opening-auction print, or (None, why not)."""
    if not _has_slot(conn, day, AUCTION_SLOT):
        return None, f"no {AUCTION_SLOT} opening-auction snapshot on {day}"
    q = queries.quotes_at(conn, day, AUCTION_SLOT)
    last = pd.to_numeric(q["last"], errors="coerce").to_numpy(dtype=float)
    opn = pd.to_numeric(q["open"], errors="coerce").to_numpy(dtype=float)
    live = np.isfinite(last) & (last > 0) & np.isfinite(opn) & (opn > 0)
    if not live.any():
        return None, f"the {AUCTION_SLOT} snapshot of {day} has no prices"
    same = price_to_fen_array(last[live]) == price_to_fen_array(opn[live])
    if same.mean() < AUCTION_MIN_SHARE:
        return None, (f"the {AUCTION_SLOT} snapshot of {day} is not an auction print "
                      f"(last = open for only {same.mean():.0%} of stocks)")
    return q, None


def _streak_base(history: pd.DataFrame, day: str, static: pd.DataFrame) -> pd.DataFrame:
    """``app.market.streaks.streaks`` as of the session before ``day`` (prev_streak, last_date per
    symbol): it does not change within the session, and a minute's streak is prev_streak + 1
    where the stock is at limit-up then. The window doubles while a streak reaches its start and
    the history holds more."""
    state = pd.DataFrame({"at_limit_up": pd.Series(dtype=bool),
                          "at_limit_down": pd.Series(dtype=bool)})
    dates = sorted(str(d) for d in pd.unique(history["date"])) if len(history) else []
    days = STREAK_WINDOW
    while True:
        window = history
        if len(dates) > days:
            window = history[(history["date"] >= dates[-days]).to_numpy(dtype=bool)]
        result = streaks(window, day, static, today=state)
        if not result["truncated"].any() or days >= len(dates):
            return result
        days *= 2


@dataclass(frozen=True)
class SentimentBase:
    """What stays the same through a session: the daily history before the date, its limit flags
    and per-session gauge inputs, static attributes and board membership as of the date. A viewer
    builds it once per session date and passes it for every minute."""

    date: str
    static: pd.DataFrame
    history: pd.DataFrame
    flags: pd.DataFrame
    past: pd.DataFrame
    prev_date: str | None
    membership: pd.DataFrame
    streak_base: pd.DataFrame
    breadth: BreadthBase


def sentiment_base(conn: sqlite3.Connection, date: str,
                   sessions: int = HISTORY_SESSIONS) -> SentimentBase:
    day = as_iso(date)
    static = queries.stocks(conn, day)
    history = _daily_before(conn, day, sessions)
    flags = daily_limit_flags(history, static)
    prev_date = str(max(pd.unique(history["date"]))) if len(history) else None
    return SentimentBase(date=day, static=static, history=history, flags=flags,
                         past=past_sessions(history, flags), prev_date=prev_date,
                         membership=queries.sector_membership(conn, day),
                         streak_base=_streak_base(history, day, static),
                         breadth=breadth_base(history[["date", "symbol", "close", "prev_close",
                                                       "volume"]]))


def sentiment_inputs(conn: sqlite3.Connection, date: str, time: str | None = None,
                     *, base: SentimentBase | None = None) -> SentimentInputs:
    """The ``SentimentInputs`` of ``date`` at ``time`` (default: the last snapshot).

    ``base`` is ``sentiment_base(conn, date)``, cached by a caller showing many minutes of one
    session (reading a year of daily bars is most of the cost). Raises
    ``app.store.review.NoSessionData`` (a LookupError) when the store has nothing for the date or
    the time is before its first snapshot.
    """
    day = as_iso(date)
    if base is None or base.date != day:
        base = sentiment_base(conn, day)
    static, history, prev_date = base.static, base.history, base.prev_date
    frame, t, source = enriched_at(conn, day, time, static)
    notes: list[str] = []
    if prev_date is None:
        notes.append("no daily history before the date: no streaks, promotion or gauge")

    live = ~frame["suspended"].to_numpy(dtype=bool)
    state = pd.DataFrame({"at_limit_up": frame["at_limit_up"].to_numpy(dtype=bool) & live,
                          "at_limit_down": frame["at_limit_down"].to_numpy(dtype=bool) & live},
                         index=frame.index)
    sb = base.streak_base.reindex(frame.index)
    today = frame.copy()
    before = sb["prev_streak"].fillna(0).to_numpy(dtype=np.int64)
    today["streak"] = np.where(state["at_limit_up"].to_numpy(), before + 1, 0).astype(np.int64)
    today["prev_streak"] = yesterday_streak(sb, prev_date).fillna(0).astype(np.int64)
    today["first_seal"] = pd.Series(None, index=today.index, dtype=object)
    today["opens"] = np.nan
    today["resealed"] = False

    auction = None
    if source == SOURCE_QUOTES and day_level(conn, day).seal_times_known:
        near = (today["touched_up"].to_numpy(dtype=bool) | state["at_limit_up"].to_numpy()) & live
        syms = list(today.index[near])
        if syms:
            last, high = _panels(conn, day, syms, t)
            rows = today.loc[syms]
            s = seal_times(last, rows["limit_up"], rows["limit_down"], rows["open"], upto=t,
                           high=high).reindex(syms)
            first = s["first_seal"].where(s["first_seal"].notna(), s["first_touch"])
            today.loc[syms, "first_seal"] = first.astype(object).to_numpy()
            today.loc[syms, "opens"] = s["opens"].fillna(0).to_numpy(dtype=float)
            today.loc[syms, "resealed"] = (state.loc[syms, "at_limit_up"].to_numpy()
                                           & (s["opens"].fillna(0).to_numpy() > 0))
        auction, why = _auction(conn, day)
        if why:
            notes.append(why)
    else:
        notes.append("daily bars only (or one snapshot at the close): no seal times, "
                     "no opening auction")
        # 一字 / T字 / 炸板 still say whether a board opened (app.market.data_level).
        pos = np.flatnonzero((state["at_limit_up"].to_numpy() | today["touched_up"].to_numpy(
            dtype=bool)) & live)
        if len(pos):
            opens, resealed = daily_opens(today, pos, np.zeros(len(pos), dtype=bool))
            today.iloc[pos, today.columns.get_loc("opens")] = [
                np.nan if o is None else float(o) for o in opens]
            today.iloc[pos, today.columns.get_loc("resealed")] = [bool(r) for r in resealed]

    final = t == CLOSE_TIME
    prior_turnover: float | None = None
    if prev_date is not None:
        if final:
            on_prev = history[(history["date"] == prev_date).to_numpy(dtype=bool)]
            prior_turnover = float(on_prev["amount"].fillna(0).sum())
        elif _has_slot(conn, prev_date, t):
            prior_turnover = float(pd.to_numeric(queries.quotes_at(conn, prev_date, t)["amount"],
                                                 errors="coerce").fillna(0).sum())
        else:
            notes.append(f"no snapshot of {prev_date} at {t}: turnover change unknown")
    return SentimentInputs(date=day, time=t, source=source, prev_date=prev_date, today=today,
                           history=history, flags=base.flags, membership=base.membership,
                           auction=auction, prior_turnover=prior_turnover, final=final,
                           notes=tuple(notes), past=base.past, breadth_base=base.breadth,
                           prev_streaks=yesterday_streak(base.streak_base, prev_date))


def sentiment_report(conn: sqlite3.Connection, date: str, time: str | None = None,
                     *, base: SentimentBase | None = None) -> dict[str, Any]:
    """``tidemark report sentiment --json``: a JSON-safe dict (see app.market.sentiment)."""
    t = normalise_time(time) if time else None
    return sentiment_dict(compute_sentiment(sentiment_inputs(conn, date, t, base=base)))
