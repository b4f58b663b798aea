"""`tidemark migrate`: a version 0 store becomes version 1 in one transaction, after a backup copy;
a newer store is refused; a failure leaves the store exactly as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.commands.migrate import run_migrate
from app.store import writers
from app.store.connection import StoreError, open_readonly, open_writer
from app.store.migrate import MIGRATIONS, backup_path, migrate
from app.store.schema import SCHEMA_VERSION, TABLES
from app.store.schema_v1 import DDL

DAY = "2026-06-02"
TIMES = ("09:30", "09:31", "09:32")
STOCKS = (("sh600001", "600001", "sh", "main", "甲股份", 10.0),
          ("sz000002", "000002", "sz", "main", "乙科技", 20.0),
          ("sz300003", "300003", "sz", "chinext", "丙材料", 30.0))


def _ddl(table: str) -> str:
    return next(s for s in DDL if f"EXISTS {table} (" in s)


def build_v0(path: Path, *, wal: bool = False, meta: bool = False) -> Path:
    """A store as the first prototype writers left it: stocks, quotes and daily; no schema_version
    (optionally a meta table without it), none of the later tables, no breadth."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for t in ("stocks", "quotes", "daily"):
        conn.execute(_ddl(t))
    if meta:
        conn.execute(_ddl("meta"))
        conn.execute("INSERT INTO meta VALUES ('source', 'prototype')")
    conn.executemany("INSERT INTO stocks (symbol, code, market, board, name, list_date, float_shares,"
                     " total_shares) VALUES (?,?,?,?,?,?,?,?)",
                     [(s, c, m, b, n, "2015-01-05", 1e8, 1e8) for s, c, m, b, n, _ in STOCKS])
    rows = []
    for i, t in enumerate(TIMES):
        for s, _, _, _, _, prev in STOCKS:
            last = round(prev * (1 + 0.01 * (i + 1) * (1 if s != "sz000002" else -1)), 2)
            rows.append((DAY, t, s, last, prev, prev, max(prev, last), min(prev, last),
                         1000.0 * (i + 1), 1e4 * (i + 1)))
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
    conn.executemany("INSERT INTO daily VALUES (?,?,?,?,?,?,?,?,?)",
                     [("2026-06-01", s, prev, prev, prev, prev, prev, 1e6, 1e7)
                      for s, *_, prev in STOCKS])
    conn.execute("COMMIT")
    conn.close()
    return path


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("stocks", "quotes", "daily")}
    finally:
        conn.close()


def test_a_v0_store_is_refused_by_the_viewer_with_the_command_to_run(tmp_path):
    db = build_v0(tmp_path / "old.sqlite")
    with pytest.raises(StoreError) as err:
        open_readonly(db)
    assert str(err.value) == (f"{db}: schema version 0 is older than this Tidemark's (2); run "
                              f"'tidemark migrate --db {db}' to upgrade it (a backup copy is kept)")


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
@pytest.mark.parametrize("meta", [False, True], ids=["no-meta", "meta-without-version"])
def test_v0_becomes_v1_with_a_backup_and_every_row_kept(tmp_path, wal, meta):
    db = build_v0(tmp_path / "old.sqlite", wal=wal, meta=meta)
    before, before_dump = counts(db), dump(db)
    message = migrate(db)
    bak = tmp_path / "old.sqlite.bak-v0"
    assert message == f"{db}: migrated schema version 0 to 2; the old store is kept at {bak}"
    # The backup is the old store, schema and rows (so still version 0).
    assert dump(bak) == before_dump
    assert not list(tmp_path.glob("*.part*"))
    # The store opens in the viewer, has every table and kept every row.
    conn = open_readonly(db)
    try:
        assert set(TABLES) <= tables(db)
        meta_rows = dict(conn.execute("SELECT key, value FROM meta"))
        assert meta_rows["schema_version"] == str(SCHEMA_VERSION)
        assert meta_rows["migrated_from"] == "0"
        if meta:
            assert meta_rows["source"] == "prototype"
        # The per-minute breadth the viewer draws was materialised from the quotes.
        breadth = conn.execute("SELECT time, up, down FROM breadth_minutes WHERE date = ? "
                               "ORDER BY time", (DAY,)).fetchall()
        assert [b[0] for b in breadth] == list(TIMES)
        assert all(up == 2 and down == 1 for _, up, down in breadth)
        # Through v1 to v2: quotes and daily are views over the compact tables, no v1 index.
        views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='view'")}
        assert {"quotes", "daily"} <= views
        idx = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert not {"quotes_symbol_date", "daily_date"} & idx
    finally:
        conn.close()
    assert counts(db) == before
    # Once is enough.
    assert migrate(db) == f"{db}: already at schema version 2; nothing to do"
    assert not (tmp_path / "old.sqlite.bak-v0.1").exists()


