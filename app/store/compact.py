"""Reading and writing the compact tables of schema v2 (quote_minutes, quote_sessions,
quote_extras, daily_bars, securities) with whole-array encoding and decoding (app.store.codec).

Writers hand v1-shaped frames (date, time, symbol, prices in yuan) to ``write_quotes`` /
``write_daily``; readers get float arrays back (prices in yuan, NaN where absent) that the query
module shapes into the same frames version 1 gave.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

import numpy as np
import pandas as pd

from app.store import codec

QUOTE_PRICES = ("last", "prev_close", "open", "high", "low")
QUOTE_FIELDS = (*QUOTE_PRICES, "volume", "amount")
DAILY_FIELDS = ("open", "high", "low", "close", "prev_close", "volume", "amount")


# -- securities --------------------------------------------------------------------------------
def symbols_by_sid(conn: sqlite3.Connection) -> np.ndarray:
    """Object array: position sid holds its symbol (None for unused ids)."""
    rows = conn.execute("SELECT sid, symbol FROM securities").fetchall()
    top = max((r[0] for r in rows), default=0)
    out = np.full(top + 1, None, dtype=object)
    if rows:
        sids, syms = zip(*rows)
        out[list(sids)] = list(syms)
    return out


def units_by_sid(conn: sqlite3.Connection) -> np.ndarray:
    """Float array: position sid holds its price units per yuan (100 where unused)."""
    out = np.full(codec.MAX_SID + 1, float(codec.FEN))
    rows = conn.execute("SELECT sid, unit FROM securities").fetchall()
    if rows:
        a = np.array(rows, dtype=np.int64)
        out[a[:, 0]] = a[:, 1]
    return out


def sid_map(conn: sqlite3.Connection) -> dict[str, int]:
    return {s: i for i, s in conn.execute("SELECT sid, symbol FROM securities")}


def sids_of(conn: sqlite3.Connection, symbols: Sequence[str], *, create: bool) -> np.ndarray:
    """sids of ``symbols`` (0 for an unknown symbol when not ``create``); new symbols get the
    next ids when ``create`` (writers only)."""
    codes, uniques = pd.factorize(pd.Series(symbols, dtype=object), sort=False)
    known = sid_map(conn)
    if create:
        new = [s for s in uniques if s not in known]
        if any(not isinstance(s, str) or not s for s in new):
            raise ValueError("a row has no symbol")
        if new:
            top = max(known.values(), default=0)
            if top + len(new) > codec.MAX_SID:
                raise ValueError(f"more than {codec.MAX_SID:,} securities in one store")
            units = codec.units_of(new).tolist()
            conn.executemany("INSERT INTO securities (sid, symbol, unit) VALUES (?, ?, ?)",
                             [(top + 1 + k, s, units[k]) for k, s in enumerate(new)])
            known.update({s: top + 1 + k for k, s in enumerate(new)})
    if (codes < 0).any():
        raise ValueError("a row has no symbol")
    ids = np.array([known.get(s, 0) for s in uniques], dtype=np.int64)
    return ids[codes]


def sid_of(conn: sqlite3.Connection, symbol: str) -> int:
    row = conn.execute("SELECT sid FROM securities WHERE symbol = ?", (symbol,)).fetchone()
    return int(row[0]) if row else 0


# -- writing quotes ----------------------------------------------------------------------------
def _col(df: pd.DataFrame, name: str) -> pd.Series:
    return df[name] if name in df.columns else pd.Series(np.nan, index=df.index)


def _same(a: np.ndarray, a_ok: np.ndarray, b: np.ndarray, b_ok: np.ndarray) -> np.ndarray:
    return (a_ok == b_ok) & (~a_ok | (a == b))


def write_quotes(conn: sqlite3.Connection, df: pd.DataFrame) -> int:
    """INSERT OR REPLACE the v1-shaped rows of ``df`` (caller holds the transaction)."""
    n = len(df)
    if not n:
        return 0
    day = codec.days_of(df["date"].to_numpy(dtype=object))
    slot = codec.slots_of(df["time"].to_numpy(dtype=object))
    sid = sids_of(conn, df["symbol"].tolist(), create=True)
    units = codec.units_of(df["symbol"].to_numpy(dtype=object))
    fen = {c: codec.fen_of(_col(df, c), f"quotes: {c}", units) for c in QUOTE_PRICES}
    volume, vol_ok = codec.whole_of(_col(df, "volume"))
    amount, amt_ok = codec.whole_of(_col(df, "amount"))
    key = codec.quote_key(day, slot, sid)
    # Key order (the rowid order: full pages), the last of duplicate keys wins as REPLACE would.
    order = np.argsort(key, kind="stable")
    keep = np.ones(n, dtype=bool)
    keep[:-1] = key[order][1:] != key[order][:-1]
    order = order[keep]
    key, day, sid = key[order], day[order], sid[order]
    fen = {c: (v[order], ok[order]) for c, (v, ok) in fen.items()}
    volume, vol_ok, amount, amt_ok = volume[order], vol_ok[order], amount[order], amt_ok[order]
    last, last_ok = fen["last"]
    base = np.where(last_ok, last, 0)
    high, high_ok = fen["high"]
    low, low_ok = fen["low"]
    pc, pc_ok = fen["prev_close"]
    op, op_ok = fen["open"]
    _write_sessions(conn, day, sid, pc, pc_ok, op, op_ok)
    s_pc, s_pc_ok, s_op, s_op_ok = _session_values(conn, day, sid)
    extra = ~(_same(pc, pc_ok, s_pc, s_pc_ok) & _same(op, op_ok, s_op, s_op_ok))
    lo, hi = int(key[0]), int(key[-1])
    if conn.execute("SELECT 1 FROM quote_extras WHERE id BETWEEN ? AND ? LIMIT 1",
                    (lo, hi)).fetchone():
        conn.executemany("DELETE FROM quote_extras WHERE id = ?", [(int(k),) for k in key])
    conn.executemany(
        "INSERT OR REPLACE INTO quote_minutes (id, last, high_up, low_down, volume, amount) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        zip(key.tolist(), codec.bindable(last, last_ok), codec.bindable(high - base, high_ok),
            codec.bindable(base - low, low_ok), codec.bindable(volume, vol_ok),
            codec.bindable(amount, amt_ok)))
    if extra.any():
        conn.executemany("INSERT OR REPLACE INTO quote_extras (id, prev_close, open) "
                         "VALUES (?, ?, ?)",
                         zip(key[extra].tolist(), codec.bindable(pc[extra], pc_ok[extra]),
                             codec.bindable(op[extra], op_ok[extra])))
    return n


def _write_sessions(conn, day, sid, pc, pc_ok, op, op_ok) -> None:
    """A stock's first written minute of a session sets its session prev close and open."""
    pair = (day << 16) | sid
    first = np.unique(pair, return_index=True)[1]
    conn.executemany(
        "INSERT OR IGNORE INTO quote_sessions (day, sid, prev_close, open) VALUES (?, ?, ?, ?)",
        zip(day[first].tolist(), sid[first].tolist(), codec.bindable(pc[first], pc_ok[first]),
            codec.bindable(op[first], op_ok[first])))


