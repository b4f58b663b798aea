"""Explicit migration of a store written by an older Tidemark to the current schema.

``tidemark migrate --db P`` (``app.commands.migrate``). Nothing migrates a store behind the user's
back: the viewer refuses an older store with a message naming this command, and
``open_writer`` refuses to write into one.

Schema versions
---------------
0  A store written before ``meta.schema_version`` existed (the first prototype writers): it has the
   tables ``stocks``, ``quotes`` and ``daily`` with today's columns, but no ``schema_version`` row
   in ``meta`` (or no ``meta`` table at all). It may lack the tables added since (names, indices,
   index_members, sectors, sector_members, index_bars, index_daily, breadth_minutes, imports) and
   the secondary indices, and it has no materialised per-minute breadth.
1  ``app.store.schema_v1``: ``quotes`` and ``daily`` keyed on TEXT date/time/symbol with REAL
   prices, and the secondary indices ``quotes_symbol_date`` and ``daily_date`` (~190 MB a session).
2  ``app.store.schema`` (current): the compact tables (``quote_minutes``, ``quote_sessions``,
   ``quote_extras``, ``daily_bars``, ``securities``, ``slots``) and the views ``quotes`` and
   ``daily`` over them (~36 MB a session). The step renames the v1 tables aside, creates the v2
   ones, copies the rows through the writers (a session at a time, a few dozen minutes per
   read), checks the row counts and drops the v1 tables. A price that is not a whole number of
   fen, or a minute off the 241-slot grid, stops the migration (rolled back) with its value.
   After the commit the file is VACUUMed to give the freed pages back (the store is complete
   and valid with or without it).

How
---
1. The file is checked (``inspect_file``: missing, not SQLite, truncated are refused).
2. A write lock is taken (``BEGIN IMMEDIATE``): no other writer can commit until we are done.
3. A backup copy ``P.bak-v{old}`` is written through SQLite's backup API from a second, read-only
   connection (a consistent copy that includes pages still in a WAL; a file copy would miss them),
   first as ``P.bak-v{old}.part`` and renamed when complete. An existing backup is never
   overwritten: the next free ``P.bak-v{old}.1``, ``.2`` … is used.
4. Every step from the old version to the current one runs in that one transaction, which then
   stamps ``schema_version`` (plus ``migrated_from`` / ``migrated_at``) and commits. Any error rolls
   it all back: the store is left exactly as it was.
5. The migrated store is opened the way the viewer opens it, as a last check.

A store of a newer version is refused (an older Tidemark cannot know what it would break).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from app.store.connection import (BUSY_TIMEOUT_MS, StoreError, describe_error, inspect_file,
                                  open_readonly, store_version)
from app.store.migrate_v2 import v1_to_v2 as _v1_to_v2
from app.store.schema import SCHEMA_VERSION
from app.store.schema_v1 import DDL as V1_DDL
from app.store.schema_v1 import ensure_schema as ensure_v1_schema


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _v1_columns() -> dict[str, list[str]]:
    mem = sqlite3.connect(":memory:")
    try:
        ensure_v1_schema(mem)
        tables = [r[0] for r in mem.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: _columns(mem, t) for t in tables}
    finally:
        mem.close()


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    """Add what version 1 has and version 0 lacked; the rows already there are left as they are."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # The tables a v0 store has must already carry the v1 columns: anything else is not a store
    # this migration knows, and guessing a column mapping could lose data.
    for table, want in _v1_columns().items():
        if table not in tables:
            continue
        have = set(_columns(conn, table))
        lacking = [c for c in want if c not in have]
        if lacking:
            raise StoreError(f"table {table} lacks column{'s' if len(lacking) > 1 else ''} "
                             f"{', '.join(lacking)}: not a version 0 Tidemark store")
    for stmt in V1_DDL:
        conn.execute(stmt)
    # The per-minute breadth v0 writers did not materialise is added by the v1 → v2 step
    # (through the v2 writers), for every session that lacks it.


