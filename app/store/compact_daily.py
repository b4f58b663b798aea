"""Daily bars in schema v2's ``daily_bars`` (key ``day << 16 | sid``, prices in fen): whole-frame
encoding for the writers and decoding into the v1-shaped frames the queries return."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

import numpy as np
import pandas as pd

from app.store import codec
from app.store.compact import _col, sids_of, symbols_by_sid, units_by_sid

PRICES = ("open", "high", "low", "close", "prev_close")
COLUMNS = ("date", "symbol", *PRICES, "volume", "amount")
_SELECT = "SELECT id, open, high, low, close, prev_close, volume, amount FROM daily_bars"


def write_daily(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    n = len(df)
    if not n:
        return 0
    day = codec.days_of(df["date"].to_numpy(dtype=object))
    sid = sids_of(conn, df["symbol"].tolist(), create=True)
    key = codec.daily_key(day, sid)
    order = np.argsort(key, kind="stable")
    keep = np.ones(n, dtype=bool)
    keep[:-1] = key[order][1:] != key[order][:-1]
    order = order[keep]
    units = codec.units_of(df["symbol"].to_numpy(dtype=object))
    cols = [codec.fen_of(_col(df, c), f"daily: {c}", units) for c in PRICES]
    cols += [codec.whole_of(_col(df, c)) for c in ("volume", "amount")]
    conn.executemany(
        "INSERT OR REPLACE INTO daily_bars (id, open, high, low, close, prev_close, volume, "
        "amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        zip(key[order].tolist(), *(codec.bindable(v[order], ok[order]) for v, ok in cols)))
    return n


def daily_days(conn: sqlite3.Connection) -> list[int]:
    """Days with daily bars, by hopping along the rowid (one seek per day)."""
    out: list[int] = []
    nxt = 0
    while True:
        row = conn.execute("SELECT min(id) FROM daily_bars WHERE id >= ?", (nxt,)).fetchone()
        if row is None or row[0] is None:
            return out
        d = int(row[0]) >> codec.DAILY_DAY_SHIFT
        out.append(d)
        nxt = (d + 1) << codec.DAILY_DAY_SHIFT


def day_bounds(lo_day: int, hi_day: int) -> tuple[int, int]:
    return int(lo_day) << codec.DAILY_DAY_SHIFT, ((int(hi_day) + 1) << codec.DAILY_DAY_SHIFT) - 1


def rows_between(conn: sqlite3.Connection, lo_day: int, hi_day: int, columns: str = "") -> list:
    a, b = day_bounds(lo_day, hi_day)
    return conn.execute(f"{_SELECT} WHERE id BETWEEN ? AND ?", (a, b)).fetchall()


def rows_of_sids(conn: sqlite3.Connection, sids: Sequence[int], days: Sequence[int]) -> list:
    """The bars of ``sids`` on ``days`` (key lookups, in key order)."""
    if not len(sids) or not len(days):
        return []
    keys = np.sort(codec.daily_key(np.asarray(days, np.int64)[:, None],
                                   np.asarray(sids, np.int64)[None, :]).ravel())
    return conn.execute(f"{_SELECT} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                        (json.dumps(keys.tolist()),)).fetchall()


def frame(conn: sqlite3.Connection, rows: list, names: np.ndarray | None = None,
          order: str = "symbol") -> pd.DataFrame:
    """v1-shaped frame (date, symbol, prices in yuan, volume, amount) of ``rows``, sorted by
    (symbol, date) like the v1 primary key or by (date, symbol)."""
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object if c in ("date", "symbol") else float)
                             for c in COLUMNS})
    a = np.array(rows, dtype=float)
    key = a[:, 0].astype(np.int64)
    day, sid = key >> codec.DAILY_DAY_SHIFT, key & codec.SID_MASK
    names = symbols_by_sid(conn) if names is None else names
    out = pd.DataFrame({"date": codec.dates_of(day), "symbol": names[sid]})
    unit = units_by_sid(conn)[sid]
    for k, c in enumerate(PRICES):
        out[c] = a[:, 1 + k] / unit
    out["volume"] = a[:, 6]
    out["amount"] = a[:, 7]
    if order == "symbol":
        out = out.sort_values(["symbol", "date"], kind="stable").reset_index(drop=True)
    return out
