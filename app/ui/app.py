"""Open the viewer window and run the event loop."""

from __future__ import annotations

from pathlib import Path

from app.ui.qt_app import ensure_app


def run_window(db: Path, date: str | None = None, time: str | None = None) -> int:
    app = ensure_app()
    from app.ui.main_window import MainWindow

    win = MainWindow(db, date=date, time=time)
    win.show()
    return int(app.exec())
