"""Shared look of the charts: themed axes with the CJK tick font, number formats for readouts."""

from __future__ import annotations

import math
from html import escape

import pyqtgraph as pg
from PySide6.QtGui import QFont

from app.ui.palette import Palette

AXIS_WIDTH = 62  # px; equal left/right widths keep stacked panes aligned on x
TICK_PT = 8.5
LABEL_PT = 9.5


def style_plot(plot: pg.PlotItem, pal: Palette, font: QFont) -> None:
    """Apply pens, tick font and the terminal habits (no auto-range button, no context menu)."""
    plot.hideButtons()
    plot.setMenuEnabled(False)
    # Grid lines are drawn opaque in a light colour: Qt's raster engine strokes a translucent
    # 1-px line pixel by pixel, ~6x slower, and a dozen grid lines then cost milliseconds a frame.
    # The axis pen is that grid colour; the ViewBox border gives the crisp frame instead.
    plot.getViewBox().setBorder(pg.mkPen(pal.axis))
    for name in ("left", "right", "bottom", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(pal.grid))
        axis.setTextPen(pg.mkPen(pal.foreground))
        axis.setTickFont(font)
        axis.setStyle(tickAlpha=255)
        # Behind the ViewBox, so opaque grid lines never cover candles or the crosshair.
        axis.setZValue(-1)
        if name in ("left", "right"):
            axis.setWidth(AXIS_WIDTH)
    plot.showGrid(x=True, y=True, alpha=1.0)
    # Grid lines come from the left and bottom axes only; the right axis would add its own.
    plot.getAxis("right").setGrid(False)
    plot.getAxis("top").setGrid(False)


def fmt_big(value: float, decimals: int = 2) -> str:
    """Volume / amount the way terminals write it: 1.23亿, 4567.89万, 980."""
    if value is None or not math.isfinite(value):
        return "--"
    a = abs(value)
    if a >= 1e12:
        return f"{value / 1e12:.{decimals}f}万亿"
    if a >= 1e8:
        return f"{value / 1e8:.{decimals}f}亿"
    if a >= 1e4:
        return f"{value / 1e4:.{decimals}f}万"
    return f"{value:.0f}"


def fmt_axis(value: float) -> str:
    """Short tick label for volumes and amounts: 3000万, 1.5亿, 800."""
    if not math.isfinite(value):
        return ""
    a = abs(value)
    if a >= 1e8:
        return f"{value / 1e8:.4g}亿"
    if a >= 1e4:
        return f"{value / 1e4:.4g}万"
    return f"{value:.4g}"


def fmt_pct(value: float, decimals: int = 2) -> str:
    if value is None or not math.isfinite(value):
        return "--"
    if value == 0:
        return f"{0:.{decimals}f}%"
    # A tiny fall prints '-0.00%', as terminals do: the colour already says it fell.
    return f"{value:+.{decimals}f}%"


def fmt_price(value: float, decimals: int = 2) -> str:
    if value is None or not math.isfinite(value):
        return "--"
    return f"{value:.{decimals}f}"


def span(text: str, colour: str, *, bold: bool = False) -> str:
    """An HTML fragment for LabelItem text (escaped)."""
    weight = "font-weight:600;" if bold else ""
    return f'<span style="color:{colour};{weight}">{escape(text)}</span>'


def join_fields(parts: list[str]) -> str:
    return "&nbsp;&nbsp;".join(parts)
