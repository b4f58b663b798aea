"""Read-only queries returning pandas frames. The only module (with writers) that knows table names."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import bisect

import numpy as np
import pandas as pd

from app.market.session import normalise_time, session_minutes
from app.store import codec, compact, compact_daily


def _frame(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    cols = [d[0] for d in cur.description]
    return pd.DataFrame.from_records(cur.fetchall(), columns=cols)


def sessions(conn: sqlite3.Connection) -> list[str]:
    """Dates that have intraday snapshots, oldest first (one rowid seek per date)."""
    return [codec.date_of(d) for d in compact.quote_days(conn)]


def daily_dates(conn: sqlite3.Connection) -> list[str]:
    """Dates with daily bars (one rowid seek per date)."""
    return [codec.date_of(d) for d in compact_daily.daily_days(conn)]


def session_times(conn: sqlite3.Connection, date: str) -> list[str]:
    """Snapshot times stored for ``date`` (one rowid seek per minute)."""
    return [session_minutes()[s] for s in compact.day_slots(conn, codec.day_of(date))]


def latest_time(conn: sqlite3.Connection, date: str) -> str | None:
    """Cheap poll for new minutes: max(id) over the day's key range."""
    slot = compact.last_slot(conn, codec.day_of(date))
    return None if slot is None else session_minutes()[slot]


def upto_slot(time: str | None) -> int:
    """The last grid slot at or before ``time`` (-1 before 09:30; every slot for None)."""
    if time is None:
        return len(session_minutes()) - 1
    return bisect.bisect_right(session_minutes(), normalise_time(time)) - 1


def _grid_slot(time: str) -> int | None:
    t = normalise_time(time)
    i = upto_slot(t)
    return i if i >= 0 and session_minutes()[i] == t else None


def _quote_frame(conn: sqlite3.Connection, a: dict, names=None) -> pd.DataFrame:
    names = compact.symbols_by_sid(conn) if names is None else names
    return pd.DataFrame({"time": np.asarray(session_minutes(), dtype=object)[a["slot"]],
                         "symbol": names[a["sid"]],
                         **{c: a[c] for c in compact.QUOTE_FIELDS}})


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
    """Raw snapshot rows at one minute, indexed by symbol (in symbol order)."""
    slot = _grid_slot(time)
    if slot is None:
        a = compact.decode_minutes(conn, 0, [])
    else:
        a = compact.read_quotes(conn, codec.day_of(date), slot, slot)
    df = _quote_frame(conn, a).drop(columns="time")
    return df.set_index("symbol").sort_index()


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
    hi = upto_slot(upto)
    if hi < 0 or (symbols is not None and not symbols):
        return pd.DataFrame()
    day = codec.day_of(date)
    if symbols is None:
        a = compact.read_quotes(conn, day, 0, hi)
    else:
        sids = compact.sids_of(conn, list(symbols), create=False)
        sids = np.unique(sids[sids > 0])
        if not len(sids):
            return pd.DataFrame()
        a = compact.read_quotes(conn, day, 0, hi, sids=sids)
    df = _quote_frame(conn, a)
    if df.empty:
        return pd.DataFrame()
    return df.pivot(index="time", columns="symbol", values=column).sort_index()


def stock_minutes(conn: sqlite3.Connection, date: str, symbol: str) -> pd.DataFrame:
    """One stock's snapshots through a session (cumulative volume/amount)."""
    sid = compact.sid_of(conn, symbol)
    a = compact.read_quotes(conn, codec.day_of(date), sids=[sid] if sid else [])
    return _quote_frame(conn, a).drop(columns="symbol")


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
    if index:
        return _frame(conn, "SELECT date, open, high, low, close, prev_close, volume, amount "
                            "FROM index_daily WHERE symbol = ? AND date <= ? ORDER BY date",
                      (symbol, upto or "9999-12-31"))
    sid = compact.sid_of(conn, symbol)
    last = codec.day_of(upto) if upto else None
    days = [d for d in compact_daily.daily_days(conn) if last is None or d <= last]
    rows = compact_daily.rows_of_sids(conn, [sid] if sid else [], days)
    return compact_daily.frame(conn, rows).drop(columns="symbol")


def daily_history(conn: sqlite3.Connection, upto: str, days: int,
                  symbols: list[str] | None = None) -> pd.DataFrame:
    """Long frame of the last ``days`` trading days of daily bars up to ``upto`` (for streaks)."""
    last = codec.day_of(upto)
    window = [d for d in compact_daily.daily_days(conn) if d <= last][-days:] if days > 0 else []
    if not window:
        return compact_daily.frame(conn, [])
    if symbols is not None:
        sids = compact.sids_of(conn, list(symbols), create=False)
        all_days = compact_daily.daily_days(conn)
        span = [d for d in all_days if window[0] <= d <= last]
        rows = compact_daily.rows_of_sids(conn, np.unique(sids[sids > 0]), span)
    else:
        rows = compact_daily.rows_between(conn, window[0], last)
    return compact_daily.frame(conn, rows)


def daily_cross_section(conn: sqlite3.Connection, date: str) -> pd.DataFrame:
    """Every stock's daily bar on ``date`` shaped like a quote cross-section (last = close)."""
    day = codec.day_of(date)
    df = compact_daily.frame(conn, compact_daily.rows_between(conn, day, day))
    df = df.rename(columns={"close": "last"})[
        ["symbol", "last", "prev_close", "open", "high", "low", "volume", "amount"]]
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


_CHUNK = 200


def history_high(conn: sqlite3.Connection, date: str, symbols: Sequence[str]) -> pd.DataFrame:
    """Per symbol: the highest close before ``date`` (max_close), the traded days before it (days)
    and the first stored date (first_date), from the daily bars. Input of the brief's
    new-high finding; only the few symbols asked for (the session's limit-ups) are read."""
    syms = list(dict.fromkeys(str(s) for s in symbols))
    sids = compact.sids_of(conn, syms, create=False) if syms else np.zeros(0, np.int64)
    day = codec.day_of(date)
    before = [d for d in compact_daily.daily_days(conn) if d < day]
    rows: list = []
    known = np.unique(sids[sids > 0])
    for i in range(0, len(known), _CHUNK):
        rows += compact_daily.rows_of_sids(conn, known[i:i + _CHUNK], before)
    df = compact_daily.frame(conn, rows)
    df = df[df["close"] > 0]
    if df.empty:
        return pd.DataFrame(columns=["max_close", "days", "first_date"],
                            index=pd.Index([], name="symbol"))
    g = df.groupby("symbol", sort=True)
    out = pd.DataFrame({"max_close": g["close"].max(), "days": g["close"].size(),
                        "first_date": g["date"].min()})
    out.index.name = "symbol"
    return out
