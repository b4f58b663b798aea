"""Left axis of a volume pane: ticks labelled the terminal way (3000万, 1.5亿) in lots or shares."""

from __future__ import annotations

import pyqtgraph as pg

from app.ui.charts.style import fmt_axis


class VolumeAxis(pg.AxisItem):
    """Volume ticks divided by ``divisor`` (100: shares shown as lots, 手) before formatting."""

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

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [fmt_axis(v / self._divisor) if v > 0 else "" for v in values]
