"""The v1 → v2 step of ``tidemark migrate`` (app.store.migrate): the TEXT/REAL ``quotes`` and
``daily`` tables copied into schema v2's compact tables, inside the caller's transaction."""

from __future__ import annotations

import sqlite3

import pandas as pd

MINUTES_PER_READ = 30        # ~160 k rows of a full market per read: bounded memory
DAILY_ROWS_PER_READ = 200_000
_QUOTE_COLS = ("date", "time", "symbol", "last", "prev_close", "open", "high", "low", "volume",
               "amount")
_DAILY_COLS = ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume",
               "amount")


def _hop(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> list[str]:
    """DISTINCT over a key prefix, one seek per value."""
    out: list[str] = []
    prev = ""
    while True:
        row = conn.execute(sql, (*params, prev)).fetchone()
        if row is None or row[0] is None:
            return out
        prev = row[0]
        out.append(prev)


def v1_to_v2(conn: sqlite3.Connection) -> None:
    from app.store import compact, compact_daily, queries, writers
    from app.store.schema import ensure_schema

    conn.execute("DROP INDEX IF EXISTS quotes_symbol_date")
    conn.execute("DROP INDEX IF EXISTS daily_date")
    conn.execute("ALTER TABLE quotes RENAME TO quotes_v1")
    conn.execute("ALTER TABLE daily RENAME TO daily_v1")
    ensure_schema(conn)
    quote_rows = 0
    for date in _hop(conn, "SELECT min(date) FROM quotes_v1 WHERE date > ?"):
        times = _hop(conn, "SELECT min(time) FROM quotes_v1 WHERE date = ? AND time > ?", (date,))
        for i in range(0, len(times), MINUTES_PER_READ):
            part = times[i:i + MINUTES_PER_READ]
            cur = conn.execute(f"SELECT {', '.join(_QUOTE_COLS)} FROM quotes_v1 WHERE date = ? "
                               "AND time >= ? AND time <= ?", (date, part[0], part[-1]))
            frame = pd.DataFrame.from_records(cur.fetchall(), columns=list(_QUOTE_COLS))
            quote_rows += compact.write_quotes(conn, frame)
    daily_rows = 0
    cur = conn.execute(f"SELECT {', '.join(_DAILY_COLS)} FROM daily_v1")
    while rows := cur.fetchmany(DAILY_ROWS_PER_READ):
        daily_rows += compact_daily.write_daily(conn, pd.DataFrame.from_records(
            rows, columns=list(_DAILY_COLS)))
    # Every row must have arrived (a duplicate key cannot exist in v1's primary keys).
    for table, copied in (("quotes_v1", quote_rows), ("daily_v1", daily_rows)):
        have = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if have != copied:
            raise RuntimeError(f"{table}: {have:,} rows, {copied:,} copied")
    new_quotes = conn.execute("SELECT count(*) FROM quote_minutes").fetchone()[0]
    new_daily = conn.execute("SELECT count(*) FROM daily_bars").fetchone()[0]
    if (new_quotes, new_daily) != (quote_rows, daily_rows):
        raise RuntimeError(f"copied {quote_rows:,} quotes and {daily_rows:,} daily bars, the v2 "
                           f"tables hold {new_quotes:,} and {new_daily:,}")
    conn.execute("DROP TABLE quotes_v1")
    conn.execute("DROP TABLE daily_v1")
    for date in queries.sessions(conn):
        if not conn.execute("SELECT 1 FROM breadth_minutes WHERE date = ? LIMIT 1",
                            (date,)).fetchone():
            writers.materialise_breadth(conn, date)
