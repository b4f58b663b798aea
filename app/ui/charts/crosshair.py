"""Crosshair shared by the panes of one chart.

A vertical InfiniteLine in every pane (linked on x) and a horizontal one in the pane under the
mouse. Mouse moves arrive through ``pyqtgraph.SignalProxy`` at most 60 times a second; the lines
hide when the mouse leaves the view and on Esc (until the mouse re-enters or clicks).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

RATE_LIMIT = 60


class Crosshair(QObject):
    """Crosshair over ``plots`` (PlotItems of one GraphicsLayoutWidget / GraphicsView).

    ``moved(x)`` carries the snapped x (an int row / slot) or None when the crosshair hides; the
    chart turns it into its readout.
    """

    moved = Signal(object)

    def __init__(self, view: pg.GraphicsView, plots: Sequence[pg.PlotItem], *,
                 colour: str = "#7f7f7f", snap: bool = True, shortcut_parent: QWidget | None = None
                 ) -> None:
        super().__init__(view)
        self._view = view
        self._plots = list(plots)
        self._snap = snap
        self._bounds: tuple[float, float] | None = None
        self._suppressed = False
        self._x: float | None = None
        pen = pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine)
        self._vlines: list[pg.InfiniteLine] = []
        self._hlines: list[pg.InfiniteLine] = []
        for plot in self._plots:
            v = pg.InfiniteLine(angle=90, movable=False, pen=pen)
            h = pg.InfiniteLine(angle=0, movable=False, pen=pen)
            for line in (v, h):
                line.setZValue(1000)
                line.hide()
                plot.addItem(line, ignoreBounds=True)
            self._vlines.append(v)
            self._hlines.append(h)
        self._proxy = pg.SignalProxy(view.scene().sigMouseMoved, rateLimit=RATE_LIMIT,
                                     slot=self._on_mouse_moved)
        view.viewport().installEventFilter(self)
        self._esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), shortcut_parent or view)
        self._esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._esc.activated.connect(self.suppress)

    # -- state -------------------------------------------------------------------------------------
    @property
    def x(self) -> float | None:
        """Snapped x of the visible crosshair, None when hidden."""
        return self._x

    @property
    def visible(self) -> bool:
        return self._x is not None

    @property
    def suppressed(self) -> bool:
        return self._suppressed

    def set_x_bounds(self, lo: float | None, hi: float | None = None) -> None:
        """Clamp the snapped x into ``[lo, hi]`` (the loaded rows); None lifts the clamp."""
        self._bounds = None if lo is None or hi is None else (float(lo), float(hi))

    def set_position(self, x: float, y: float | None = None, pane: int = 0) -> None:
        """Show the crosshair at data ``x`` (and ``y`` in ``pane``), as a mouse move would."""
        if not math.isfinite(x):
            self.hide()
            return
        if self._snap:
            x = float(round(x))
        if self._bounds is not None:
            lo, hi = self._bounds
            if hi < lo:
                self.hide()
                return
            x = min(max(x, lo), hi)
        for v in self._vlines:
            v.setPos(x)
            v.show()
        for i, h in enumerate(self._hlines):
            if i == pane and y is not None and math.isfinite(y):
                h.setPos(y)
                h.show()
            else:
                h.hide()
        self._x = x
        self.moved.emit(int(x) if self._snap else x)

    def hide(self) -> None:
        for line in (*self._vlines, *self._hlines):
            line.hide()
        was = self._x is not None
        self._x = None
        if was:
            self.moved.emit(None)

    def suppress(self) -> None:
        """Esc: hide and ignore mouse moves until the mouse leaves/re-enters or clicks."""
        self._suppressed = True
        self.hide()

    # -- events ------------------------------------------------------------------------------------
    def _on_mouse_moved(self, args: tuple[object, ...]) -> None:
        pos = args[0]
        if self._suppressed or not isinstance(pos, QPointF):
            return
        for i, plot in enumerate(self._plots):
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(pos):
                pt = vb.mapSceneToView(pos)
                self.set_position(pt.x(), pt.y(), i)
                return
        self.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Leave:
            self._proxy.args = None  # drop a queued move so it cannot re-show the lines
            self._suppressed = False
            self.hide()
        elif kind in (QEvent.Type.Enter, QEvent.Type.MouseButtonPress):
            self._suppressed = False
        return False