def test_the_backup_holds_rows_still_in_the_wal(tmp_path):
    """A file copy of a WAL store misses what is committed but not yet checkpointed."""
    db = build_v0(tmp_path / "old.sqlite", wal=True)
    writer = sqlite3.connect(str(db), isolation_level=None)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("INSERT INTO daily VALUES ('2026-06-02', 'sh600001', 10, 11, 10, 11, 10, 1, 1)")
        assert (tmp_path / "old.sqlite-wal").stat().st_size > 0
        migrate(db)
    finally:
        writer.close()
    assert counts(tmp_path / "old.sqlite.bak-v0")["daily"] == len(STOCKS) + 1


def test_a_failure_rolls_everything_back(tmp_path, monkeypatch):
    db = build_v0(tmp_path / "old.sqlite")
    before_tables, before_sha = tables(db), sha(db)

    def boom(conn, date, times=None):
        raise RuntimeError("disk full (simulated)")

    monkeypatch.setattr(writers, "materialise_breadth", boom)
    bak = tmp_path / "old.sqlite.bak-v0"
    with pytest.raises(StoreError) as err:
        migrate(db)
    assert str(err.value) == (f"{db}: migration from schema version 0 failed and was rolled back "
                              f"(disk full (simulated)); the store is unchanged; backup at {bak}")
    # The tables created before the failure are gone again; no version was stamped.
    assert tables(db) == before_tables
    assert sha(db) == before_sha
    assert not (tmp_path / "old.sqlite-journal").exists()
    with pytest.raises(StoreError, match="schema version 0 is older"):
        open_readonly(db)
    # A second attempt keeps the first backup and writes the next one.
    monkeypatch.undo()
    migrate(db)
    assert bak.exists() and (tmp_path / "old.sqlite.bak-v0.1").exists()
    open_readonly(db).close()


def test_a_newer_store_is_refused_untouched(tmp_path):
    db = tmp_path / "new.sqlite"
    open_writer(db).close()
    conn = sqlite3.connect(str(db), isolation_level=None)
    conn.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    conn.close()
    before = sha(db)
    with pytest.raises(StoreError) as err:
        migrate(db)
    assert str(err.value) == (f"{db}: schema version 7 is newer than this Tidemark understands (2); "
                              "refusing to migrate it; update Tidemark")
    assert sha(db) == before
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_v0_store_with_other_columns_is_refused(tmp_path):
    db = tmp_path / "odd.sqlite"
    conn = sqlite3.connect(str(db))
    conn.execute("CREATE TABLE stocks (symbol TEXT PRIMARY KEY, code TEXT)")
    conn.execute(_ddl("quotes"))
    conn.execute(_ddl("daily"))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"table stocks lacks columns market, board, name, list_date, "
                                         r"float_shares, total_shares, industry: not a version 0 "
                                         r"Tidemark store\); the store is unchanged"):
        migrate(db)
    assert tables(db) == {"stocks", "quotes", "daily"}


