"""涨跌分布: the 11-bucket histogram, limit-up on the left, limit-down on the right.

A minute changes the bar heights and their counts; the y range is only changed when the tallest
bar outgrows it or shrinks well inside it (HEAD_ROOM), so most minutes repaint bars and labels only.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF
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
        self._compact: bool | None = None
        self._set_ticks(compact=False)
        self.colours = [self._colour(k) for k in BUCKET_ORDER]
        self.bars = pg.BarGraphItem(x=self.x, height=np.zeros(len(self.x)), width=BAR_WIDTH,
                                    brushes=[pg.mkBrush(c) for c in self.colours],
                                    pens=[pg.mkPen(None)] * len(self.x))
        plot.addItem(self.bars)
        # The count over each bar: one item for all eleven (see labels.py).
        self._label_font = font(8.5, bold=True)
        self.labels_item = ValueLabels(self._label_font)
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

    def _set_ticks(self, compact: bool) -> None:
        """The bucket names under the bars; ``compact`` drops the '%' of the ranges, which a
        laptop's breadth panel (~27 px a bucket) needs so that neighbours do not run together."""
        if compact == self._compact:
            return
        self._compact = compact
        labels = {k: (v.removesuffix("%") if compact and k not in (BUCKET_LIMIT_UP, BUCKET_FLAT,
                                                                   BUCKET_LIMIT_DOWN) else v)
                  for k, v in self.labels.items()}
        self.tick_labels = [labels[k] for k in BUCKET_ORDER]
        self.getPlotItem().getAxis("bottom").setTicks(
            [[(float(i), t) for i, t in enumerate(self.tick_labels)]])

    def _fit_ticks(self) -> None:
        axis = self.getPlotItem().getAxis("bottom")
        per_bucket = axis.width() / len(BUCKET_ORDER) if axis.width() > 0 else 0.0
        if per_bucket <= 0:
            return
        metrics = QFontMetricsF(axis.style.get("tickFont") or self.font())
        widest = max(metrics.horizontalAdvance(v) for v in self.labels.values())
        self._set_ticks(compact=widest + 4 > per_bucket)

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
        self._fit_top()

    def _fit_top(self) -> None:
        """Head-room for the count written above the tallest bar: a share of the range, or the
        label's height in pixels where the chart is short (a laptop's breadth tab: 22 % of 90 px
        cut the tallest count off)."""
        heights = self._heights
        tallest = max(float(np.nanmax(heights)) if np.isfinite(heights).any() else 0.0, 1.0)
        view_h = self.getPlotItem().getViewBox().height()
        label = QFontMetricsF(self._label_font).height() + 3
        need = HEAD_ROOM[0]
        if view_h > label * 2:
            need = max(need, 1.0 / (1.0 - label / view_h))
        if not tallest * need <= self._top <= tallest * max(HEAD_ROOM[2], need * 1.3):
            self._top = tallest * max(HEAD_ROOM[1], need * 1.06)
            self.getPlotItem().setYRange(0, self._top, padding=0)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        if getattr(self, "_heights", None) is not None:     # pyqtgraph resizes mid-construction
            self._fit_top()
            self._fit_ticks()

    def count_texts(self) -> list[str]:
        """The counts written over the bars, in ``BUCKET_ORDER``."""
        return self.labels_item.texts()

    def bar_heights(self) -> np.ndarray:
        return np.asarray(self.bars.opts["height"], dtype=float)
