"""Intraday (分时) chart: price and average-price lines over the 241-slot grid, volume below.

x is the slot number (0 = 09:30 … 240 = 15:00, lunch collapsed) and the x range always spans the
whole session, so a morning-only load shows the empty afternoon, as a terminal does. The price pane
is symmetric around the previous close, with prices on the left and percent change on the right.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.market import indicators
from app.market.session import AUCTION_TIME, SLOTS, normalise_time, slot_of, time_of
from app.ui.charts.base import ChartBase
from app.ui.charts.change_axis import ChangeAxis
from app.ui.charts.kline import nice_ceil
from app.ui.charts.style import fmt_big, fmt_pct, fmt_price, join_fields, span
from app.ui.format import signed
from app.ui.charts.time_axis import IntradayTimeAxis
from app.ui.charts.volume import VolumeItem
from app.ui.charts.volume_axis import VolumeAxis
from app.ui.palette import LIGHT, Palette

X_RANGE = (-0.5, SLOTS - 0.5)
SEAL_KINDS = ("sealed", "broken", "resealed")


@lru_cache(maxsize=2048)
def _slot_of_label(label: str) -> int:
    return slot_of(normalise_time(label))


def to_slots(times: Sequence[str] | Sequence[int] | np.ndarray) -> np.ndarray:
    """Slots of 'HH:MM' labels (or pass slot numbers through), as int64. The labels are the same
    few hundred every minute of a scrub: each is parsed once."""
    arr = list(times)
    if arr and isinstance(arr[0], str):
        return np.fromiter(map(_slot_of_label, arr), dtype=np.int64, count=len(arr))
    return np.asarray(arr, dtype=np.int64)


def split_at_base(x: np.ndarray, y: np.ndarray, base: float
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cut a polyline where it crosses ``base``.

    Returns ``(x2, above, below)``: the crossing points are inserted (at y == base) and ``above``
    holds y where y >= base (NaN elsewhere), ``below`` y where y <= base, so two curves drawn with
    ``connect='finite'`` colour the line red above the previous close and green below, switching
    exactly at the base line.
    """
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.size < 2:
        above = np.where(y >= base, y, np.nan)
        below = np.where(y <= base, y, np.nan)
        return x.copy(), above, below
    d = y - base
    cross = np.flatnonzero((d[:-1] * d[1:] < 0) & np.isfinite(d[:-1]) & np.isfinite(d[1:]))
    t = d[cross] / (d[cross] - d[cross + 1])
    xc = x[cross] + t * (x[cross + 1] - x[cross])
    x2 = np.insert(x, cross + 1, xc)
    y2 = np.insert(y, cross + 1, np.full(cross.size, base))
    with np.errstate(invalid="ignore"):
        above = np.where(y2 >= base, y2, np.nan)
        below = np.where(y2 <= base, y2, np.nan)
    return x2, above, below


