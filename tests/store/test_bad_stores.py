"""Bad stores: every way a store can be unusable gives one line naming the file — from
open_readonly, from the writer, and from `tidemark report breadth --db P --date D` (exit 2)."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import cli
from app.store import connection
from app.store.connection import StoreError, describe_error, open_readonly, open_writer
from app.store.schema import DDL

DAY = "2026-06-02"
ROOT = Path(__file__).resolve().parents[2]
STOCKS = (("sh600001", "main", 10.0), ("sz000002", "main", 20.0), ("sz300003", "chinext", 30.0))
TIMES = ("09:30", "09:31", "09:32")


# ---- building good and bad stores ---------------------------------------------------------------

def tiny_store(path: Path, *, journal: str = "delete") -> Path:
    """A complete store of the current version: three stocks, three minutes of DAY, the day before's bars."""
    conn = open_writer(path)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO stocks (symbol, code, market, board, name, list_date, float_shares,"
                     " total_shares) VALUES (?,?,?,?,?,?,?,?)",
                     [(s, s[2:], s[:2], b, f"股{i}", "2015-01-05", 1e8, 1e8)
                      for i, (s, b, _) in enumerate(STOCKS)])
    rows = []
    for i, t in enumerate(TIMES):
        for s, _, prev in STOCKS:
            last = round(prev * (1 + 0.01 * (i + 1) * (1 if s != "sz000002" else -1)), 2)
            rows.append((DAY, t, s, last, prev, prev, max(prev, last), min(prev, last),
                         1000.0 * (i + 1), 1e4 * (i + 1)))
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO daily VALUES (?,?,?,?,?,?,?,?,?)",
                     [("2026-06-01", s, p, p, p, p, p, 1e6, 1e7) for s, _, p in STOCKS])
    conn.execute("COMMIT")
    if journal != "wal":
        conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    return path


def _set_version(path: Path, value: str | None) -> None:
    conn = sqlite3.connect(str(path), isolation_level=None)
    if value is None:
        conn.execute("DELETE FROM meta WHERE key = 'schema_version'")
    else:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (value,))
    conn.close()


