"""The window's first size and dock arrangement, from the screen it opens on.

A first open (no saved state) fills the screen's available geometry, from a 1280×720 laptop to a
1920×1080 monitor; afterwards the saved geometry and state win. The index chart keeps priority:
the breadth dock sits under the chart only (the right column takes the bottom-right corner) and
gets at most a third of the height; the right column holds the sector tree over the limit list.
Where the screen is short, the limit list shares its place with the ladder, the brief and the
sentiment gauges as tabs (the limit list raised, so the day's limit-ups show without a click);
where it is tall enough, the brief gets its own place under the limit list.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

# The largest first size: beyond it the panels only grow emptier.
MAX_FIRST = QSize(2560, 1440)
# Available heights from which the brief is not a tab behind the limit list.
TALL = 980
# Of the width, for the sector tree and the limit list: a share, widened where their first columns
# need it (the tree's drill-down 名称 … 量比 everywhere; from 1366 px wide the limit list's code to
# N连板 too) up to RIGHT_SHARE_MAX: the chart and the breadth panel under it keep the rest.
RIGHT_SHARE = 0.36
RIGHT_SHARE_MAX = 0.40
NARROW = 1366
SLACK = 6                   # px beyond the columns' need (rounding, a wider digit elsewhere)
RIGHT_MIN, RIGHT_MAX = 440, 720
BREADTH_SHARE = 0.35        # of the dock area's height, for the breadth dock under the chart:
# at 1366×768 its four parts side by side (the index chart keeps ~200 px of price pane)
BREADTH_SHARE_TALL = 0.31   # on a tall screen: room for its four parts side by side
BREADTH_MIN = 170


def first_geometry(available: QRect) -> QRect:
    """The window's first geometry on a screen with ``available`` geometry: all of it (up to
    MAX_FIRST, centred)."""
    w = min(available.width(), MAX_FIRST.width())
    h = min(available.height(), MAX_FIRST.height())
    x = available.x() + (available.width() - w) // 2
    y = available.y() + (available.height() - h) // 2
    return QRect(x, y, w, h)


def arrange_docks(win: QMainWindow, docks: dict[str, QDockWidget], height: int) -> None:
    """Place the docks for a window ``height`` px tall (before the sizes: ``size_docks``)."""
    win.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    win.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    right = Qt.DockWidgetArea.RightDockWidgetArea
    for key in ("sectors", "limits", "ladder", "brief", "sentiment"):
        win.addDockWidget(right, docks[key], Qt.Orientation.Vertical)
    win.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, docks["breadth"])
    if height >= TALL:
        win.tabifyDockWidget(docks["brief"], docks["ladder"])
        win.tabifyDockWidget(docks["ladder"], docks["sentiment"])
        docks["brief"].raise_()
    else:
        win.tabifyDockWidget(docks["limits"], docks["ladder"])
        win.tabifyDockWidget(docks["ladder"], docks["brief"])
        win.tabifyDockWidget(docks["brief"], docks["sentiment"])
    docks["limits"].raise_()


def size_docks(win: QMainWindow, docks: dict[str, QDockWidget]) -> None:
    """Share the window between the chart and the docks (once it has its real size)."""
    w, h = win.width(), win.height()
    right = max(RIGHT_MIN, min(RIGHT_MAX, int(w * RIGHT_SHARE)))
    needs = [_need(docks["sectors"])] + ([_need(docks["limits"])] if w >= NARROW else [])
    right = max(right, min(max(needs) + SLACK, RIGHT_MAX, int(w * RIGHT_SHARE_MAX)))
    win.resizeDocks([docks["sectors"]], [right], Qt.Orientation.Horizontal)
    area = h - _chrome_height(win)
    share = BREADTH_SHARE_TALL if h >= TALL else BREADTH_SHARE
    win.resizeDocks([docks["breadth"]], [max(BREADTH_MIN, int(area * share))],
                    Qt.Orientation.Vertical)
    if h >= TALL:
        win.resizeDocks([docks["sectors"], docks["limits"], docks["brief"]],
                        [int(area * 0.40), int(area * 0.33), int(area * 0.27)],
                        Qt.Orientation.Vertical)
    else:
        win.resizeDocks([docks["sectors"], docks["limits"]], [int(area * 0.52), int(area * 0.48)],
                        Qt.Orientation.Vertical)


def _need(dock: QDockWidget) -> int:
    """The dock width its panel's first columns need (0 for a panel that does not say)."""
    need = getattr(dock.widget(), "columns_need", None)
    return int(need()) if callable(need) else 0


def _chrome_height(win: QMainWindow) -> int:
    """Menu bar, tool bars (one row each) and status bar: what the docks cannot have."""
    from PySide6.QtWidgets import QToolBar

    rows = {tb.y(): tb.height() for tb in win.findChildren(QToolBar) if tb.isVisible()}
    bars = win.menuBar().height() if win.menuBar().isVisible() else 0
    status = win.statusBar().height() if win.statusBar().isVisible() else 0
    return bars + sum(rows.values()) + status
