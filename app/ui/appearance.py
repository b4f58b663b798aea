"""The user's appearance: theme (light / dark) and colour convention (red-up as in China, or
green-up), chosen in the View menu, kept in QSettings, and followed by the window and by every
export — the window's own and ``tidemark export``'s batch alike."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.ui.format import set_red_up
from app.ui.palette import Palette, palette
from app.ui.qt_app import apply_app_theme

THEMES = ("light", "dark")


def saved_palette(theme: str | None = None, red_up: bool | None = None) -> Palette:
    """The View menu's last choice (light, red-up before any), with ``theme`` / ``red_up`` given
    explicitly taking precedence (the export command's options). Needs the QApplication."""
    s = QSettings()
    if theme is None:
        theme = str(s.value("view/theme", "light"))
    if red_up is None:
        red_up = str(s.value("view/red_up", "true")) == "true"
    return palette(theme if theme in THEMES else "light", red_up=red_up)


def save_palette(pal: Palette) -> None:
    s = QSettings()
    s.setValue("view/theme", pal.name)
    s.setValue("view/red_up", "true" if pal.red_up else "false")


def use_palette(pal: Palette) -> None:
    """Qt's own widgets and the text colours of up / down figures in ``pal``."""
    apply_app_theme(pal)
    set_red_up(pal.red_up)
