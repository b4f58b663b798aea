"""Breadth through the session on the collapsed-lunch axis: 涨跌差, 涨停/跌停 and 成交额 vs the prior day.

x is the slot of app.market.session (0..240), so 11:30 and 13:00 meet. Today's lines stop at the
current minute; the prior session's turnover runs the whole day as the yardstick. Y ranges come from
the whole day's frames so that scrubbing through the minutes does not make the axes jump.

Per minute only the cursor, the visible part of today's lines and the titles change: the frames are
turned into slot-ordered arrays once per session (``session_curves``), a minute is a slice of them,
and a range or a title is only set again when it differs from what is shown.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from app.market.breadth_series import (SessionCurves, TurnoverComparison, compare_turnover,
                                       session_curves)
from app.market.session import INTRADAY_TICKS, SLOTS, slot_of
from app.ui.charts.kline import nice_ceil
from app.ui.breadth._style import (ExportSafeView, cache_axes, colour_of, count_text,
                                   default_palette, font, pct_text, qcolor, signed, style_plot,
                                   yuan_text, yuan_tick)
from app.ui.format import TURNOVER_DIFF_DIGITS
from app.ui.palette import Palette

LEFT_AXIS_WIDTH = 54
TITLE_HEIGHT = 22


TITLE_SLACK = 4        # px: the label item's own margins


class YuanAxis(pg.AxisItem):
    """Left axis of a turnover plot: ticks in 亿 / 万亿 from values in yuan."""

    def tickStrings(self, values, scale, spacing):  # type: ignore[no-untyped-def]  # noqa: N802
        return [yuan_tick(float(v) * scale, float(spacing) * scale) for v in values]


class _CurveCache:
    """The curves of one frame, kept while the same frame object (same length) is passed again.

    Holding the frame keeps its id from being reused by another one while it is cached.
    """

    def __init__(self) -> None:
        self.frame: pd.DataFrame | None = None
        self.rows = -2                       # nothing cached yet (-1 is "no frame")
        self.curves: SessionCurves = session_curves(None)

    def get(self, frame: pd.DataFrame | None) -> tuple[SessionCurves, bool]:
        """(curves, changed): ``changed`` is False when ``frame`` is the one cached."""
        if frame is not None and len(frame) == 0:
            frame = None
        rows = -1 if frame is None else len(frame)
        if frame is self.frame and rows == self.rows:
            return self.curves, False
        self.frame, self.rows = frame, rows
        self.curves = session_curves(frame)
        return self.curves, True


def _curve(**opts: object) -> pg.PlotCurveItem:
    return pg.PlotCurveItem(np.zeros(0), np.zeros(0), **opts)


def _count_at(values: np.ndarray, rows: int) -> str:
    """The count in the last shown row, '—' before the first row or when it is unknown."""
    v = float(values[rows - 1]) if rows else float("nan")
    return count_text(int(v)) if math.isfinite(v) else "—"


class SessionLines(ExportSafeView, pg.GraphicsLayoutWidget):
    """Three linked plots sharing the session axis; every item is made once and fed with setData."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        self._pal = pal = pal or default_palette()
        super().__init__(parent, show=False)
        self.setBackground(pal.background)
        # Right margin: room for the '15:00' tick label at the end of the axis.
        self.ci.layout.setContentsMargins(2, 2, 16, 2)
        self.ci.layout.setVerticalSpacing(0)
        self.adv = self.addPlot(row=0, col=0)
        self.lim = self.addPlot(row=1, col=0)
        self.turn = self.addPlot(row=2, col=0, axisItems={"left": YuanAxis("left")})
        self.plots = (self.adv, self.lim, self.turn)
        # Two levels: the open, the lunch break and the close first; 10:30 and 14:00 are left out
        # by pyqtgraph where a narrow column has no room for them (they overlapped at 1366×768).
        major = {0, 120, 240}
        ticks = [[(float(s), label) for s, label in INTRADAY_TICKS if s in major],
                 [(float(s), label) for s, label in INTRADAY_TICKS if s not in major]]
        for p in self.plots:
            style_plot(p, pal, tick_size=7.5)
            p.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
            p.getAxis("bottom").setTicks(ticks)
            # Let '09:30' / '15:00' spill past the axis ends instead of being dropped.
            # (an axis grid would clip the labels to the view, so the grid is drawn as lines below).
            p.getAxis("bottom").setStyle(hideOverlappingLabels=24)
            for slot, _ in INTRADAY_TICKS[1:-1]:
                grid = pg.InfiniteLine(pos=float(slot), angle=90, pen=pg.mkPen(pal.grid, width=1))
                p.addItem(grid, ignoreBounds=True)
            p.setXRange(0, SLOTS - 1, padding=0.01)
            p.setYRange(0, 1, padding=0)
            if p is not self.turn:
                p.setXLink(self.turn)
                p.getAxis("bottom").setStyle(showValues=False)
                p.getAxis("bottom").setHeight(4)

        # Curves are PlotCurveItems: PlotDataItem's extra machinery (downsampling, symbols)
        # costs ~0.2 ms per setData and is not used here.
        # 涨跌差: red area above zero, green below, one neutral line on top.
        self.adv_zero = pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(pal.base_line, width=1))
        self.adv.addItem(self.adv_zero)
        self.adv_pos = _curve(pen=pg.mkPen(None), fillLevel=0.0, brush=qcolor(pal.up, 110))
        self.adv_neg = _curve(pen=pg.mkPen(None), fillLevel=0.0, brush=qcolor(pal.down, 110))
        self.adv_line = _curve(pen=pg.mkPen(pal.foreground, width=1.2))
        for it in (self.adv_pos, self.adv_neg, self.adv_line):
            self.adv.addItem(it)

        self.limit_up = _curve(pen=pg.mkPen(pal.up, width=1.8))
        self.limit_down = _curve(pen=pg.mkPen(pal.down, width=1.8))
        self.lim.addItem(self.limit_up)
        self.lim.addItem(self.limit_down)

        self.prior_turnover = _curve(
            pen=pg.mkPen(pal.flat, width=1.4, style=Qt.PenStyle.DashLine))
        self.today_turnover = _curve(pen=pg.mkPen(pal.series[0], width=2.0))
        self.turn.addItem(self.prior_turnover)
        self.turn.addItem(self.today_turnover)

        # A day known only from its close has one row: its lines would be invisible points, so
        # the close is drawn as dots (hidden while a session has two or more minutes).
        self.close_dots = {
            "adv": pg.ScatterPlotItem(size=9, pen=pg.mkPen(None), brush=pg.mkBrush(pal.foreground)),
            "up": pg.ScatterPlotItem(size=9, pen=pg.mkPen(None), brush=pg.mkBrush(pal.up)),
            "down": pg.ScatterPlotItem(size=9, pen=pg.mkPen(None), brush=pg.mkBrush(pal.down)),
            "turn": pg.ScatterPlotItem(size=9, pen=pg.mkPen(None), brush=pg.mkBrush(pal.series[0])),
            "prior": pg.ScatterPlotItem(size=9, pen=pg.mkPen(pal.flat, width=1.4),
                                        brush=pg.mkBrush(None)),
        }
        for key, plot in (("adv", self.adv), ("up", self.lim), ("down", self.lim),
                          ("turn", self.turn), ("prior", self.turn)):
            plot.addItem(self.close_dots[key])

        self.cursors: list[pg.InfiniteLine] = []
        for p in self.plots:
            line = pg.InfiniteLine(pos=0.0, angle=90,
                                   pen=pg.mkPen(pal.crosshair, width=1, style=Qt.PenStyle.DotLine))
            p.addItem(line, ignoreBounds=True)
            self.cursors.append(line)

        # The titles are the readouts at the current minute: laid out once here (a title row of
        # TITLE_HEIGHT), then only their text changes (see _set_title).
        for p in self.plots:
            p.titleLabel.item.setFont(font(9.0))
            p.setTitle(" ", color=pal.foreground, justify="left")
            p.titleLabel.setMaximumHeight(TITLE_HEIGHT)     # setTitle reserves 30 px
            p.layout.setRowFixedHeight(0, TITLE_HEIGHT)
        self.turn.titleLabel.item.setFont(font(10.0, bold=True))
        # The span LabelItem.setText wraps a title in (the title's colour and pyqtgraph's 11pt).
        size = self.turn.titleLabel.opts.get("size")
        self._title_style = "; ".join(
            [f"color: {qcolor(pal.foreground).name(QColor.NameFormat.HexArgb)}"]
            + ([f"font-size: {size}"] if size else []))
        self.adv_title = ""
        self.lim_title = ""
        self.turnover_title = ""
        self.comparison: TurnoverComparison | None = None
        # What is on screen, so that a minute only touches what changed.
        self._today = _CurveCache()
        self._prior = _CurveCache()
        self._shown_rows = -1                    # rows of today's curves drawn
        self._adv_pos = self._adv_neg = np.zeros(0)
        self._cursor = float("nan")
        self._titles: dict[int, tuple[str, str, int]] = {}
        self._title_parts: dict[int, tuple[pg.PlotItem, str, str]] = {}
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self._refit_titles)
        self._y_ranges: dict[int, tuple[float, float]] = {}
        # Axes that keep their range all session are painted from a pixmap.
        for p in self.plots:
            cache_axes(p)

    # -- helpers ---------------------------------------------------------------------------------
    def _span(self, html: str, colour: str) -> str:
        return f"<span style='color:{colour}'>{html}</span>"

    def _set_title(self, plot: pg.PlotItem, html: str, extra: str = "") -> None:
        """``html``, then ``extra`` when the whole fits the plot's width (a narrow column drops
        the extra rather than cutting a figure)."""
        key = (html, extra, round(plot.width()))
        if self._titles.get(id(plot)) == key:
            return
        self._titles[id(plot)] = key
        self._title_parts[id(plot)] = (plot, html, extra)
        # The text only: PlotItem.setTitle resets the title row to 30 px and LabelItem.setText
        # updates the label's minimum size, and either relayouts the plot (repainting its axes)
        # every minute. The row and the font were set once in __init__; the title is left-aligned
        # at a fixed height, so its position does not depend on the text.
        label = plot.titleLabel
        label.text = html + extra
        label.item.setHtml(f"<span style='{self._title_style}'>{html + extra}</span>")
        # The title sits over the view box, right of the left axis: that is its room (a wider
        # title pushed the plot out of the widget, cutting it and the 15:00 label).
        room = plot.width() - plot.getAxis("left").width() - TITLE_SLACK
        if extra and label.item.boundingRect().width() > room:
            label.item.setHtml(f"<span style='{self._title_style}'>{html}</span>")

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt
        super().resizeEvent(event)
        # The plots have their new widths once the layout ran: titles are fitted again then (a
        # timer of this widget's own, so it goes with the widget).
        timer = getattr(self, "_refit_timer", None)      # None while __init__ lays out
        if timer is not None:
            timer.start()

    def _refit_titles(self) -> None:
        for plot, html, extra in list(self._title_parts.values()):
            self._set_title(plot, html, extra)

    def _set_y_range(self, plot: pg.PlotItem, lo: float, hi: float) -> None:
        if self._y_ranges.get(id(plot)) == (lo, hi):
            return
        self._y_ranges[id(plot)] = (lo, hi)
        plot.setYRange(lo, hi, padding=0)

    def _fit_y(self, today: SessionCurves, prior: SessionCurves) -> None:
        """Y ranges from the whole day (both sessions for turnover), rounded out to 'nice' numbers
        (1, 1.2, 1.5, 2, 2.5, … × 10^k): stable while scrubbing, and in live mode a new minute
        moves them (and so repaints the axes) only when it crosses the next step."""
        lo, hi = today.advance_range
        lo = min(lo, 0.0) if math.isfinite(lo) else 0.0
        hi = max(hi, 0.0) if math.isfinite(hi) else 0.0
        if hi - lo < 100.0:          # no data yet (or a dead-even market): a sane default span
            lo, hi = lo - 50.0, hi + 50.0
        pad = (hi - lo) * 0.08
        top = nice_ceil(hi + pad) if hi + pad > 0 else 0.0
        bottom = -nice_ceil(-(lo - pad)) if lo - pad < 0 else 0.0
        self._set_y_range(self.adv, bottom, top)
        lim_hi = max([5.0, *(v for v in (today.limit_max,) if math.isfinite(v))])
        self._set_y_range(self.lim, 0.0, nice_ceil(lim_hi * 1.12))
        top = max([v for v in (today.turnover_max, prior.turnover_max) if math.isfinite(v)]
                  or [1e11])
        self._set_y_range(self.turn, 0.0, nice_ceil(top * 1.08))

    def _set_close_dots(self, today: SessionCurves, prior: SessionCurves, k: int) -> None:
        """Dots at the close for a one-row (daily-only) day; none for a session of minutes."""
        one = k == 1 and len(today) == 1
        def put(key: str, x: np.ndarray, y: np.ndarray) -> None:
            ok = np.isfinite(y) if one else np.zeros(len(y), dtype=bool)
            self.close_dots[key].setData(x[ok], y[ok])
        x = today.slots[:k]
        put("adv", x, np.asarray(today.advance[:k], dtype=float))
        put("up", x, np.asarray(today.limit_up[:k], dtype=float))
        put("down", x, np.asarray(today.limit_down[:k], dtype=float))
        put("turn", x, np.asarray(today.turnover[:k], dtype=float))
        one = one and len(prior) == 1
        put("prior", prior.slots, np.asarray(prior.turnover, dtype=float))

    # -- update ----------------------------------------------------------------------------------
    def set_series(self, series: pd.DataFrame | None, prior_series: pd.DataFrame | None,
                   time: str) -> TurnoverComparison:
        """Draw the day's series up to ``time`` and the prior session's turnover; returns the
        turnover comparison shown in the title.

        The same frames as at the previous call (the same objects, same length) are not read
        again: only the cursor, the shown part of today's lines and the titles are updated.
        """
        pal = self._pal
        today, today_new = self._today.get(series)
        prior, prior_new = self._prior.get(prior_series)
        now = float(slot_of(time))
        if now != self._cursor:
            self._cursor = now
            for line in self.cursors:
                line.setValue(now)
        if today_new:
            self._shown_rows = -1
            self._adv_pos = np.maximum(today.advance, 0.0)
            self._adv_neg = np.minimum(today.advance, 0.0)
        if prior_new:
            self.prior_turnover.setData(prior.slots, prior.turnover)
        if today_new or prior_new:
            self._fit_y(today, prior)

        k = today.upto(now)
        if k != self._shown_rows:
            # Views of the session's arrays: nothing is copied per minute.
            self._shown_rows = k
            x = today.slots[:k]
            self.adv_pos.setData(x, self._adv_pos[:k])
            self.adv_neg.setData(x, self._adv_neg[:k])
            self.adv_line.setData(x, today.advance[:k])
            self.limit_up.setData(x, today.limit_up[:k])
            self.limit_down.setData(x, today.limit_down[:k])
            self.today_turnover.setData(x, today.turnover[:k])
            self._set_close_dots(today, prior, k)

        # Readouts at the current minute.
        a_now = float(today.advance[k - 1]) if k else float("nan")
        self.adv_title = (self.tr("Advance − decline") + "  " +
                          self._span(f"<b>{signed(a_now, 0)}</b>", colour_of(pal, a_now)))
        self._set_title(self.adv, self.adv_title)
        lu_now = _count_at(today.limit_up, k)
        ld_now = _count_at(today.limit_down, k)
        self.lim_title = (self._span(self.tr("Limit-up") + f" <b>{lu_now}</b>", pal.up) + "&nbsp;&nbsp;"
                          + self._span(self.tr("Limit-down") + f" <b>{ld_now}</b>", pal.down))
        self._set_title(self.lim, self.lim_title)

        cmp = compare_turnover(today, prior if len(prior) else None, time)
        self.comparison = cmp
        # A row without an amount (a blank 成交额 column) says so; no row yet reads '—'.
        text = self.tr("Turnover: no turnover data") if k and not math.isfinite(cmp.today) \
            else self.tr("Turnover {0}").format(yuan_text(cmp.today))
        extra = ""
        if math.isfinite(cmp.diff_pct):
            extra = "  " + self._span(
                self.tr("vs prior session same time {0}").format(pct_text(cmp.diff_pct, TURNOVER_DIFF_DIGITS)),
                colour_of(pal, cmp.diff_pct))
        self.turnover_title = text + extra
        # The comparison is also in the index strip's turnover tile: a narrow column leaves it out.
        self._set_title(self.turn, text, extra)
        return cmp
