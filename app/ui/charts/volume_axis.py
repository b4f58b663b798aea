"""Left axis of a volume pane: ticks in one unit, the top one naming it (3000万手, 30m lots)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from app.ui.charts.style import fmt_axis
from app.ui.format import axis_unit


class VolumeAxis(pg.AxisItem):
    """Volume ticks divided by ``divisor`` (100: shares shown as lots, 手) before formatting.

    Every tick is written in the unit of the largest (万 / 亿, or k / m / bn) and the top tick
    carries it with the volume's own unit ('6000万手', '60m lots'), so the pane says what it
    counts without an axis title taking room from the chart.
    """

    def __init__(self, orientation: str = "left", divisor: float = 100.0,
                 **kwargs: object) -> None:
        super().__init__(orientation, **kwargs)
        self._divisor = divisor
        self.setStyle(maxTickLevel=0)

    def tickValues(self, minVal: float, maxVal: float, size: float
                   ) -> list[tuple[float, list[float]]]:
        # A pane is short: a label on the very top edge would be cut in half, so drop it.
        limit = minVal + (maxVal - minVal) * 0.9
        return [(spacing, [v for v in values if v <= limit])
                for spacing, values in super().tickValues(minVal, maxVal, size)]

    def unit_text(self, unit: str) -> str:
        """'万手' / 'm lots' (or shares when the volumes are not divided into lots)."""
        if self._divisor == 100.0:
            return QCoreApplication.translate("VolumeAxis", "{0} lots").format(unit).strip()
        return QCoreApplication.translate("VolumeAxis", "{0} shares").format(unit).strip()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        shown = [v / self._divisor for v in values if v > 0]
        if not shown:
            return ["" for _ in values]
        top = max(shown)
        div, unit = axis_unit(top)
        out = []
        for v in values:
            if v <= 0:
                out.append("")
                continue
            text = fmt_axis(v / self._divisor, div)
            out.append(text + self.unit_text(unit) if v / self._divisor == top else text)
        return out
