"""Value labels at data points, drawn by one graphics item.

A pg.TextItem per bar costs a QGraphicsTextItem (a QTextDocument) per label, a transform update
per label whenever the view range moves, and ~0.1 ms per changed label each minute. The bars of
this panel carry a dozen short numbers that change every minute: one item that draws them all with
QPainter.drawText in device pixels costs one update() per minute, whatever changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

# Gap between the anchored point and the text, in device pixels: the document margin a TextItem
# leaves, so that the labels sit where TextItems put them.
GAP = 4.0


@dataclass(frozen=True)
class Label:
    """A text at (x, y) in data coordinates; ``anchor`` is the point of the text's box put there
    ((0, 0.5) = left middle, (0.5, 1) = bottom centre), as pg.TextItem's anchor."""

    x: float
    y: float
    text: str
    colour: str
    anchor: tuple[float, float] = (0.0, 0.5)


class ValueLabels(pg.GraphicsObject):
    """Many short labels in a plot, repainted together; ``set_labels`` skips equal content."""

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self._font = QFont(font)
        self._metrics = QFontMetricsF(self._font)
        self._labels: tuple[Label, ...] = ()
        self._colours: dict[str, QColor] = {}
        self._widths: dict[str, float] = {}
        self._rect = QRectF()

    # -- data ------------------------------------------------------------------------------------
    def set_labels(self, labels: Iterable[Label]) -> bool:
        """Show ``labels``; returns False (and repaints nothing) when they are what is shown."""
        labels = tuple(labels)
        if labels == self._labels:
            return False
        self._labels = labels
        self.update()
        return True

    def labels(self) -> tuple[Label, ...]:
        return self._labels

    def texts(self) -> list[str]:
        return [lab.text for lab in self._labels]

    # -- geometry --------------------------------------------------------------------------------
    def viewRangeChanged(self) -> None:  # noqa: N802 - pyqtgraph hook
        self.prepareGeometryChange()
        self._rect = QRectF()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        # The whole view: the labels are positioned in pixels, and the view box clips its children.
        if self._rect.isNull():
            vb = self.getViewBox()
            if vb is not None:
                self._rect = QRectF(vb.viewRect())
        return self._rect

    # -- paint -----------------------------------------------------------------------------------
    def text_width(self, text: str) -> float:
        """Width of ``text`` in device pixels in the labels' font."""
        w = self._widths.get(text)
        if w is None:
            if len(self._widths) > 512:
                self._widths.clear()
            w = self._widths[text] = self._metrics.horizontalAdvance(text)
        return w

    def _colour(self, name: str) -> QColor:
        c = self._colours.get(name)
        if c is None:
            c = self._colours[name] = QColor(name)
        return c

    def label_rect(self, label: Label, transform: QTransform) -> QRectF:
        """Where ``label`` is drawn, in the coordinates ``transform`` maps data to."""
        pt = transform.map(QPointF(label.x, label.y))
        w, h = self.text_width(label.text), self._metrics.height()
        ax, ay = label.anchor
        # The gap pushes the text away from its point on the anchored sides.
        dx = GAP * (1.0 - 2.0 * ax) if ax != 0.5 else 0.0
        dy = GAP * (1.0 - 2.0 * ay) if ay != 0.5 else 0.0
        return QRectF(pt.x() - ax * w + dx, pt.y() - ay * h + dy, w, h)

    def paint(self, p: QPainter, option: QStyleOptionGraphicsItem,  # noqa: D102
              widget: QWidget | None = None) -> None:
        if not self._labels:
            return
        tr = p.transform()
        p.resetTransform()
        p.setFont(self._font)
        for label in self._labels:
            p.setPen(self._colour(label.colour))
            p.drawText(self.label_rect(label, tr), Qt.AlignmentFlag.AlignCenter, label.text)
        p.setTransform(tr)
