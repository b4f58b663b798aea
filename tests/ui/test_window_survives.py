"""The main window survives bad stores, busy writers and being closed mid-load.

Every bad store: the window (shown, offscreen) puts the message in the status bar and — as it has
no session on screen yet — in a warning dialog (QMessageBox.warning is replaced by a recorder, so
no modal dialog can block a test), keeps running, and then opens a good store and shows it.
"""

from __future__ import annotations

import random
import re
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.store import connection, queries
from app.store.connection import open_readonly, open_writer
from app.session.loader import SessionLoader
from app.ui.main_window import MainWindow
from app.workers import session_worker
from app.workers.session_worker import SessionWorker

DAY = "2026-06-02"
LOAD_MS = 30_000


# ---- fixtures -----------------------------------------------------------------------------------

pytestmark = pytest.mark.usefixtures("dialogs")   # private settings, recorded dialogs


@pytest.fixture
def window(qtbot):
    """Shown MainWindows; each is closed at the end and must leave its loader thread finished."""
    wins: list[MainWindow] = []

    def open_(db: Path, wait: bool = False) -> MainWindow:
        win = MainWindow(db)
        wins.append(win)
        win.show()
        if wait:
            with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
                pass
        return win

    yield open_
    for win in wins:
        win.close()
        assert win.loader.thread.isFinished(), "the loader QThread must be finished after close"
        win.deleteLater()


@pytest.fixture(scope="module")
def rollback_copy(demo_store, tmp_path_factory) -> Path:
    """The demo store in rollback-journal mode, where a writer's lock keeps readers out."""
    db = tmp_path_factory.mktemp("rollback") / "rollback.sqlite"
    shutil.copyfile(demo_store, db)
    conn = sqlite3.connect(str(db), isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    conn.close()
    return db


def tiny_store(path: Path) -> Path:
    conn = open_writer(path)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO stocks (symbol, code, market, board, name, list_date, float_shares,"
                     " total_shares) VALUES (?,?,?,?,?,?,?,?)",
                     [("sh600001", "600001", "sh", "main", "甲", "2015-01-05", 1e8, 1e8),
                      ("sz000002", "000002", "sz", "main", "乙", "2015-01-05", 1e8, 1e8)])
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)",
                     [(DAY, t, s, p * 1.01, p, p, p * 1.01, p, 100.0, 1000.0)
                      for t in ("09:30", "09:31") for s, p in (("sh600001", 10.0), ("sz000002", 20.0))])
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


