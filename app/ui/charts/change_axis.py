"""Vertical axes of a chart centred on a base price (the previous close).

Both sides tick at the same nice percent steps around the base, so the left price labels and the
right percent labels share grid lines, as on a terminal; labels above the base are drawn in the up
colour and below it in the down colour.
"""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainter, QPen

from app.ui.format import fmt_pct, parse_signed


class ChangeAxis(pg.AxisItem):
    """Left/right axis of an intraday price pane.

    ``mode='price'`` labels the tick with the price, ``mode='pct'`` with the change from the base
    (``+1.25%``). Without a base it behaves like a plain numeric axis. ``mode='percent'`` is for
    data that already is a percent change (the overlay chart): plain nice ticks, labelled
    ``+1.25%`` and coloured by sign.
    """

    def __init__(self, orientation: str, mode: str = "price", decimals: int = 2,
                 **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        if mode not in ("price", "pct", "percent"):
            raise ValueError(f"mode must be 'price', 'pct' or 'percent', got {mode!r}")
        self._mode = mode
        self._decimals = decimals
        self._base: float | None = None
        self._up = QColor("#e03b3b")
        self._down = QColor("#1f9d55")
        self._flat: QColor | None = None
        self.setTickDensity(1.6)

    def set_base(self, base: float | None) -> None:
        base = base if base is not None and math.isfinite(base) and base != 0 else None
        if base == self._base:
            return      # the same session: the cached picture of the ticks is still right
        self._base = base
        self.picture = None
        self.update()

    def set_colours(self, up: str, down: str, flat: str | None = None) -> None:
        self._up, self._down = QColor(up), QColor(down)
        self._flat = QColor(flat) if flat else None
        self.picture = None
        self.update()

    def pct_of(self, price: float) -> float:
        if self._base is None:
            return math.nan
        return (price / self._base - 1.0) * 100.0

    def tickValues(self, minVal: float, maxVal: float, size: float
                   ) -> list[tuple[float, list[float]]]:
        base = self._base
        if base is None or self._mode == "percent":
            return super().tickValues(minVal, maxVal, size)[:1]
        lo, hi = sorted((self.pct_of(minVal), self.pct_of(maxVal)))
        levels = super().tickValues(lo, hi, size)
        # Only the major level: minor percent ticks in between would not line up with anything.
        out: list[tuple[float, list[float]]] = []
        for spacing, values in levels[:1]:
            out.append((spacing * base / 100.0, [base * (1.0 + v / 100.0) for v in values]))
        return out

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if self._mode == "percent":
            return [self._fmt_pct(v) for v in values]
        if self._base is None:
            return super().tickStrings(values, scale, spacing)
        if self._mode == "pct":
            return [self._fmt_pct(self.pct_of(v)) for v in values]
        return [f"{v:.{self._decimals}f}" for v in values]

    @staticmethod
    def _fmt_pct(p: float) -> str:
        return fmt_pct(round(p, 6), 2)

    def _sign_of_label(self, text: str) -> int:
        if self._base is None and self._mode != "percent":
            return 0
        try:
            if self._mode in ("pct", "percent"):
                value = parse_signed(text)
                return (value > 0) - (value < 0)
            diff = round(float(text) - self._base, self._decimals + 2)
        except ValueError:
            return 0
        return (diff > 0) - (diff < 0)

    def drawPicture(self, p: QPainter, axisSpec: Any, tickSpecs: Any, textSpecs: Any) -> None:
        super().drawPicture(p, axisSpec, tickSpecs, [])
        if self._base is None and self._mode != "percent":
            p.setPen(self.textPen())
            for rect, flags, text in textSpecs:
                p.drawText(rect, int(flags), text)
            return
        flat_pen = QPen(self._flat) if self._flat is not None else self.textPen()
        pens = {1: QPen(self._up), -1: QPen(self._down), 0: flat_pen}
        for rect, flags, text in textSpecs:
            p.setPen(pens[self._sign_of_label(text)])
            p.drawText(rect, int(flags), text)