class IntradayChart(ChartBase):
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

        self._slots = np.zeros(0, dtype=np.int64)
        self._index_of_slot = np.full(SLOTS, -1, dtype=np.int64)
        self._price = np.zeros(0)
        self._avg: np.ndarray | None = None
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
                 decimals: int = 2) -> None:
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
        self._volume = (np.zeros(n) if volume is None
                        else np.asarray(volume, dtype=np.float64))
        self._amount = (np.full(n, np.nan) if amount is None
                        else np.asarray(amount, dtype=np.float64))
        self._prev_close = float(prev_close)
        self._title = title
        self._decimals = decimals
        base = self._prev_close

        x2, above, below = split_at_base(slots.astype(np.float64), p, base)
        for curve, y in ((self.up_curve, above), (self.down_curve, below)):
            # An all-NaN curve would make pyqtgraph's bounds warn; give it no data instead.
            if np.isfinite(y).any():
                curve.setData(x2, y)
            else:
                curve.setData([], [])
        if self._avg is not None and np.isfinite(self._avg).any():
            self.avg_curve.setData(slots.astype(np.float64), self._avg)
            self.avg_curve.show()
        else:
            self.avg_curve.setData([], [])
            self.avg_curve.hide()
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
            _set_range(self.price_plot, (base - half, base + half))
        vol = self._volume[np.isfinite(self._volume)]
        top = float(vol.max()) if vol.size and vol.max() > 0 else 1.0
        _set_range(self.volume_plot, (0.0, nice_ceil(top * 1.08)))
        for plot in (self.price_plot, self.volume_plot):
            if tuple(plot.getViewBox().viewRange()[0]) != X_RANGE:
                plot.getViewBox().setXRange(*X_RANGE, padding=0)

    # -- readout -----------------------------------------------------------------------------------
    def readout_at(self, x: float) -> dict[str, Any]:
        """Numbers under the crosshair at slot ``x`` (rounded); {} outside the session grid.

        Keys: slot, time, price, change, pct, avg, volume, amount, event (封板/炸板/回封 or '').
        Values are NaN at a slot with no data yet (the afternoon of a morning-only load).
        """
        if not math.isfinite(x):
            return {}
        slot = int(round(x))
        if slot < 0 or slot >= SLOTS:
            return {}
        i = int(self._index_of_slot[slot])
        nan = math.nan
        out: dict[str, Any] = {"slot": slot, "time": time_of(slot), "price": nan, "change": nan,
                               "pct": nan, "avg": nan, "volume": nan, "amount": nan, "event": ""}
        if i < 0:
            return out
        price = float(self._price[i])
        base = self._prev_close
        out["price"] = price
        out["change"] = price - base
        out["pct"] = (price / base - 1.0) * 100.0 if base else nan
        if self._avg is not None:
            out["avg"] = float(self._avg[i])
        out["volume"] = float(self._volume[i])
        out["amount"] = float(self._amount[i])
        kind = self._seals.get(slot)
        if kind:
            out["event"] = {"sealed": self.tr("Sealed"), "broken": self.tr("Broken"),
                            "resealed": self.tr("Resealed")}[kind]
            if slot == 0 and kind == "sealed":
                out["event_time"] = AUCTION_TIME
        return out

    def _last_index(self) -> int:
        finite = np.flatnonzero(np.isfinite(self._price))
        return int(finite[-1]) if finite.size else -1

    def _render_title(self) -> None:
        pal = self._pal
        parts = [span(self._title or self.tr("Intraday"), pal.foreground, bold=True)]
        i = self._last_index()
        if i >= 0:
            r = self.readout_at(float(self._slots[i]))
            colour = pal.colour_for(r["change"])
            parts += [span(fmt_price(r["price"], self._decimals), colour, bold=True),
                      span(signed(r["change"], self._decimals, missing="--"), colour),
                      span(fmt_pct(r["pct"]), colour),
                      span(r["time"], pal.foreground)]
        self.title_label.set_html(join_fields(parts))

    def _render_readout(self, x: float | None) -> None:
        pal = self._pal
        if x is None:
            i = self._last_index()
            if i < 0:
                self.readout_label.set_html(" ")
                return
            x = float(self._slots[i])
        r = self.readout_at(x)
        if not r:
            self.readout_label.set_html(" ")
            return
        colour = pal.colour_for(r["change"]) if math.isfinite(r["change"]) else pal.foreground
        fg = pal.foreground
        # (field, rank): what a narrow chart leaves out first has the highest rank.
        fields = [(span(r["time"], fg, bold=True), 0),
                  (span(self.tr("Price") + " " + fmt_price(r["price"], self._decimals), colour), 0),
                  (span(fmt_pct(r["pct"]), colour), 0)]
        if self._avg is not None:
            fields.append((span(self.tr("Avg") + " " + fmt_price(r["avg"], self._decimals),
                                pal.avg_line), 1))
        fields.append((span(self.tr("Vol") + " " + self.tr("{0} lots").format(
            fmt_big(r["volume"] / self._volume_divisor)), fg), 2))
        if math.isfinite(r["amount"]):
            fields.append((span(self.tr("Amt") + " " + fmt_big(r["amount"]), fg), 3))
        if r["event"]:
            when = r.get("event_time", r["time"])
            fields.append((span(f"{r['event']} {when}", pal.up if r["event"] != self.tr("Broken")
                                else pal.down, bold=True), 0))
        self.readout_label.set_fields(fields)


# The y ranges move in steps, not with every new high or low: a minute that stays inside the range
# repaints only the curves, not the axes and grid (a scrub step or a live minute paints less).
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


def _set_range(plot: pg.PlotItem, y: tuple[float, float]) -> None:
    box = plot.getViewBox()
    lo, hi = box.viewRange()[1]
    if not (math.isclose(lo, y[0], rel_tol=1e-12, abs_tol=1e-12)
            and math.isclose(hi, y[1], rel_tol=1e-12, abs_tol=1e-12)):
        box.setYRange(*y, padding=0)
