"""昨日涨停今日表现: how the previous session's limit-ups (and broken boards) trade today.

Groups, from the previous session's daily bars (``app.market.streaks.daily_limit_flags``):

- ``first`` 首板: closed at limit-up with streak 1;
- ``multi`` 连板: closed at limit-up with streak ≥ 2;
- ``all`` 昨日涨停: first + multi (its mean is the "yesterday's premium" of the gauge);
- ``broken`` 昨日炸板: reached limit-up but closed below it.

Per group: members, how many trade today, mean and median % change today (at the shown minute),
how many are up, and how many stand at or below ``BIG_DROP_PCT`` (大面). A member suspended today
has no change and counts only in ``n``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BIG_DROP_PCT = -5.0     # the one place the "closing ≤ −5 %" threshold lives

GROUP_FIRST = "first"
GROUP_MULTI = "multi"
GROUP_ALL = "all"
GROUP_BROKEN = "broken"
GROUP_ORDER: tuple[str, ...] = (GROUP_FIRST, GROUP_MULTI, GROUP_ALL, GROUP_BROKEN)
GROUP_LABELS: dict[str, str] = {GROUP_FIRST: "首板", GROUP_MULTI: "连板", GROUP_ALL: "昨日涨停",
                                GROUP_BROKEN: "昨日炸板"}

PERFORMANCE_COLUMNS: tuple[str, ...] = ("group", "n", "traded", "mean_pct", "median_pct", "up",
                                        "big_drop")


def yesterday_groups(prev_day: pd.DataFrame) -> dict[str, pd.Index]:
    """Symbols per group from the previous session's rows.

    ``prev_day`` is indexed by symbol with booleans sealed, touched_up and the streak as of that
    day (``streak``; 1 = 首板).
    """
    sealed = prev_day["sealed"].fillna(False).to_numpy(dtype=bool)
    touched = prev_day["touched_up"].fillna(False).to_numpy(dtype=bool)
    streak = pd.to_numeric(prev_day["streak"], errors="coerce").fillna(0).to_numpy()
    idx = prev_day.index
    return {
        GROUP_FIRST: idx[sealed & (streak <= 1)],
        GROUP_MULTI: idx[sealed & (streak >= 2)],
        GROUP_ALL: idx[sealed],
        GROUP_BROKEN: idx[touched & ~sealed],
    }


def yesterday_performance(groups: dict[str, pd.Index], today_pct: pd.Series,
                          big_drop_pct: float = BIG_DROP_PCT) -> pd.DataFrame:
    """``PERFORMANCE_COLUMNS`` per group in ``GROUP_ORDER``.

    ``today_pct`` is today's % change by symbol (NaN or absent: not trading today).
    """
    pct = pd.to_numeric(today_pct, errors="coerce")
    rows = []
    for key in GROUP_ORDER:
        members = groups.get(key, pd.Index([]))
        v = pct.reindex(members).to_numpy(dtype=float)
        v = v[np.isfinite(v)]
        rows.append({
            "group": key,
            "n": int(len(members)),
            "traded": int(len(v)),
            "mean_pct": float(v.mean()) if len(v) else float("nan"),
            "median_pct": float(np.median(v)) if len(v) else float("nan"),
            "up": int((v > 0).sum()),
            "big_drop": int((v <= big_drop_pct).sum()),
        })
    return pd.DataFrame(rows, columns=list(PERFORMANCE_COLUMNS))
