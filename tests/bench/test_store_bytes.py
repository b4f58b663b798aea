"""The byte counts the store analysis prints follow SQLite's own record format."""

from __future__ import annotations

import sqlite3

import numpy as np

from app.bench.store_bytes import _per_stock_increment, value_bytes

VALUES = [0, 1, 2, -1, 127, 128, -128, 32767, 32768, 2**23, 2**31 - 1, 2**31, 2**47 - 1, 2**47,
          -(2**47)]


def test_value_bytes_match_what_sqlite_stores() -> None:
    conn = sqlite3.connect(":memory:")
    stored = []
    for i, v in enumerate(VALUES):
        conn.execute(f"CREATE TABLE t{i} (a INTEGER)")
        conn.execute(f"INSERT INTO t{i} VALUES (?)", (v,))
        # One row's payload: a 1-byte header length, a 1-byte serial type, then the value.
        stored.append(conn.execute("SELECT payload FROM dbstat WHERE name = ?",
                                   (f"t{i}",)).fetchone()[0] - 2)
    assert value_bytes(np.array(VALUES, dtype=np.int64)).tolist() == stored


def test_per_stock_increments_rebuild_the_cumulative_values() -> None:
    key = np.array([10, 11, 20, 21, 30, 31])        # slot-major: two stocks a minute
    sid = np.array([1, 2, 1, 2, 1, 2])
    cum = np.array([5, 100, 7, 100, 12, 150])
    d = _per_stock_increment(cum, sid, key)
    assert d.tolist() == [5, 100, 2, 0, 5, 50]
    for s in (1, 2):
        assert np.cumsum(d[sid == s]).tolist() == cum[sid == s].tolist()
