"""The QApplication: fonts that render Chinese, translations, and one place to create it."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Fonts tried in order; vnpy hard-codes 微软雅黑, which exists only on Windows.
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
             "Microsoft YaHei", "PingFang SC", "Droid Sans Fallback")


def pick_cjk_family() -> str | None:
    families = set(QFontDatabase.families())
    for name in CJK_FONTS:
        if name in families:
            return name
    return None


M_ARENA_MAX = -8          # glibc mallopt parameter
MALLOC_ARENAS = 2


def limit_malloc_arenas() -> None:
    """Cap glibc's malloc arenas before the worker threads start.

    Each thread that allocates (the loader's pandas work, Qt's paint threads) gets an arena of its
    own that keeps freed memory: scrubbing a session grew the viewer from 250 MB to 1.25 GB of
    resident memory with no leak in our objects. Two arenas keep it at ~250 MB (measured).
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, MALLOC_ARENAS)
    except (OSError, AttributeError):  # not glibc (musl, …): nothing to cap
        pass


_gc_frozen = False


def freeze_startup_objects() -> None:
    """Move everything alive once the first view is on screen (modules, Qt wrappers, the session's
    static tables) out of the cyclic collector's reach.

    A full collection walks every tracked object: measured at 47-58 ms in the viewer, and it runs
    on whichever thread happens to allocate, holding the interpreter lock, so the GUI thread
    stalls for that long in the middle of a live refresh. After the freeze a full collection only
    walks what was made since (the per-minute views). Done once per process: objects frozen are
    never collected, and what exists at startup lives as long as the window anyway.
    """
    global _gc_frozen
    if _gc_frozen:
        return
    import gc

    gc.collect()
    gc.freeze()
    _gc_frozen = True


# Printed by Qt's offscreen platform (headless exports, benchmarks) for every dock it lays out:
# it has no window manager to pass size hints to, which changes nothing in what is drawn.
_HARMLESS = ("This plugin does not support propagateSizeHints()",)


def qt_message(_kind: object, _context: object, message: str) -> None:
    """Qt's messages to stderr as Qt prints them, less the known harmless ones."""
    if message not in _HARMLESS:
        sys.stderr.write(message + "\n")


def _quiet_known_noise() -> None:
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(qt_message)


# How long a thread may hold the interpreter lock while another waits for it (Python's default is
# 5 ms). The loader thread's pandas work holds it in long stretches: each time the GUI thread needs
# it back in the middle of a paint it waited up to 5 ms, and a live minute's panels stalled the
# GUI for 16-26 ms over a two-hour replay (`tidemark bench` P3). At 1 ms: 11.9 ms, with no change
# in the one-minute step (P2).
GIL_SWITCH_INTERVAL_S = 0.001


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """Create (or return) the QApplication with a CJK-capable application font."""
    app = QApplication.instance()
    if app is None:
        limit_malloc_arenas()
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
            _quiet_known_noise()
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("Tidemark")
        app.setOrganizationName("Tidemark")
        family = pick_cjk_family()
        if family:
            font = QFont(family)
            font.setPointSizeF(9.5)
            app.setFont(font)
        _install_translator(app)
    return app  # type: ignore[return-value]


def _install_translator(app: QApplication) -> None:
    """The chosen language's translation (app.ui.i18n: --lang, TIDEMARK_LANG, View → Language,
    the locale); the source strings are English."""
    from app.ui import i18n

    i18n.install(app)


def has_display() -> bool:
    """True when a window can be shown (a display server, or an explicit Qt platform)."""
    if os.environ.get("QT_QPA_PLATFORM", "").startswith(("offscreen", "minimal")):
        return False
    if sys.platform.startswith(("win", "darwin")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def apply_app_theme(pal) -> None:  # type: ignore[no-untyped-def]
    """Qt's own widgets (trees, labels, menus) in the palette's background and text colours."""
    from PySide6.QtGui import QColor, QPalette

    app = QApplication.instance()
    if app is None:
        return
    if pal.name == "dark":
        app.setStyle("Fusion")
        qp = QPalette()
        bg, fg = QColor(pal.background), QColor(pal.foreground)
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base,
                     QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Button):
            qp.setColor(role, bg.lighter(120) if role == QPalette.ColorRole.Button else bg)
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.ButtonText, QPalette.ColorRole.ToolTipText):
            qp.setColor(role, fg)
        qp.setColor(QPalette.ColorRole.Highlight, QColor("#3a5f8f"))
        app.setPalette(qp)
    else:
        app.setPalette(app.style().standardPalette())
