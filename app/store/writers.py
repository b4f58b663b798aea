"""Bulk writers: one ``executemany`` of ``INSERT OR REPLACE`` per call, inside a transaction.

Each writer takes a DataFrame whose columns carry the schema's names (extra columns are ignored,
missing nullable ones are written as NULL) and is idempotent: writing the same rows again replaces
them. A writer called while a transaction is open joins it (so a caller can make a whole build
atomic); otherwise it opens and commits its own. NaN floats are stored as NULL by SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from app.store import codec, compact, compact_daily

_COMPACT = {"quotes": compact.write_quotes, "daily": compact_daily.write_daily}

# Column order of each table, as in app.store.schema (quotes and daily: as frames carry them).
COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "stocks": ("symbol", "code", "market", "board", "name", "list_date", "float_shares",
               "total_shares", "industry"),
    "names": ("symbol", "date", "name"),
    "indices": ("symbol", "code", "market", "name", "name_en"),
    "index_members": ("index_symbol", "symbol", "as_of", "weight_shares"),
    "sectors": ("id", "name", "kind", "parent_id", "source"),
    "sector_members": ("sector_id", "symbol", "as_of"),
    "quotes": ("date", "time", "symbol", "last", "prev_close", "open", "high", "low", "volume",
               "amount"),
    "daily": ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume", "amount"),
    "index_bars": ("date", "time", "symbol", "open", "high", "low", "close", "volume", "amount"),
    "index_daily": ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume",
                    "amount"),
    "breadth_minutes": ("date", "time", "stocks", "up", "down", "flat", "suspended", "limit_up",
                        "limit_down", "broken", "turnover_yuan"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "stocks": ("symbol", "code", "market", "board"),
    "names": ("symbol", "date", "name"),
    "indices": ("symbol", "code", "market", "name"),
    "index_members": ("index_symbol", "symbol", "as_of", "weight_shares"),
    "sectors": ("id", "name", "kind"),
    "sector_members": ("sector_id", "symbol", "as_of"),
    "quotes": ("date", "time", "symbol"),
    "daily": ("date", "symbol"),
    "index_bars": ("date", "time", "symbol"),
    "index_daily": ("date", "symbol"),
    "breadth_minutes": ("date", "time"),
}


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN … COMMIT (ROLLBACK on error), or join the transaction already open on ``conn``."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _column(df: pd.DataFrame, name: str) -> list[Any]:
    """A column as Python values SQLite can bind: missing values (None / NaN / NA) become NULL,
    booleans 0/1 and datetimes 'YYYY-MM-DD' (the store's dates are day strings)."""
    if name not in df.columns:
        return [None] * len(df)
    col = df[name]
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        col = col.dt.strftime("%Y-%m-%d")
    if pd.api.types.is_bool_dtype(col.dtype) and not col.isna().any():
        return col.astype(np.int64).tolist()
    if isinstance(col.dtype, np.dtype) and col.dtype.kind in "iuf":
        return col.to_numpy().tolist()   # NaN floats bind as NULL
    values = col.to_numpy(dtype=object)
    mask = pd.isna(values)
    if mask.any():
        values = values.copy()
        values[mask] = None
    return values.tolist()


def write_table(conn: sqlite3.Connection, table: str, df: pd.DataFrame) -> int:
    """INSERT OR REPLACE every row of ``df`` into ``table``; returns the row count.

    ``quotes`` and ``daily`` take v1-shaped frames and go to schema v2's compact tables
    (app.store.compact), encoded a whole frame at a time."""
    cols = COLUMNS[table]
    missing = [c for c in REQUIRED.get(table, ()) if c not in df.columns]
    if missing:
        raise ValueError(f"{table}: frame lacks required columns {missing}")
    if len(df) == 0:
        return 0
    if table in _COMPACT:
        with transaction(conn):
            return _COMPACT[table](conn, df)
    data = zip(*(_column(df, c) for c in cols))
    sql = (f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) "
           f"VALUES ({', '.join('?' * len(cols))})")
    with transaction(conn):
        conn.executemany(sql, data)
    return len(df)


def write_stocks(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "stocks", df)


