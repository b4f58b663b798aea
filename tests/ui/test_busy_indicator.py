"""The busy bar appears only for loads longer than 300 ms."""

from __future__ import annotations

from app.ui.main_window import BUSY_INDICATOR_MS, MainWindow


def test_busy_bar_only_after_300_ms(tmp_path, qtbot, monkeypatch):
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.warning", lambda *a, **k: None)
    win = MainWindow(tmp_path / "absent.sqlite")
    qtbot.addWidget(win)
    win.show()
    worker = win.loader.worker
    worker.busy_changed.emit(True)
    # Not shown at once: a short load ends before the timer and never flickers a bar.
    assert not win.busy.isVisible() and win._busy_timer.isActive()
    assert win._busy_timer.interval() == BUSY_INDICATOR_MS
    worker.busy_changed.emit(False)
    assert not win._busy_timer.isActive() and not win.busy.isVisible()
    worker.busy_changed.emit(True)
    qtbot.waitUntil(win.busy.isVisible, timeout=BUSY_INDICATOR_MS * 4)
    worker.busy_changed.emit(False)
    assert not win.busy.isVisible()
    win.close()
