"""The collector's log of minutes it could not record (table collect_missing): note, list, clear."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime

from app.store.schema import COLLECT_DDL

# The reasons the collector writes, and the kinds the viewer shows them by (it translates the kind
# and keeps the detail, an exception's own text, as written).
NOT_RUNNING = "not recorded: no collector was running at that minute"
_REQUEST_FAILED = re.compile(r"request failed \d+ times: (?P<detail>.*)", re.S)
_UNUSABLE = "unusable frame: "


def request_failed(attempts: int, error: object) -> str:
    return f"request failed {attempts} times: {error}"


def unusable(error: object) -> str:
    return f"{_UNUSABLE}{error}"


def reason_kind(reason: str) -> tuple[str, str]:
    """(kind, detail) of a noted reason: kind 'not_running', 'request_failed', 'unusable' or
    'other' (a reason written by another version); detail is the error's own text."""
    if reason == NOT_RUNNING:
        return "not_running", ""
    failed = _REQUEST_FAILED.fullmatch(reason)
    if failed:
        return "request_failed", failed["detail"]
    if reason.startswith(_UNUSABLE):
        return "unusable", reason[len(_UNUSABLE):]
    return "other", reason


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
