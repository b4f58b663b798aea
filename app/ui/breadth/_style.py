"""Colours, fonts and number formats shared by the breadth panel's pieces."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPaintEvent
from PySide6.QtWidgets import QGraphicsItem

from app.ui import format as fmt
from app.ui.palette import Palette, cjk_font, palette

MINUS = fmt.MINUS   # a real minus sign: same width as '+', and what terminals print


def default_palette() -> Palette:
    return palette("light")


def signed(value: float, digits: int = 2, unit: str = "") -> str:
    """+2.15 / −0.80 (with U+2212), rounded then signed; '—' for NaN (app.ui.format)."""
    return fmt.signed(value, digits, unit)


def pct_text(value: float, digits: int = fmt.PCT_DIGITS) -> str:
    """'+2.15%' / '−0.80%' as every panel prints percentages."""
    return fmt.fmt_pct(value, digits)


def yuan_text(value: float) -> str:
    """'1.81万亿' / '8500亿' or '1.81tn' / '850.0bn': the one turnover format the strip and brief use."""
    return fmt.fmt_yuan(value)


def yuan_tick(value: float, spacing: float) -> str:
    """Axis tick of a turnover axis in yuan: '1.5万亿', '5000亿', '0' (or tn / bn)."""
    return fmt.yuan_tick(value, spacing)


def count_text(n: int) -> str:
    return f"{int(n):,}"


def colour_of(pal: Palette, value: float) -> str:
    if value is None or not math.isfinite(value):
        return pal.flat
    return pal.colour_for(value)


def font(size: float = 9.0, *, bold: bool = False) -> QFont:
    return cjk_font(size, bold=bold)


def style_plot(plot: pg.PlotItem, pal: Palette, *, tick_size: float = 8.0) -> None:
    """Static, read-only look: theme pens, CJK tick font, no mouse zoom, no context menu."""
    for name in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(name)
        ax.setPen(pg.mkPen(pal.axis))
        ax.setTextPen(pg.mkPen(pal.axis))
        ax.setTickFont(font(tick_size))
        fmt.minus_ticks(ax)
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.vb.setDefaultPadding(0.0)


def cache_axes(plot: pg.PlotItem) -> None:
    """Paint the plot's visible axes from a pixmap until their range or ticks change.

    pyqtgraph replays an axis' QPicture (every tick label drawn again) whenever anything next to it
    repaints, and a minute repaints the data right beside the axes. Qt drops the pixmap when the
    axis calls update() itself, i.e. exactly when its range, ticks or size change. The view must
    be an ``ExportSafeView`` so that exports still get the axes as vectors.
    """
    for name in ("left", "bottom", "right", "top"):
        ax = plot.getAxis(name)
        if ax.isVisible():
            ax.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


class ExportSafeView(pg.GraphicsView):
    """A view whose cached items are drawn uncached when it is rendered into another painter.

    QWidget.render (the PNG and SVG exports of a whole panel) would otherwise copy the on-screen
    pixmap of a cached axis: a bitmap in the SVG, a blurry one at 2x. On screen and in grab() the
    cache is used as usual.
    """

    def paintEvent(self, ev: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.viewport().sharedPainter() is None:
            super().paintEvent(ev)
            return
        no_cache = QGraphicsItem.CacheMode.NoCache
        cached = [(it, it.cacheMode()) for it in self.scene().items()
                  if it.cacheMode() != no_cache]
        for it, _ in cached:
            it.setCacheMode(no_cache)
        try:
            super().paintEvent(ev)
        finally:
            for it, mode in cached:
                it.setCacheMode(mode)


def qcolor(hex_colour: str, alpha: int = 255) -> QColor:
    c = QColor(hex_colour)
    c.setAlpha(alpha)
    return c
