"""The equal-weight (不含加权) line of an index: its constituents' mean change, in index points.

Terminals draw it as the second line of an index's 分时 chart (the 领先指标 beside the weighted
index): every constituent counts the same, so when it runs above the index the small stocks lead
and when it runs below the heavy weights carry the index. At each minute

    level = index prev close × (1 + mean over trading constituents of (last / prev close − 1))

A constituent without a price at that minute (suspended, not yet traded, no row) is left out of
the mean; a minute where none has a price is NaN. Pure numpy: a row per minute, a column per
constituent.
"""

from __future__ import annotations

import numpy as np


def member_changes(last: np.ndarray, prev_close: np.ndarray) -> np.ndarray:
    """(minutes × members) relative changes ``last / prev_close − 1``, NaN where either price is
    missing or not positive."""
    last = np.asarray(last, dtype=np.float64)
    prev = np.asarray(prev_close, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        ok = np.isfinite(last) & np.isfinite(prev) & (last > 0) & (prev > 0)
        return np.where(ok, last / np.where(ok, prev, 1.0) - 1.0, np.nan)


def equal_weight_level(last: np.ndarray, prev_close: np.ndarray, index_prev_close: float
                       ) -> np.ndarray:
    """Per minute (row), the equal-weight level in index points (NaN where no member trades)."""
    change = member_changes(last, prev_close)
    if change.ndim == 1:
        change = change[None, :]
    n = np.sum(np.isfinite(change), axis=1)
    total = np.nansum(change, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, total / np.maximum(n, 1), np.nan)
    return float(index_prev_close) * (1.0 + mean)
