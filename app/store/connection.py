"""Opening a store: read-only for viewers, read-write (WAL) for writers, with clear errors.

Every way a store can be unusable ends in a ``StoreError`` whose message is one line that names the
file and says what to do (``describe_error`` words the SQLite errors that can still come later, for
callers that catch ``sqlite3.Error`` around their queries).

What a reader leaves next to the store (side files)
----------------------------------------------------
``open_readonly`` opens with ``mode=ro``: SQLite then never writes the store file itself.
- A rollback-journal store (``PRAGMA journal_mode`` DELETE/TRUNCATE/PERSIST) gets no side file at
  all: no ``-journal``, ``-wal`` or ``-shm``. Its bytes and mtime stay as they were.
- A WAL store cannot be read without its wal-index (``P-shm``): every WAL reader records the
  snapshot it reads in that shared-memory file. If a writer is connected, the reader uses the
  writer's ``P-wal``/``P-shm`` (it writes only its read mark into ``P-shm``, never the store or
  ``P-wal``). If none exist, SQLite creates an empty ``P-wal`` (0 bytes) and a 32 KiB ``P-shm``
  and, as a read-only connection may not checkpoint, leaves them when it closes; they are harmless
  and the next writer reuses and removes them. The store file's bytes and mtime never change.
- ``snapshot=True`` (one-shot readers: a report, an export) opens a WAL store that has no ``P-wal``
  beside it (no writer connected) with ``immutable=1``: no side file appears. SQLite then takes no
  locks, so such a reader does not see a writer that starts after it opened (a report or an export
  reads for a few seconds). With a ``P-wal`` present it falls back to ``mode=ro``: committed pages
  may still sit in the WAL, which an immutable open would not read.
- Where SQLite could not create the side files (a read-only folder or medium) a WAL store without
  ``P-wal`` is opened ``immutable=1`` whatever ``snapshot`` says: it is the only way SQLite can read
  it, and no writer can be connected (it would have created ``P-wal``).
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from app.store.errors import StoreError
from app.store.schema import SCHEMA_VERSION, TABLES, ensure_schema


# A versioned store (schema_version >= 1) must have every table of app.store.schema.
REQUIRED_TABLES = TABLES
# What makes a file without meta.schema_version a Tidemark store of version 0 (app.store.migrate).
CORE_TABLES = ("stocks", "quotes", "daily")
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class StoreFile:
    """What the 100-byte SQLite header says about a store file."""

    path: Path
    size: int
    wal: bool                     # header bytes 18/19 == 2: the store is in WAL mode
    page_size: int
    expected_size: int | None     # page size × in-header page count, when the header vouches for it


def sidecar(path: str | Path, suffix: str) -> Path:
    p = Path(path)
    return p.with_name(p.name + suffix)


def inspect_file(path: str | Path, *, allow_empty: bool = False) -> StoreFile:
    """Check that ``path`` is a complete SQLite file before SQLite opens it.

    SQLite alone opens a truncated store happily and fails only when a query reaches a missing page
    ("database disk image is malformed" in the middle of a session); the header says how long the
    file must be, so a short copy is refused up front.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise StoreError.of("not_found", path=p) from None
    except OSError as exc:
        raise StoreError.of("unreadable", path=p, reason=exc.strerror or exc) from exc
    if p.is_dir():
        raise StoreError.of("folder", path=p)
    if st.st_size == 0:
        if allow_empty:
            return StoreFile(p, 0, False, 0, None)
        raise StoreError.of("empty", path=p)
    try:
        with open(p, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise StoreError.of("unreadable", path=p, reason=exc.strerror or exc) from exc
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise StoreError.of("not_sqlite", path=p)
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    wal = head[18] == 2 and head[19] == 2
    change_counter, pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    expected = page_size * pages if pages and change_counter == valid_for else None
    info = StoreFile(p, st.st_size, wal, page_size, expected)
    # With a non-empty WAL a checkpoint may be growing the file right now: no verdict then.
    wal_file = sidecar(p, "-wal")
    busy_wal = wal and wal_file.exists() and wal_file.stat().st_size > 0
    if expected is not None and st.st_size < expected and not busy_wal:
        raise StoreError.of("truncated", path=p, size=f"{st.st_size:,}", expected=f"{expected:,}")
    return info


def error_of(path: str | Path, exc: BaseException) -> StoreError:
    """The StoreError for a SQLite error on the store at ``path`` (one line for the user)."""
    p = Path(path)
    text = str(exc)
    low = text.lower()
    for kind, words in _SQLITE_KINDS:
        if any(w in low for w in words):
            return StoreError.of(kind, path=p, reason=text)
    return StoreError.of("sqlite", path=p, reason=text)


# SQLite's error texts, in the order they are told apart.
_SQLITE_KINDS = (
    ("busy", ("locked", "busy")),
    ("not_database", ("not a database", "encrypted")),
    ("damaged", ("malformed", "corrupt")),
    ("io", ("disk i/o error", "short read")),
    ("incomplete", ("no such table", "no such column")),
    ("readonly", ("readonly", "read-only")),
    ("cannot_open", ("unable to open",)),
)


def describe_error(path: str | Path, exc: BaseException) -> str:
    """One line for the user about a SQLite error on the store at ``path``."""
    return str(error_of(path, exc))


def _can_create_sidecars(p: Path) -> bool:
    return os.access(p.resolve().parent, os.W_OK)


def open_readonly(path: str | Path, *, snapshot: bool = False) -> sqlite3.Connection:
    """Open ``path`` read-only and check it is a Tidemark store of our version.

    The viewer never writes to a store it views: a missing file is an error, not a new empty
    store, and the store file's bytes never change (see the module docstring for the side files
    SQLite needs for a WAL store). ``snapshot=True`` is for one-shot readers: no side files for a
    WAL store no writer has open.
    """
    p = Path(path)
    info = inspect_file(p)
    immutable = False
    if info.wal and not sidecar(p, "-wal").exists():
        immutable = snapshot or not _can_create_sidecars(p)
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    uri = f"file:{quote(str(p.resolve()))}?{query}"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=True)
    except sqlite3.Error as exc:
        raise error_of(p, exc) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check_store(conn, p)
    except StoreError:
        conn.close()
        raise
    except sqlite3.Error as exc:
        conn.close()
        raise error_of(p, exc) from exc
    return conn


