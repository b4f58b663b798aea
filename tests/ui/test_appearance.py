"""View menu: colour convention and theme switch every panel at once, at the same minute."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from app.ui.main_window import MainWindow
from app.ui.palette import GREEN, RED


@pytest.mark.usefixtures("dialogs")     # the choice is saved: not for the tests after this one
def test_green_up_and_dark_theme_switch_every_panel(demo_store, qtbot):
    win = MainWindow(demo_store, date="2026-06-02", time="11:30")
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.view_applied, timeout=60_000):
        win.show()
    tile = win.strip.index_tile("sz399006")
    assert tile.value.colour().lower() == RED.lower()        # ChiNext up: red in China

    with qtbot.waitSignal(win.view_applied, timeout=10_000) as blocker:
        win.act_green_up.setChecked(True)
    assert blocker.args == ["2026-06-02", "11:30"]                # same minute after the switch
    assert win.strip.index_tile("sz399006").value.colour().lower() == GREEN.lower()
    assert win.panels.pal.red_up is False and win.panels.charts.intraday._pal.up == GREEN

    with qtbot.waitSignal(win.view_applied, timeout=10_000):
        win.act_dark.setChecked(True)
    assert win.pal.name == "dark" and win.panels.pal.name == "dark"
    assert win._docks["breadth"].widget() is win.panels.breadth   # the docks hold the new panels
    # The strip's text lines follow the theme: light ink on the dark background.
    assert QColor(win.strip.turnover.title.colour()).lightness() > 160
    win.close()
    assert not win.loader.thread.isRunning()


def test_offscreen_noise_is_dropped_and_other_qt_messages_kept(capsys):
    from app.ui.qt_app import qt_message

    qt_message(None, None, "This plugin does not support propagateSizeHints()")
    qt_message(None, None, "QPainter::begin: Paint device returned engine == 0")
    err = capsys.readouterr().err
    assert "propagateSizeHints" not in err and "QPainter::begin" in err


def test_the_viewer_process_hands_the_interpreter_lock_over_within_a_millisecond():
    """The GUI thread waits at most this long for the loader thread's pandas work (see
    ``qt_app.GIL_SWITCH_INTERVAL_S``; measured by ``tidemark bench`` P3)."""
    import os
    import subprocess
    import sys

    code = ("import sys; from app.ui.qt_app import ensure_app; ensure_app(); "
            "print(sys.getswitchinterval())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=60)
    assert float(out.stdout.strip().splitlines()[-1]) <= 0.001
