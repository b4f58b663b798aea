"""The store's schema (version 2): the only place (with the query and writer modules) that knows
table names.

Units are normalised whatever the source used: volume in shares, amount in yuan, prices in fen.
The two big tables are compact (app.store.codec): a session of 5,400 stocks × 241 minutes costs
~36 MB instead of ~190 MB in version 1 (``tidemark bench``, P8):
- ``quote_minutes``: one row per (day, slot, sid), keyed by the packed integer
  ``day << 24 | slot << 16 | sid`` as its rowid (a WITHOUT ROWID table keyed on the three columns
  measured 43 MB a session against 36 MB: its record repeats the three key columns and its pages
  are filled less); ``day``, ``slot`` and ``sid`` are virtual generated columns (no bytes stored).
  ``last`` in fen; ``high_up`` = high − last and ``low_down`` = last − low in fen (mostly 0 or a
  few fen: one byte or none), with last taken as 0 where it is NULL; cumulative ``volume``
  (shares) and ``amount`` (yuan, rounded to the yuan) as integers.
- ``quote_sessions``: a stock's prev close and open of a session (the same at every minute); a
  minute whose own prev close or open differs (a stock that opens late) has its values in
  ``quote_extras`` under the minute's key, so every stored row reads back exactly.
- ``daily_bars``: one row per (day, sid), keyed by ``day << 16 | sid``; prices in fen.
No secondary index: every query of the viewer reads key ranges (a day, a day's minutes up to one)
or key lists (a few stocks' minutes), checked with EXPLAIN QUERY PLAN in tests/store/test_plans.py.
The views ``quotes`` and ``daily`` show the rows as version 1 had them (dates, 'HH:MM', symbols,
yuan) for reading by hand; their INSTEAD OF triggers accept v1-shaped INSERT / UPDATE / DELETE
(slow, row by row: the writers encode whole frames at once).
"""

from __future__ import annotations

import sqlite3

from app.market.session import session_minutes
from app.store.schema_v1 import DDL as V1_DDL

SCHEMA_VERSION = 2

# The v1 tables that version 2 keeps as they were (small: reference data, index bars, breadth).
_KEPT = tuple(s for s in V1_DDL if not any(
    s.startswith(f"CREATE {k} IF NOT EXISTS {t} ") for k in ("TABLE", "INDEX")
    for t in ("quotes", "daily", "quotes_symbol_date", "daily_date")))

_DAY = "(CAST(strftime('%s', {r}.date) AS INTEGER) / 86400)"
_SLOT = "(SELECT slot FROM slots WHERE time = {r}.time)"
_SID = "(SELECT sid FROM securities WHERE symbol = {r}.symbol)"
_QKEY = f"(({_DAY} << 24) | ({_SLOT} << 16) | {_SID})"
_DKEY = f"(({_DAY} << 16) | {_SID})"


def _unit(r: str = "NEW") -> str:
    """Price units per yuan of the row's symbol (app.store.codec.units_of)."""
    return (f"(CASE WHEN substr({r}.symbol, 1, 5) IN ('sh900', 'sz200', 'sz201') THEN 1000 "
            "ELSE 100 END)")


def _fen(col: str, r: str = "NEW") -> str:
    return f"CAST(round({r}.{col} * {_unit(r)}) AS INTEGER)"


def _whole_fen(cols: tuple[str, ...], table: str, r: str = "NEW") -> str:
    """RAISE when a price is not a whole number of fen (as app.store.codec refuses it)."""
    u = _unit(r)
    test = " OR ".join(f"abs({r}.{c} * {u} - round({r}.{c} * {u})) > 1e-4" for c in cols)
    return (f"SELECT RAISE(ABORT, '{table}: a price is not a whole number of fen (prices are "
            f"stored exactly, in fen)') WHERE {test};")


def _sub(template: str, r: str) -> str:
    return template.format(r=r)


def _security(r: str = "NEW") -> str:
    # Never INSERT OR IGNORE/REPLACE: an outer OR REPLACE would turn it into a replace, giving
    # the symbol a new sid under its stored rows.
    return (f"INSERT INTO securities (symbol, unit) SELECT {r}.symbol, {_unit(r)} WHERE NOT EXISTS "
            f"(SELECT 1 FROM securities WHERE symbol = {r}.symbol);")


