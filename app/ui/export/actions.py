"""Export… and Copy image for the window and its panels (menu, shortcuts, context menus)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from app.ui.export.render import framed_image, save_framed

FILTER_PNG = "PNG 1× (*.png)"
FILTER_PNG2 = "PNG 2× (*.png)"
FILTER_SVG = "SVG (*.svg)"


def tr(text: str) -> str:
    return QCoreApplication.translate("ExportActions", text)


def export_widget(widget: QWidget, path: Path, selected_filter: str, title: str = "",
                  source: str = "") -> Path:
    """Write ``widget`` with its title and source lines to ``path`` as the file-dialog filter
    says (PNG 1×/2× or SVG)."""
    if selected_filter == FILTER_SVG or path.suffix.lower() == ".svg":
        return save_framed(widget, path.with_suffix(".svg"), title, source, svg=True)
    scale = 2.0 if selected_filter == FILTER_PNG2 else 1.0
    return save_framed(widget, path.with_suffix(".png"), title, source, scale)


def copy_image(widget: QWidget, title: str = "", source: str = "") -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setImage(framed_image(widget, title, source))


def _ask_and_export(parent: QWidget, widget: QWidget, default_name: str, labels) -> None:  # type: ignore[no-untyped-def]
    path, chosen = QFileDialog.getSaveFileName(
        parent, tr("Export image"), str(Path.home() / default_name),
        ";;".join((FILTER_PNG, FILTER_PNG2, FILTER_SVG)))
    if path:
        title, source = labels()
        export_widget(widget, Path(path), chosen, title, source)


def add_panel_actions(parent: QWidget, widget: QWidget, name: str, labels) -> None:  # type: ignore[no-untyped-def]
    """Right-click 'Export…' and 'Copy image' on a panel; ``labels()`` gives (title, source)."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    exp = QAction(tr("Export…"), widget)
    exp.triggered.connect(lambda: _ask_and_export(parent, widget, f"{name}.png", labels))
    cp = QAction(tr("Copy image"), widget)
    cp.triggered.connect(lambda: copy_image(widget, *labels()))
    widget.addAction(exp)
    widget.addAction(cp)


def install_export_menu(window: QMainWindow, chart_of, labels) -> None:  # type: ignore[no-untyped-def]
    """An Export menu: the chart in view (Ctrl+E), the whole window (Ctrl+Shift+E), copy
    (Ctrl+Shift+C). ``chart_of()`` returns the chart widget at the time of the action (the panels
    are rebuilt when the theme changes)."""
    menu = window.menuBar().addMenu(tr("&Export"))
    a_chart = QAction(tr("Export chart…"), window)
    a_chart.setShortcut(QKeySequence("Ctrl+E"))
    a_chart.triggered.connect(lambda: _ask_and_export(window, chart_of(), "chart.png", labels))
    a_win = QAction(tr("Export window…"), window)
    a_win.setShortcut(QKeySequence("Ctrl+Shift+E"))
    a_win.triggered.connect(lambda: _ask_and_export(window, window, "tidemark.png", labels))
    a_copy = QAction(tr("Copy chart image"), window)
    a_copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
    a_copy.triggered.connect(lambda: copy_image(chart_of(), *labels()))
    for a in (a_chart, a_win, a_copy):
        menu.addAction(a)
