"""涨跌分布: the 11-bucket histogram, limit-up on the left, limit-down on the right.

A minute changes the bar heights and their counts; the y range is only changed when the tallest
bar outgrows it or shrinks well inside it (HEAD_ROOM), so most minutes repaint bars and labels only.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from app.market.breadth import BUCKET_FLAT, BUCKET_LIMIT_DOWN, BUCKET_LIMIT_UP, BUCKET_ORDER
from app.ui.breadth._style import (ExportSafeView, cache_axes, count_text, default_palette, font,
                                   style_plot)
from app.ui.breadth.labels import Label, ValueLabels
from app.ui.palette import Palette
from app.ui.format import MINUS

BAR_WIDTH = 0.72
# The y range top as a multiple of the tallest bar: set at HEAD_ROOM[1], kept while the tallest bar
# needs at most the range (count label included, HEAD_ROOM[0]) and fills more than 1/HEAD_ROOM[2].
HEAD_ROOM = (1.16, 1.22, 1.6)


class DistributionChart(ExportSafeView, pg.PlotWidget):
    """Bars per ``BUCKET_ORDER`` label with the count written on each; one BarGraphItem, reused."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        self._pal = pal = pal or default_palette()
        super().__init__(parent, background=pal.background)
        plot = self.getPlotItem()
        style_plot(plot, pal, tick_size=8.0)
        plot.hideAxis("left")
        plot.setTitle(self.tr("Distribution of changes"), color=pal.foreground, size="10pt")
        self.labels = self._display_labels()
        self.x = np.arange(len(BUCKET_ORDER), dtype=float)
        plot.getAxis("bottom").setTicks([[(float(i), self.labels[k])
                                          for i, k in enumerate(BUCKET_ORDER)]])
        self.colours = [self._colour(k) for k in BUCKET_ORDER]
        self.bars = pg.BarGraphItem(x=self.x, height=np.zeros(len(self.x)), width=BAR_WIDTH,
                                    brushes=[pg.mkBrush(c) for c in self.colours],
                                    pens=[pg.mkPen(None)] * len(self.x))
        plot.addItem(self.bars)
        # The count over each bar: one item for all eleven (see labels.py).
        self.labels_item = ValueLabels(font(8.5, bold=True))
        plot.addItem(self.labels_item)
        plot.setXRange(-0.6, len(self.x) - 0.4, padding=0)
        plot.setYRange(0, 1, padding=0)
        self._top = 1.0
        cache_axes(plot)
        self._heights = np.full(len(self.x), np.nan)

    def _display_labels(self) -> dict[str, str]:
        # Every range carries its side's sign (U+2212 for the falls) and an en dash between its
        # ends: this CJK font draws '~' like a dash, so '0~-3%' would read '0--3%'.
        m = MINUS
        return {
            BUCKET_LIMIT_UP: self.tr("Limit-up"), ">7%": ">+7%", "5~7%": "+5–7%",
            "3~5%": "+3–5%", "0~3%": "+0–3%", BUCKET_FLAT: self.tr("Flat"),
            "0~-3%": f"{m}0–3%", "-3~-5%": f"{m}3–5%", "-5~-7%": f"{m}5–7%",
            "<-7%": f"<{m}7%", BUCKET_LIMIT_DOWN: self.tr("Limit-down"),
        }

    def _colour(self, key: str) -> str:
        i = BUCKET_ORDER.index(key)
        flat = BUCKET_ORDER.index(BUCKET_FLAT)
        if i < flat:
            return self._pal.up
        if i > flat:
            return self._pal.down
        return self._pal.flat

    def set_buckets(self, buckets: dict[str, int]) -> None:
        heights = np.array([float(buckets.get(k, 0)) for k in BUCKET_ORDER])
        if np.array_equal(heights, self._heights):
            return
        self._heights = heights
        self.bars.setOpts(height=heights)
        self.labels_item.set_labels(
            Label(float(i), float(h), count_text(int(h)), c, (0.5, 1.0))
            for i, (h, c) in enumerate(zip(heights, self.colours)))
        tallest = max(float(heights.max()), 1.0)
        # Head-room for the count written above the tallest bar.
        if not tallest * HEAD_ROOM[0] <= self._top <= tallest * HEAD_ROOM[2]:
            self._top = tallest * HEAD_ROOM[1]
            self.getPlotItem().setYRange(0, self._top, padding=0)

    def count_texts(self) -> list[str]:
        """The counts written over the bars, in ``BUCKET_ORDER``."""
        return self.labels_item.texts()

    def bar_heights(self) -> np.ndarray:
        return np.asarray(self.bars.opts["height"], dtype=float)
