"""Intraday (分时) chart: price and average-price lines over the 241-slot grid, volume below.

The x range always spans the whole session (``slots``). The price pane is symmetric around the
previous close, with prices on the left and percent change on the right; the title and the
crosshair readout come from ``intraday_readout``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.market import indicators
from app.market.session import SLOTS, slot_of
from app.ui.charts.base import ChartBase
from app.ui.charts.base_split import split_at_base
from app.ui.charts.change_axis import ChangeAxis
from app.ui.charts.gap_shading import GapShading, missing_runs, with_breaks
from app.ui.charts.intraday_range import EDGE_ROOM, set_y_range, stable_half_range
from app.ui.charts.intraday_readout import IntradayReadout
from app.ui.charts.kline import nice_ceil
from app.ui.charts.slots import X_RANGE, to_slots
from app.ui.charts.time_axis import IntradayTimeAxis
from app.ui.charts.volume import VolumeItem
from app.ui.charts.volume_axis import VolumeAxis
from app.ui.palette import LIGHT, Palette

SEAL_KINDS = ("sealed", "broken", "resealed")


class IntradayChart(IntradayReadout, ChartBase):
    """分时图 of one index or stock. Feed it with ``set_data``; ``readout_at(slot)`` gives the
    crosshair's numbers."""

    def __init__(self, parent: QWidget | None = None, *, pal: Palette = LIGHT,
                 volume_divisor: float = 100.0) -> None:
        super().__init__(parent, pal=pal)
        self._volume_divisor = volume_divisor
        self.price_axis = ChangeAxis("left", mode="price")
        self.pct_axis = ChangeAxis("right", mode="pct")
        for axis in (self.price_axis, self.pct_axis):
            axis.set_colours(pal.up, pal.down, pal.foreground)
        self.price_plot = self._add_plot(1, {"left": self.price_axis, "right": self.pct_axis,
                                             "bottom": IntradayTimeAxis("bottom")}, stretch=3)
        self.time_axis = IntradayTimeAxis("bottom")
        self.volume_plot = self._add_plot(2, {"bottom": self.time_axis,
                                              "left": VolumeAxis("left", volume_divisor)},
                                          stretch=1)
        self.price_plot.getAxis("bottom").setStyle(showValues=False)
        self.price_plot.getAxis("bottom").setHeight(4)
        self.volume_plot.getAxis("right").setStyle(showValues=False)
        self.volume_plot.showGrid(x=True, y=False, alpha=1.0)
        # No setXLink: pyqtgraph maps linked ranges through the panes' screen geometry, which is
        # wrong before the first layout; the session range is fixed anyway, so both panes get it.
        for plot in (self.price_plot, self.volume_plot):
            plot.setMouseEnabled(x=False, y=False)
            plot.getViewBox().setXRange(*X_RANGE, padding=0)
            plot.getViewBox().disableAutoRange()

        self.base_line = pg.InfiniteLine(angle=0, movable=False,
                                         pen=pg.mkPen(pal.base_line, width=1,
                                                      style=Qt.PenStyle.DashLine))
        self.price_plot.addItem(self.base_line, ignoreBounds=True)
        self.up_curve = self._curve(pal.up, width=1.6)
        self.down_curve = self._curve(pal.down, width=1.6)
        self.avg_curve = self._curve(pal.avg_line, width=1.2)
        self.limit_up_line = self._limit_line(pal.up, self.tr("Limit-up"), below=True)
        self.limit_down_line = self._limit_line(pal.down, self.tr("Limit-down"), below=False)
        self.marks = pg.ScatterPlotItem(pxMode=True)
        self.marks.setZValue(20)
        self.price_plot.addItem(self.marks)
        self._mark_texts: list[pg.TextItem] = []
        self.volume_item = VolumeItem(pal.up, pal.down, pal.flat, width=0.6)
        self.volume_item.set_fixed_level(1)
        self.volume_plot.addItem(self.volume_item)
        self.gaps = GapShading([self.price_plot, self.volume_plot], pal.flat)

        self._slots = np.zeros(0, dtype=np.int64)
        self._index_of_slot = np.full(SLOTS, -1, dtype=np.int64)
        self._price = np.zeros(0)
        self._avg: np.ndarray | None = None
        self._avg_name: str | None = None
        self._volume = np.zeros(0)
        self._amount = np.zeros(0)
        self._prev_close = math.nan
        self._title = ""
        self._decimals = 2
        self._seals: dict[int, str] = {}
        self._attach_crosshair([self.price_plot, self.volume_plot])
        self._render_title()

    # -- construction helpers ----------------------------------------------------------------------
    def _curve(self, colour: str, width: float) -> pg.PlotDataItem:
        item = pg.PlotDataItem(pen=pg.mkPen(colour, width=width), connect="finite",
                               antialias=True)
        self.price_plot.addItem(item)  # before clip-to-view, which looks up the ViewBox
        item.setClipToView(True)
        item.setDownsampling(auto=True, method="peak")
        return item

    def _limit_line(self, colour: str, name: str, *, below: bool) -> pg.InfiniteLine:
        # The limit-up label hangs below its line and the limit-down label sits above its line,
        # so neither is cut off when the line is at the edge of the pane; both sit at the lunch
        # break, clear of the open and the close, where seal marks gather (一字板, 尾盘封板).
        anchor = (1, 0) if below else (1, 1)
        line = pg.InfiniteLine(angle=0, movable=False,
                               pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashDotLine),
                               label=name + " {value:.2f}",
                               labelOpts={"position": 0.5, "color": colour,
                                          "anchors": [anchor, anchor]})
        line.label.setFont(self._tick_font)
        line.hide()
        line.setZValue(5)
        self.price_plot.addItem(line, ignoreBounds=True)
        return line

    # -- data --------------------------------------------------------------------------------------
    def set_data(self, times: Sequence[str] | Sequence[int] | np.ndarray, price: np.ndarray,
                 avg_price: np.ndarray | None, volume: np.ndarray | None,
                 amount: np.ndarray | None, prev_close: float, title: str,
                 limit_up: float | None = None, limit_down: float | None = None,
                 seal_marks: Sequence[tuple[int | str, str]] | None = None, *,
                 decimals: int = 2, avg_name: str | None = None) -> None:
        """Show one session.

        Parameters
        ----------
        times
            'HH:MM' labels or slot numbers of the rows, ascending (a partial day is fine).
        price, avg_price, volume, amount
            Per-row arrays: last price, average price (None: no line; for an index pass a level
            in index points such as ``indicators.volume_weighted_level``, not amount/volume),
            per-minute volume in shares and amount in yuan (None: no volume data).
        prev_close
            The base line; the price pane is symmetric around it.
        limit_up, limit_down
            Limit prices of a stock (dashed lines), None for an index.
        seal_marks
            ``(slot or 'HH:MM', kind)`` with kind in 'sealed' (封板), 'broken' (炸板),
            'resealed' (回封).
        avg_name
            What the second line is, for the readout (None: the average price, 均). An index
            passes its equal-weight line (不含加权) with that name; with ``avg_price`` None the
            readout then shows the name with an empty value (the line is still loading).
        """
        slots = to_slots(times)
        p = np.asarray(price, dtype=np.float64)
        n = p.size
        if slots.size != n:
            raise ValueError("times and price must have the same length")
        self._slots = slots
        self._index_of_slot = np.full(SLOTS, -1, dtype=np.int64)
        valid = (slots >= 0) & (slots < SLOTS)
        self._index_of_slot[slots[valid]] = np.flatnonzero(valid)
        self._price = p
        self._avg = None if avg_price is None else np.asarray(avg_price, dtype=np.float64)
        self._avg_name = avg_name
        self._volume = (np.zeros(n) if volume is None
                        else np.asarray(volume, dtype=np.float64))
        self._amount = (np.full(n, np.nan) if amount is None
                        else np.asarray(amount, dtype=np.float64))
        self._prev_close = float(prev_close)
        self._title = title
        self._decimals = decimals
        base = self._prev_close

        # Minutes without a row break the line (and are shaded) instead of being joined across.
        self.gaps.show(missing_runs(slots))
        x2, above, below = split_at_base(*with_breaks(slots, p), base)
        for curve, y in ((self.up_curve, above), (self.down_curve, below)):
            # An all-NaN curve would make pyqtgraph's bounds warn; give it no data instead.
            if np.isfinite(y).any():
                curve.setData(x2, y)
            else:
                curve.setData([], [])
        self._show_avg()
        self.base_line.setPos(base)
        self.price_axis.set_base(base)
        self.pct_axis.set_base(base)
        for line, value in ((self.limit_up_line, limit_up), (self.limit_down_line, limit_down)):
            if value is not None and math.isfinite(value):
                line.show()  # the label only refreshes its text while visible
                line.setPos(value)
            else:
                line.hide()

        direction = indicators.direction(p, base)
        # The volume item's rows are slots, so a partial day goes through a full 241-slot array.
        grid_vol = np.zeros(SLOTS)
        grid_dir = np.zeros(SLOTS, dtype=np.int8)
        grid_vol[slots[valid]] = np.nan_to_num(self._volume[valid])
        grid_dir[slots[valid]] = direction[valid]
        self.volume_item.set_data(grid_vol, grid_dir)

        self._set_marks(seal_marks or [])
        self._fit_y()
        self.crosshair.set_x_bounds(0, int(slots.max()) if n else -1)  # type: ignore[union-attr]
        self.crosshair.hide()  # type: ignore[union-attr]
        self._render_title()
        self._render_readout(None)

    def _show_avg(self) -> None:
        if self._avg is not None and np.isfinite(self._avg).any():
            self.avg_curve.setData(*with_breaks(self._slots, self._avg))
            self.avg_curve.show()
        else:
            self.avg_curve.setData([], [])
            self.avg_curve.hide()

    def set_avg_line(self, values: np.ndarray | None) -> None:
        """The second line alone (the same rows as the price): an index's equal-weight line
        that arrives after the minute was painted."""
        if values is not None and len(values) != len(self._price):
            return              # another minute's rows: its own view brings its line
        self._avg = None if values is None else np.asarray(values, dtype=np.float64)
        self._show_avg()
        self._fit_y()
        self._render_readout(None)

    def avg_name(self) -> str:
        return self._avg_name or self.tr("Avg")

    def _set_marks(self, marks: Sequence[tuple[int | str, str]]) -> None:
        pal = self._pal
        for t in self._mark_texts:
            self.price_plot.removeItem(t)
        self._mark_texts = []
        self._seals = {}
        spots = []
        names = {"sealed": self.tr("Sealed"), "broken": self.tr("Broken"),
                 "resealed": self.tr("Resealed")}
        for where, kind in marks:
            if kind not in SEAL_KINDS:
                raise ValueError(f"unknown seal mark kind {kind!r}; expected one of {SEAL_KINDS}")
            slot = slot_of(where) if isinstance(where, str) else int(where)
            i = self._index_of_slot[slot] if 0 <= slot < SLOTS else -1
            if i < 0 or not math.isfinite(self._price[i]):
                continue
            self._seals[slot] = kind
            y = float(self._price[i])
            colour = pal.down if kind == "broken" else pal.up
            spots.append({"pos": (slot, y), "size": 9,
                          "symbol": "t" if kind == "broken" else "t1",
                          "brush": pg.mkBrush(colour if kind != "resealed" else pal.background),
                          "pen": pg.mkPen(colour, width=1.5)})
            # Labels hang below their marker: a seal sits on the top edge of a limit-up day, where
            # a label above it would be cut off.
            text = pg.TextItem(names[kind], color=colour, anchor=(0.5, -0.45))
            text.setFont(self._tick_font)
            text.setPos(slot, y)
            self.price_plot.addItem(text, ignoreBounds=True)
            self._mark_texts.append(text)
        self.marks.setData(spots)

    def _fit_y(self) -> None:
        base = self._prev_close
        values = [self._price]
        if self._avg is not None:
            values.append(self._avg)
        if math.isfinite(base):
            lo, hi = indicators.symmetric_range(np.concatenate(values), base)
            # A little beyond the step, so a tick on the step is not cut at the pane's edge.
            half = stable_half_range(hi - base, base) * EDGE_ROOM
            set_y_range(self.price_plot, (base - half, base + half))
        vol = self._volume[np.isfinite(self._volume)]
        top = float(vol.max()) if vol.size and vol.max() > 0 else 1.0
        set_y_range(self.volume_plot, (0.0, nice_ceil(top * 1.08)))
        for plot in (self.price_plot, self.volume_plot):
            if tuple(plot.getViewBox().viewRange()[0]) != X_RANGE:
                plot.getViewBox().setXRange(*X_RANGE, padding=0)
