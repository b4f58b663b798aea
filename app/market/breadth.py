"""Breadth of a cross-section: counts, the 11-bucket distribution and equal- vs cap-weighted moves.

Limit buckets are decided by exact price (the board- and date-aware limit), the rest by % change.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd

# Bucket edges in one place: (label, lower exclusive, upper inclusive) in % change; the flat bucket
# is exact equality in fen, and the two limit buckets come from limit states, not from %.
BUCKET_LIMIT_UP = "涨停"
BUCKET_FLAT = "平"
BUCKET_LIMIT_DOWN = "跌停"
PCT_BUCKETS: tuple[tuple[str, float, float], ...] = (
    (">7%", 7.0, np.inf),
    ("5~7%", 5.0, 7.0),
    ("3~5%", 3.0, 5.0),
    ("0~3%", 0.0, 3.0),
    ("0~-3%", -3.0, 0.0),
    ("-3~-5%", -5.0, -3.0),
    ("-5~-7%", -7.0, -5.0),
    ("<-7%", -np.inf, -7.0),
)
BUCKET_ORDER: tuple[str, ...] = (
    BUCKET_LIMIT_UP, ">7%", "5~7%", "3~5%", "0~3%", BUCKET_FLAT,
    "0~-3%", "-3~-5%", "-5~-7%", "<-7%", BUCKET_LIMIT_DOWN,
)


@dataclass(frozen=True)
class BreadthCounts:
    stocks: int
    up: int
    down: int
    flat: int
    suspended: int
    limit_up: int
    limit_down: int
    broken: int
    turnover_yuan: float          # NaN when the data holds no 成交额
    buckets: dict[str, int] = field(default_factory=dict)
    mean_pct: float = float("nan")
    median_pct: float = float("nan")
    cap_weighted_pct: float = float("nan")

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def bucket_counts(enriched: pd.DataFrame) -> dict[str, int]:
    """Counts per BUCKET_ORDER label over trading (non-suspended) stocks."""
    live = enriched[~enriched["suspended"].to_numpy(dtype=bool)]
    at_up = live["at_limit_up"].to_numpy(dtype=bool)
    at_down = live["at_limit_down"].to_numpy(dtype=bool)
    move = live["move_fen"].to_numpy()
    pct = live["pct_chg"].to_numpy(dtype=float)
    rest = ~at_up & ~at_down
    counts = {BUCKET_LIMIT_UP: int(at_up.sum()), BUCKET_LIMIT_DOWN: int(at_down.sum()),
              BUCKET_FLAT: int((rest & (move == 0)).sum())}
    for label, lo, hi in PCT_BUCKETS:
        if lo >= 0:   # rising side: (lo, hi], strictly above flat
            sel = rest & (move > 0) & (pct > lo) & (pct <= hi)
        else:         # falling side: [lo, hi), strictly below flat
            sel = rest & (move < 0) & (pct >= lo) & (pct < hi)
        counts[label] = int(sel.sum())
    return {k: counts[k] for k in BUCKET_ORDER}


def breadth_counts(enriched: pd.DataFrame) -> BreadthCounts:
    """Up/down/flat/suspended and limit counts of an ``enrich``-ed cross-section."""
    susp = enriched["suspended"].to_numpy(dtype=bool)
    move = enriched["move_fen"].to_numpy()
    live = ~susp
    pct = enriched["pct_chg"].to_numpy(dtype=float)[live]
    cap = enriched["float_cap"].to_numpy(dtype=float)[live]
    amount = pd.to_numeric(enriched["amount"], errors="coerce").to_numpy(dtype=float)
    # Unknown when no trading stock has an amount (a file with a blank 成交额): NaN, never 0.
    known = np.isfinite(amount) & live
    turnover = float(np.nansum(amount)) if known.any() else float("nan")
    ok = np.isfinite(cap) & (cap > 0) & np.isfinite(pct)
    capw = float(np.sum(pct[ok] * cap[ok]) / np.sum(cap[ok])) if ok.any() else float("nan")
    return BreadthCounts(
        stocks=int(len(enriched)),
        up=int((live & (move > 0)).sum()),
        down=int((live & (move < 0)).sum()),
        flat=int((live & (move == 0)).sum()),
        suspended=int(susp.sum()),
        limit_up=int(enriched["at_limit_up"].to_numpy(dtype=bool).sum()),
        limit_down=int(enriched["at_limit_down"].to_numpy(dtype=bool).sum()),
        broken=int((enriched["state"].to_numpy() == "broken").sum()),
        turnover_yuan=turnover,
        buckets=bucket_counts(enriched),
        mean_pct=float(np.nanmean(pct)) if len(pct) else float("nan"),
        median_pct=float(np.nanmedian(pct)) if len(pct) else float("nan"),
        cap_weighted_pct=capw,
    )
