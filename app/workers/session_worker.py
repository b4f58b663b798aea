"""The session worker: one long-lived loader with its own read-only connection, on its own thread.

The GUI calls ``request(date, time)`` from its thread; the worker keeps only the latest request
(jumping far never queues stale work) and answers with a frozen SessionView by a queued signal.

Live refresh: while polling is on, every POLL_INTERVAL_MS the worker asks ``PRAGMA data_version``
(has another connection committed since the last poll?) and only then the indexed max(time) of the
newest session; a new minute is announced with ``new_minute(date, time)``. Polling stops by itself
when the store stops growing outside trading hours: after IDLE_POLLS polls without a commit, unless
the wall clock is in an XSHG session (exchange-calendars trading day, 09:15-11:35 / 12:55-15:05
Beijing time), where new minutes may come at any time. So a replayed past session whose store is
not written to stops polling after ~10 s; ``tidemark demo --live`` keeps it polling while it writes
(one minute per second at speed 1). Opening a store (or ``set_polling(True)``) starts it again.
A store file that vanishes (deleted or renamed) is reported with ``failed``; one replaced by another
file at the same path (``tidemark demo --live`` moves a new store into place) is re-opened.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time as _time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.session.loader import SessionLoader
from app.store import queries
from app.store.connection import StoreError, open_readonly
from app.store.reader import StoreReader
from app.workers import session_messages
from app.workers import store_messages as messages
from app.workers.live_poll import LivePolling, beijing_now

LOCK_RETRIES = 5
# The worker's own wait inside SQLite per attempt: with LOCK_RETRIES and the back-off below a store
# locked by another program is reported after ~2 s rather than after LOCK_RETRIES × 5 s.
WORKER_BUSY_TIMEOUT_MS = 200
PREFETCH_PAUSE_MS = 15           # between prefetch chunks, so queued requests and polls run first
# Idle work starts this long after a view went out: the GUI thread paints it meanwhile without
# sharing the interpreter lock with the prefetch.
PREFETCH_AFTER_VIEW_MS = 150
# The whole view of the next minute is built this long after a view went out: the window has
# painted by then (~30 ms) and a one-minute step onto it is then only the window's own work.
NEIGHBOUR_AFTER_VIEW_MS = 40
# The loader hands the interpreter lock to the GUI thread between the steps of a view and of the
# brief by sleeping this long. Without it the GUI thread waited up to 20-40 ms for the lock behind
# the brief's pandas work (a probe thread measured it): numpy and pandas release the lock for a few
# microseconds many times a millisecond, too briefly for a waiting thread to wake, and CPython 3.11
# counts each re-take as a switch, so it never forces one. A sleep lasts long enough to be taken.
HAND_OVER_S = 0.0002


def hand_over() -> None:
    """Let a thread waiting for the interpreter lock (the GUI's) take it now."""
    _time.sleep(HAND_OVER_S)


class SessionWorker(LivePolling, QObject):
    view_ready = Signal(object)          # SessionView (without the brief's findings)
    brief_ready = Signal(object)         # the same SessionView with extras["findings"]
    sessions_ready = Signal(list)        # dates in the store
    failed = Signal(str)                 # a message for the status bar / dialog
    busy_changed = Signal(bool)
    new_minute = Signal(str, str)        # live mode: (date, latest time)
    polling_changed = Signal(bool)       # the poll timer started / stopped (idle store)
    stock_ready = Signal(str, object)    # (symbol, minutes frame) for a stock's intraday chart
    sentiment_ready = Signal(str, str, object)   # (date, time, report dict)
    store_sessions = Signal(str, list)   # (path, dates) of another store, read by list_sessions
    equal_weight_ready = Signal(str, str, str, object)   # (date, time, index, levels) completed
    _wake = Signal()
    _sentiment = Signal(str, str)
    _brief = Signal(object)
    _focus = Signal(str)
    _stock = Signal(str, str, str)
    _open = Signal(str)
    _list = Signal(str)
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
        self._want_polling = False
        self._idle = 0
        self._data_version: int | None = None
        self._file_id: tuple[int, int] | None = None
        self._error: str | None = None
        self.clock = beijing_now          # replaceable in tests
        self._wake.connect(self._process)
        self._open.connect(self._open_store)
        self._list.connect(self._list_sessions)
        self._poll_ctl.connect(self._set_polling)
        self._stock.connect(self._load_stock)
        self._sentiment.connect(self._load_sentiment)
        self._brief.connect(self._brief_step)
        self._focus.connect(self._set_focus)
        self._sentiment_base: tuple[str, object] | None = None
        self._focus_index: str | None = None
        self._prefetching = False
        self._prefetch_not_before = 0.0
        # True once the shown session is in memory and the minutes around the shown one are
        # prepared (read by the benchmark, which measures that steady state).
        self.idle_work_done = False

    # -- called from the GUI thread ------------------------------------------------------------
    def open_store(self, path: str | Path) -> None:
        self._open.emit(str(path))

    def list_sessions(self, path: str | Path) -> None:
        """The sessions of another store, without switching to it: answered by
        ``store_sessions(path, dates)`` or by ``failed(message)`` (the message starts with
        ``path``). The open store, its connection and polling are left as they are."""
        self._list.emit(str(path))

    def request(self, date: str, time: str | None) -> None:
        with self._lock:
            self._pending = (date, time)
        self._wake.emit()

    def request_stock(self, date: str, time: str, symbol: str) -> None:
        self._stock.emit(date, time, symbol)

    def request_brief(self, view) -> None:  # type: ignore[no-untyped-def]
        """The brief's findings for a view the window has painted (answered by brief_ready)."""
        self._brief.emit(view)

    def request_sentiment(self, date: str, time: str) -> None:
        """The sentiment dock's report (its history takes seconds once per session)."""
        self._sentiment.emit(date, time)

    def set_focus(self, index_symbol: str) -> None:
        """Compute index contributions for this index from the next view on."""
        self._focus.emit(index_symbol)

    def set_polling(self, on: bool) -> None:
        self._poll_ctl.emit(on)

    # -- on the worker thread ------------------------------------------------------------------
    @Slot(str)
    def _open_store(self, path: str) -> None:
        self._close()
        self._latest = {}
        self._path = Path(path)
        try:
            self._conn = open_readonly(path)
            self._conn.execute(f"PRAGMA busy_timeout = {WORKER_BUSY_TIMEOUT_MS}")
        except StoreError as exc:
            self._fail(messages.store_failure(path, exc))
            return
        self._error = None
        self._file_id = _file_id(self._path)
        self._loader = SessionLoader(StoreReader(self._conn))
        self._loader.pause = hand_over
        self._sentiment_base = None
        if self._focus_index:
            self._loader.focus = (self._focus_index,)
        try:
            sessions = self._loader.sessions()
            # What the store holds now, so the first poll announces only what comes after.
            self._data_version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if sessions:
                self._latest[sessions[-1]] = queries.latest_time(self._conn, sessions[-1])
            self.sessions_ready.emit(sessions)
        except sqlite3.Error as exc:
            self._fail(messages.store_failure(path, exc))
        self._idle = 0
        if self._want_polling:
            self._start_timer()

    @Slot(str)
    def _list_sessions(self, path: str) -> None:
        # A one-shot reader of its own (snapshot: no side files beside a WAL store no writer has
        # open); the loader's connection stays on the store being shown.
        conn: sqlite3.Connection | None = None
        try:
            conn = open_readonly(path, snapshot=True)
            conn.execute(f"PRAGMA busy_timeout = {WORKER_BUSY_TIMEOUT_MS}")
            dates = self._with_retry(
                lambda: queries.sessions(conn) or queries.daily_dates(conn)[-1:])
        except StoreError as exc:
            self.failed.emit(messages.store_failure(path, exc))
            return
        except sqlite3.Error as exc:
            self.failed.emit(messages.store_failure(path, exc))
            return
        finally:
            if conn is not None:
                conn.close()
        self.store_sessions.emit(path, list(dates or []))

    def _fail(self, message: str) -> None:
        self._error = message
        self.failed.emit(message)

    def _store_moved(self) -> bool:
        """The open file is no longer at its path: re-open a replaced store, report a vanished
        one (the connection still reads the old file, so SQLite alone would never notice)."""
        if self._path is None or self._conn is None:
            return False
        now = _file_id(self._path)
        if now == self._file_id:
            return False
        if now is not None:
            self._open_store(str(self._path))
            return True
        path = self._path
        self._stop_timer()          # until a store is opened again
        self._close()
        self._fail(messages.vanished(path))
        return True

    @Slot()
    def _process(self) -> None:
        with self._lock:
            req, self._pending = self._pending, None
        if req is None:
            return
        moved = self._store_moved()
        if self._loader is None:
            if not moved:
                self.failed.emit(self._error or messages.no_store())
            return
        date, time = req
        self.busy_changed.emit(True)
        try:
            loader = self._loader
            view = self._with_retry(lambda: loader.load(date, time, with_findings=False))
            if view is not None:
                self.view_ready.emit(view)
                # The brief comes second: the window asks for it once it has painted the view
                # (request_brief), so its ~20 ms of pandas work never competes with the paint
                # for the interpreter lock.
                self._schedule_prefetch(PREFETCH_AFTER_VIEW_MS)
                QTimer.singleShot(NEIGHBOUR_AFTER_VIEW_MS, self._prepare_neighbour)
        except LookupError as exc:
            self.failed.emit(session_messages.missing(exc))
        except sqlite3.Error as exc:
            self.failed.emit(messages.store_failure(self._path, exc))
        except Exception as exc:  # noqa: BLE001 - a broken file must never kill the window
            self.failed.emit(messages.unexpected(self._path, exc))
        finally:
            self.busy_changed.emit(False)

    @Slot(object)
    def _brief_step(self, view) -> None:  # type: ignore[no-untyped-def]
        if self._pending is not None or self._loader is None:
            return          # the user moved on: the newer minute gets its own brief
        try:
            self.brief_ready.emit(self._loader.add_findings(view))
        except Exception as exc:  # noqa: BLE001 - a brief that fails must not stop the viewer
            self.failed.emit(messages.unexpected(self._path, exc, messages.BRIEF))
        # The idle work once the window has painted the brief too: started at once, it held the
        # interpreter lock while the GUI thread laid the brief out and painted it.
        self._schedule_prefetch(PREFETCH_AFTER_VIEW_MS)

    @Slot()
    def _prepare_neighbour(self) -> None:
        """The view of the minute a step will most likely ask for next, one per event (a request
        that comes meanwhile goes first)."""
        if self._pending is not None or self._loader is None:
            return
        try:
            if self._loader.prepare_neighbour():
                QTimer.singleShot(1, self._prepare_neighbour)
        except sqlite3.Error:
            return          # locked mid-write: the next view schedules it again

    def _schedule_prefetch(self, delay_ms: int = 0) -> None:
        self.idle_work_done = False
        if delay_ms:
            self._prefetch_not_before = _time.monotonic() + delay_ms / 1000
        if not self._prefetching:
            self._prefetching = True
            QTimer.singleShot(delay_ms or PREFETCH_PAUSE_MS, self._prefetch)

    @Slot()
    def _prefetch(self) -> None:
        """One step of idle work while nobody waits for a view (``SessionLoader.prefetch``: more
        minutes into memory, then the results of the minutes around the shown one)."""
        self._prefetching = False
        if self._loader is None:
            return
        wait = self._prefetch_not_before - _time.monotonic()
        if wait > 0:                # a view went out meanwhile: let the GUI paint it first
            self._prefetching = True
            QTimer.singleShot(max(1, int(wait * 1000)), self._prefetch)
            return
        if self._pending is not None:
            return          # a request is queued: it goes first, and schedules prefetching again
        try:
            more = (self._loader.fill_equal_weight() or self._loader.prepare_neighbour()
                    or self._loader.prefetch())
        except sqlite3.Error:
            return          # locked mid-write: the next request will schedule it again
        line = self._loader.equal_weight_completed()
        if line is not None:
            self.equal_weight_ready.emit(*line)
        if more:
            self._schedule_prefetch()
        else:
            self.idle_work_done = True

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
            self.failed.emit(messages.store_failure(self._path, exc))
            return
        if minutes is not None:
            self.stock_ready.emit(symbol, minutes[minutes["time"] <= time].reset_index(drop=True))

    @Slot(str)
    def _set_focus(self, symbol: str) -> None:
        self._focus_index = symbol
        if self._loader is not None:
            self._loader.focus = (symbol,)

    @Slot(str, str)
    def _load_sentiment(self, date: str, time: str) -> None:
        if self._conn is None:
            return
        from app.session.sentiment_data import sentiment_base, sentiment_report

        try:
            if self._sentiment_base is None or self._sentiment_base[0] != date:
                self._sentiment_base = (date, sentiment_base(StoreReader(self._conn), date))
            report = sentiment_report(StoreReader(self._conn), date, time,
                                      base=self._sentiment_base[1])
        except LookupError as exc:
            self.failed.emit(session_messages.missing(exc))
            return
        except (sqlite3.Error, ValueError) as exc:
            self.failed.emit(messages.unexpected(self._path, exc, messages.SENTIMENT))
            return
        self.sentiment_ready.emit(date, time, report)

    @Slot(bool)
    @Slot()
    def shutdown(self) -> None:
        self._set_polling(False)
        self._close()

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
            self._loader = None
        self._file_id = None


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino
