"""The store reads behind the session logic (app.session): minute arrays, seal panels, day checks.

Each is ``f(conn, ...)`` returning decoded data (dates as 'YYYY-MM-DD', minutes as 'HH:MM' or grid
slots, prices in yuan): app.session knows neither SQL nor the store's encodings.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np
import pandas as pd

from app.market.session import normalise_time, session_minutes
from app.store import codec, compact, compact_daily, queries

_INDEXED_PANEL_MAX = 1000    # above this many stocks a range scan of the minute beats the index
_INDEXED_MEMBERS_MAX = 1000  # up to this many constituents key look-ups beat range scans
_DAILY_COLS = ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume", "amount")


def time_at_or_before(conn: sqlite3.Connection, date: str, time: str) -> str | None:
    """The last stored minute of ``date`` at or before ``time`` (None before the first)."""
    hi = queries.upto_slot(time)
    slot = compact.last_slot(conn, codec.day_of(date), hi) if hi >= 0 else None
    return None if slot is None else session_minutes()[slot]


def panels_of(conn: sqlite3.Connection, day: str, symbols: list[str], upto: str | None
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(last, high) panels time × symbol up to ``upto`` (every stored minute for None) of a few
    stocks: key lookups of their minutes (a few hundred stocks), or the minutes' key ranges
    filtered (many)."""
    if not symbols:
        return pd.DataFrame(), pd.DataFrame()
    hi = queries.upto_slot(upto)
    sids = compact.sids_of(conn, list(symbols), create=False)
    sids = np.unique(sids[sids > 0])
    if hi < 0 or not len(sids):
        return pd.DataFrame(), pd.DataFrame()
    d = codec.day_of(day)
    if len(sids) <= _INDEXED_PANEL_MAX:
        a = compact.read_quotes(conn, d, 0, hi, sids=sids)
    else:
        a = compact.read_quotes(conn, d, 0, hi)
        keep = np.isin(a["sid"], sids)
        a = {k: v[keep] for k, v in a.items()}
    if not len(a["sid"]):
        return pd.DataFrame(), pd.DataFrame()
    names = compact.symbols_by_sid(conn)
    df = pd.DataFrame({"time": np.asarray(session_minutes(), dtype=object)[a["slot"]],
                       "symbol": names[a["sid"]], "last": a["last"], "high": a["high"]})
    last = df.pivot(index="time", columns="symbol", values="last").sort_index()
    high = df.pivot(index="time", columns="symbol", values="high").sort_index()
    return last, high


def count_daily_dates(conn: sqlite3.Connection, upto: str) -> int:
    """How many dates with daily bars are on or before ``upto``."""
    last = codec.day_of(upto)
    return sum(1 for d in compact_daily.daily_days(conn) if d <= last)


def has_daily(conn: sqlite3.Connection, date: str) -> bool:
    """Whether ``date`` has any daily bar (one key range, stops at the first row)."""
    lo, hi = compact_daily.day_bounds(codec.day_of(date), codec.day_of(date))
    return conn.execute("SELECT 1 FROM daily_bars WHERE id BETWEEN ? AND ? LIMIT 1",
                        (lo, hi)).fetchone() is not None


def has_index_bars(conn: sqlite3.Connection, date: str) -> bool:
    """Whether ``date`` has any index minute bar."""
    return conn.execute("SELECT 1 FROM index_bars WHERE date = ? LIMIT 1",
                        (date,)).fetchone() is not None


def has_minute(conn: sqlite3.Connection, day: str, time: str) -> bool:
    """Whether the store has quotes of ``day`` at exactly the grid minute ``time``."""
    slot = queries.upto_slot(time)
    if slot < 0 or session_minutes()[slot] != normalise_time(time):
        return False
    a, b = codec.slot_range(codec.day_of(day), slot, slot)
    return conn.execute("SELECT 1 FROM quote_minutes WHERE id BETWEEN ? AND ? LIMIT 1",
                        (a, b)).fetchone() is not None


def daily_before(conn: sqlite3.Connection, day: str, sessions: int) -> pd.DataFrame:
    """Daily bars of the last ``sessions`` stored dates before ``day``, date as 'YYYY-MM-DD'
    (open left NaN: it only tells a 一字 bar, which the history does not need).

    One range of the ``daily_bars`` key (day-major), whatever the table's length.
    """
    dates = queries.daily_dates(conn)
    before = [d for d in dates if d < day][-sessions:]
    if not before:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("date", "symbol") else float)
                             for c in _DAILY_COLS})
    lo, hi = codec.day_of(before[0]), codec.day_of(day) - 1
    df = compact_daily.frame(conn, compact_daily.rows_between(conn, lo, hi), order="date")
    df = df[list(_DAILY_COLS)]
    df["open"] = np.nan
    for c in _DAILY_COLS[2:]:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    df["date"] = df["date"].astype(object)
    df["symbol"] = df["symbol"].astype(object)
    return df


def minute_rows(conn: sqlite3.Connection, date: str, slots: Sequence[int]) -> dict[str, np.ndarray]:
    """Every stock's quotes of ``date`` at the grid ``slots``: arrays sid, slot and the quote
    columns in yuan (``compact.read_quotes``)."""
    return compact.read_quotes(conn, codec.day_of(date), slots=list(slots))


def minute_fingerprint(conn: sqlite3.Connection, date: str, slot: int
                       ) -> tuple[int, float, float, float]:
    """(rows, total of last, of volume, of amount) of ``date``'s quotes at grid ``slot``: one key
    range, ~1 ms, to tell whether a minute changed since it was read."""
    a, b = codec.slot_range(codec.day_of(date), slot, slot)
    row = conn.execute(
        "SELECT count(*), total(q.last * 1.0 / s.unit), total(q.volume), total(q.amount) "
        "FROM quote_minutes q JOIN securities s ON s.sid = q.sid WHERE q.id BETWEEN ? AND ?",
        (a, b)).fetchone()
    return int(row[0]), float(row[1]), float(row[2]), float(row[3])


def member_rows(conn: sqlite3.Connection, date: str, symbols: Sequence[str], slots: Sequence[int]
                ) -> dict[str, np.ndarray]:
    """Quotes of ``symbols`` at the grid ``slots`` of ``date`` (arrays as ``minute_rows``): key
    look-ups of the stocks' minutes for a few hundred, the minutes' key ranges filtered for more
    (as the review's panels read them)."""
    sids = compact.sids_of(conn, list(symbols), create=False)
    sids = np.unique(sids[sids > 0])
    day = codec.day_of(date)
    if len(sids) <= _INDEXED_MEMBERS_MAX:
        return compact.read_quotes(conn, day, sids=sids, slots=list(slots))
    a = compact.read_quotes(conn, day, min(slots), max(slots))
    keep = np.isin(a["sid"], sids)
    return {k: v[keep] for k, v in a.items()}
