"""Breadth through the session on the collapsed-lunch axis: 涨跌差, 涨停/跌停 and 成交额 vs the prior day.

x is the slot of app.market.session (0..240), so 11:30 and 13:00 meet. Today's lines stop at the
current minute; the prior session's turnover runs the whole day as the yardstick. Y ranges come from
the whole day's frames so that scrubbing through the minutes does not make the axes jump.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.market.breadth_series import TurnoverComparison, turnover_comparison
from app.market.session import INTRADAY_TICKS, SLOTS, slot_of
from app.ui.breadth._style import (colour_of, count_text, default_palette, font, pct_text,
                                   qcolor, signed, style_plot, yuan_text, yuan_tick)
from app.ui.palette import Palette

LEFT_AXIS_WIDTH = 54
TITLE_HEIGHT = 22


class YuanAxis(pg.AxisItem):
    """Left axis of a turnover plot: ticks in 亿 / 万亿 from values in yuan."""

    def tickStrings(self, values, scale, spacing):  # type: ignore[no-untyped-def]  # noqa: N802
        return [yuan_tick(float(v) * scale, float(spacing) * scale) for v in values]


def _slots(frame: pd.DataFrame) -> np.ndarray:
    return np.array([slot_of(str(t)) for t in frame["time"]], dtype=float)


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    return pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)


class SessionLines(pg.GraphicsLayoutWidget):
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
        ticks = [[(float(s), label) for s, label in INTRADAY_TICKS]]
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

        # 涨跌差: red area above zero, green below, one neutral line on top.
        self.adv_zero = pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen(pal.base_line, width=1))
        self.adv.addItem(self.adv_zero)
        self.adv_pos = pg.PlotDataItem([], [], pen=pg.mkPen(None), fillLevel=0.0,
                                       brush=qcolor(pal.up, 110))
        self.adv_neg = pg.PlotDataItem([], [], pen=pg.mkPen(None), fillLevel=0.0,
                                       brush=qcolor(pal.down, 110))
        self.adv_line = pg.PlotDataItem([], [], pen=pg.mkPen(pal.foreground, width=1.2))
        for it in (self.adv_pos, self.adv_neg, self.adv_line):
            self.adv.addItem(it)

        self.limit_up = pg.PlotDataItem([], [], pen=pg.mkPen(pal.up, width=1.8))
        self.limit_down = pg.PlotDataItem([], [], pen=pg.mkPen(pal.down, width=1.8))
        self.lim.addItem(self.limit_up)
        self.lim.addItem(self.limit_down)

        self.prior_turnover = pg.PlotDataItem(
            [], [], pen=pg.mkPen(pal.flat, width=1.4, style=Qt.PenStyle.DashLine))
        self.today_turnover = pg.PlotDataItem([], [], pen=pg.mkPen(pal.series[0], width=2.0))
        self.turn.addItem(self.prior_turnover)
        self.turn.addItem(self.today_turnover)

        self.cursors: list[pg.InfiniteLine] = []
        for p in self.plots:
            line = pg.InfiniteLine(pos=0.0, angle=90,
                                   pen=pg.mkPen(pal.crosshair, width=1, style=Qt.PenStyle.DotLine))
            p.addItem(line, ignoreBounds=True)
            self.cursors.append(line)

        # The titles are the readouts at the current minute.
        for p in self.plots:
            p.titleLabel.item.setFont(font(9.0))
        self.turn.titleLabel.item.setFont(font(10.0, bold=True))
        self.adv_title = ""
        self.lim_title = ""
        self.turnover_title = ""
        self.comparison: TurnoverComparison | None = None

    # -- helpers ---------------------------------------------------------------------------------
    def _span(self, html: str, colour: str) -> str:
        return f"<span style='color:{colour}'>{html}</span>"

    def _set_title(self, plot: pg.PlotItem, html: str) -> None:
        plot.setTitle(html, color=self._pal.foreground, justify="left")
        # setTitle reserves 30 px; three of them would eat a short dock.
        plot.titleLabel.setMaximumHeight(TITLE_HEIGHT)
        plot.layout.setRowFixedHeight(0, TITLE_HEIGHT)

    # -- update ----------------------------------------------------------------------------------
    def set_series(self, series: pd.DataFrame | None, prior_series: pd.DataFrame | None,
                   time: str) -> TurnoverComparison:
        """Draw the day's series up to ``time`` and the prior session's turnover; returns the
        turnover comparison shown in the title."""
        pal = self._pal
        now = float(slot_of(time))
        for line in self.cursors:
            line.setValue(now)
        today = series if series is not None and len(series) else None
        prior = prior_series if prior_series is not None and len(prior_series) else None

        if today is not None:
            x_all = _slots(today)
            order = np.argsort(x_all, kind="stable")
            x_all = x_all[order]
            shown = x_all <= now
            x = x_all[shown]
            adv_all = (_column(today, "up") - _column(today, "down"))[order]
            lu_all = _column(today, "limit_up")[order]
            ld_all = _column(today, "limit_down")[order]
            to_all = _column(today, "turnover_yuan")[order]
            adv, lu, ld, to = adv_all[shown], lu_all[shown], ld_all[shown], to_all[shown]
        else:
            x = adv = lu = ld = to = np.zeros(0)
            adv_all = lu_all = ld_all = to_all = np.zeros(0)

        self.adv_pos.setData(x, np.maximum(adv, 0.0))
        self.adv_neg.setData(x, np.minimum(adv, 0.0))
        self.adv_line.setData(x, adv)
        self.limit_up.setData(x, lu)
        self.limit_down.setData(x, ld)
        self.today_turnover.setData(x, to)
        if prior is not None:
            px = _slots(prior)
            po = np.argsort(px, kind="stable")
            self.prior_turnover.setData(px[po], _column(prior, "turnover_yuan")[po])
        else:
            self.prior_turnover.setData([], [])

        # Y ranges from the whole day (both sessions for turnover): stable while scrubbing.
        lo = float(np.nanmin(adv_all)) if len(adv_all) else 0.0
        hi = float(np.nanmax(adv_all)) if len(adv_all) else 0.0
        lo, hi = min(lo, 0.0), max(hi, 0.0)
        if hi - lo < 100.0:          # no data yet (or a dead-even market): a sane default span
            lo, hi = lo - 50.0, hi + 50.0
        pad = (hi - lo) * 0.08
        self.adv.setYRange(lo - pad, hi + pad, padding=0)
        lim_hi = max([5.0, *(float(np.nanmax(a)) for a in (lu_all, ld_all) if len(a))])
        self.lim.setYRange(0, lim_hi * 1.12, padding=0)
        turn_hi = [float(np.nanmax(to_all))] if len(to_all) else []
        if prior is not None:
            turn_hi.append(float(np.nanmax(_column(prior, "turnover_yuan"))))
        top = max([v for v in turn_hi if math.isfinite(v)] or [1e11])
        self.turn.setYRange(0, top * 1.08, padding=0)

        # Readouts at the current minute.
        a_now = float(adv[-1]) if len(adv) else float("nan")
        self.adv_title = (self.tr("涨跌差 (上涨−下跌)") + "  " +
                          self._span(f"<b>{signed(a_now, 0)}</b>", colour_of(pal, a_now)))
        self._set_title(self.adv, self.adv_title)
        lu_now = count_text(int(lu[-1])) if len(lu) else "—"
        ld_now = count_text(int(ld[-1])) if len(ld) else "—"
        self.lim_title = (self._span(self.tr("涨停") + f" <b>{lu_now}</b>", pal.up) + "&nbsp;&nbsp;"
                          + self._span(self.tr("跌停") + f" <b>{ld_now}</b>", pal.down))
        self._set_title(self.lim, self.lim_title)

        cmp = (turnover_comparison(today, prior, time) if today is not None
               else TurnoverComparison(time, float("nan"), float("nan"), float("nan")))
        self.comparison = cmp
        text = self.tr("成交额 {0}").format(yuan_text(cmp.today))
        if math.isfinite(cmp.diff_pct):
            text += "  " + self._span(
                self.tr("较昨日同时 {0}").format(pct_text(cmp.diff_pct, 1)),
                colour_of(pal, cmp.diff_pct))
        self.turnover_title = text
        self._set_title(self.turn, text)
        return cmp