def store_version(conn: sqlite3.Connection, p: Path) -> int | None:
    """The store's schema version: None for a database with no tables, 0 for a Tidemark store
    written before versioning (CORE_TABLES, no meta.schema_version); StoreError for another
    program's database."""
    # quotes and daily are tables in version 0 and 1, views over the compact tables in 2.
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not tables:
        return None
    row = None
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if row is None:
        missing = [t for t in CORE_TABLES if t not in tables]
        if missing:
            raise StoreError.of("foreign", path=p, tables=", ".join(missing))
        return 0
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise StoreError.of("bad_version", path=p, value=repr(row[0])) from None


def check_store(conn: sqlite3.Connection, p: Path) -> None:
    """Refuse what the viewer cannot read: another program's database, another schema version,
    a store with tables missing."""
    version = store_version(conn, p)
    if version is None:
        raise StoreError.of("no_tables", path=p)
    if version > SCHEMA_VERSION:
        raise StoreError.of("newer", path=p, version=version, supported=SCHEMA_VERSION)
    if version < SCHEMA_VERSION:
        raise StoreError.of("older", path=p, version=version, supported=SCHEMA_VERSION)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise StoreError.of("missing_tables", path=p, tables=", ".join(missing))


def open_writer(path: str | Path) -> sqlite3.Connection:
    """Open (creating if needed) a store for writing, in WAL mode so viewers can read meanwhile.

    An existing file is checked before anything is written to it: another program's database, a
    store of a newer schema or an older one (``tidemark migrate``) is refused untouched.
    """
    p = Path(path)
    if p.exists():
        inspect_file(p, allow_empty=True)
    p.parent.mkdir(parents=True, exist_ok=True)
    conn: sqlite3.Connection | None = None
    try:
        conn = sqlite3.connect(str(p), isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = store_version(conn, p)
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{p}: schema version {version} is newer than this Tidemark "
                             f"understands ({SCHEMA_VERSION}); refusing to write to it")
        if version is not None and version < SCHEMA_VERSION:
            raise StoreError(f"{p}: schema version {version} is older than this Tidemark's "
                             f"({SCHEMA_VERSION}); run 'tidemark migrate --db {p}' first")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN")
        ensure_schema(conn)
        conn.execute("COMMIT")
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise error_of(p, exc) from exc
    return conn