def make_bad(kind: str, tmp_path: Path) -> tuple[Path, str]:
    """A bad store and the exact line the window must show (the same as the CLI's, after
    "tidemark: ")."""
    p = tmp_path / f"{kind}.sqlite"
    if kind == "missing":
        return p, f"{p}: no such store (file not found)"
    if kind == "zero-bytes":
        p.write_bytes(b"")
        return p, f"{p}: empty file (0 bytes), not a Tidemark store"
    if kind == "random-bytes":
        p.write_bytes(random.Random(7).randbytes(32 * 1024))
        return p, f"{p}: not a Tidemark store (not an SQLite database file)"
    if kind == "text-file":
        p.write_text("date,time,symbol,last\n2026-06-02,09:30,sh600001,10.0\n" * 100)
        return p, f"{p}: not a Tidemark store (not an SQLite database file)"
    if kind == "truncated":
        whole = tiny_store(tmp_path / "whole.sqlite")
        size = whole.stat().st_size
        p.write_bytes(whole.read_bytes()[: size // 2])
        return p, (f"{p}: truncated store: {size // 2:,} of {size:,} bytes (an interrupted copy "
                   "or download?); copy it again or rebuild it")
    if kind == "missing-tables":
        conn = sqlite3.connect(str(p))
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.commit()
        conn.close()
        return p, f"{p}: not a Tidemark store (tables not found: stocks, quotes, daily)"
    tiny_store(p)
    conn = sqlite3.connect(str(p), isolation_level=None)
    if kind == "newer-version":
        conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
        conn.close()
        return p, (f"{p}: schema version 7 is newer than this Tidemark understands (2); "
                   "update Tidemark to open it")
    if kind == "older-version":
        conn.execute("DELETE FROM meta WHERE key = 'schema_version'")
        conn.close()
        return p, (f"{p}: schema version 0 is older than this Tidemark's (2); run 'tidemark "
                   f"migrate --db {p}' to upgrade it (a backup copy is kept)")
    raise ValueError(kind)


def shows_good_store(qtbot, win: MainWindow, good: Path) -> None:
    """The window keeps running: it opens a good store and shows its last minute."""
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
        win.open_store(good)
    assert win._view is not None and win._view.date == DAY
    assert good.name in win.status.text()


# ---- bad stores ---------------------------------------------------------------------------------

# What a Chinese line may keep in Latin letters: the product, the file format, a field and the
# command it names, besides the path itself.
LATIN_ALLOWED = ("Tidemark", "SQLite", "schema_version", "meta", "tidemark migrate --db")
# One Chinese phrase per kind, from the translation (resources/i18n/tidemark_zh_CN.ts).
CHINESE = {"missing": "找不到数据库", "zero-bytes": "空文件", "random-bytes": "不是 SQLite 数据库文件",
           "text-file": "不是 SQLite 数据库文件", "truncated": "数据库不完整",
           "missing-tables": "缺少数据表：stocks, quotes, daily", "newer-version": "高于本版",
           "older-version": "低于本版"}


@pytest.mark.parametrize("kind", ["missing", "zero-bytes", "random-bytes", "text-file", "truncated",
                                  "missing-tables", "newer-version", "older-version"])
def test_a_bad_store_is_shown_as_one_line_and_the_window_carries_on(
        kind, qtbot, window, dialogs, demo_store, tmp_path, interface):
    """In English the window's line is the command line's, word for word."""
    interface("en")
    bad, message = make_bad(kind, tmp_path)
    win = window(bad)
    qtbot.waitUntil(lambda: win.status.text() == message, timeout=LOAD_MS)
    assert dialogs == [message]
    assert win._view is None and win.isVisible()
    shows_good_store(qtbot, win, demo_store)


@pytest.mark.parametrize("kind", ["missing", "text-file", "truncated", "missing-tables",
                                  "older-version"])
def test_a_chinese_window_says_what_is_wrong_in_chinese(kind, qtbot, window, dialogs, tmp_path,
                                                        interface):
    interface("zh")
    bad, english = make_bad(kind, tmp_path)
    win = window(bad)
    qtbot.waitUntil(lambda: win.status.text().startswith(f"{bad}："), timeout=LOAD_MS)
    line = win.status.text()
    assert CHINESE[kind] in line and dialogs == [line]
    rest = line.replace(str(bad), "")
    for kept in LATIN_ALLOWED:
        rest = rest.replace(kept, "")
    assert not re.search(r"[A-Za-z]{2,}", rest.replace("stocks, quotes, daily", "")), line
    if kind == "truncated":          # the figures are the command line's
        sizes = re.findall(r"[\d,]+ of [\d,]+", english)[0].split(" of ")
        assert f"{sizes[0]} / {sizes[1]} 字节" in line


def test_a_store_locked_by_a_writer_at_open(qtbot, window, dialogs, demo_store, tmp_path,
                                            monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    db = tiny_store(tmp_path / "locked.sqlite")
    locker = sqlite3.connect(str(db), isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        win = window(db)
        qtbot.waitUntil(lambda: "锁定" in win.status.text(), timeout=LOAD_MS)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    message = win.status.text()
    assert message.startswith(f"{db}：") and "被另一程序锁定" in message
    assert dialogs == [message]
    shows_good_store(qtbot, win, demo_store)


def test_a_store_deleted_while_open(qtbot, window, dialogs, demo_store, tmp_path):
    db = tmp_path / "doomed.sqlite"
    shutil.copyfile(demo_store, db)
    win = window(db, wait=True)
    shown = win._view
    db.unlink()
    win.scrubber.slider.setValue(win.scrubber._times.index("10:00"))
    qtbot.waitUntil(lambda: "已不存在" in win.status.text(), timeout=10_000)
    assert win.status.text().startswith(f"{db}：")
    assert win._view is shown, "the last minute loaded stays on screen"
    assert dialogs == []                 # a session is on screen: status bar only
    shows_good_store(qtbot, win, demo_store)


# ---- busy writers -------------------------------------------------------------------------------

def test_with_retry_drives_through_a_lock_held_for_300_ms(qtbot, tmp_path):
    """SessionWorker._with_retry: a writer mid-transaction is waited out, not reported."""
    db = tiny_store(tmp_path / "s.sqlite")
    conn = open_readonly(db)
    busy_ms = getattr(session_worker, "WORKER_BUSY_TIMEOUT_MS", 200)
    conn.execute(f"PRAGMA busy_timeout = {busy_ms}")      # as the worker sets it
    worker = SessionWorker()
    attempts: list[float] = []

    def load():
        attempts.append(time.perf_counter())
        return queries.cross_section(conn, DAY, "09:31")

    locker = sqlite3.connect(str(db), isolation_level=None, check_same_thread=False)
    locker.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(0.3, lambda: (locker.execute("ROLLBACK"), locker.close()))
    t0 = time.perf_counter()
    release.start()
    try:
        frame = worker._with_retry(load)
    finally:
        release.join()
        conn.close()
        worker.deleteLater()
    assert len(frame) == 2
    assert len(attempts) >= 2, "the first attempt must have met the lock"
    assert time.perf_counter() - t0 >= 0.3


def test_with_retry_gives_up_on_a_lock_that_stays(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(session_worker, "LOCK_RETRIES", 3)
    db = tiny_store(tmp_path / "s.sqlite")
    conn = open_readonly(db)
    conn.execute("PRAGMA busy_timeout = 50")
    worker = SessionWorker()
    locker = sqlite3.connect(str(db), isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            worker._with_retry(lambda: queries.cross_section(conn, DAY, "09:31"))
    finally:
        locker.execute("ROLLBACK")
        locker.close()
        conn.close()
        worker.deleteLater()


@pytest.mark.slow
def test_a_scrub_through_a_writers_lock_arrives(qtbot, window, dialogs, rollback_copy):
    """The window's loader meets a writer's lock held for ~0.3 s, retries, and the minute is shown."""
    win = window(rollback_copy, wait=True)
    locker = sqlite3.connect(str(rollback_copy), isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    released: list[float] = []

    def release() -> None:
        locker.execute("ROLLBACK")
        locker.close()
        released.append(time.perf_counter())

    QTimer.singleShot(300, release)
    t0 = time.perf_counter()
    with qtbot.waitSignal(win.view_applied, timeout=10_000,
                          check_params_cb=lambda _d, shown: shown == "10:00"):
        win.scrubber.slider.setValue(win.scrubber._times.index("10:00"))
    assert released and time.perf_counter() - t0 >= 0.3
    assert "锁定" not in win.status.text() and "10:00" in win.status.text()
    assert dialogs == []


# ---- closing mid-load ---------------------------------------------------------------------------

@pytest.fixture
def slow_load(monkeypatch) -> threading.Event:
    """Every load takes half a second more; the event is set when one has started."""
    started = threading.Event()
    original = SessionLoader.load

    def load(self, date, time_=None, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(0.5)
        return original(self, date, time_, **kwargs)

    monkeypatch.setattr(SessionLoader, "load", load)
    return started


def test_closing_while_a_load_runs_leaves_no_thread(qtbot, demo_store, slow_load):
    started = slow_load
    win = MainWindow(demo_store)
    win.show()
    applied: list[str] = []
    win.view_applied.connect(lambda _d, t: applied.append(t))
    qtbot.waitUntil(started.is_set, timeout=LOAD_MS)
    assert win.loader.thread.isRunning()
    t0 = time.perf_counter()
    win.close()
    closed_in = time.perf_counter() - t0
    assert win.loader.thread.isFinished()
    assert win.loader.worker._conn is None, "the worker's connection is closed"
    assert closed_in < 10
    qtbot.wait(300)                      # a view that was on its way must not resurrect anything
    assert win.loader.thread.isFinished()
    win.deleteLater()


def test_closing_while_the_loader_waits_on_a_locked_store_leaves_no_thread(
        qtbot, window, rollback_copy):
    win = window(rollback_copy, wait=True)
    locker = sqlite3.connect(str(rollback_copy), isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        busy: list[bool] = []
        win.loader.worker.busy_changed.connect(busy.append)
        win.scrubber.slider.setValue(win.scrubber._times.index("10:30"))
        qtbot.waitUntil(lambda: busy[:1] == [True], timeout=5000)
        win.close()                      # blocks until the worker's retries end, then stops it
        assert win.loader.thread.isFinished()
    finally:
        locker.execute("ROLLBACK")
        locker.close()


def test_a_view_on_its_way_when_the_window_closes_is_not_painted(qtbot, demo_store, slow_load):
    started = slow_load
    win = MainWindow(demo_store)
    win.show()
    applied: list[str] = []
    win.view_applied.connect(lambda _d, t: applied.append(t))
    qtbot.waitUntil(started.is_set, timeout=LOAD_MS)
    win.close()
    qtbot.wait(500)
    win.deleteLater()
    assert applied == [], "the closed window painted a view and asked the stopped worker for more"
