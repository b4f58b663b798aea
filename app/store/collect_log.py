"""The collector's log of minutes it could not record (table collect_missing): note, list, clear."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from app.store.schema import COLLECT_DDL


def ensure(conn: sqlite3.Connection) -> None:
    """Create the table on a store written before the collector existed."""
    for stmt in COLLECT_DDL:
        conn.execute(stmt)


def note_missing(conn: sqlite3.Connection, date: str, time: str, reason: str) -> None:
    """Record that minute ``time`` of ``date`` is missing and why (replaces an earlier note)."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    conn.execute("INSERT OR REPLACE INTO collect_missing (date, time, reason, noted_at) "
                 "VALUES (?, ?, ?, ?)", (date, time, reason, stamp))


def clear_missing(conn: sqlite3.Connection, date: str, time: str) -> None:
    """A minute recorded after all (a later run) is no longer missing."""
    conn.execute("DELETE FROM collect_missing WHERE date = ? AND time = ?", (date, time))


def missing(conn: sqlite3.Connection, date: str) -> dict[str, str]:
    """{time: reason} of the minutes of ``date`` noted missing (empty for a store without the
    table: the viewer opens stores read-only and never creates it)."""
    try:
        rows = conn.execute("SELECT time, reason FROM collect_missing WHERE date = ? "
                            "ORDER BY time", (date,)).fetchall()
    except sqlite3.OperationalError:
        return {}
    return {t: r for t, r in rows}
