"""The viewer never writes to a store it views.

A rollback-journal store: not one byte, not the mtime, no side file. A WAL store: the store file's
bytes and mtime and the WAL's content never change; SQLite needs the wal-index (-shm) for any WAL
reader, so a -shm (and an empty -wal) appear when no writer had made them, unless the reader asked
for a snapshot (immutable open) — see app/store/connection.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.store import connection, queries
from app.store.connection import open_readonly, open_writer

DAY = "2026-06-02"
LOAD_MS = 30_000


def tiny_store(path: Path, *, journal: str) -> Path:
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
    if journal != "wal":
        conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    return path


def fingerprint(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size


def side_files(path: Path) -> dict[str, int]:
    return {q.name[len(path.name):]: q.stat().st_size for q in path.parent.iterdir()
            if q.name.startswith(path.name + "-")}


def read_everything(conn: sqlite3.Connection) -> None:
    assert queries.sessions(conn) == [DAY]
    assert len(queries.cross_section(conn, DAY, "09:31")) == 2
    queries.breadth_minutes(conn, DAY)
    queries.meta(conn)
    conn.execute("PRAGMA data_version").fetchone()      # what the live poll asks


@pytest.mark.parametrize("journal", ["delete", "truncate", "persist"])
def test_a_rollback_journal_store_is_not_touched(tmp_path, journal):
    db = tiny_store(tmp_path / "s.sqlite", journal=journal)
    before, sides = fingerprint(db), side_files(db)
    conn = open_readonly(db)
    try:
        read_everything(conn)
        assert side_files(db) == sides
    finally:
        conn.close()
    assert fingerprint(db) == before
    assert side_files(db) == sides


def test_a_readonly_connection_refuses_writes(tmp_path):
    db = tiny_store(tmp_path / "s.sqlite", journal="delete")
    before = fingerprint(db)
    conn = open_readonly(db)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("INSERT INTO meta VALUES ('x', 'y')")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("CREATE TABLE scratch (x)")
        conn.rollback()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    assert fingerprint(db) == before and side_files(db) == {}


def test_a_wal_store_keeps_its_bytes_sqlite_adds_the_wal_index(tmp_path):
    """What mode=ro does to a WAL store no writer has open: the store file is untouched; SQLite
    creates an empty -wal and the -shm wal-index, and a read-only connection leaves them."""
    db = tiny_store(tmp_path / "s.sqlite", journal="wal")
    assert side_files(db) == {}
    before = fingerprint(db)
    conn = open_readonly(db)
    try:
        read_everything(conn)
    finally:
        conn.close()
    assert fingerprint(db) == before
    sides = side_files(db)
    assert sides["-wal"] == 0 and set(sides) == {"-wal", "-shm"}


def test_a_wal_store_opened_as_a_snapshot_gets_no_side_file(tmp_path):
    db = tiny_store(tmp_path / "s.sqlite", journal="wal")
    before = fingerprint(db)
    conn = open_readonly(db, snapshot=True)
    try:
        read_everything(conn)
        assert side_files(db) == {}
    finally:
        conn.close()
    assert fingerprint(db) == before and side_files(db) == {}


def test_a_snapshot_with_a_writer_connected_still_reads_what_sits_in_the_wal(tmp_path):
    """An immutable open ignores the WAL: with a -wal present the snapshot must fall back to
    mode=ro, or it would miss committed rows."""
    db = tiny_store(tmp_path / "s.sqlite", journal="wal")
    writer = sqlite3.connect(str(db), isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO quotes VALUES (?, '09:32', 'sh600001', 10.2, 10, 10, 10.2, 10, "
                       "200, 2000)", (DAY,))
        assert side_files(db)["-wal"] > 0
        blind = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True)
        assert blind.execute("SELECT count(*) FROM quotes").fetchone()[0] == 4
        blind.close()
        conn = open_readonly(db, snapshot=True)
        try:
            assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 5
            assert queries.latest_time(conn, DAY) == "09:32"
        finally:
            conn.close()
    finally:
        writer.close()


def test_a_wal_store_where_no_side_file_can_be_made_is_opened_immutable(tmp_path, monkeypatch):
    """A read-only folder or medium (simulated: the tests run as root): SQLite cannot create the
    -shm a WAL reader needs, so the store is opened immutable rather than refused."""
    db = tiny_store(tmp_path / "s.sqlite", journal="wal")
    monkeypatch.setattr(connection, "_can_create_sidecars", lambda p: False)
    conn = open_readonly(db)
    try:
        read_everything(conn)
    finally:
        conn.close()
    assert side_files(db) == {}


# ---- the window -------------------------------------------------------------------------------

def view_some_minutes(qtbot, db: Path) -> None:
    """Open ``db`` in the main window, load several minutes and a stock's chart, close."""
    from app.ui.main_window import MainWindow

    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    try:
        with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
            pass
        for t in ("09:45", "11:30", "13:01", "14:57"):
            with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS,
                                  check_params_cb=lambda _d, shown, t=t: shown == t):
                win.scrubber.slider.setValue(win.scrubber._times.index(t))
        sym = win._view.enriched.index[0]
        with qtbot.waitSignal(win.loader.worker.stock_ready, timeout=LOAD_MS):
            win.select_stock(sym)
        qtbot.wait(1200)                 # a couple of live polls (POLL_INTERVAL_MS) too
    finally:
        win.close()
    assert win.loader.thread.isFinished()


@pytest.mark.slow
def test_the_window_leaves_a_rollback_journal_store_byte_for_byte(qtbot, demo_store, tmp_path,
                                                                  dialogs):
    db = tmp_path / "copy.sqlite"
    shutil.copyfile(demo_store, db)
    conn = sqlite3.connect(str(db), isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    conn.close()
    os.utime(db, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = fingerprint(db)
    assert side_files(db) == {}
    view_some_minutes(qtbot, db)
    assert fingerprint(db) == before
    assert side_files(db) == {}
    assert dialogs == []


@pytest.mark.slow
def test_the_window_leaves_a_wal_store_file_and_its_wal_unchanged(qtbot, demo_store, tmp_path,
                                                                  dialogs):
    db = tmp_path / "copy.sqlite"
    shutil.copyfile(demo_store, db)                # the store file alone: no writer connected
    os.utime(db, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    before = fingerprint(db)
    view_some_minutes(qtbot, db)
    assert fingerprint(db) == before
    # What SQLite adds for a WAL reader: the wal-index, and a WAL with nothing in it.
    sides = side_files(db)
    assert sides["-wal"] == 0 and set(sides) <= {"-wal", "-shm"}