# MIGRATIONS[v] upgrades a store of version v to version v + 1 inside the caller's transaction.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _v0_to_v1, 1: _v1_to_v2}


def _vacuum(conn: sqlite3.Connection) -> None:
    """Give the v1 tables' pages back to the file system (after the commit: VACUUM cannot run in
    a transaction). A failure leaves a valid v2 store that is merely larger."""
    try:
        conn.execute("VACUUM")
    except sqlite3.Error:
        pass


def backup_path(p: Path, version: int) -> Path:
    """``P.bak-v{version}``, or the next free ``P.bak-v{version}.N``: a backup is never overwritten."""
    base = p.with_name(f"{p.name}.bak-v{version}")
    candidate, n = base, 0
    while candidate.exists() or candidate.with_name(candidate.name + ".part").exists():
        n += 1
        candidate = base.with_name(f"{base.name}.{n}")
    return candidate


def _backup(p: Path, version: int) -> Path:
    """A consistent copy of the committed store (the caller holds the write lock)."""
    target = backup_path(p, version)
    part = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{quote(str(p.resolve()))}?mode=ro", uri=True)
    try:
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dst = sqlite3.connect(str(part))
        try:
            src.backup(dst)
        finally:
            dst.close()
    except BaseException:
        for q in (part, part.with_name(part.name + "-journal"), part.with_name(part.name + "-wal"),
                  part.with_name(part.name + "-shm")):
            q.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(part, target)
    return target


def migrate(path: str | Path) -> str:
    """Migrate the store at ``path`` to SCHEMA_VERSION in one transaction, after a backup copy.

    Returns the line to show the user; raises StoreError (store untouched) when it cannot.
    """
    p = Path(path)
    inspect_file(p)
    try:
        conn = sqlite3.connect(f"file:{quote(str(p.resolve()))}?mode=rw", uri=True,
                               isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(describe_error(p, exc)) from exc
    backup: Path | None = None
    try:
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("BEGIN IMMEDIATE")
            old = store_version(conn, p)
        except sqlite3.Error as exc:
            raise StoreError(describe_error(p, exc)) from exc
        if old is None:
            conn.execute("ROLLBACK")
            raise StoreError(f"{p}: not a Tidemark store (an SQLite database with no tables); "
                             "nothing to migrate")
        if old == SCHEMA_VERSION:
            conn.execute("ROLLBACK")
            return f"{p}: already at schema version {SCHEMA_VERSION}; nothing to do"
        if old > SCHEMA_VERSION:
            conn.execute("ROLLBACK")
            raise StoreError(f"{p}: schema version {old} is newer than this Tidemark understands "
                             f"({SCHEMA_VERSION}); refusing to migrate it; update Tidemark")
        steps = list(range(old, SCHEMA_VERSION))
        unknown = [v for v in steps if v not in MIGRATIONS]
        if unknown:
            conn.execute("ROLLBACK")
            raise StoreError(f"{p}: no migration from schema version {unknown[0]}")
        try:
            backup = _backup(p, old)
        except (OSError, sqlite3.Error) as exc:
            conn.execute("ROLLBACK")
            raise StoreError(f"{p}: could not write the backup copy ({exc}); nothing was "
                             "changed") from exc
        try:
            for v in steps:
                MIGRATIONS[v](conn)
            now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                             [("schema_version", str(SCHEMA_VERSION)), ("migrated_from", str(old)),
                              ("migrated_at", now)])
            conn.execute("COMMIT")
            if 1 in steps:
                _vacuum(conn)
        except Exception as exc:  # noqa: BLE001 - whatever failed, the store must stay as it was
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            reason = describe_error(p, exc).removeprefix(f"{p}: ") \
                if isinstance(exc, sqlite3.Error) else str(exc)
            raise StoreError(f"{p}: migration from schema version {old} failed and was rolled "
                             f"back ({reason}); the store is unchanged; backup at {backup}") from exc
    finally:
        conn.close()
    open_readonly(p).close()
    return (f"{p}: migrated schema version {old} to {SCHEMA_VERSION}; the old store is kept at "
            f"{backup}")
