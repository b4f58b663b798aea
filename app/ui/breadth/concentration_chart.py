"""Who carried the index: ranked contributions in index points, and index % against equal weight."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.market.concentration import DEFAULT_TOP_N, Concentration, Contribution
from app.ui.breadth._style import (colour_of, default_palette, font, pct_text, signed,
                                   style_plot)
from app.ui.palette import Palette

BAR_HEIGHT = 0.66


class ContributionBars(pg.PlotWidget):
    """Horizontal bars, biggest gain on top and biggest loss at the bottom, named on the left."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None,
                 rows: int = 2 * DEFAULT_TOP_N) -> None:
        self._pal = pal = pal or default_palette()
        super().__init__(parent, background=pal.background)
        plot = self.getPlotItem()
        style_plot(plot, pal, tick_size=8.5)
        plot.invertY(True)
        plot.getAxis("left").setStyle(tickLength=0)
        plot.getAxis("bottom").setStyle(showValues=False, tickLength=0)
        plot.getAxis("bottom").setHeight(2)
        self.zero = pg.InfiniteLine(pos=0.0, angle=90, pen=pg.mkPen(pal.base_line, width=1))
        plot.addItem(self.zero)
        self.bars = pg.BarGraphItem(x0=np.zeros(0), width=np.zeros(0), y=np.zeros(0),
                                    height=BAR_HEIGHT, pen=pg.mkPen(None))
        plot.addItem(self.bars)
        self.texts: list[pg.TextItem] = []
        self._ensure_texts(rows)
        self.rows: tuple[Contribution, ...] = ()

    def _ensure_texts(self, n: int) -> None:
        # The pool only grows: a minute with fewer rows blanks the extra labels.
        while len(self.texts) < n:
            t = pg.TextItem("", color=self._pal.foreground, anchor=(0.0, 0.5))
            t.setFont(font(8.0))
            self.getPlotItem().addItem(t)
            self.texts.append(t)

    def set_rows(self, rows: tuple[Contribution, ...]) -> None:
        self.rows = rows
        n = len(rows)
        self._ensure_texts(n)
        pts = np.array([r.points for r in rows], dtype=float)
        y = np.arange(n, dtype=float)
        colours = [colour_of(self._pal, p) for p in pts]
        if n:
            self.bars.setOpts(x0=np.minimum(pts, 0.0), width=np.abs(pts), y=y, height=BAR_HEIGHT,
                              brushes=[pg.mkBrush(c) for c in colours],
                              pens=[pg.mkPen(None)] * n)
        else:
            # BarGraphItem trips over empty pen lists (pyqtgraph 0.14): use single ones.
            self.bars.setOpts(x0=pts, width=pts, y=y, height=BAR_HEIGHT, brushes=None, pens=None,
                              brush=pg.mkBrush(None), pen=pg.mkPen(None))
        span = float(np.abs(pts).max()) if n else 1.0
        span = span if span > 0 else 1.0
        for i, t in enumerate(self.texts):
            if i < n:
                p = pts[i]
                t.setText(signed(p, 2))
                t.setColor(colours[i])
                # Value just beyond the bar's end, on the outside.
                t.setAnchor((0.0, 0.5) if p >= 0 else (1.0, 0.5))
                t.setPos(p + (0.02 * span if p >= 0 else -0.02 * span), float(i))
                t.setVisible(True)
            else:
                t.setVisible(False)
        left = self.getPlotItem().getAxis("left")
        left.setTicks([[(float(i), self._name(r)) for i, r in enumerate(rows)]])
        lo = float(min(pts.min(), 0.0)) if n else 0.0
        hi = float(max(pts.max(), 0.0)) if n else 1.0
        # Room for the value labels on both sides.
        self.getPlotItem().setXRange(lo - 0.28 * span * (lo < 0), hi + 0.28 * span, padding=0)
        self.getPlotItem().setYRange(-0.6, max(n, 1) - 0.4, padding=0)

    @staticmethod
    def _name(c: Contribution) -> str:
        return c.name or c.symbol


