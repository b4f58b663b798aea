"""A price line cut where it crosses the previous close, so it is red above and green below."""

from __future__ import annotations

import numpy as np


def split_at_base(x: np.ndarray, y: np.ndarray, base: float
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut a polyline where it crosses ``base``.

    Returns ``(x2, above, below)``: the crossing points are inserted (at y == base) and ``above``
    holds y where y >= base (NaN elsewhere), ``below`` y where y <= base, so two curves drawn with
    ``connect='finite'`` colour the line red above the previous close and green below, switching
    exactly at the base line.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size < 2:
        above = np.where(y >= base, y, np.nan)
        below = np.where(y <= base, y, np.nan)
        return x.copy(), above, below
    d = y - base
    cross = np.flatnonzero((d[:-1] * d[1:] < 0) & np.isfinite(d[:-1]) & np.isfinite(d[1:]))
    t = d[cross] / (d[cross] - d[cross + 1])
    xc = x[cross] + t * (x[cross + 1] - x[cross])
    x2 = np.insert(x, cross + 1, xc)
    y2 = np.insert(y, cross + 1, np.full(cross.size, base))
    with np.errstate(invalid="ignore"):
        above = np.where(y2 >= base, y2, np.nan)
        below = np.where(y2 <= base, y2, np.nan)
    return x2, above, below
