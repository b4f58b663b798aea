"""Opening a store: read-only for viewers, read-write (WAL) for writers, with clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from app.store.schema import SCHEMA_VERSION, ensure_schema


class StoreError(Exception):
    """A store that cannot be used, with a message fit for the user (names the file)."""


REQUIRED_TABLES = ("meta", "stocks", "quotes", "daily", "index_bars", "index_daily")
BUSY_TIMEOUT_MS = 5000


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open ``path`` read-only (``mode=ro`` URI) and check it is a Tidemark store of our version.

    The viewer never writes to a store it views, not even a journal: a missing file is an error,
    not a new empty store.
    """
    p = Path(path)
    if not p.exists():
        raise StoreError(f"{p}: no such store")
    if p.is_dir():
        raise StoreError(f"{p}: is a folder, not a store file")
    if p.stat().st_size == 0:
        raise StoreError(f"{p}: empty file (0 bytes), not a Tidemark store")
    uri = f"file:{quote(str(p.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=True)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check_store(conn, p)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p}: not a readable SQLite store ({exc})") from exc
    return conn


def check_store(conn: sqlite3.Connection, p: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise StoreError(f"{p}: not a Tidemark store (missing tables: {', '.join(missing)})")
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if row is None:
        raise StoreError(f"{p}: no schema_version in meta; not a Tidemark store")
    try:
        version = int(row[0])
    except ValueError as exc:
        raise StoreError(f"{p}: schema_version {row[0]!r} is not a number") from exc
    if version > SCHEMA_VERSION:
        raise StoreError(f"{p}: schema version {version} is newer than this Tidemark "
                         f"understands ({SCHEMA_VERSION}); update Tidemark")
    if version < SCHEMA_VERSION:
        raise StoreError(f"{p}: schema version {version} is older than {SCHEMA_VERSION}; "
                         f"run 'tidemark migrate --db {p}'")


def open_writer(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) a store for writing, in WAL mode so viewers can read meanwhile."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(str(p), isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN")
        ensure_schema(conn)
        conn.execute("COMMIT")
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row and int(row[0]) != SCHEMA_VERSION:
            raise StoreError(f"{p}: schema version {row[0]} differs from {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p}: cannot open for writing ({exc})") from exc
    return conn
