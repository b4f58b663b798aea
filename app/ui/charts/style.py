"""Shared look of the charts: themed axes with the CJK tick font, number formats for readouts."""

from __future__ import annotations

import math
from html import escape

import pyqtgraph as pg
from PySide6.QtGui import QFont

from app.ui import format as fmt
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
        fmt.minus_ticks(axis)
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
    """Volume / amount the way terminals write it: 1.23亿, 4567.89万, 980 (or m / bn)."""
    return fmt.fmt_big(value, decimals)


def fmt_axis(value: float, divisor: float = 1.0) -> str:
    """Short tick label for volumes and amounts already divided by the axis' unit."""
    if not math.isfinite(value):
        return ""
    return f"{value / divisor:.4g}"


def fmt_pct(value: float, decimals: int = 2) -> str:
    """'+2.15%' / '−0.80%' / '0.00%' (app.ui.format: rounded, then signed)."""
    return fmt.fmt_pct(value, decimals, missing="--")


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