class ConcentrationChart(QWidget):
    """The index % as the headline, its equal-weighted constituents and the market under it, then
    the contribution bars.

    ``summary_text`` holds the whole comparison as one plain line ("创业板指 +2.15 % | 成分股等权
    −0.80 % | 中位数 −1.10 % | 全市场中位数 −1.60 %"); on screen the index part is the headline so
    that it stands against the equal-weight figures below it.
    """

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = pal = pal or default_palette()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        self.headline = QLabel(self)
        self.headline.setFont(font(11.0, bold=True))
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.headline.setStyleSheet(f"color: {pal.foreground};")
        self.summary = QLabel(self)
        self.summary.setFont(font(9.0, bold=True))
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setStyleSheet(f"color: {pal.foreground};")
        self.summary.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setFont(font(8.5))
        self.detail.setStyleSheet(f"color: {pal.axis};")
        self.detail.setWordWrap(True)
        self.bars = ContributionBars(self, pal)
        for w in (self.headline, self.summary, self.detail):
            w.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
            lay.addWidget(w)
        lay.addWidget(self.bars, 100)
        lay.addStretch(0)      # takes the room while the bars are hidden (no index selected)
        self.summary_text = ""
        self.detail_text = ""

    def _pct(self, value: float) -> str:
        return f"<span style='color:{colour_of(self._pal, value)}'>{pct_text(value)}</span>"

    def set_concentration(self, c: Concentration | None) -> None:
        if c is None:
            self.summary_text = self.tr("无指数成分数据")
            self.detail_text = ""
            self.headline.setText(self.tr("指数贡献"))
            self.summary.setText(self.summary_text)
            self.detail.setText("")
            self.setToolTip("")
            self.bars.set_rows(())
            self.bars.setVisible(False)
            return
        self.bars.setVisible(True)
        name = c.index_name or c.index_symbol
        head = f"{name} {pct_text(c.shown_pct)}"
        rest = [self.tr("成分股等权 {0}").format(pct_text(c.eq_mean_pct)),
                self.tr("中位数 {0}").format(pct_text(c.eq_median_pct)),
                self.tr("全市场中位数 {0}").format(pct_text(c.market_median_pct))]
        self.summary_text = " | ".join([head, *rest])
        self.setToolTip(self.summary_text)
        grey = self._pal.axis
        self.headline.setText(
            f"{name} <span style='font-size:15pt; color:{colour_of(self._pal, c.shown_pct)}'>"
            f"{pct_text(c.shown_pct)}</span> <span style='font-weight:normal; color:{grey}'>"
            + self.tr("{0} 点").format(signed(c.index_points, 1)) + "</span>")
        sep = f" <span style='color:{grey}'>|</span> "
        self.summary.setText(sep.join([
            self.tr("成分股等权 {0}").format(self._pct(c.eq_mean_pct)),
            self.tr("中位数 {0}").format(self._pct(c.eq_median_pct)),
            self.tr("全市场中位数 {0}").format(self._pct(c.market_median_pct))]))
        top = c.top_points()
        share = (top / c.index_points * 100.0
                 if c.index_points > 0 and math.isfinite(top) else float("nan"))
        parts = [self.tr("前{0}大贡献 {1} 点").format(len(c.top_up), signed(top, 1))]
        if math.isfinite(share):
            parts[0] += self.tr(" (占 {0:.0f}%)").format(share)
        parts.append(self.tr("成分股 {0} 涨 / {1} 跌").format(c.members_up, c.members_down))
        parts.append(self.tr("偏离 {0}").format(pct_text(c.spread_pct)))
        self.detail_text = " · ".join(parts)
        self.detail.setText(self.detail_text)
        self.bars.set_rows(tuple(c.top_up) + tuple(c.top_down))
