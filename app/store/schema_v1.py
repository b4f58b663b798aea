"""Schema version 1, kept to migrate v1 stores (app.store.migrate) and to build them in tests.

Units are normalised whatever the source used: volume in shares, amount in yuan, prices in yuan.
Times are end-labelled 'HH:MM' slots of app.market.session; dates are 'YYYY-MM-DD'.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1   # this module's version; app.store.schema holds the current one

# Each statement is idempotent so that a writer can call ensure_schema on any store it opens.
DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL)""",
    # One row per security ever seen. float_shares/total_shares drive cap-weighting.
    """CREATE TABLE IF NOT EXISTS stocks (
        symbol TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        market TEXT NOT NULL,
        board TEXT NOT NULL,
        name TEXT,
        list_date TEXT,
        float_shares REAL,
        total_shares REAL,
        industry TEXT)""",
    # Point-in-time names: ST / *ST / N / C prefixes change over time.
    """CREATE TABLE IF NOT EXISTS names (
        symbol TEXT NOT NULL,
        date TEXT NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (symbol, date)) WITHOUT ROWID""",
    # Indices we know by name (sh000001, sz399006, sh000688 ...).
    """CREATE TABLE IF NOT EXISTS indices (
        symbol TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        market TEXT NOT NULL,
        name TEXT NOT NULL,
        name_en TEXT)""",
    # Constituents with the share count the index weights them by (cap-weighted: shares × price).
    """CREATE TABLE IF NOT EXISTS index_members (
        index_symbol TEXT NOT NULL,
        symbol TEXT NOT NULL,
        as_of TEXT NOT NULL,
        weight_shares REAL NOT NULL,
        PRIMARY KEY (index_symbol, as_of, symbol)) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS sectors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('industry', 'concept')),
        parent_id TEXT,
        source TEXT)""",
    """CREATE TABLE IF NOT EXISTS sector_members (
        sector_id TEXT NOT NULL,
        symbol TEXT NOT NULL,
        as_of TEXT NOT NULL,
        PRIMARY KEY (sector_id, symbol, as_of)) WITHOUT ROWID""",
    # Intraday snapshots: last price at the slot; open/high/low so far today; cumulative volume/amount.
    """CREATE TABLE IF NOT EXISTS quotes (
        date TEXT NOT NULL,
        time TEXT NOT NULL,
        symbol TEXT NOT NULL,
        last REAL,
        prev_close REAL,
        open REAL,
        high REAL,
        low REAL,
        volume REAL,
        amount REAL,
        PRIMARY KEY (date, time, symbol)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS quotes_symbol_date ON quotes (symbol, date)",
    """CREATE TABLE IF NOT EXISTS daily (
        date TEXT NOT NULL,
        symbol TEXT NOT NULL,
        open REAL, high REAL, low REAL, close REAL,
        prev_close REAL,
        volume REAL,
        amount REAL,
        PRIMARY KEY (symbol, date)) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS daily_date ON daily (date)",
    # Index minute bars (per-minute volume/amount, not cumulative).
    """CREATE TABLE IF NOT EXISTS index_bars (
        date TEXT NOT NULL,
        time TEXT NOT NULL,
        symbol TEXT NOT NULL,
        open REAL, high REAL, low REAL, close REAL,
        volume REAL,
        amount REAL,
        PRIMARY KEY (symbol, date, time)) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS index_daily (
        date TEXT NOT NULL,
        symbol TEXT NOT NULL,
        open REAL, high REAL, low REAL, close REAL,
        prev_close REAL,
        volume REAL,
        amount REAL,
        PRIMARY KEY (symbol, date)) WITHOUT ROWID""",
    # Breadth per minute, materialised by writers so the viewer never scans a session to draw a line.
    """CREATE TABLE IF NOT EXISTS breadth_minutes (
        date TEXT NOT NULL,
        time TEXT NOT NULL,
        stocks INTEGER, up INTEGER, down INTEGER, flat INTEGER, suspended INTEGER,
        limit_up INTEGER, limit_down INTEGER, broken INTEGER,
        turnover_yuan REAL,
        PRIMARY KEY (date, time)) WITHOUT ROWID""",
    # Import bookkeeping: which file (by content hash) went in when, so a re-import is a no-op.
    """CREATE TABLE IF NOT EXISTS imports (
        sha256 TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        rows INTEGER NOT NULL,
        imported_at TEXT NOT NULL)""",
)

TABLES = ("meta", "stocks", "names", "indices", "index_members", "sectors", "sector_members",
          "quotes", "daily", "index_bars", "index_daily", "breadth_minutes", "imports")


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create the v1 tables and stamp version 1 (the migration and tests only)."""
    for stmt in DDL:
        conn.execute(stmt)
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                 (str(SCHEMA_VERSION),))
