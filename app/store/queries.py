"""Read-only queries returning pandas frames. The only module (with writers) that knows table names."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import pandas as pd

from app.market.session import normalise_time

_QUOTE_COLS = "q.last, q.prev_close, q.open, q.high, q.low, q.volume, q.amount"


def _frame(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=cols)


def _distinct_by_skip_scan(conn: sqlite3.Connection, sql_next: str, params: tuple) -> list[str]:
    """DISTINCT over a key prefix by hopping from one value to the next through the index:
    a few hundred index seeks instead of a scan of millions of rows."""
    out: list[str] = []
    prev = ""
    while True:
        row = conn.execute(sql_next, (*params, prev)).fetchone()
        if row is None or row[0] is None:
            return out
        prev = row[0]
        out.append(prev)


def sessions(conn: sqlite3.Connection) -> list[str]:
    """Dates that have intraday snapshots, oldest first."""
    return _distinct_by_skip_scan(conn, "SELECT min(date) FROM quotes WHERE date > ?", ())


def daily_dates(conn: sqlite3.Connection) -> list[str]:
    """Dates with daily bars (through the daily_date index)."""
    return _distinct_by_skip_scan(conn, "SELECT min(date) FROM daily WHERE date > ?", ())


def session_times(conn: sqlite3.Connection, date: str) -> list[str]:
    """Snapshot times stored for ``date`` (uses the (date, time, symbol) primary key)."""
    return _distinct_by_skip_scan(
        conn, "SELECT min(time) FROM quotes WHERE date = ? AND time > ?", (date,))


def latest_time(conn: sqlite3.Connection, date: str) -> str | None:
    """Cheap poll for new minutes: max(time) off the primary key."""
    row = conn.execute("SELECT max(time) FROM quotes WHERE date = ?", (date,)).fetchone()
    return row[0] if row else None


def stocks(conn: sqlite3.Connection, date: str | None = None) -> pd.DataFrame:
    """Static stock attributes indexed by symbol, with the point-in-time name as of ``date``."""
    df = _frame(conn, "SELECT symbol, code, market, board, name, list_date, float_shares, "
                      "total_shares, industry FROM stocks")
    df = df.set_index("symbol")
    if date is not None:
        # SQLite returns the bare column of the row holding max(date): the latest name on or before.
        names = _frame(conn, "SELECT symbol, name, max(date) AS d FROM names WHERE date <= ? "
                             "GROUP BY symbol", (date,))
        if len(names):
            pit = names.set_index("symbol")["name"]
            df["name"] = pit.reindex(df.index).fillna(df["name"])
    return df


def quotes_at(conn: sqlite3.Connection, date: str, time: str) -> pd.DataFrame:
    """Raw snapshot rows at one minute, indexed by symbol."""
    t = normalise_time(time)
    df = _frame(conn, f"SELECT q.symbol, {_QUOTE_COLS} FROM quotes q WHERE q.date = ? AND q.time = ?",
                (date, t))
    return df.set_index("symbol")


def cross_section(conn: sqlite3.Connection, date: str, time: str,
                  static: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every stock's snapshot at ``date`` ``time`` joined with its static attributes.

    Pass ``static`` (from ``stocks(conn, date)``) to avoid re-reading it for every minute.
    """
    if static is None:
        static = stocks(conn, date)
    q = quotes_at(conn, date, time)
    cols = ["code", "market", "board", "name", "list_date", "float_shares"]
    out = static[cols].join(q, how="inner")
    return out


def quotes_panel(conn: sqlite3.Connection, date: str, symbols: list[str] | None,
                 upto: str | None = None, column: str = "last") -> pd.DataFrame:
    """Wide frame time × symbol of one quote column through the session (up to ``upto``)."""
    if column not in ("last", "high", "low", "volume", "amount", "open"):
        raise ValueError(f"unknown quote column {column!r}")
    t = normalise_time(upto) if upto else "99:99"
    if symbols is None:
        df = _frame(conn, f"SELECT time, symbol, {column} AS v FROM quotes WHERE date = ? AND time <= ?",
                    (date, t))
    else:
        if not symbols:
            return pd.DataFrame()
        marks = ",".join("?" * len(symbols))
        df = _frame(conn, f"SELECT time, symbol, {column} AS v FROM quotes "
                          f"WHERE date = ? AND time <= ? AND symbol IN ({marks})",
                    (date, t, *symbols))
    if df.empty:
        return pd.DataFrame()
    return df.pivot(index="time", columns="symbol", values="v").sort_index()


def stock_minutes(conn: sqlite3.Connection, date: str, symbol: str) -> pd.DataFrame:
    """One stock's snapshots through a session (cumulative volume/amount)."""
    return _frame(conn, "SELECT time, last, prev_close, open, high, low, volume, amount FROM quotes "
                        "WHERE symbol = ? AND date = ? ORDER BY time", (symbol, date))


