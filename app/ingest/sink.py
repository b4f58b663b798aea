"""The store-writing step of an import: normalised frames → tables, with plain sqlite3 executemany.

The caller owns the transaction (one import = one transaction). Keyed tables are written with
INSERT OR REPLACE on their primary key, so writing the same frames twice leaves the same rows;
``stocks`` is an upsert that keeps what a file does not know (a TDX file has no name, a spot file no
list date). NaN binds as NULL in SQLite. (If ``app.store.writers`` grows the same statements, this
module should delegate to it.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import pandas as pd

from app.ingest.frames import COLUMNS, KINDS
from app.store import writers

BULK_CACHE_KIB = 256 * 1024   # page cache for one import: index inserts stay in memory


def tune_for_bulk(conn: sqlite3.Connection) -> None:
    """A larger page cache for a bulk import (allocated only as used; this connection only)."""
    conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


def _replace(table: str) -> str:
    cols = COLUMNS[table]
    return f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({_placeholders(len(cols))})"


_STOCKS = (
    "INSERT INTO stocks (symbol, code, market, board, name, list_date, float_shares, total_shares, "
    "industry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(symbol) DO UPDATE SET "
    "code = excluded.code, market = excluded.market, board = excluded.board, "
    "name = coalesce(excluded.name, stocks.name), "
    "list_date = coalesce(excluded.list_date, stocks.list_date), "
    "float_shares = coalesce(excluded.float_shares, stocks.float_shares), "
    "total_shares = coalesce(excluded.total_shares, stocks.total_shares), "
    "industry = coalesce(excluded.industry, stocks.industry)")
_INDICES = ("INSERT INTO indices (symbol, code, market, name, name_en) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(symbol) DO UPDATE SET "
            "name = CASE WHEN indices.name = indices.symbol THEN excluded.name "
            "ELSE indices.name END, "
            "name_en = coalesce(indices.name_en, excluded.name_en)")

STATEMENTS: dict[str, str] = {k: _replace(k) for k in KINDS}
STATEMENTS["stocks"] = _STOCKS
STATEMENTS["indices"] = _INDICES


def rows_of(frame: pd.DataFrame, cols: Iterable[str]) -> Iterator[tuple]:
    """Plain Python tuples of ``cols`` (numpy scalars converted; NaN binds as NULL)."""
    return zip(*(frame[c].tolist() for c in cols), strict=True)


# Kinds whose rows a file states in full: app.store.writers' INSERT OR REPLACE is right for them.
# stocks and indices merge with what the store knows, so they keep their own upserts here.
_MERGED = ("stocks", "indices")


def write_frame(conn: sqlite3.Connection, kind: str, frame: pd.DataFrame) -> int:
    if frame is None or not len(frame):
        return 0
    if kind not in _MERGED:
        return writers.write_table(conn, kind, frame)   # joins the import's transaction
    conn.executemany(STATEMENTS[kind], rows_of(frame, COLUMNS[kind]))
    return len(frame)


def write_frames(conn: sqlite3.Connection, frames: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Write each kind of frame (reference kinds first); returns rows written per table."""
    out = {}
    for kind in KINDS:
        n = write_frame(conn, kind, frames.get(kind))  # type: ignore[arg-type]
        if n:
            out[kind] = n
    return out


def already_imported(conn: sqlite3.Connection, key: str) -> tuple[str, str] | None:
    """(path, imported_at) of an earlier import with the same key, or None."""
    row = conn.execute("SELECT path, imported_at FROM imports WHERE sha256 = ?", (key,)).fetchone()
    return (row[0], row[1]) if row else None


def record_import(conn: sqlite3.Connection, key: str, path: str, fmt: str, rows: int) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    conn.execute("INSERT OR REPLACE INTO imports (sha256, path, format, rows, imported_at) "
                 "VALUES (?, ?, ?, ?, ?)", (key, path, fmt, rows, stamp))


def fill_prev_close(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
    """Quotes written without prev_close (from minute bars) take the symbol's last daily close
    before that date, where the store has one."""
    writers.fill_prev_close(conn, pairs)