def _session_values(conn, day: np.ndarray, sid: np.ndarray):
    """Per row: the session's (prev close, present, open, present) in fen."""
    pc = np.zeros(len(day), dtype=np.int64)
    op = np.zeros(len(day), dtype=np.int64)
    pc_ok = np.zeros(len(day), dtype=bool)
    op_ok = np.zeros(len(day), dtype=bool)
    for d in np.unique(day):
        s = session_table(conn, int(d))
        rows = day == d
        k = sid[rows]
        pc[rows], op[rows] = np.nan_to_num(s[0][k]).astype(np.int64), \
            np.nan_to_num(s[1][k]).astype(np.int64)
        pc_ok[rows], op_ok[rows] = np.isfinite(s[0][k]), np.isfinite(s[1][k])
    return pc, pc_ok, op, op_ok


def session_table(conn: sqlite3.Connection, day: int) -> tuple[np.ndarray, np.ndarray]:
    """(prev close, open) in price units of ``day`` as float arrays indexed by sid (NaN absent)."""
    rows = conn.execute("SELECT sid, prev_close, open FROM quote_sessions WHERE day = ?",
                        (int(day),)).fetchall()
    pc = np.full(codec.MAX_SID + 1, np.nan)
    op = np.full(codec.MAX_SID + 1, np.nan)
    if rows:
        a = np.array(rows, dtype=float)
        k = a[:, 0].astype(np.int64)
        pc[k], op[k] = a[:, 1], a[:, 2]
    return pc, op


# -- reading quotes ----------------------------------------------------------------------------
_MINUTE_COLS = "id, last, high_up, low_down, volume, amount"


