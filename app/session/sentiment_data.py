"""Sentiment inputs and report of one stored session minute (store reads + app.market.sentiment).

Point in time: the cross-section is the snapshot of the shown minute (``review.enriched_at``), the
seal times come from the minute panel up to that minute, and the daily history is read strictly
before the date, so a replayed 10:30 sees neither the close nor the day's daily bar. Board
membership is the one as of the session date. A date with only daily bars is shown at 15:00 from
them (no seal times, no auction).
"""

from __future__ import annotations

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
from app.market.session import CLOSE_TIME, normalise_time
from app.market.streaks import daily_limit_flags, streaks
from app.session.day_level import day_level
from app.session.review import SOURCE_QUOTES, daily_opens, enriched_at
from app.session.source import SessionStore

HISTORY_SESSIONS = 260          # daily sessions read before the date: MA200 / 250-day highs + margin
STREAK_WINDOW = 30              # sessions for the streaks; doubled while a streak reaches the edge
AUCTION_MIN_SHARE = 0.9         # share of 09:30 rows with last == open for it to be the auction print

def _auction(store: SessionStore, day: str) -> tuple[pd.DataFrame | None, str | None]:
    """The 09:30 opening-auction print, or (None, why not)."""
    if not store.has_minute(day, AUCTION_SLOT):
        return None, f"no {AUCTION_SLOT} opening-auction snapshot on {day}"
    q = store.quotes_at(day, AUCTION_SLOT)
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


def sentiment_base(store: SessionStore, date: str,
                   sessions: int = HISTORY_SESSIONS) -> SentimentBase:
    day = as_iso(date)
    static = store.stocks(day)
    history = store.daily_before(day, sessions)
    flags = daily_limit_flags(history, static)
    prev_date = str(max(pd.unique(history["date"]))) if len(history) else None
    return SentimentBase(date=day, static=static, history=history, flags=flags,
                         past=past_sessions(history, flags), prev_date=prev_date,
                         membership=store.sector_membership(day),
                         streak_base=_streak_base(history, day, static),
                         breadth=breadth_base(history[["date", "symbol", "close", "prev_close",
                                                       "volume"]]))


def sentiment_inputs(store: SessionStore, date: str, time: str | None = None,
                     *, base: SentimentBase | None = None) -> SentimentInputs:
    """The ``SentimentInputs`` of ``date`` at ``time`` (default: the last snapshot).

    ``base`` is ``sentiment_base(store, date)``, cached by a caller showing many minutes of one
    session (reading a year of daily bars is most of the cost). Raises
    ``app.session.review.NoSessionData`` (a LookupError) when the store has nothing for the date or
    the time is before its first snapshot.
    """
    day = as_iso(date)
    if base is None or base.date != day:
        base = sentiment_base(store, day)
    static, history, prev_date = base.static, base.history, base.prev_date
    frame, t, source = enriched_at(store, day, time, static)
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
    if source == SOURCE_QUOTES and day_level(store, day).seal_times_known:
        near = (today["touched_up"].to_numpy(dtype=bool) | state["at_limit_up"].to_numpy()) & live
        syms = list(today.index[near])
        if syms:
            last, high = store.panels(day, syms, t)
            rows = today.loc[syms]
            s = seal_times(last, rows["limit_up"], rows["limit_down"], rows["open"], upto=t,
                           high=high).reindex(syms)
            first = s["first_seal"].where(s["first_seal"].notna(), s["first_touch"])
            today.loc[syms, "first_seal"] = first.astype(object).to_numpy()
            today.loc[syms, "opens"] = s["opens"].fillna(0).to_numpy(dtype=float)
            today.loc[syms, "resealed"] = (state.loc[syms, "at_limit_up"].to_numpy()
                                           & (s["opens"].fillna(0).to_numpy() > 0))
        auction, why = _auction(store, day)
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
        elif store.has_minute(prev_date, t):
            prior_turnover = float(pd.to_numeric(store.quotes_at(prev_date, t)["amount"],
                                                 errors="coerce").fillna(0).sum())
        else:
            notes.append(f"no snapshot of {prev_date} at {t}: turnover change unknown")
    return SentimentInputs(date=day, time=t, source=source, prev_date=prev_date, today=today,
                           history=history, flags=base.flags, membership=base.membership,
                           auction=auction, prior_turnover=prior_turnover, final=final,
                           notes=tuple(notes), past=base.past, breadth_base=base.breadth,
                           prev_streaks=yesterday_streak(base.streak_base, prev_date))


def sentiment_report(store: SessionStore, date: str, time: str | None = None,
                     *, base: SentimentBase | None = None) -> dict[str, Any]:
    """``tidemark report sentiment --json``: a JSON-safe dict (see app.market.sentiment)."""
    t = normalise_time(time) if time else None
    return sentiment_dict(compute_sentiment(sentiment_inputs(store, date, t, base=base)))
