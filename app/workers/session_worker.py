"""One long-lived loader thread with its own read-only connection.

The GUI calls ``request(date, time)`` from its thread; the worker keeps only the latest request
(jumping far never queues stale work) and answers with a frozen SessionView by a queued signal.
"""

from __future__ import annotations

import sqlite3
import threading
import time as _time
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from app.config import POLL_INTERVAL_MS
from app.store import queries
from app.store.connection import StoreError, open_readonly
from app.store.session_view import SessionLoader

LOCK_RETRIES = 5


class SessionWorker(QObject):
    view_ready = Signal(object)          # SessionView
    sessions_ready = Signal(list)        # dates in the store
    failed = Signal(str)                 # a message for the status bar / dialog
    busy_changed = Signal(bool)
    new_minute = Signal(str, str)        # live mode: (date, latest time)
    stock_ready = Signal(str, object)    # (symbol, minutes frame) for a stock's intraday chart
    _wake = Signal()
    _stock = Signal(str, str, str)
    _open = Signal(str)
    _poll_ctl = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._pending: tuple[str, str | None] | None = None
        self._conn: sqlite3.Connection | None = None
        self._loader: SessionLoader | None = None
        self._path: Path | None = None
        self._timer: QTimer | None = None
        self._latest: dict[str, str | None] = {}
        self._wake.connect(self._process)
        self._open.connect(self._open_store)
        self._poll_ctl.connect(self._set_polling)
        self._stock.connect(self._load_stock)

    # -- called from the GUI thread ------------------------------------------------------------
    def open_store(self, path: str | Path) -> None:
        self._open.emit(str(path))

    def request(self, date: str, time: str | None) -> None:
        with self._lock:
            self._pending = (date, time)
        self._wake.emit()

    def request_stock(self, date: str, time: str, symbol: str) -> None:
        self._stock.emit(date, time, symbol)

    def set_polling(self, on: bool) -> None:
        self._poll_ctl.emit(on)

    # -- on the worker thread ------------------------------------------------------------------
    @Slot(str)
    def _open_store(self, path: str) -> None:
        self._close()
        try:
            self._conn = open_readonly(path)
        except StoreError as exc:
            self.failed.emit(str(exc))
            return
        self._path = Path(path)
        self._loader = SessionLoader(self._conn)
        try:
            self.sessions_ready.emit(self._loader.sessions())
        except sqlite3.Error as exc:
            self.failed.emit(f"{path}: {exc}")

    @Slot()
    def _process(self) -> None:
        with self._lock:
            req, self._pending = self._pending, None
        if req is None or self._loader is None:
            return
        date, time = req
        self.busy_changed.emit(True)
        try:
            view = self._with_retry(lambda: self._loader.load(date, time))  # type: ignore[union-attr]
            if view is not None:
                self.view_ready.emit(view)
        except LookupError as exc:
            self.failed.emit(str(exc))
        except sqlite3.Error as exc:
            self.failed.emit(f"{self._path}: {exc}")
        except Exception as exc:  # noqa: BLE001 - a broken file must never kill the window
            self.failed.emit(f"{self._path}: {type(exc).__name__}: {exc}")
        finally:
            self.busy_changed.emit(False)

    def _with_retry(self, fn):  # type: ignore[no-untyped-def]
        """Retry 'database is locked' with backoff; a writer mid-transaction is not an error."""
        delay = 0.05
        for attempt in range(LOCK_RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if attempt == LOCK_RETRIES - 1:
                    raise
                _time.sleep(delay)
                delay *= 2
        return None

    @Slot(str, str, str)
    def _load_stock(self, date: str, time: str, symbol: str) -> None:
        if self._conn is None:
            return
        try:
            minutes = self._with_retry(lambda: queries.stock_minutes(self._conn, date, symbol))
        except sqlite3.Error as exc:
            self.failed.emit(f"{self._path}: {exc}")
            return
        if minutes is not None:
            self.stock_ready.emit(symbol, minutes[minutes["time"] <= time].reset_index(drop=True))

    @Slot(bool)
    def _set_polling(self, on: bool) -> None:
        if on and self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(POLL_INTERVAL_MS)
            self._timer.timeout.connect(self._poll)
            self._timer.start()
        elif not on and self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None

    @Slot()
    def _poll(self) -> None:
        """Cheap indexed max(time) per session; announce a new minute when the store grew."""
        if self._conn is None or self._loader is None:
            return
        try:
            dates = queries.sessions(self._conn)
            if not dates:
                return
            date = dates[-1]
            latest = queries.latest_time(self._conn, date)
        except sqlite3.Error:
            return  # locked mid-write or vanished: try again on the next tick
        if latest and latest != self._latest.get(date):
            known = self._latest.get(date)
            self._latest[date] = latest
            if known is not None:
                self._loader.invalidate()
                self.new_minute.emit(date, latest)

    @Slot()
    def shutdown(self) -> None:
        self._set_polling(False)
        self._close()

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._loader = None


class WorkerThread:
    """Owns the QThread and the worker; ``stop()`` leaves no thread running."""

    def __init__(self) -> None:
        self.thread = QThread()
        self.thread.setObjectName("tidemark-loader")
        self.worker = SessionWorker()
        self.worker.moveToThread(self.thread)
        self.thread.start()

    def stop(self) -> None:
        if not self.thread.isRunning():
            return
        # Run shutdown on the worker's own thread (its connection lives there), then quit.
        from PySide6.QtCore import QMetaObject, Qt

        QMetaObject.invokeMethod(self.worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
        self.thread.quit()
        self.thread.wait(5000)
