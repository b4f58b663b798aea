"""The window open on a store that ``tidemark collect --replay`` is writing follows its minutes as
they are committed (the live path ``tidemark demo --live`` uses), up to the last one."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.main_window import MainWindow
from conftest import write_recording

ROOT = Path(__file__).resolve().parents[2]
LOAD_MS = 30_000

pytestmark = pytest.mark.usefixtures("dialogs")   # private settings, recorded dialogs


def _latest(db: Path) -> str | None:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.OperationalError:
        return None
    try:
        return conn.execute("SELECT max(time) FROM quotes").fetchone()[0]
    except sqlite3.OperationalError:
        return None
    finally:
        conn.close()


def test_the_window_follows_a_running_collector(qtbot, tmp_path):
    rec = tmp_path / "rec"
    minutes = write_recording(rec, minutes=10)
    db = tmp_path / "history.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "app", "collect", "--db", str(db), "--replay",
                             str(rec), "--speed", "1.5"], cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    win = None
    try:
        qtbot.waitUntil(lambda: db.exists() and _latest(db) is not None or proc.poll() is not None,
                        timeout=60_000)
        assert proc.poll() is None, proc.communicate()[1]
        win = MainWindow(db)
        qtbot.waitUntil(lambda: win._view is not None, timeout=LOAD_MS)
        first = win._view.time
        assert first < minutes[-1][1]
        # A minute the collector commits after the window opened is shown, the scrubber at its end.
        with qtbot.waitSignal(win.view_applied, timeout=10_000,
                              check_params_cb=lambda _d, t: t > first):
            pass
        assert win.scrubber.at_end() and win.scrubber.current() == win._view.time
        assert "实时：跟随中" in win.status.text()  # the suite runs in Chinese (conftest)
        # ... and so on up to the recording's last minute.
        qtbot.waitUntil(lambda: win._view.time == minutes[-1][1], timeout=30_000)
        assert win._view.date == minutes[-1][0]
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
        proc.stderr.close()
        if win is not None:
            win.close()
            assert not win.loader.thread.isRunning()
            win.deleteLater()