def make_bad(kind: str, tmp_path: Path, real_store: Path | None = None) -> tuple[Path, str]:
    """A bad store of ``kind`` and the message (after "P: ") the user must see."""
    p = tmp_path / f"{kind}.sqlite"
    if kind == "missing":
        return p, "no such store (file not found)"
    if kind == "folder":
        p.mkdir()
        return p, "is a folder, not a store file"
    if kind == "zero-bytes":
        p.write_bytes(b"")
        return p, "empty file (0 bytes), not a Tidemark store"
    if kind == "random-bytes":
        p.write_bytes(random.Random(20260602).randbytes(64 * 1024))
        return p, "not a Tidemark store (not an SQLite database file)"
    if kind == "text-file":
        p.write_text("代码,名称,最新价\n600487,亨通光电,27.91\n" * 200, encoding="utf-8")
        return p, "not a Tidemark store (not an SQLite database file)"
    if kind == "truncated":
        src = real_store or tiny_store(tmp_path / "whole.sqlite")
        size = src.stat().st_size
        with open(src, "rb") as fin, open(p, "wb") as fout:
            fout.write(fin.read(size // 2))
        return p, (f"truncated store: {size // 2:,} of {size:,} bytes (an interrupted copy or "
                   "download?); copy it again or rebuild it")
    if kind == "missing-tables":
        conn = sqlite3.connect(str(p))
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.commit()
        conn.close()
        return p, "not a Tidemark store (tables not found: stocks, quotes, daily)"
    if kind == "incomplete":
        tiny_store(p)
        conn = sqlite3.connect(str(p))
        conn.execute("DROP TABLE index_bars")
        conn.execute("DROP TABLE breadth_minutes")
        conn.commit()
        conn.close()
        return p, ("incomplete Tidemark store (missing tables: index_bars, breadth_minutes); "
                   "rebuild it or import again")
    if kind == "newer-version":
        tiny_store(p)
        _set_version(p, "7")
        return p, ("schema version 7 is newer than this Tidemark understands (2); "
                   "update Tidemark to open it")
    if kind == "older-version":
        # Version 0: the tables, no meta.schema_version (app.store.migrate).
        tiny_store(p)
        _set_version(p, None)
        return p, (f"schema version 0 is older than this Tidemark's (2); run 'tidemark migrate "
                   f"--db {p}' to upgrade it (a backup copy is kept)")
    if kind == "version-not-a-number":
        tiny_store(p)
        _set_version(p, "one")
        return p, "schema_version 'one' in meta is not a number; not a Tidemark store"
    raise ValueError(kind)


BUSY = ("store is busy: another program is writing to it (database is locked); try again when it "
        "has finished")
KINDS = ["missing", "folder", "zero-bytes", "random-bytes", "text-file", "truncated",
         "missing-tables", "incomplete", "newer-version", "older-version", "version-not-a-number"]


class Locker:
    """Another connection in the middle of a write transaction (BEGIN EXCLUSIVE): in a rollback-
    journal store no reader gets in until it ends."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.conn.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.close()


def report(db: Path, capsys) -> tuple[int, list[str], list[str]]:
    rc = cli.main(["report", "breadth", "--db", str(db), "--date", DAY])
    out, err = capsys.readouterr()
    return rc, out.splitlines(), err.splitlines()


# ---- open_readonly ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_open_readonly_names_the_file_and_the_problem(kind, tmp_path):
    db, message = make_bad(kind, tmp_path)
    with pytest.raises(StoreError) as err:
        open_readonly(db)
    assert str(err.value) == f"{db}: {message}"
    assert "\n" not in str(err.value)


def test_a_good_tiny_store_opens(tmp_path):
    conn = open_readonly(tiny_store(tmp_path / "good.sqlite"))
    try:
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 9
    finally:
        conn.close()


def test_a_store_locked_by_a_writer_waits_then_says_busy(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    db = tiny_store(tmp_path / "locked.sqlite")
    locker = Locker(db)
    t0 = time.perf_counter()
    try:
        with pytest.raises(StoreError) as err:
            open_readonly(db)
    finally:
        locker.release()
    assert time.perf_counter() - t0 >= 0.25, "the reader must wait for the writer first"
    assert str(err.value) == f"{db}: {BUSY}"
    open_readonly(db).close()          # released: it opens


def test_a_lock_released_within_the_busy_timeout_is_waited_out(tmp_path, monkeypatch):
    import threading

    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 3000)
    db = tiny_store(tmp_path / "locked.sqlite")
    locker = Locker(db)
    timer = threading.Timer(0.3, locker.release)
    timer.start()
    try:
        conn = open_readonly(db)
        conn.close()
    finally:
        timer.join()


def test_a_truncated_real_store(tmp_path, demo_store):
    db, message = make_bad("truncated", tmp_path, demo_store)
    with pytest.raises(StoreError) as err:
        open_readonly(db)
    assert str(err.value) == f"{db}: {message}"


def test_describe_error_words_the_sqlite_errors_that_come_after_opening(tmp_path):
    p = tmp_path / "s.sqlite"
    cases = {
        "database is locked": f"{p}: {BUSY}",
        "database disk image is malformed": (f"{p}: the store is damaged (database disk image is "
                                             "malformed); restore a copy or rebuild it"),
        "disk I/O error": (f"{p}: cannot read the store (disk I/O error); it may have been "
                           "truncated or moved, or its disk removed"),
        "no such table: index_bars": (f"{p}: incomplete Tidemark store (no such table: index_bars);"
                                      " rebuild it or import again"),
        "file is not a database": (f"{p}: not a Tidemark store (not an SQLite database: file is "
                                   "not a database)"),
    }
    for text, want in cases.items():
        assert describe_error(p, sqlite3.OperationalError(text)) == want


# ---- the writer never damages what it cannot use ------------------------------------------------

@pytest.mark.parametrize("kind", ["random-bytes", "text-file", "truncated", "missing-tables",
                                  "newer-version", "older-version"])
def test_the_writer_refuses_a_bad_store_and_leaves_it_byte_for_byte(kind, tmp_path):
    db, _ = make_bad(kind, tmp_path)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    with pytest.raises(StoreError) as err:
        open_writer(db)
    assert str(err.value).startswith(f"{db}: ")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not [q for q in tmp_path.iterdir() if q.name.startswith(db.name + "-")]


def test_the_writer_still_creates_a_new_store_and_reopens_a_current_one(tmp_path):
    db = tmp_path / "sub" / "new.sqlite"
    open_writer(db).close()
    open_writer(db).close()
    open_readonly(db).close()


# ---- the command line: one line naming the file, exit 2 ----------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_cli_report_on_a_bad_store(kind, tmp_path, capsys):
    db, message = make_bad(kind, tmp_path)
    rc, out, err = report(db, capsys)
    assert (rc, out, err) == (2, [], [f"tidemark: {db}: {message}"])


def test_cli_report_on_a_locked_store_waits_then_says_busy(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    db = tiny_store(tmp_path / "locked.sqlite")
    locker = Locker(db)
    try:
        rc, out, err = report(db, capsys)
    finally:
        locker.release()
    assert (rc, out, err) == (2, [], [f"tidemark: {db}: {BUSY}"])
    rc, out, _ = report(db, capsys)
    assert rc == 0 and out[0] == f"date: {DAY}"


def test_cli_report_on_the_first_half_of_the_demo_store(tmp_path, capsys, demo_store):
    db, message = make_bad("truncated", tmp_path, demo_store)
    rc, out, err = report(db, capsys)
    assert (rc, out, err) == (2, [], [f"tidemark: {db}: {message}"])


def test_cli_report_on_a_store_deleted_while_open_finishes_from_the_open_file(
        tmp_path, capsys, monkeypatch):
    """On POSIX an open file outlives its name: the report reads the store as it was when it was
    opened — one consistent snapshot — and prints it; nothing is lost. Deleted *before* the
    command opens it, it is "no such store" (exit 2)."""
    from app.session import view as session_view

    good = tiny_store(tmp_path / "good.sqlite")
    rc, want, _ = report(good, capsys)
    assert rc == 0
    db = tmp_path / "doomed.sqlite"
    shutil.copyfile(good, db)
    original = session_view.resolve_time

    def delete_then_resolve(conn, date, t):
        db.unlink()
        return original(conn, date, t)

    monkeypatch.setattr(session_view, "resolve_time", delete_then_resolve)
    rc, out, err = report(db, capsys)
    assert not db.exists()
    assert (rc, out, err) == (0, want, [])
    monkeypatch.undo()
    rc, out, err = report(db, capsys)
    assert (rc, out, err) == (2, [], [f"tidemark: {db}: no such store (file not found)"])


def _damage_quotes_page(db: Path) -> None:
    """Overwrite the quote minutes' root page: the header and sqlite_master stay intact."""
    conn = sqlite3.connect(str(db))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'quote_minutes'"
                        ).fetchone()[0]
    conn.close()
    with open(db, "r+b") as fh:
        head = fh.read(100)
        page = struct.unpack(">H", head[16:18])[0]
        fh.seek((root - 1) * page)
        fh.write(b"\xa5" * page)


def test_cli_report_on_a_store_damaged_past_its_header(tmp_path, capsys):
    db = tiny_store(tmp_path / "damaged.sqlite")
    _damage_quotes_page(db)
    open_readonly(db).close()          # the damage is not where the open checks look
    rc, out, err = report(db, capsys)
    assert (rc, out) == (2, [])
    assert err == [f"tidemark: {db}: the store is damaged (database disk image is malformed); "
                   "restore a copy or rebuild it"]


def test_the_real_command_line_on_bad_stores(tmp_path):
    """Through `python -m app`: a text file, and a store another process holds mid-transaction
    (the command waits BUSY_TIMEOUT_MS for it, then says busy)."""
    text, message = make_bad("text-file", tmp_path)
    locked = tiny_store(tmp_path / "locked.sqlite")

    def run(db: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app", "report", "breadth", "--db", str(db),
                               "--date", DAY], cwd=ROOT, capture_output=True, text=True, timeout=120)

    r = run(text)
    assert (r.returncode, r.stdout, r.stderr) == (2, "", f"tidemark: {text}: {message}\n")
    locker = Locker(locked)
    try:
        t0 = time.perf_counter()
        r = run(locked)
        waited = time.perf_counter() - t0
    finally:
        locker.release()
    assert (r.returncode, r.stdout, r.stderr) == (2, "", f"tidemark: {locked}: {BUSY}\n")
    assert waited >= connection.BUSY_TIMEOUT_MS / 1000
