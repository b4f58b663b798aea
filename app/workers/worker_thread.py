"""The loader thread: one QThread owning a SessionWorker, stopped without leaving a thread behind."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QThread

from app.workers.session_worker import SessionWorker


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
        # Cut a long query short (sqlite3's interrupt is safe from another thread), then run
        # shutdown on the worker's own thread (its connection lives there), then quit.
        from PySide6.QtCore import QMetaObject, Qt

        conn = self.worker._conn
        if conn is not None:
            try:
                conn.interrupt()
            except sqlite3.ProgrammingError:   # closed meanwhile
                pass

        QMetaObject.invokeMethod(self.worker, "shutdown", Qt.ConnectionType.BlockingQueuedConnection)
        self.thread.quit()
        self.thread.wait(5000)