def indices(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT symbol, code, market, name, name_en FROM indices ORDER BY symbol")


def index_minutes(conn: sqlite3.Connection, date: str, symbol: str) -> pd.DataFrame:
    """An index's minute bars for a session (per-minute volume/amount)."""
    return _frame(conn, "SELECT time, open, high, low, close, volume, amount FROM index_bars "
                        "WHERE symbol = ? AND date = ? ORDER BY time", (symbol, date))


def index_prev_close(conn: sqlite3.Connection, date: str, symbol: str) -> float | None:
    row = conn.execute("SELECT prev_close FROM index_daily WHERE symbol = ? AND date = ?",
                       (symbol, date)).fetchone()
    if row and row[0] is not None:
        return float(row[0])
    row = conn.execute("SELECT close FROM index_daily WHERE symbol = ? AND date < ? "
                       "ORDER BY date DESC LIMIT 1", (symbol, date)).fetchone()
    return float(row[0]) if row and row[0] is not None else None


def daily_bars(conn: sqlite3.Connection, symbol: str, upto: str | None = None,
               index: bool | None = None) -> pd.DataFrame:
    """Daily bars of a stock (``daily``) or an index (``index_daily``), oldest first."""
    if index is None:
        index = conn.execute("SELECT 1 FROM index_daily WHERE symbol = ? LIMIT 1",
                             (symbol,)).fetchone() is not None
    table = "index_daily" if index else "daily"
    return _frame(conn, f"SELECT date, open, high, low, close, prev_close, volume, amount FROM {table} "
                        "WHERE symbol = ? AND date <= ? ORDER BY date", (symbol, upto or "9999-12-31"))


def daily_history(conn: sqlite3.Connection, upto: str, days: int,
                  symbols: list[str] | None = None) -> pd.DataFrame:
    """Long frame of the last ``days`` trading days of daily bars up to ``upto`` (for streaks)."""
    dates = [r[0] for r in conn.execute(
        "SELECT DISTINCT date FROM daily WHERE date <= ? ORDER BY date DESC LIMIT ?", (upto, days))]
    if not dates:
        return pd.DataFrame(columns=["date", "symbol", "open", "high", "low", "close", "prev_close",
                                     "volume", "amount"])
    lo = min(dates)
    sql = ("SELECT date, symbol, open, high, low, close, prev_close, volume, amount FROM daily "
           "WHERE date >= ? AND date <= ?")
    params: tuple = (lo, upto)
    if symbols is not None:
        marks = ",".join("?" * len(symbols))
        sql += f" AND symbol IN ({marks})"
        params = (*params, *symbols)
    return _frame(conn, sql, params)


def daily_cross_section(conn: sqlite3.Connection, date: str) -> pd.DataFrame:
    """Every stock's daily bar on ``date`` shaped like a quote cross-section (last = close)."""
    df = _frame(conn, "SELECT symbol, close AS last, prev_close, open, high, low, volume, amount "
                      "FROM daily WHERE date = ?", (date,))
    return df.set_index("symbol")


def sector_membership(conn: sqlite3.Connection, date: str) -> pd.DataFrame:
    """Sector rows joined with their members as of ``date`` (the latest as_of on or before it)."""
    # The latest as_of per sector first (one grouped pass), then its members: a correlated
    # max() per member row took ~0.1 s on the demo store.
    return _frame(conn, """
        SELECT s.id AS sector_id, s.name, s.kind, s.parent_id, m.symbol
        FROM (SELECT sector_id, max(as_of) AS as_of FROM sector_members
              WHERE as_of <= ? GROUP BY sector_id) l
        JOIN sector_members m ON m.sector_id = l.sector_id AND m.as_of = l.as_of
        JOIN sectors s ON s.id = m.sector_id""", (date,))


def sectors(conn: sqlite3.Connection) -> pd.DataFrame:
    return _frame(conn, "SELECT id, name, kind, parent_id, source FROM sectors")


def index_members(conn: sqlite3.Connection, index_symbol: str, date: str) -> pd.DataFrame:
    """Constituents and their weight shares as of ``date``."""
    return _frame(conn, """
        SELECT symbol, weight_shares FROM index_members
        WHERE index_symbol = ? AND as_of = (SELECT max(as_of) FROM index_members
                                            WHERE index_symbol = ? AND as_of <= ?)""",
                  (index_symbol, index_symbol, date))


def breadth_minutes(conn: sqlite3.Connection, date: str) -> pd.DataFrame:
    """Materialised per-minute breadth of a session (empty when the writer did not make it)."""
    return _frame(conn, "SELECT * FROM breadth_minutes WHERE date = ? ORDER BY time", (date,))


def meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


_CHUNK = 500


def history_high(conn: sqlite3.Connection, date: str, symbols: Sequence[str]) -> pd.DataFrame:
    """Per symbol: the highest close before ``date`` (max_close), the traded days before it (days)
    and the first stored date (first_date), from the ``daily`` table. Input of the brief's
    new-high finding; only the few symbols asked for (the session's limit-ups) are read."""
    rows: list[tuple] = []
    syms = list(dict.fromkeys(str(s) for s in symbols))
    for i in range(0, len(syms), _CHUNK):
        part = syms[i:i + _CHUNK]
        marks = ",".join("?" * len(part))
        rows += conn.execute(
            f"SELECT symbol, max(close), count(*), min(date) FROM daily "
            f"WHERE date < ? AND close > 0 AND symbol IN ({marks}) GROUP BY symbol",
            (date, *part)).fetchall()
    out = pd.DataFrame(rows, columns=["symbol", "max_close", "days", "first_date"])
    return out.set_index("symbol")