def _quote_triggers() -> tuple[str, ...]:
    key_new, key_old = _sub(_QKEY, "NEW"), _sub(_QKEY, "OLD")
    day, sid = _sub(_DAY, "NEW"), _sub(_SID, "NEW")
    last = _fen("last")
    insert = f"""CREATE TRIGGER IF NOT EXISTS quotes_insert INSTEAD OF INSERT ON quotes BEGIN
        SELECT RAISE(ABORT, 'quotes: date is not YYYY-MM-DD') WHERE {day} IS NULL;
        SELECT RAISE(ABORT, 'quotes: time is not a minute of the 241-slot session grid')
            WHERE {_sub(_SLOT, 'NEW')} IS NULL;
        {_whole_fen(("last", "prev_close", "open", "high", "low"), "quotes")}
        {_security()}
        INSERT INTO quote_sessions (day, sid, prev_close, open)
            SELECT {day}, {sid}, {_fen('prev_close')}, {_fen('open')} WHERE NOT EXISTS
            (SELECT 1 FROM quote_sessions WHERE day = {day} AND sid = {sid});
        DELETE FROM quote_minutes WHERE id = {key_new};
        DELETE FROM quote_extras WHERE id = {key_new};
        INSERT INTO quote_minutes (id, last, high_up, low_down, volume, amount) VALUES ({key_new},
            {last}, {_fen('high')} - coalesce({last}, 0), coalesce({last}, 0) - {_fen('low')},
            CAST(round(NEW.volume) AS INTEGER), CAST(round(NEW.amount) AS INTEGER));
        INSERT INTO quote_extras (id, prev_close, open)
            SELECT {key_new}, {_fen('prev_close')}, {_fen('open')} FROM quote_sessions
            WHERE day = {day} AND sid = {sid} AND (prev_close IS NOT {_fen('prev_close')}
                                                 OR open IS NOT {_fen('open')});
    END"""
    delete = f"""CREATE TRIGGER IF NOT EXISTS quotes_delete INSTEAD OF DELETE ON quotes BEGIN
        DELETE FROM quote_minutes WHERE id = {key_old};
        DELETE FROM quote_extras WHERE id = {key_old};
    END"""
    update = f"""CREATE TRIGGER IF NOT EXISTS quotes_update INSTEAD OF UPDATE ON quotes BEGIN
        DELETE FROM quote_minutes WHERE id = {key_old};
        DELETE FROM quote_extras WHERE id = {key_old};
        INSERT INTO quotes VALUES (NEW.date, NEW.time, NEW.symbol, NEW.last, NEW.prev_close,
            NEW.open, NEW.high, NEW.low, NEW.volume, NEW.amount);
    END"""
    return insert, delete, update


def _daily_triggers() -> tuple[str, ...]:
    key_new, key_old = _sub(_DKEY, "NEW"), _sub(_DKEY, "OLD")
    prices = ", ".join(_fen(c) for c in ("open", "high", "low", "close", "prev_close"))
    insert = f"""CREATE TRIGGER IF NOT EXISTS daily_insert INSTEAD OF INSERT ON daily BEGIN
        SELECT RAISE(ABORT, 'daily: date is not YYYY-MM-DD') WHERE {_sub(_DAY, 'NEW')} IS NULL;
        {_whole_fen(("open", "high", "low", "close", "prev_close"), "daily")}
        {_security()}
        DELETE FROM daily_bars WHERE id = {key_new};
        INSERT INTO daily_bars (id, open, high, low, close, prev_close, volume, amount)
            VALUES ({key_new}, {prices}, CAST(round(NEW.volume) AS INTEGER),
                    CAST(round(NEW.amount) AS INTEGER));
    END"""
    delete = f"""CREATE TRIGGER IF NOT EXISTS daily_delete INSTEAD OF DELETE ON daily BEGIN
        DELETE FROM daily_bars WHERE id = {key_old};
    END"""
    update = f"""CREATE TRIGGER IF NOT EXISTS daily_update INSTEAD OF UPDATE ON daily BEGIN
        DELETE FROM daily_bars WHERE id = {key_old};
        INSERT INTO daily VALUES (NEW.date, NEW.symbol, NEW.open, NEW.high, NEW.low, NEW.close,
            NEW.prev_close, NEW.volume, NEW.amount);
    END"""
    return insert, delete, update


