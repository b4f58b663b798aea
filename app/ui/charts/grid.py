"""Vertical grid lines of a pane that has no x axis of its own (the K-line price pane).

The lines sit at the tick positions of another pane's axis (the date axis under the volume pane), in
one ``drawLines`` batch; a whole hidden AxisItem only to get its grid costs about a millisecond a
frame in tick specs and a recorded picture.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from app.ui.charts.batched import line_array


class AxisGridItem(pg.GraphicsObject):
    """Opaque vertical lines at ``axis.tickValues`` (first level) across the view."""

    def __init__(self, axis: pg.AxisItem, colour: str) -> None:
        super().__init__()
        self._axis = axis
        self._pen = pg.mkPen(colour, width=1)
        self._rect = QRectF()
        self.setZValue(-100)

    def viewRangeChanged(self) -> None:
        self.prepareGeometryChange()
        rect = self.viewRect()
        self._rect = QRectF(rect) if rect is not None else QRectF()

    def boundingRect(self) -> QRectF:
        return QRectF(self._rect)

    def paint(self, p: QPainter, *args: object) -> None:
        rect = self.viewRect()
        if rect is None or rect.width() <= 0:
            return
        px = self.pixelWidth()
        size = rect.width() / px if px else 0.0
        levels = self._axis.tickValues(rect.left(), rect.right(), size)
        if not levels or not levels[0][1]:
            return
        x = np.asarray(levels[0][1], dtype=np.float64)
        top = np.full(x.shape, rect.top())
        bottom = np.full(x.shape, rect.bottom())
        p.setPen(self._pen)
        p.drawLines(*line_array(x, top, x, bottom).drawargs())