def read_quotes(conn: sqlite3.Connection, day: int, lo_slot: int = 0, hi_slot: int = 255,
                sids: Sequence[int] | None = None, slots: Sequence[int] | None = None
                ) -> dict[str, np.ndarray]:
    """Rows of ``day`` with slot in lo..hi (or in ``slots``), all stocks or those of ``sids``,
    in key order: {"slot", "sid", *QUOTE_FIELDS} arrays (prices in yuan, NaN absent)."""
    if sids is not None or slots is not None:
        grid = np.asarray(slots if slots is not None else range(lo_slot, hi_slot + 1),
                          dtype=np.int64)
        if sids is None:
            rows = []
            for s in grid:      # each slot: one range of the key
                a, b = codec.slot_range(day, int(s), int(s))
                rows += conn.execute(f"SELECT {_MINUTE_COLS} FROM quote_minutes "
                                     "WHERE id BETWEEN ? AND ?", (a, b)).fetchall()
        else:
            ids = np.sort(codec.quote_key(day, grid[:, None], np.asarray(sids, np.int64)[None, :])
                          .ravel())
            rows = conn.execute(f"SELECT {_MINUTE_COLS} FROM quote_minutes WHERE id IN "
                                "(SELECT value FROM json_each(?)) ORDER BY id",
                                (json.dumps(ids.tolist()),)).fetchall()
    else:
        a, b = codec.slot_range(day, lo_slot, hi_slot)
        rows = conn.execute(f"SELECT {_MINUTE_COLS} FROM quote_minutes WHERE id BETWEEN ? AND ?",
                            (a, b)).fetchall()
    return decode_minutes(conn, day, rows)


def decode_minutes(conn: sqlite3.Connection, day: int, rows: list[tuple]) -> dict[str, np.ndarray]:
    if rows:
        a = np.array(rows, dtype=float)
        key = a[:, 0].astype(np.int64)
    else:
        a = np.zeros((0, 6))
        key = np.zeros(0, dtype=np.int64)
    _, slot, sid = codec.split_quote_keys(key)
    last = a[:, 1]
    base = np.where(np.isfinite(last), last, 0.0)
    pc_s, op_s = session_table(conn, day)
    pc, op = pc_s[sid], op_s[sid]
    if len(key):
        extras = conn.execute("SELECT id, prev_close, open FROM quote_extras "
                              "WHERE id BETWEEN ? AND ?", (int(key.min()), int(key.max()))
                              ).fetchall()
        if extras:
            e = np.array(extras, dtype=float)
            pos = np.searchsorted(key, e[:, 0].astype(np.int64))
            hit = (pos < len(key)) & (key[np.minimum(pos, len(key) - 1)] == e[:, 0])
            pc[pos[hit]], op[pos[hit]] = e[hit, 1], e[hit, 2]
    unit = units_by_sid(conn)[sid]
    return {"slot": slot, "sid": sid, "last": last / unit, "prev_close": pc / unit,
            "open": op / unit, "high": (base + a[:, 2]) / unit, "low": (base - a[:, 3]) / unit,
            "volume": a[:, 4], "amount": a[:, 5]}


def quote_days(conn: sqlite3.Connection) -> list[int]:
    """Days with quote rows, by hopping along the rowid (one seek per day)."""
    out: list[int] = []
    nxt = 0
    while True:
        row = conn.execute("SELECT min(id) FROM quote_minutes WHERE id >= ?", (nxt,)).fetchone()
        if row is None or row[0] is None:
            return out
        d = int(row[0]) >> codec.DAY_SHIFT
        out.append(d)
        nxt = (d + 1) << codec.DAY_SHIFT


def day_slots(conn: sqlite3.Connection, day: int) -> list[int]:
    """Slots of ``day`` with rows (one seek per slot)."""
    out: list[int] = []
    nxt, end = codec.day_range(day)
    while True:
        row = conn.execute("SELECT min(id) FROM quote_minutes WHERE id BETWEEN ? AND ?",
                           (nxt, end)).fetchone()
        if row is None or row[0] is None:
            return out
        s = (int(row[0]) >> codec.SLOT_SHIFT) & codec.SLOT_MASK
        out.append(s)
        nxt = codec.slot_range(day, s, s)[1] + 1


def last_slot(conn: sqlite3.Connection, day: int, upto: int = 255) -> int | None:
    a, _ = codec.day_range(day)
    b = codec.slot_range(day, upto, upto)[1]
    row = conn.execute("SELECT max(id) FROM quote_minutes WHERE id BETWEEN ? AND ?",
                       (a, b)).fetchone()
    if row is None or row[0] is None:
        return None
    return (int(row[0]) >> codec.SLOT_SHIFT) & codec.SLOT_MASK


def delete_quote_day(conn: sqlite3.Connection, day: int) -> None:
    a, b = codec.day_range(day)
    conn.execute("DELETE FROM quote_minutes WHERE id BETWEEN ? AND ?", (a, b))
    conn.execute("DELETE FROM quote_extras WHERE id BETWEEN ? AND ?", (a, b))
    conn.execute("DELETE FROM quote_sessions WHERE day = ?", (int(day),))
