"""Export… and Copy image for the window and its panels (menu, shortcuts, context menus)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from app.ui.export.render import framed_image, save_framed
from app.ui.palette import LIGHT, Palette

# lupdate reads translate("Context", "text") calls with literal arguments.
translate = QCoreApplication.translate

FILTER_PNG = "PNG 1× (*.png)"
FILTER_PNG2 = "PNG 2× (*.png)"
FILTER_SVG = "SVG (*.svg)"



def export_widget(widget: QWidget, path: Path, selected_filter: str, title: str = "",
                  source: str = "", pal: Palette = LIGHT) -> Path:
    """Write ``widget`` with its title and source lines to ``path`` as the file-dialog filter
    says (PNG 1×/2× or SVG), framed in the theme of ``pal``."""
    if selected_filter == FILTER_SVG or path.suffix.lower() == ".svg":
        return save_framed(widget, path.with_suffix(".svg"), title, source, svg=True, pal=pal)
    scale = 2.0 if selected_filter == FILTER_PNG2 else 1.0
    return save_framed(widget, path.with_suffix(".png"), title, source, scale, pal=pal)


def copy_image(widget: QWidget, title: str = "", source: str = "", pal: Palette = LIGHT) -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setImage(framed_image(widget, title, source, pal=pal))


def _ask_and_export(parent: QWidget, widget: QWidget, default_name: str, labels, palette_of  # type: ignore[no-untyped-def]
                    ) -> None:
    path, chosen = QFileDialog.getSaveFileName(
        parent, translate("ExportActions", "Export image"), str(Path.home() / default_name),
        ";;".join((FILTER_PNG, FILTER_PNG2, FILTER_SVG)))
    if path:
        title, source = labels()
        export_widget(widget, Path(path), chosen, title, source, palette_of())


def add_panel_actions(parent: QWidget, widget: QWidget, name: str, labels,  # type: ignore[no-untyped-def]
                      palette_of=lambda: LIGHT) -> None:
    """Right-click 'Export…' and 'Copy image' on a panel; ``labels()`` gives (title, source),
    ``palette_of()`` the palette the panel is drawn in (its frame follows it)."""
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    exp = QAction(translate("ExportActions", "Export…"), widget)
    exp.triggered.connect(lambda: _ask_and_export(parent, widget, f"{name}.png", labels, palette_of))
    cp = QAction(translate("ExportActions", "Copy image"), widget)
    cp.triggered.connect(lambda: copy_image(widget, *labels(), pal=palette_of()))
    widget.addAction(exp)
    widget.addAction(cp)


def install_export_menu(window: QMainWindow, chart_of, labels,  # type: ignore[no-untyped-def]
                        palette_of=lambda: LIGHT) -> None:
    """An Export menu: the chart in view (Ctrl+E), the whole window (Ctrl+Shift+E), copy
    (Ctrl+Shift+C). ``chart_of()`` returns the chart widget at the time of the action (the panels
    are rebuilt when the theme changes)."""
    menu = window.menuBar().addMenu(translate("ExportActions", "&Export"))
    a_chart = QAction(translate("ExportActions", "Export chart…"), window)
    a_chart.setShortcut(QKeySequence("Ctrl+E"))
    a_chart.triggered.connect(
        lambda: _ask_and_export(window, chart_of(), "chart.png", labels, palette_of))
    a_win = QAction(translate("ExportActions", "Export window…"), window)
    a_win.setShortcut(QKeySequence("Ctrl+Shift+E"))
    a_win.triggered.connect(lambda: _ask_and_export(window, window, "tidemark.png", labels, palette_of))
    a_copy = QAction(translate("ExportActions", "Copy chart image"), window)
    a_copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
    a_copy.triggered.connect(lambda: copy_image(chart_of(), *labels(), pal=palette_of()))
    for a in (a_chart, a_win, a_copy):
        menu.addAction(a)
