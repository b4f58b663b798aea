"""Bulk writers: one ``executemany`` of ``INSERT OR REPLACE`` per call, inside a transaction.

Each writer takes a DataFrame whose columns carry the schema's names (extra columns are ignored,
missing nullable ones are written as NULL) and is idempotent: writing the same rows again replaces
them. A writer called while a transaction is open joins it (so a caller can make a whole build
atomic); otherwise it opens and commits its own. NaN floats are stored as NULL by SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

# Column order of each table, as in app.store.schema.
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
    """INSERT OR REPLACE every row of ``df`` into ``table``; returns the row count."""
    cols = COLUMNS[table]
    missing = [c for c in REQUIRED.get(table, ()) if c not in df.columns]
    if missing:
        raise ValueError(f"{table}: frame lacks required columns {missing}")
    if len(df) == 0:
        return 0
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
    marks = ",".join("?" * len(times))
    cur = conn.execute(
        "SELECT time, symbol, last, prev_close, open, high, low, volume, amount FROM quotes "
        f"WHERE date = ? AND time IN ({marks}) ORDER BY time, symbol", (date, *times))
    q = pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])
    cols = ["code", "market", "board", "name", "list_date", "float_shares"]
    frames = [(str(t), static[cols].join(g.drop(columns="time").set_index("symbol"), how="inner"))
              for t, g in q.groupby("time", sort=True)]
    series = breadth_series(frames, date)
    series.insert(0, "date", date)
    return write_breadth(conn, series)
