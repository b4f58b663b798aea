"""换手率 (turnover rate) and 量比 (volume ratio) of a cross-section, as the terminals define them.

- 换手 = cumulative volume so far ÷ float shares, in percent.
- 量比 = (volume so far ÷ minutes traded so far) ÷ (average daily volume of the previous 5
  sessions ÷ 240).

Minutes traded, on the 241-slot grid of ``app.market.session`` (end-labelled): the 09:30 print is
the opening auction and counts as the first minute, and the 09:31 bar (which the terminals' first
1-minute bar merges with the auction) is still that first minute. So slot ``i`` has traded
``max(i, 1)`` minutes: 09:30 → 1, 09:31 → 1, 10:00 → 30, 11:30 → 120, 13:01 → 121,
15:00 → 240, and at the close 量比 is today's volume over the 5-session average, as a daily file
gives it. A day known only from its daily bar counts 240 minutes.

The previous sessions are the stored market sessions before the day (at most 5); a stock's average
is over those of its bars with volume (a suspended day is not a session it traded), and how many
went into it is kept so that "fewer than 5" can be said. Missing data is NaN with a reason code,
never 0. Pure numpy/pandas: the loader reads the history, the tree shows the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.market.session import SLOTS, slot_of

FULL_DAY_MINUTES = 240
PRIOR_SESSIONS = 5

# Why a value is missing (per stock, int8).
OK = 0
SUSPENDED = 1
NO_VOLUME = 2       # no volume for the stock in the store
NO_FLOAT = 3        # 换手: no float shares in the store
NO_HISTORY = 4      # 量比: no earlier daily bar with volume


def minutes_traded(time: str | None) -> int:
    """Minutes of trading up to the end-labelled slot ``time`` (None: a daily-only day, 240)."""
    if time is None:
        return FULL_DAY_MINUTES
    return max(min(slot_of(time), SLOTS - 1), 1)


def turnover_rate(volume: np.ndarray, float_shares: np.ndarray) -> np.ndarray:
    """换手 in percent: NaN where the volume is unknown or the float shares are unknown or ≤ 0."""
    v = np.asarray(volume, dtype=float)
    f = np.asarray(float_shares, dtype=float)
    ok = np.isfinite(v) & np.isfinite(f) & (f > 0)
    out = np.full(len(v), np.nan)
    np.divide(v * 100.0, f, out=out, where=ok)
    return out


def volume_ratio(volume: np.ndarray, minutes: int, average: np.ndarray) -> np.ndarray:
    """量比: NaN where the volume or the prior average is unknown or the average is ≤ 0."""
    v = np.asarray(volume, dtype=float)
    a = np.asarray(average, dtype=float)
    ok = np.isfinite(v) & np.isfinite(a) & (a > 0) & (minutes > 0)
    out = np.full(len(v), np.nan)
    np.divide(v * FULL_DAY_MINUTES, a * max(int(minutes), 1), out=out, where=ok)
    return out


@dataclass(frozen=True, eq=False)
class PriorVolume:
    """Each stock's average daily volume over the sessions before a day (read once a session)."""

    average: pd.Series       # by symbol, shares; only stocks with at least one bar with volume
    sessions: pd.Series      # by symbol, how many bars went into the average (1..5)
    window: int              # market sessions stored before the day (0..5)

    @classmethod
    def empty(cls) -> PriorVolume:
        return cls(pd.Series(dtype=float), pd.Series(dtype=np.int64), 0)


def prior_volume(history: pd.DataFrame, day: str, sessions: int = PRIOR_SESSIONS) -> PriorVolume:
    """The average of ``history`` (long: date, symbol, volume) over the last ``sessions`` dates
    strictly before ``day``; a bar without volume (suspended, blank) is left out."""
    if history is None or history.empty:
        return PriorVolume.empty()
    dates = pd.Series(history["date"].astype(str).unique())
    window = sorted(d for d in dates if d < day)[-sessions:]
    if not window:
        return PriorVolume.empty()
    h = history[history["date"].astype(str).isin(window)]
    vol = pd.to_numeric(h["volume"], errors="coerce")
    h = h.assign(volume=vol)[vol.notna() & (vol > 0)]
    grouped = h.groupby("symbol")["volume"]
    return PriorVolume(grouped.mean().astype(float), grouped.size().astype(np.int64), len(window))