def write_names(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "names", df)


def write_indices(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "indices", df)


def write_index_members(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "index_members", df)


def write_sectors(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "sectors", df)


def write_sector_members(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "sector_members", df)


def write_quotes(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    """Intraday snapshots (cumulative volume in shares / amount in yuan; last NaN = suspended)."""
    return write_table(conn, "quotes", df)


def write_daily(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "daily", df)


def write_index_bars(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "index_bars", df)


def write_index_daily(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "index_daily", df)


def write_breadth(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    return write_table(conn, "breadth_minutes", df)


def set_meta(conn: sqlite3.Connection, items: Mapping[str, object] | str,
             value: object | None = None) -> int:
    """``set_meta(conn, {"k": "v", ...})`` or ``set_meta(conn, "k", "v")``."""
    pairs = {items: value} if isinstance(items, str) else dict(items)
    df = pd.DataFrame({"key": list(pairs), "value": [str(v) for v in pairs.values()]})
    return write_table(conn, "meta", df)


def materialise_breadth(conn: sqlite3.Connection, date: str, times: list[str] | None = None) -> int:
    """Compute per-minute breadth of ``date`` from the stored quotes and write ``breadth_minutes``.

    Uses the viewer's own rules (app.market.breadth_series.breadth_series, i.e. enrich +
    breadth_counts) with the point-in-time names of ``date``. ``times`` limits it to some minutes
    (e.g. the ones a live feed or an import just wrote); default: every stored minute.
    """
    from app.market.breadth_series import breadth_series
    from app.store import queries

    static = queries.stocks(conn, date)
    if times is None:
        times = queries.session_times(conn, date)
    if not times:
        return 0
    slots = codec.slots_of(times)
    a = compact.read_quotes(conn, codec.day_of(date), slots=sorted(set(slots.tolist())))
    names = compact.symbols_by_sid(conn)
    q = pd.DataFrame({"time": codec.times_of(a["slot"]), "symbol": names[a["sid"]],
                      **{c: a[c] for c in compact.QUOTE_FIELDS}})
    cols = ["code", "market", "board", "name", "list_date", "float_shares"]
    frames = [(str(t), static[cols].join(g.drop(columns="time").set_index("symbol"), how="inner"))
              for t, g in q.groupby("time", sort=True)]
    series = breadth_series(frames, date)
    series.insert(0, "date", date)
    return write_breadth(conn, series)


def delete_session(conn: sqlite3.Connection, date: str) -> None:
    """Every row of ``date``: quotes, daily bars, index bars and breadth (joins the caller's
    transaction)."""
    day = codec.day_of(date)
    with transaction(conn):
        compact.delete_quote_day(conn, day)
        a, b = compact_daily.day_bounds(day, day)
        conn.execute("DELETE FROM daily_bars WHERE id BETWEEN ? AND ?", (a, b))
        for table in ("index_bars", "index_daily", "breadth_minutes"):
            conn.execute(f"DELETE FROM {table} WHERE date = ?", (date,))


def fill_prev_close(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]]) -> None:
    """(symbol, date) pairs whose quotes lack a prev close take the symbol's last daily close
    before that date, where the store has one (the session row and any minute's own value)."""
    days = compact_daily.daily_days(conn)
    for symbol, date in pairs:
        sid, day = compact.sid_of(conn, symbol), codec.day_of(date)
        if not sid:
            continue
        close = None
        for d in reversed([d for d in days if d < day]):    # newest first: mostly one lookup
            row = conn.execute("SELECT close FROM daily_bars WHERE id = ?",
                               (int(codec.daily_key(d, sid)),)).fetchone()
            if row is not None:
                close = row[0]
                break
        if close is None:
            continue
        a, b = codec.day_range(day)
        conn.execute("UPDATE quote_sessions SET prev_close = ? WHERE day = ? AND sid = ? "
                     "AND prev_close IS NULL", (close, day, sid))
        conn.execute("UPDATE quote_extras SET prev_close = ? WHERE id BETWEEN ? AND ? "
                     "AND (id & 65535) = ? AND prev_close IS NULL", (close, a, b, sid))
