"""Daily K-line (日K) chart: candles and MA5/10/20/60 over trading-day row numbers, volume below.

Wheel zooms and drag pans on x only; after every x change both panes fit their y range to the bars
inside the view (with ``Y_PAD`` padding), as terminals do. The initial view is the last
``initial_bars`` bars.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Sequence
from itertools import zip_longest
from typing import Any

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from app.market import indicators
from app.ui.charts.base import ChartBase
from app.ui.charts.candle import CandleItem
from app.ui.charts.day_axis import TradingDayAxis
from app.ui.charts.grid import AxisGridItem
from app.ui.charts.lines import LinesItem
from app.ui.charts.style import fmt_big, fmt_pct, fmt_price, join_fields, span
from app.ui.format import unsigned_pct
from app.ui.charts.volume import VolumeItem
from app.ui.charts.volume_axis import VolumeAxis
from app.ui.palette import LIGHT, Palette

Y_PAD = 0.06          # fraction of the visible high-low span added above and below
VOLUME_HEADROOM = 1.05
_NICE = np.array([1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0])


def nice_ceil(value: float) -> float:
    """Smallest 'nice' number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) >= value.

    The volume pane's top snaps to these, so while panning it changes only now and then (its axis
    keeps its cached picture) and never more than 25 % above the tallest bar.
    """
    if not math.isfinite(value) or value <= 0:
        return 1.0
    exp = math.floor(math.log10(value))
    base = 10.0 ** exp
    return float(_NICE[np.searchsorted(_NICE, value / base - 1e-12)] * base)
RIGHT_MARGIN = 3.0    # empty bars right of the last one, as terminals leave
MIN_VISIBLE = 10
WARM_SLICE_S = 0.004  # idle warm-up works at most this long per event-loop turn
REQUIRED = ("date", "open", "high", "low", "close", "volume")


class KLineChart(ChartBase):
    """Daily candles of one index or stock; ``set_data(df, title)``."""

    def __init__(self, parent: QWidget | None = None, *, pal: Palette = LIGHT,
                 ma_windows: Sequence[int] = indicators.MA_WINDOWS, initial_bars: int = 120,
                 volume_divisor: float = 100.0, decimals: int = 2) -> None:
        super().__init__(parent, pal=pal)
        self._ma_windows = tuple(ma_windows)
        self._initial_bars = initial_bars
        self._volume_divisor = volume_divisor
        self._decimals = decimals
        self.date_axis = TradingDayAxis("bottom")
        self.price_plot = self._add_plot(1, {}, stretch=3)
        self.volume_plot = self._add_plot(2, {"bottom": self.date_axis,
                                              "left": VolumeAxis("left", volume_divisor)},
                                          stretch=1)
        # The price pane has no x axis; its vertical grid follows the date axis's ticks.
        self.price_plot.hideAxis("bottom")
        self.price_plot.addItem(AxisGridItem(self.date_axis, pal.grid), ignoreBounds=True)
        for plot in (self.price_plot, self.volume_plot):
            plot.hideAxis("right")  # the price scale is on the left; a blank axis costs a frame
            vb = plot.getViewBox()
            vb.setMouseEnabled(x=True, y=False)
            vb.disableAutoRange()
        self.volume_plot.showGrid(x=True, y=False, alpha=1.0)
        price_axis = self.price_plot.getAxis("left")
        price_axis.setStyle(maxTickLevel=0)  # major grid lines only …
        price_axis.setTickDensity(1.8)       # … but enough of them to read a price off

        self.candles = CandleItem(pal.up, pal.down, hollow_up=True)
        self.price_plot.addItem(self.candles)
        # MA5/10/20/60 in one batched item: a pan rebuilds no QPainterPath (see batched.py).
        self.ma_lines = LinesItem(width=1.0)
        self.ma_lines.setZValue(10)
        self.price_plot.addItem(self.ma_lines)
        self.volumes = VolumeItem(pal.up, pal.down, pal.flat, hollow_up=True)
        self.volume_plot.addItem(self.volumes)
        self.sub_label.show()  # MA legend line under the title

        n0 = np.zeros(0)
        self._dates: list[str] = []
        self._open = self._high = self._low = self._close = n0
        self._volume = self._amount = n0
        self._pct = n0
        self._ma: dict[int, np.ndarray] = {}
        self._title = ""
        self._syncing = False
        # After set_data, the batches of every zoom level are built in small idle slices, so the
        # first zoom-out to a new level does not stall a frame building them.
        self._warm_queue: deque[tuple[Any, int, int]] = deque()
        self._warm_timer = QTimer(self)
        self._warm_timer.setInterval(0)
        self._warm_timer.timeout.connect(self._warm_step)
        # Link x by hand: pyqtgraph's setXLink maps ranges through the panes' screen geometry.
        self.price_plot.getViewBox().sigXRangeChanged.connect(self._on_x_changed)
        self.volume_plot.getViewBox().sigXRangeChanged.connect(self._on_x_changed)
        self._attach_crosshair([self.price_plot, self.volume_plot])
        self._render_title()

    # -- data --------------------------------------------------------------------------------------
    @property
    def n_bars(self) -> int:
        return len(self._dates)

    def set_data(self, df: pd.DataFrame, title: str = "") -> None:
        """Show daily bars.

        ``df`` has columns date ('YYYY-MM-DD'), open, high, low, close, volume (shares) and
        optionally amount (yuan), one row per trading day, oldest first.
        """
        missing = [c for c in REQUIRED if c not in df.columns]
        if missing:
            raise ValueError(f"daily frame lacks columns {missing}")
        self._dates = df["date"].astype(str).str.slice(0, 10).tolist()
        col = {c: df[c].to_numpy(dtype=np.float64, na_value=np.nan) for c in REQUIRED[1:]}
        self._open, self._high, self._low, self._close = (col["open"], col["high"], col["low"],
                                                          col["close"])
        self._volume = col["volume"]
        self._amount = (df["amount"].to_numpy(dtype=np.float64, na_value=np.nan)
                        if "amount" in df.columns else np.full(len(df), np.nan))
        self._pct = indicators.pct_change_series(self._close)
        self._ma = indicators.moving_averages(self._close, self._ma_windows)
        self._title = title
        n = len(self._dates)

        self.date_axis.set_dates(self._dates)
        self.candles.set_data(self._open, self._high, self._low, self._close)
        direction = np.where(self._close >= self._open, 1, -1).astype(np.int8)
        self.volumes.set_data(self._volume, direction, open_=self._open, close=self._close)
        self.ma_lines.set_data([self._ma[w] for w in self._ma_windows],
                               [c for c, _ in zip(self._pal.ma * 2, self._ma_windows,
                                                  strict=False)])
        for plot in (self.price_plot, self.volume_plot):
            plot.getViewBox().setLimits(xMin=-RIGHT_MARGIN - 0.5, xMax=n - 0.5 + RIGHT_MARGIN,
                                        minXRange=MIN_VISIBLE)
        self.crosshair.set_x_bounds(0, n - 1)  # type: ignore[union-attr]
        self.crosshair.hide()  # type: ignore[union-attr]
        self.show_last(self._initial_bars)
        self._render_title()
        self._render_readout(None)
        self._start_warm_up()

    # -- idle warm-up of the level-of-detail batches -----------------------------------------------
    def _start_warm_up(self) -> None:
        n = self.n_bars
        max_level = 1
        while max_level * 600 < n:  # enough for the whole history on a ~1200 px wide chart
            max_level *= 2
        items = (self.candles, self.volumes, self.ma_lines)
        queues = [[(item, k, c) for k, c in item.pending_chunks(max_level * 2)] for item in items]
        # Interleave the items so each level is complete for all three panes at about once.
        self._warm_queue = deque(e for group in zip_longest(*queues) for e in group
                                 if e is not None)
        if self._warm_queue:
            self._warm_timer.start()
        else:
            self._warm_timer.stop()

    def _warm_step(self) -> None:
        deadline = time.perf_counter() + WARM_SLICE_S
        queue = self._warm_queue
        while queue and time.perf_counter() < deadline:
            item, k, c = queue.popleft()
            item.build_chunk(k, c)
        if not queue:
            self._warm_timer.stop()

    @property
    def warmed_up(self) -> bool:
        """True once the idle warm-up has built every zoom level's batches."""
        return not self._warm_queue

    def show_last(self, bars: int) -> None:
        """View the last ``bars`` bars (plus the right margin)."""
        n = self.n_bars
        if n == 0:
            return
        lo = max(-0.5, n - bars - 0.5)
        self.set_x_range(lo, n - 0.5 + RIGHT_MARGIN)

    def set_x_range(self, x0: float, x1: float) -> None:
        """Set the visible rows (both panes follow and y refits)."""
        self.price_plot.getViewBox().setXRange(x0, x1, padding=0)

    def visible_rows(self) -> tuple[int, int]:
        """First and last row whose centre lies in the view (last < first when none)."""
        x0, x1 = self.price_plot.getViewBox().viewRange()[0]
        return max(0, math.ceil(x0)), min(self.n_bars - 1, math.floor(x1))

    def _on_x_changed(self, vb: pg.ViewBox, rng: tuple[float, float]) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            other = (self.volume_plot if vb is self.price_plot.getViewBox()
                     else self.price_plot).getViewBox()
            other.setXRange(rng[0], rng[1], padding=0)
            self._fit_y()
            if self.crosshair is not None and not self.crosshair.visible:
                self._render_readout(None)
        finally:
            self._syncing = False

    def _fit_y(self) -> None:
        i0, i1 = self.visible_rows()
        if i1 < i0:
            return
        lows = self._low[i0:i1 + 1]
        highs = self._high[i0:i1 + 1]
        lows, highs = lows[np.isfinite(lows)], highs[np.isfinite(highs)]
        if lows.size and highs.size:
            lo, hi = float(lows.min()), float(highs.max())
            pad = (hi - lo) * Y_PAD if hi > lo else max(abs(hi) * 0.01, 0.01)
            self.price_plot.getViewBox().setYRange(lo - pad, hi + pad, padding=0)
        vols = self._volume[i0:i1 + 1]
        vols = vols[np.isfinite(vols)]
        top = float(vols.max()) if vols.size and vols.max() > 0 else 1.0
        self.volume_plot.getViewBox().setYRange(0, nice_ceil(top * VOLUME_HEADROOM), padding=0)

    # -- keyboard: terminal habits -----------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        cross = self.crosshair
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and cross is not None and self.n_bars:
            # As on a terminal: the first press shows the crosshair on the last bar in view, the
            # next ones move it a bar at a time (scrolling the view at its edges).
            step = -1 if key == Qt.Key.Key_Left else 1
            if cross.x is None:
                target = max(0, self.visible_rows()[1])
            else:
                target = min(max(0, int(cross.x) + step), self.n_bars - 1)
            i0, i1 = self.visible_rows()
            if target < i0 or target > i1:  # keep the crosshair's bar in view
                x0, x1 = self.price_plot.getViewBox().viewRange()[0]
                self.set_x_range(x0 + step, x1 + step)
            cross.set_position(target)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            x0, x1 = self.price_plot.getViewBox().viewRange()[0]
            factor = 0.8 if key == Qt.Key.Key_Up else 1.25
            width = max(MIN_VISIBLE, (x1 - x0) * factor)
            self.set_x_range(x1 - width, x1)  # zoom anchored at the right edge
        else:
            super().keyPressEvent(event)

    # -- readout -----------------------------------------------------------------------------------
    def readout_at(self, x: float) -> dict[str, Any]:
        """The bar at row ``round(x)``: date, open, high, low, close, change, pct (vs the previous
        close), amplitude (%), volume, amount and ``ma`` {window: value}; {} outside the data."""
        if not math.isfinite(x):
            return {}
        i = int(round(x))
        if i < 0 or i >= self.n_bars:
            return {}
        prev = float(self._close[i - 1]) if i > 0 else math.nan
        close = float(self._close[i])
        return {
            "index": i,
            "date": self._dates[i],
            "open": float(self._open[i]),
            "high": float(self._high[i]),
            "low": float(self._low[i]),
            "close": close,
            "change": close - prev,
            "pct": float(self._pct[i]),
            "amplitude": (float(self._high[i] - self._low[i]) / prev * 100.0) if prev else math.nan,
            "volume": float(self._volume[i]),
            "amount": float(self._amount[i]),
            "ma": {w: float(v[i]) for w, v in self._ma.items()},
        }

    def _render_title(self) -> None:
        pal = self._pal
        parts = [span(self._title or self.tr("Daily"), pal.foreground, bold=True),
                 span(self.tr("Daily"), pal.axis)]
        if self.n_bars:
            r = self.readout_at(self.n_bars - 1)
            colour = pal.colour_for(r["change"])
            parts += [span(fmt_price(r["close"], self._decimals), colour, bold=True),
                      span(fmt_pct(r["pct"]), colour), span(r["date"], pal.foreground)]
        self.title_label.set_html(join_fields(parts))

    def _render_readout(self, x: float | None) -> None:
        pal = self._pal
        if x is None:
            # No crosshair: the last bar in view, as terminals show.
            i0, i1 = self.visible_rows()
            x = float(i1 if i1 >= i0 else self.n_bars - 1)
        r = self.readout_at(x)
        if not r:
            self.readout_label.set_html(" ")
            self.sub_label.set_html(" ")
            return
        fg = pal.foreground
        d = self._decimals
        prev = r["close"] - r["change"]

        def px(name: str, value: float) -> str:
            colour = pal.colour_for(value - prev) if math.isfinite(prev) else fg
            return span(f"{name} {fmt_price(value, d)}", colour)

        colour = pal.colour_for(r["change"]) if math.isfinite(r["change"]) else fg
        # (field, rank): what a narrow chart leaves out first has the highest rank.
        fields = [(span(r["date"], fg, bold=True), 0),
                  (px(self.tr("O"), r["open"]), 1), (px(self.tr("H"), r["high"]), 1),
                  (px(self.tr("L"), r["low"]), 1), (px(self.tr("C"), r["close"]), 0),
                  (span(fmt_pct(r["pct"]), colour), 0),
                  (span(self.tr("Range") + " " + unsigned_pct(r["amplitude"], missing="--"), fg), 3),
                  (span(self.tr("Vol") + " " + self.tr("{0} lots").format(
                      fmt_big(r["volume"] / self._volume_divisor)), fg), 2)]
        if math.isfinite(r["amount"]):
            fields.append((span(self.tr("Amt") + " " + fmt_big(r["amount"]), fg), 3))
        self.readout_label.set_fields(fields)
        ma_parts = []
        for (w, value), colour in zip(r["ma"].items(), pal.ma * 2, strict=False):
            ma_parts.append(span(f"MA{w} {fmt_price(value, d)}", colour))
        self.sub_label.set_html(join_fields(ma_parts))

    def ma_text(self) -> str:
        """The MA legend's current HTML."""
        return self.sub_label.text()
