"""涨跌分布: the 11-bucket histogram, limit-up on the left, limit-down on the right."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from app.market.breadth import BUCKET_FLAT, BUCKET_LIMIT_DOWN, BUCKET_LIMIT_UP, BUCKET_ORDER
from app.ui.breadth._style import count_text, default_palette, font, style_plot
from app.ui.palette import Palette

BAR_WIDTH = 0.72


class DistributionChart(pg.PlotWidget):
    """Bars per ``BUCKET_ORDER`` label with the count written on each; one BarGraphItem, reused."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        self._pal = pal = pal or default_palette()
        super().__init__(parent, background=pal.background)
        plot = self.getPlotItem()
        style_plot(plot, pal, tick_size=8.0)
        plot.hideAxis("left")
        plot.setTitle(self.tr("涨跌分布"), color=pal.foreground, size="10pt")
        self.labels = self._display_labels()
        self.x = np.arange(len(BUCKET_ORDER), dtype=float)
        plot.getAxis("bottom").setTicks([[(float(i), self.labels[k])
                                          for i, k in enumerate(BUCKET_ORDER)]])
        self.colours = [self._colour(k) for k in BUCKET_ORDER]
        self.bars = pg.BarGraphItem(x=self.x, height=np.zeros(len(self.x)), width=BAR_WIDTH,
                                    brushes=[pg.mkBrush(c) for c in self.colours],
                                    pens=[pg.mkPen(None)] * len(self.x))
        plot.addItem(self.bars)
        self.texts: list[pg.TextItem] = []
        for i, c in enumerate(self.colours):
            t = pg.TextItem("", color=c, anchor=(0.5, 1.0))
            t.setFont(font(8.5, bold=True))
            t.setPos(float(i), 0.0)
            plot.addItem(t)
            self.texts.append(t)
        plot.setXRange(-0.6, len(self.x) - 0.4, padding=0)
        plot.setYRange(0, 1, padding=0)
        self._heights = np.zeros(len(self.x))

    def _display_labels(self) -> dict[str, str]:
        # Mirrored, unsigned ranges as terminals print them: the bar colours and the 涨停 / 跌停
        # ends say which side is which (and this CJK font draws '~' like a dash, so '0~-3%' would
        # read '0--3%'). Literal tr() calls so that lupdate sees every label.
        return {
            BUCKET_LIMIT_UP: self.tr("涨停"), ">7%": self.tr(">7%"), "5~7%": self.tr("5-7%"),
            "3~5%": self.tr("3-5%"), "0~3%": self.tr("0-3%"), BUCKET_FLAT: self.tr("平"),
            "0~-3%": self.tr("0-3%"), "-3~-5%": self.tr("3-5%"), "-5~-7%": self.tr("5-7%"),
            "<-7%": self.tr(">7%"), BUCKET_LIMIT_DOWN: self.tr("跌停"),
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
        self._heights = heights
        self.bars.setOpts(height=heights)
        top = max(float(heights.max()), 1.0)
        for t, h in zip(self.texts, heights):
            t.setText(count_text(int(h)))
            t.setPos(t.pos().x(), float(h))
        # Head-room for the count written above the tallest bar.
        self.getPlotItem().setYRange(0, top * 1.16, padding=0)

    def bar_heights(self) -> np.ndarray:
        return np.asarray(self.bars.opts["height"], dtype=float)
