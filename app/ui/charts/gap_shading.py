"""Minutes with no row inside a session's data: the lines break there and the span is shaded.

A collector that could not record some minutes (or a stock halted for part of the day) leaves
slots without rows between the first and the last; joining the line across them would draw prices
nobody traded at, so the chart inserts a break and greys the span instead.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

GAP_ALPHA = 40          # of 255: visible on the white and the dark theme without hiding the grid


def missing_runs(slots: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) slots of each run of missing slots between the rows' first and last slot."""
    s = np.asarray(slots, dtype=np.int64)
    if s.size < 2:
        return []
    jump = np.flatnonzero(np.diff(s) > 1)
    return [(int(s[i] + 1), int(s[i + 1] - 1)) for i in jump]


def with_breaks(x: np.ndarray, *ys: np.ndarray) -> tuple[np.ndarray, ...]:
    """x and each y with a NaN point inserted inside every missing run (``connect='finite'``
    curves then stop at the last row before it and start again at the first after it)."""
    x = np.asarray(x, dtype=np.float64)
    jump = np.flatnonzero(np.diff(x) > 1) + 1 if x.size > 1 else np.zeros(0, dtype=np.int64)
    if not jump.size:
        return (x, *[np.asarray(y, dtype=np.float64) for y in ys])
    mid = (x[jump - 1] + x[jump]) / 2
    out = [np.insert(x, jump, mid)]
    out += [np.insert(np.asarray(y, dtype=np.float64), jump, np.nan) for y in ys]
    return tuple(out)


class GapShading:
    """Grey spans over the missing runs in each of a chart's panes (rebuilt only when they change)."""

    def __init__(self, plots: list[pg.PlotItem], colour: str) -> None:
        self._plots = plots
        brush = QColor(colour)
        brush.setAlpha(GAP_ALPHA)
        self._brush = brush
        self._runs: list[tuple[int, int]] = []
        self._items: list[tuple[pg.PlotItem, pg.LinearRegionItem]] = []

    @property
    def runs(self) -> list[tuple[int, int]]:
        return list(self._runs)

    def show(self, runs: list[tuple[int, int]]) -> None:
        if runs == self._runs:
            return
        for plot, item in self._items:
            plot.removeItem(item)
        self._items = []
        self._runs = list(runs)
        for first, last in runs:
            for plot in self._plots:
                # The span covers the missing slots' own half-slot margins up to the rows beside.
                item = pg.LinearRegionItem((first - 0.5, last + 0.5), movable=False,
                                           brush=self._brush, pen=pg.mkPen(None))
                item.setZValue(-10)
                plot.addItem(item, ignoreBounds=True)
                self._items.append((plot, item))
