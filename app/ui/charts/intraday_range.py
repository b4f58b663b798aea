"""The intraday price pane's y range in steps of the previous close, set only when it changes.

The y ranges move in steps, not with every new high or low: a minute that stays inside the range
repaints only the curves, not the axes and grid (a scrub step or a live minute paints less).
"""

from __future__ import annotations

import math

import pyqtgraph as pg

# Room beyond the step for the label of a tick on it: at 3 % the +2.00 % tick sat 4 px under the
# top edge and pyqtgraph dropped its left (price) label as not fitting; 6 % is ~half a label.
EDGE_ROOM = 1.06
_PCT_STEPS = ((1.0, 0.1), (3.0, 0.25), (6.0, 0.5), (math.inf, 1.0))   # (below %, step %)


def stable_half_range(half: float, base: float) -> float:
    """``half`` rounded up to a step of the base: 0.1 % under 1 %, 0.25 % under 3 %, 0.5 % under
    6 %, whole per cent beyond."""
    if not (math.isfinite(half) and math.isfinite(base)) or base == 0 or half <= 0:
        return half
    pct = half / abs(base) * 100.0
    step = next(s for limit, s in _PCT_STEPS if pct < limit)
    return math.ceil(pct / step - 1e-9) * step * abs(base) / 100.0


def set_y_range(plot: pg.PlotItem, y: tuple[float, float]) -> None:
    box = plot.getViewBox()
    lo, hi = box.viewRange()[1]
    if not (math.isclose(lo, y[0], rel_tol=1e-12, abs_tol=1e-12)
            and math.isclose(hi, y[1], rel_tol=1e-12, abs_tol=1e-12)):
        box.setYRange(*y, padding=0)