DDL: tuple[str, ...] = (
    *_KEPT,
    # Integer ids of every symbol (stocks and indices) the compact tables refer to; a symbol
    # keeps its sid for ever (rows are only added). unit: price units per yuan (codec.units_of).
    """CREATE TABLE IF NOT EXISTS securities (
        sid INTEGER PRIMARY KEY CHECK (sid BETWEEN 1 AND 65535),
        symbol TEXT NOT NULL UNIQUE,
        unit INTEGER NOT NULL DEFAULT 100)""",     # price units per yuan: 1000 for B shares
    # The 241-slot grid (app.market.session), for reading by hand and for the views.
    """CREATE TABLE IF NOT EXISTS slots (
        slot INTEGER PRIMARY KEY,
        time TEXT NOT NULL UNIQUE)""",
    """CREATE TABLE IF NOT EXISTS quote_minutes (
        id INTEGER PRIMARY KEY,
        last INTEGER,
        high_up INTEGER,
        low_down INTEGER,
        volume INTEGER,
        amount INTEGER,
        day INTEGER GENERATED ALWAYS AS (id >> 24) VIRTUAL,
        slot INTEGER GENERATED ALWAYS AS ((id >> 16) & 255) VIRTUAL,
        sid INTEGER GENERATED ALWAYS AS (id & 65535) VIRTUAL)""",
    """CREATE TABLE IF NOT EXISTS quote_sessions (
        day INTEGER NOT NULL,
        sid INTEGER NOT NULL,
        prev_close INTEGER,
        open INTEGER,
        PRIMARY KEY (day, sid)) WITHOUT ROWID""",
    """CREATE TABLE IF NOT EXISTS quote_extras (
        id INTEGER PRIMARY KEY,
        prev_close INTEGER,
        open INTEGER)""",
    """CREATE TABLE IF NOT EXISTS daily_bars (
        id INTEGER PRIMARY KEY,
        open INTEGER, high INTEGER, low INTEGER, close INTEGER,
        prev_close INTEGER,
        volume INTEGER,
        amount INTEGER,
        day INTEGER GENERATED ALWAYS AS (id >> 16) VIRTUAL,
        sid INTEGER GENERATED ALWAYS AS (id & 65535) VIRTUAL)""",
    """CREATE VIEW IF NOT EXISTS quotes AS
        SELECT date(q.day * 86400, 'unixepoch') AS date, t.time AS time, s.symbol AS symbol,
               q.last * 1.0 / s.unit AS last,
               (CASE WHEN x.id IS NULL THEN ss.prev_close ELSE x.prev_close END) * 1.0 / s.unit
                   AS prev_close,
               (CASE WHEN x.id IS NULL THEN ss.open ELSE x.open END) * 1.0 / s.unit AS open,
               (coalesce(q.last, 0) + q.high_up) * 1.0 / s.unit AS high,
               (coalesce(q.last, 0) - q.low_down) * 1.0 / s.unit AS low,
               q.volume AS volume, q.amount AS amount
        FROM quote_minutes q JOIN securities s ON s.sid = q.sid JOIN slots t ON t.slot = q.slot
        LEFT JOIN quote_sessions ss ON ss.day = q.day AND ss.sid = q.sid
        LEFT JOIN quote_extras x ON x.id = q.id""",
    """CREATE VIEW IF NOT EXISTS daily AS
        SELECT date(d.day * 86400, 'unixepoch') AS date, s.symbol AS symbol,
               d.open * 1.0 / s.unit AS open, d.high * 1.0 / s.unit AS high,
               d.low * 1.0 / s.unit AS low, d.close * 1.0 / s.unit AS close,
               d.prev_close * 1.0 / s.unit AS prev_close,
               d.volume AS volume, d.amount AS amount
        FROM daily_bars d JOIN securities s ON s.sid = d.sid""",
    *_quote_triggers(),
    *_daily_triggers(),
)

TABLES = ("meta", "stocks", "names", "indices", "index_members", "sectors", "sector_members",
          "securities", "slots", "quote_minutes", "quote_sessions", "quote_extras", "daily_bars",
          "index_bars", "index_daily", "breadth_minutes", "imports")


# The collector's log (tidemark collect): minutes it could not record, with why. Kept apart from
# DDL and TABLES: a store without it is complete for the viewer, and writers add it when missing.
COLLECT_DDL: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS collect_missing (
        date TEXT NOT NULL,
        time TEXT NOT NULL,
        reason TEXT NOT NULL,
        noted_at TEXT NOT NULL,
        PRIMARY KEY (date, time)) WITHOUT ROWID""",
)


def ensure_schema(conn: sqlite3.Connection) -> None:
    """Create missing tables and stamp the schema version (writers only)."""
    for stmt in DDL + COLLECT_DDL:
        conn.execute(stmt)
    if conn.execute("SELECT count(*) FROM slots").fetchone()[0] != len(session_minutes()):
        conn.executemany("INSERT OR IGNORE INTO slots (slot, time) VALUES (?, ?)",
                         list(enumerate(session_minutes())))
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                 (str(SCHEMA_VERSION),))
