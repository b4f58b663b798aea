"""The thin bar of one sentiment gauge component: its percentile as a length, hot or cold as a colour."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.palette import Palette, palette
from app.ui.sentiment.values import finite


class PercentileBar(QWidget):
    """A thin horizontal bar: length = percentile (0–100), colour = hot (up) or cold (down)."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = pal or palette("light")
        self.percentile: float | None = None
        self.colour = self._pal.flat
        self.setMinimumWidth(60)
        self.setFixedHeight(10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(110, 10)

    def set_value(self, percentile: float | None, colour: str) -> None:
        self.percentile = float(percentile) if finite(percentile) else None
        self.colour = colour
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.fillRect(r, QColor(self._pal.grid))
        if self.percentile is not None:
            w = r.width() * max(0.0, min(100.0, self.percentile)) / 100.0
            p.fillRect(QRectF(r.left(), r.top(), w, r.height()), QColor(self.colour))
        p.setPen(QPen(QColor(self._pal.axis), 0))
        mid = r.left() + r.width() / 2
        p.drawLine(int(mid), int(r.top()), int(mid), int(r.bottom()))    # the median mark
        p.end()
