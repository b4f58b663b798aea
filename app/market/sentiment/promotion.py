"""连板晋级率 per tier, and 封板率 / 炸板率, on counts of stocks matched by symbol.

- rate(N→N+1) = stocks that were N-board on the previous session and are (N+1)-board now
  ÷ stocks that were N-board on the previous session and trade today. Tiers 1→2, 2→3, 3→4 and
  ≥4 (N ≥ 4 promoted to N + 1). A previous-session N-board suspended today is left out of the
  base (it could not trade) and counted in ``suspended``.
- "N-board on the previous session" means the stock's streak as of that session; a stock whose
  last traded day before today is older (suspended on the previous session) is not in any tier
  (``yesterday_streak``).
- 封板率 = stocks at limit-up ÷ stocks that touched limit-up (at the minute: the high so far
  reached it); 炸板率 = 1 − 封板率 = broken ÷ touched. NaN when nothing touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# (label, lowest N, highest N or None for open-ended)
TIERS: tuple[tuple[str, int, int | None], ...] = (
    ("1→2", 1, 1),
    ("2→3", 2, 2),
    ("3→4", 3, 3),
    ("≥4", 4, None),
)
TIER_ALL = "all"

PROMOTION_COLUMNS: tuple[str, ...] = ("tier", "from_min", "from_max", "base", "promoted", "rate",
                                      "suspended")


def yesterday_streak(streak_frame: pd.DataFrame, prev_date: str | None) -> pd.Series:
    """Each stock's streak as of the previous session ``prev_date``.

    ``streak_frame`` is ``app.market.streaks.streaks`` output (prev_streak, last_date). A stock
    whose latest traded day before today is not ``prev_date`` gets 0; so does every stock when
    ``prev_date`` is None.
    """
    prev = streak_frame["prev_streak"].fillna(0).astype(np.int64)
    if prev_date is None:
        return prev * 0
    on_prev = streak_frame["last_date"].astype(object).to_numpy() == prev_date
    return pd.Series(np.where(on_prev, prev.to_numpy(), 0), index=streak_frame.index,
                     dtype=np.int64, name="prev_streak")


def promotion_rates(prev_streak: pd.Series, streak: pd.Series,
                    traded: pd.Series | None = None) -> pd.DataFrame:
    """Promotion per tier plus an ``all`` row (every previous-session limit-up).

    Parameters
    ----------
    prev_streak
        Streak as of the previous session, by symbol (0 / absent: not a limit-up then).
    streak
        Streak now, by symbol (0 / absent: not at limit-up now).
    traded
        Boolean by symbol: the stock trades today (not suspended). Default: every symbol in
        ``streak``'s index trades.

    Returns
    -------
    DataFrame with ``PROMOTION_COLUMNS``, one row per ``TIERS`` entry then ``all``; rate is NaN
    where the base is 0.
    """
    prev = pd.to_numeric(prev_streak, errors="coerce").fillna(0).astype(np.int64)
    prev = prev[prev > 0]
    now = pd.to_numeric(streak, errors="coerce").reindex(prev.index).fillna(0).astype(np.int64)
    if traded is None:
        trades = prev.index.isin(streak.index)
    else:
        trades = traded.reindex(prev.index).fillna(False).to_numpy(dtype=bool)
    p = prev.to_numpy()
    promoted = trades & (now.to_numpy() == p + 1)
    rows = []
    for label, lo, hi in (*TIERS, (TIER_ALL, 1, None)):
        in_tier = (p >= lo) & ((p <= hi) if hi is not None else True)
        base = int((in_tier & trades).sum())
        up = int((in_tier & promoted).sum())
        rows.append({"tier": label, "from_min": lo, "from_max": hi, "base": base, "promoted": up,
                     "rate": up / base if base else float("nan"),
                     "suspended": int((in_tier & ~trades).sum())})
    out = pd.DataFrame(rows, columns=list(PROMOTION_COLUMNS))
    out["from_max"] = pd.Series([r["from_max"] for r in rows], dtype=object)
    return out


@dataclass(frozen=True)
class SealRates:
    """封板率 and 炸板率 on counts of stocks (not of seal openings)."""

    limit_up: int        # at limit-up now
    touched: int         # reached limit-up today (so far), sealed or not
    broken: int          # touched and not at limit-up now (炸板)

    @property
    def seal_rate(self) -> float:
        return self.limit_up / self.touched if self.touched else float("nan")

    @property
    def break_rate(self) -> float:
        return self.broken / self.touched if self.touched else float("nan")


def seal_rates(today: pd.DataFrame) -> SealRates:
    """From an enriched cross-section (at_limit_up, touched_up, suspended)."""
    live = ~today["suspended"].fillna(False).to_numpy(dtype=bool) if "suspended" in today else \
        np.ones(len(today), dtype=bool)
    at_up = today["at_limit_up"].fillna(False).to_numpy(dtype=bool) & live
    touched = (today["touched_up"].fillna(False).to_numpy(dtype=bool) | at_up) & live
    return SealRates(limit_up=int(at_up.sum()), touched=int(touched.sum()),
                     broken=int((touched & ~at_up).sum()))
