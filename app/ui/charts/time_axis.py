"""Bottom axis of the intraday grid: x is the slot 0..240, the lunch break is collapsed.

Labels sit where a terminal puts them (``app.market.session.INTRADAY_TICKS``); the half hours get
unlabelled minor ticks (grid lines). The first and last labels are pulled inside the axis instead of
being dropped, so 09:30 and 15:00 always show.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from app.market.session import INTRADAY_TICKS, SLOTS, time_of

_TICK_LABELS: dict[int, str] = dict(INTRADAY_TICKS)
MAJOR_SLOTS: tuple[int, ...] = tuple(s for s, _ in INTRADAY_TICKS)
MINOR_SLOTS: tuple[int, ...] = (30, 90, 150, 210)  # 10:00, 11:00, 13:30, 14:30
MAJOR_SPACING = 60.0
MINOR_SPACING = 30.0


def slot_label(value: float) -> str:
    """Axis label of a slot: the terminal's tick text where there is one (``11:30/13:00``),
    otherwise the slot's end time; '' outside the grid."""
    if not math.isfinite(value):
        return ""
    slot = int(round(value))
    if slot < 0 or slot >= SLOTS:
        return ""
    return _TICK_LABELS.get(slot) or time_of(slot)


class IntradayTimeAxis(pg.AxisItem):
    """Maps slot numbers to 'HH:MM' with fixed terminal ticks."""

    def __init__(self, orientation: str = "bottom", **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)

    def tickValues(self, minVal: float, maxVal: float, size: float
                   ) -> list[tuple[float, list[float]]]:
        lo, hi = min(minVal, maxVal), max(minVal, maxVal)
        major = [float(s) for s in MAJOR_SLOTS if lo <= s <= hi]
        minor = [float(s) for s in MINOR_SLOTS if lo <= s <= hi]
        return [(MAJOR_SPACING, major), (MINOR_SPACING, minor)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        if spacing == MINOR_SPACING:
            return ["" for _ in values]  # half hours: grid line only
        return [slot_label(v) for v in values]

    def generateDrawSpecs(self, p: QPainter):  # type: ignore[no-untyped-def]
        specs = super().generateDrawSpecs(p)
        if specs is None or self.orientation not in ("bottom", "top"):
            return specs
        axis_spec, tick_specs, text_specs = specs
        if not self.style["showValues"]:
            return specs
        shown = {text for _, _, text in text_specs}
        r0, r1 = self.range
        if r1 == r0:
            return specs
        bounds = self.mapRectFromParent(self.geometry())
        offset = max(0, self.style["tickLength"]) + self.style["tickTextOffset"][1]
        for slot in MAJOR_SLOTS:
            label = _TICK_LABELS[slot]
            if label in shown or not (min(r0, r1) <= slot <= max(r0, r1)):
                continue
            # pyqtgraph drops a centred label that would stick out of the axis; a terminal
            # left-aligns the first label and right-aligns the last instead.
            x = bounds.left() + (slot - r0) / (r1 - r0) * bounds.width()
            br = p.boundingRect(QRectF(0, 0, 200, 100), Qt.AlignmentFlag.AlignCenter, label)
            w, h = br.width(), br.height() * 0.8
            left = min(max(x - w / 2, bounds.left()), bounds.right() - w)
            if self.orientation == "bottom":
                rect = QRectF(left, bounds.top() + offset, w, h)
                flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            else:
                rect = QRectF(left, bounds.bottom() - offset - h, w, h)
                flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
            text_specs.append((rect, flags | Qt.TextFlag.TextDontClip, label))
        return axis_spec, tick_specs, text_specs