@dataclass(frozen=True, eq=False)
class Activity:
    """One minute's 换手 and 量比 per stock, aligned with ``symbols`` (the enriched frame's index)."""

    symbols: pd.Index
    turnover: np.ndarray        # 换手 %, NaN when missing
    ratio: np.ndarray           # 量比, NaN when missing
    turnover_why: np.ndarray    # int8 reason codes (OK when there is a value)
    ratio_why: np.ndarray
    sessions: np.ndarray        # int64 prior sessions in the average (0: none)
    volume: np.ndarray          # shares so far (tooltips show the sums)
    float_shares: np.ndarray
    average: np.ndarray         # prior average daily volume, shares
    minutes: int                # minutes traded so far
    window: int                 # market sessions stored before the day (0..5)


def activity(frame: pd.DataFrame, prior: PriorVolume | None, minutes: int) -> Activity:
    """换手 and 量比 of every stock in ``frame`` (volume, float_shares, suspended columns)."""
    n = len(frame)

    def floats(col: str) -> np.ndarray:
        if col not in frame.columns:
            return np.full(n, np.nan)
        return pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)

    volume, shares = floats("volume"), floats("float_shares")
    suspended = (frame["suspended"].to_numpy(dtype=bool) if "suspended" in frame.columns
                 else np.zeros(n, dtype=bool))
    prior = prior if prior is not None else PriorVolume.empty()
    pos = prior.average.index.get_indexer(frame.index) if len(prior.average) else np.full(n, -1)
    have = pos >= 0
    average = np.where(have, prior.average.to_numpy(dtype=float)[np.maximum(pos, 0)]
                       if len(prior.average) else np.nan, np.nan)
    sessions = np.where(have, prior.sessions.to_numpy(dtype=np.int64)[np.maximum(pos, 0)]
                        if len(prior.sessions) else 0, 0).astype(np.int64)
    no_volume = ~np.isfinite(volume)
    turnover = np.where(suspended, np.nan, turnover_rate(volume, shares))
    ratio = np.where(suspended, np.nan, volume_ratio(volume, minutes, average))
    no_float = ~(np.isfinite(shares) & (shares > 0))
    turnover_why = np.select([suspended, no_volume, no_float], [SUSPENDED, NO_VOLUME, NO_FLOAT],
                             OK).astype(np.int8)
    ratio_why = np.select([suspended, no_volume, ~have], [SUSPENDED, NO_VOLUME, NO_HISTORY],
                          OK).astype(np.int8)
    return Activity(frame.index, turnover, ratio, turnover_why, ratio_why, sessions, volume,
                    shares, average, int(minutes), prior.window)


def aligned(value: Activity | None, symbols: pd.Index) -> Activity | None:
    """``value`` with its rows in the order of ``symbols``; None when it lacks one of them."""
    if value is None or value.symbols.equals(symbols):
        return value
    pos = value.symbols.get_indexer(symbols)
    if len(pos) and (pos < 0).any():
        return None
    return Activity(symbols, value.turnover[pos], value.ratio[pos], value.turnover_why[pos],
                    value.ratio_why[pos], value.sessions[pos], value.volume[pos],
                    value.float_shares[pos], value.average[pos], value.minutes, value.window)


__all__ = ["FULL_DAY_MINUTES", "NO_FLOAT", "NO_HISTORY", "NO_VOLUME", "OK", "PRIOR_SESSIONS",
           "SUSPENDED", "Activity", "PriorVolume", "activity", "aligned", "minutes_traded",
           "prior_volume", "turnover_rate", "volume_ratio"]
