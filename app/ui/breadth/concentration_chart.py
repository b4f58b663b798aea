"""Who carried the index: ranked contributions in index points, and index % against equal weight."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.market.concentration import Concentration, Contribution
from app.ui.breadth._style import (ExportSafeView, cache_axes, colour_of, default_palette, font,
                                   pct_text, signed, style_plot)
from app.ui.breadth.labels import GAP, Label, ValueLabels
from app.ui.text_line import TextLine, unbroken
from app.ui.format import index_name
from app.ui.palette import Palette

BAR_HEIGHT = 0.66
ROW_PX = 13            # a bar row beside its 8.5 pt name: tighter rows crowd the names
MIN_PER_SIDE, MAX_PER_SIDE = 2, 5
# Room for the value labels beyond the bars, as shares of the longest bar (see _fit_x): the range
# gets SLACK more than the labels need and is kept until it wastes more than MAX_ROOM; LABEL_ROOM
# is the room before the view has a width.
LABEL_ROOM = 0.36
SLACK, MAX_ROOM = 0.06, 0.40


class NameAxis(pg.AxisItem):
    """The bars' left axis: its line and one name per row, drawn directly.

    pyqtgraph rebuilds an axis (tick search, text measuring, a QPicture recorded and replayed)
    whenever its ticks change, ~1 ms; the ranking of the contributors changes most minutes.
    """

    def __init__(self) -> None:
        super().__init__("left")
        self._names: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return self._names

    def set_names(self, names: Sequence[str]) -> None:
        names = tuple(names)
        if names == self._names:
            return
        self._names = names
        font = self.style["tickFont"] or QFont()
        metrics = QFontMetricsF(font)
        text = max((metrics.horizontalAdvance(n) for n in names), default=0.0)
        width = math.ceil(text) + self._text_offset() + 2
        # Grow at once, shrink only by more than a few pixels: a width change relayouts the plot.
        current = self.fixedWidth or 0
        if width > current or width < current - 10:
            self.setWidth(width)
        self.update()

    def _text_offset(self) -> int:
        return int(self.style["tickTextOffset"][0]) + max(0, int(self.style["tickLength"]))

    def paint(self, p: QPainter, opt: object, widget: object) -> None:  # noqa: D102
        rect = self.mapRectFromParent(self.geometry())
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        p.setPen(self.pen())
        p.drawLine(rect.topRight(), rect.bottomRight())
        view = self.linkedView()
        if view is None or not self._names:
            return
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        p.setPen(self.textPen())
        height = p.fontMetrics().height()
        right = rect.right() - self._text_offset()
        flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for i, name in enumerate(self._names):
            y = self.mapFromScene(view.mapViewToScene(QPointF(0.0, float(i)))).y()
            if rect.top() - height <= y <= rect.bottom() + height:
                p.drawText(QRectF(rect.left(), y - height / 2, right - rect.left(), height),
                           flags, name)


class ContributionBars(ExportSafeView, pg.PlotWidget):
    """Horizontal bars, biggest gain on top and biggest loss at the bottom, named on the left.

    Per minute only what changed is touched: the bars and their values, the names on the axis
    when the ranking changed, and the x range when the bars outgrow it or shrink well inside it.
    """

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        self._pal = pal = pal or default_palette()
        self.names = NameAxis()
        super().__init__(parent, background=pal.background, axisItems={"left": self.names})
        plot = self.getPlotItem()
        style_plot(plot, pal, tick_size=8.5)
        plot.invertY(True)
        self.names.setStyle(tickLength=0)
        bottom = plot.getAxis("bottom")
        bottom.setStyle(showValues=False, tickLength=0)
        bottom.setHeight(2)
        bottom.setTicks([[]])        # only the axis line: no tick search when the range moves
        cache_axes(plot)
        self.zero = pg.InfiniteLine(pos=0.0, angle=90, pen=pg.mkPen(pal.base_line, width=1))
        plot.addItem(self.zero)
        self.bars = pg.BarGraphItem(x0=np.zeros(0), width=np.zeros(0), y=np.zeros(0),
                                    height=BAR_HEIGHT, pen=pg.mkPen(None))
        plot.addItem(self.bars)
        self._brushes = {c: pg.mkBrush(c) for c in (pal.up, pal.down, pal.flat)}
        self._no_pen = pg.mkPen(None)
        # The value beside each bar: one item for all of them (see labels.py).
        self.labels = ValueLabels(font(8.0))
        plot.addItem(self.labels)
        self.rows: tuple[Contribution, ...] = ()
        self._x_range: tuple[float, float] | None = None
        self._y_range: tuple[float, float] | None = None
        self._bar_key: tuple[object, ...] | None = None
        self._fit_args: tuple[float, float, float] | None = None
        plot.vb.sigResized.connect(self._view_resized)

    def set_rows(self, rows: tuple[Contribution, ...]) -> None:
        self.rows = rows
        n = len(rows)
        pts = np.array([r.points for r in rows], dtype=float)
        colours = [colour_of(self._pal, p) for p in pts]
        span = float(np.abs(pts).max()) if n else 1.0
        span = span if span > 0 else 1.0
        self._set_bars(pts, colours)
        # Value just beyond the bar's end, on the outside.
        self.labels.set_labels(
            Label(p + 0.02 * span, float(i), signed(p, 2), c, (0.0, 0.5)) if p >= 0 else
            Label(p - 0.02 * span, float(i), signed(p, 2), c, (1.0, 0.5))
            for i, (p, c) in enumerate(zip(pts.tolist(), colours)))
        self.names.set_names([self._name(r) for r in rows])
        lo = float(min(pts.min(), 0.0)) if n else 0.0
        hi = float(max(pts.max(), 0.0)) if n else 1.0
        self._fit_x(lo, hi, span)
        y_range = (-0.6, max(n, 1) - 0.4)
        if y_range != self._y_range:
            self._y_range = y_range
            self.getPlotItem().setYRange(*y_range, padding=0)

    def _set_bars(self, pts: np.ndarray, colours: list[str]) -> None:
        n = len(pts)
        key = (tuple(pts.tolist()), tuple(colours))
        if key == self._bar_key:
            return
        self._bar_key = key
        y = np.arange(n, dtype=float)
        if n:
            self.bars.setOpts(x0=np.minimum(pts, 0.0), width=np.abs(pts), y=y, height=BAR_HEIGHT,
                              brushes=[self._brushes[c] for c in colours],
                              pens=[self._no_pen] * n)
        else:
            # BarGraphItem trips over empty pen lists (pyqtgraph 0.14): use single ones.
            self.bars.setOpts(x0=pts, width=pts, y=y, height=BAR_HEIGHT, brushes=None, pens=None,
                              brush=pg.mkBrush(None), pen=self._no_pen)

    def _rooms(self, lo: float, hi: float, span: float) -> tuple[float, float]:
        """Room (left, right) in data units that the value labels need beyond the bars at the
        view's present width: a label is ``0.02 * span`` from its bar's end plus its text in pixels,
        and a pixel is (x range) / (view width) data units, so the rooms solve a linear equation."""
        px = float(self.getPlotItem().vb.width())
        if px < 40:                          # not laid out yet: shares of the longest bar
            return (LABEL_ROOM * span if lo < 0 else 0.0), LABEL_ROOM * span
        pad = GAP + 2.0
        k_left = max((self.labels.text_width(lab.text) + pad for lab in self.labels.labels()
                      if lab.anchor[0] == 1.0), default=0.0) / px
        k_right = max((self.labels.text_width(lab.text) + pad for lab in self.labels.labels()
                       if lab.anchor[0] == 0.0), default=0.0) / px
        offset = 0.02 * span
        # width = (hi - lo) + left + right, with left = offset + k_left * width (same on the right).
        sides = (lo < 0) + (hi > 0)
        width = (hi - lo + offset * sides) / max(1.0 - k_left - k_right, 0.2)
        left = offset + k_left * width if lo < 0 else 0.0
        right = offset + k_right * width if hi > 0 else 0.05 * span
        return left, right

    def _fit_x(self, lo: float, hi: float, span: float) -> None:
        """Room for the value labels beyond the bars on both sides. The range is kept while it
        holds the labels and wastes less than MAX_ROOM of the longest bar; otherwise it is set
        with SLACK more than needed, so that a bar growing a little does not rescale the plot."""
        self._fit_args = (lo, hi, span)
        left, right = self._rooms(lo, hi, span)
        if self._x_range is not None:
            a, b = self._x_range
            fits = (a <= lo - left or (lo >= 0 and a == 0.0)) and b >= hi + right
            loose = (lo - left - a) + (b - hi - right) > MAX_ROOM * span
            if fits and not loose:
                return
        x_range = (lo - left - SLACK * span if lo < 0 else 0.0, hi + right + SLACK * span)
        self._x_range = x_range
        self.getPlotItem().setXRange(*x_range, padding=0)

    def _view_resized(self) -> None:
        # The labels' room is in pixels: another width may need another range.
        if self._fit_args is not None:
            self._fit_x(*self._fit_args)

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
        # TextLines, not QLabels: a new minute's text then repaints the line without relayouting
        # the column (see text.py).
        self.headline = TextLine(self, font=font(11.0, bold=True), colour=pal.foreground,
                                 rich=True)
        self.summary = TextLine(self, font=font(9.0, bold=True), colour=pal.foreground, rich=True,
                                wrap=True)
        self.detail = TextLine(self, font=font(8.5), colour=pal.axis, wrap=True)
        self.bars = ContributionBars(self, pal)
        for w in (self.headline, self.summary, self.detail):
            lay.addWidget(w)
        lay.addWidget(self.bars, 100)
        lay.addStretch(0)      # takes the room while the bars are hidden (no index selected)
        self.summary_text = ""
        self.detail_text = ""
        self._shown: Concentration | None = None
        self._per_side = MAX_PER_SIDE
        # Rows are fitted whenever the bars' height changes (first shown, or the panel resized),
        # once that layout has run.
        self.bars.getPlotItem().vb.sigResized.connect(
            lambda *_: QTimer.singleShot(0, self, self._refit_rows))

    def _pct(self, value: float) -> str:
        return f"<span style='color:{colour_of(self._pal, value)}'>{pct_text(value)}</span>"

    def set_concentration(self, c: Concentration | None) -> None:
        if c is None:
            self.summary_text = self.tr("No index member data")
            self.detail_text = ""
            self.headline.setText(self.tr("Index contributions"))
            self.summary.setText(self.summary_text)
            self.detail.setText("")
            self.setToolTip("")
            self._shown = None
            self.bars.set_rows(())
            self.bars.setVisible(False)
            return
        self.bars.setVisible(True)
        name = index_name(c.index_symbol, c.index_name or c.index_symbol)
        head = f"{name} {pct_text(c.shown_pct)}"
        rest = [self.tr("Members equal-weighted {0}").format(pct_text(c.eq_mean_pct)),
                self.tr("Median {0}").format(pct_text(c.eq_median_pct)),
                self.tr("Market median {0}").format(pct_text(c.market_median_pct))]
        self.summary_text = " | ".join([head, *rest])
        self.setToolTip(self.summary_text)
        grey = self._pal.axis
        self.headline.setText(
            f"{name} <span style='font-size:15pt; color:{colour_of(self._pal, c.shown_pct)}'>"
            f"{pct_text(c.shown_pct)}</span> <span style='font-weight:normal; color:{grey}'>"
            + self.tr("{0} pts").format(signed(c.index_points, 1)) + "</span>")
        sep = f" <span style='color:{grey}'>|</span> "
        # Each item stays whole on a narrow panel: the line wraps at the separators only.
        self.summary.setText(sep.join([
            unbroken(self.tr("Members equal-weighted {0}")).format(self._pct(c.eq_mean_pct)),
            unbroken(self.tr("Median {0}")).format(self._pct(c.eq_median_pct)),
            unbroken(self.tr("Market median {0}")).format(self._pct(c.market_median_pct))]))
        top = c.top_points()
        share = (top / c.index_points * 100.0
                 if c.index_points > 0 and math.isfinite(top) else float("nan"))
        parts = [self.tr("Top {0} contributors {1} pts").format(len(c.top_up), signed(top, 1))]
        if math.isfinite(share):
            parts[0] += self.tr(" ({0:.0f}% of it)").format(share)
        parts.append(self.tr("Members {0} up / {1} down").format(c.members_up, c.members_down))
        parts.append(self.tr("Spread {0}").format(pct_text(c.spread_pct)))
        self.detail_text = " · ".join(parts)
        self.detail.setText(" · ".join(unbroken(p) for p in parts))
        self._shown = c
        self._show_rows()

    def rows_per_side(self) -> int:
        """How many gainers (and as many losers) the bars' height holds at ROW_PX a row: all
        five on a tall panel, fewer (at least two) on a laptop's short breadth dock."""
        h = self.bars.height()
        fits = int(h // (2 * ROW_PX)) if h > 0 else MAX_PER_SIDE
        return max(MIN_PER_SIDE, min(MAX_PER_SIDE, fits))

    def _show_rows(self) -> None:
        c = self._shown
        if c is None:
            return
        k = self._per_side = self.rows_per_side()
        self.bars.set_rows(tuple(c.top_up)[:k] + tuple(c.top_down)[:k])

    def _refit_rows(self) -> None:
        if self._shown is not None and self.rows_per_side() != self._per_side:
            self._show_rows()