@pytest.mark.parametrize("content, message", [
    (None, "no such store (file not found)"),
    (b"", "empty file (0 bytes), not a Tidemark store"),
    (b"date,time,symbol\n2026-06-02,09:30,sh600001\n" * 10,
     "not a Tidemark store (not an SQLite database file)"),
])
def test_not_a_store_is_refused(tmp_path, content, message):
    db = tmp_path / "x.sqlite"
    if content is not None:
        db.write_bytes(content)
    with pytest.raises(StoreError) as err:
        migrate(db)
    assert str(err.value) == f"{db}: {message}"


def test_another_programs_database_is_refused(tmp_path):
    db = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(str(db))
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError) as err:
        migrate(db)
    assert str(err.value) == f"{db}: not a Tidemark store (tables not found: stocks, quotes, daily)"
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_store_a_writer_holds_is_busy(tmp_path, monkeypatch):
    from app.store import migrate as migrate_mod

    monkeypatch.setattr(migrate_mod, "BUSY_TIMEOUT_MS", 100)
    db = build_v0(tmp_path / "old.sqlite")
    locker = sqlite3.connect(str(db), isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as err:
            migrate(db)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert str(err.value) == (f"{db}: store is busy: another program is writing to it (database is "
                              "locked); try again when it has finished")
    assert not list(tmp_path.glob("*.bak-*"))


def test_backup_names_never_overwrite(tmp_path):
    db = tmp_path / "s.sqlite"
    assert backup_path(db, 0) == tmp_path / "s.sqlite.bak-v0"
    (tmp_path / "s.sqlite.bak-v0").write_bytes(b"x")
    (tmp_path / "s.sqlite.bak-v0.1.part").write_bytes(b"x")
    assert backup_path(db, 0) == tmp_path / "s.sqlite.bak-v0.2"


def test_every_old_version_has_a_path_to_the_current_one():
    assert all(v in MIGRATIONS for v in range(0, SCHEMA_VERSION))


def test_run_migrate_exit_codes_and_one_line(tmp_path, capsys):
    db = build_v0(tmp_path / "old.sqlite")
    assert run_migrate(db) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{db}: migrated schema version 0 to 2; the old store is kept at "
                                f"{db}.bak-v0"] and err == ""
    missing = tmp_path / "missing.sqlite"
    assert run_migrate(missing) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [f"tidemark: {missing}: no such store (file not found)"]


def test_the_writer_refuses_old_and_newer_stores_untouched(tmp_path):
    """Importing into a v0 store would otherwise stamp it version 1 with no backup and no check."""
    db = build_v0(tmp_path / "old.sqlite")
    before = sha(db)
    with pytest.raises(StoreError) as err:
        open_writer(db)
    assert str(err.value) == (f"{db}: schema version 0 is older than this Tidemark's (2); run "
                              f"'tidemark migrate --db {db}' first")
    assert sha(db) == before and tables(db) == {"stocks", "quotes", "daily"}
    new = tmp_path / "new.sqlite"
    open_writer(new).close()
    conn = sqlite3.connect(str(new), isolation_level=None)
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    conn.execute("DROP TABLE imports")
    conn.close()
    with pytest.raises(StoreError, match="schema version 3 is newer than this Tidemark understands "
                                         r"\(2\); refusing to write to it"):
        open_writer(new)
    assert "imports" not in tables(new)


def test_the_migrate_command_line(tmp_path):
    """Through `python -m app migrate --db P`: exit 0 and one line on stdout, or exit 2 and one
    line on stderr."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")

    def run(db: Path) -> tuple[int, str, str]:
        r = subprocess.run([sys.executable, "-m", "app", "migrate", "--db", str(db)], cwd=root,
                           env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
        return r.returncode, r.stdout, r.stderr

    db = build_v0(tmp_path / "old.sqlite")
    assert run(db) == (0, f"{db}: migrated schema version 0 to 2; the old store is kept at "
                          f"{db}.bak-v0\n", "")
    assert run(db) == (0, f"{db}: already at schema version 2; nothing to do\n", "")
    text = tmp_path / "notes.txt"
    text.write_text("not a store\n" * 20)
    assert run(text) == (2, "", f"tidemark: {text}: not a Tidemark store (not an SQLite database "
                                "file)\n")
