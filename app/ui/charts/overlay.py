"""Overlay (叠加) chart: several indices' percent change since the previous close on one axis.

Same collapsed-lunch time axis as the intraday chart, the axis symmetric around 0 %, one distinct
colour per series and a legend with each series' latest change, so the gap between, say, ChiNext
and the SSE Composite reads at a glance; the header shows the spread between the strongest and the
weakest series.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.market.session import SLOTS, time_of
from app.ui.charts.base import ChartBase
from app.ui.charts.change_axis import ChangeAxis
from app.ui.charts.slots import X_RANGE, to_slots
from app.ui.charts.style import fmt_pct, join_fields, span
from app.ui.charts.time_axis import IntradayTimeAxis
from app.ui.palette import LIGHT, Palette

# (name, 'HH:MM' labels or slots, percent change) with an optional '#rrggbb' colour last.
Series = tuple[Any, ...]


class OverlayChart(ChartBase):
    """``set_data([(name, times_or_slots, pct_change[, colour]), ...], title)``; pct in percent
    (1.5 = +1.5 %). Without a colour, series take the palette's overlay colours in order."""

    def __init__(self, parent: QWidget | None = None, *, pal: Palette = LIGHT) -> None:
        super().__init__(parent, pal=pal)
        left = ChangeAxis("left", mode="percent")
        right = ChangeAxis("right", mode="percent")
        for axis in (left, right):
            axis.set_colours(pal.up, pal.down, pal.foreground)
        self.plot = self._add_plot(1, {"left": left, "right": right,
                                       "bottom": IntradayTimeAxis("bottom")}, stretch=1)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.getViewBox().disableAutoRange()
        self.plot.getViewBox().setXRange(*X_RANGE, padding=0)
        self.zero_line = pg.InfiniteLine(pos=0.0, angle=0, movable=False,
                                         pen=pg.mkPen(pal.base_line, width=1,
                                                      style=Qt.PenStyle.DashLine))
        self.plot.addItem(self.zero_line, ignoreBounds=True)
        self.legend = pg.LabelItem(" ", justify="left", color=pal.foreground)
        self.legend.item.setFont(self._label_font)
        self.legend.setParentItem(self.plot.getViewBox())
        self.legend.anchor(itemPos=(0, 0), parentPos=(0, 0), offset=(6, 4))
        self.legend.setZValue(50)
        self.curves: list[pg.PlotDataItem] = []
        self._names: list[str] = []
        self._colours: list[str | None] = []
        self._grid = np.zeros((0, SLOTS))   # series × slot, NaN where absent
        self._title = ""
        self._attach_crosshair([self.plot])
        self._render_title()

    def colour_of(self, i: int) -> str:
        if i < len(self._colours) and self._colours[i]:
            return self._colours[i]
        colours = self._pal.series
        return colours[i % len(colours)]

    def set_data(self, series: Sequence[Series], title: str = "") -> None:
        """Show the series (name, 'HH:MM' labels or slots, percent change), first drawn on top."""
        for curve in self.curves:
            self.plot.removeItem(curve)
        self.curves = []
        self._names = [str(s[0]) for s in series]
        self._colours = [str(s[3]) if len(s) > 3 and s[3] else None for s in series]
        self._grid = np.full((len(series), SLOTS), np.nan)
        self._title = title
        for i, (name, times, pct, *_) in enumerate(series):
            slots = to_slots(times)
            y = np.asarray(pct, dtype=np.float64)
            if slots.size != y.size:
                raise ValueError(f"series {name!r}: times and values differ in length")
            ok = (slots >= 0) & (slots < SLOTS)
            self._grid[i, slots[ok]] = y[ok]
            curve = pg.PlotDataItem(pen=pg.mkPen(self.colour_of(i), width=1.8),
                                    connect="finite", antialias=True)
            curve.setZValue(20 + len(series) - i)
            # Add to the plot before giving data: clip-to-view looks up the ViewBox.
            self.plot.addItem(curve)
            curve.setClipToView(True)
            curve.setDownsampling(auto=True, method="peak")
            curve.setData(slots.astype(np.float64), y)
            self.curves.append(curve)
        finite = self._grid[np.isfinite(self._grid)]
        half = float(np.max(np.abs(finite))) if finite.size else 0.0
        half = max(half * 1.08, 0.2)
        self.plot.getViewBox().setYRange(-half, half, padding=0)
        self.plot.getViewBox().setXRange(*X_RANGE, padding=0)
        filled = np.flatnonzero(np.isfinite(self._grid).any(axis=0))
        self.crosshair.set_x_bounds(0, int(filled[-1]) if filled.size else -1)  # type: ignore
        self.crosshair.hide()  # type: ignore[union-attr]
        self._render_title()
        self._render_readout(None)

    def latest(self) -> dict[str, float]:
        """Each series' last finite value (NaN when it has none)."""
        out = {}
        for i, name in enumerate(self._names):
            row = self._grid[i]
            idx = np.flatnonzero(np.isfinite(row))
            out[name] = float(row[idx[-1]]) if idx.size else math.nan
        return out

    def readout_at(self, x: float) -> dict[str, Any]:
        """{'slot', 'time', 'values': {name: pct or NaN}} at slot ``round(x)``; {} off the grid."""
        if not math.isfinite(x):
            return {}
        slot = int(round(x))
        if slot < 0 or slot >= SLOTS:
            return {}
        return {"slot": slot, "time": time_of(slot),
                "values": {n: float(self._grid[i, slot]) for i, n in enumerate(self._names)}}

    def spread(self) -> tuple[str, str, float] | None:
        """(strongest, weakest, gap in percentage points) of the latest values."""
        latest = {k: v for k, v in self.latest().items() if math.isfinite(v)}
        if len(latest) < 2:
            return None
        hi = max(latest, key=lambda k: latest[k])
        lo = min(latest, key=lambda k: latest[k])
        return hi, lo, latest[hi] - latest[lo]

    def _render_title(self) -> None:
        pal = self._pal
        parts = [span(self._title or self.tr("Overlay"), pal.foreground, bold=True)]
        gap = self.spread()
        if gap is not None:
            hi, lo, pp = gap
            parts.append(span(self.tr("Spread {0} pp").format(f"{pp:.2f}")
                              + f" ({hi} − {lo})", pal.foreground))
        self.title_label.set_html(join_fields(parts))
        legend = []
        for i, (name, value) in enumerate(self.latest().items()):
            legend.append(span("━ " + name, self.colour_of(i), bold=True) + "&nbsp;"
                          + span(fmt_pct(value), pal.colour_for(value)))
        self.legend.setText("<br>".join(legend) if legend else " ")

    def _render_readout(self, x: float | None) -> None:
        pal = self._pal
        if x is None:
            filled = np.flatnonzero(np.isfinite(self._grid).any(axis=0))
            if not filled.size:
                self.readout_label.set_html(" ")
                return
            x = float(filled[-1])
        r = self.readout_at(x)
        parts = [span(r["time"], pal.foreground, bold=True)]
        for i, (name, value) in enumerate(r["values"].items()):
            parts.append(span(name, self.colour_of(i)) + "&nbsp;"
                         + span(fmt_pct(value), pal.colour_for(value)
                                if math.isfinite(value) else pal.foreground))
        self.readout_label.set_html(join_fields(parts))
