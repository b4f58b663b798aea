"""Where a full v2 session's bytes go, and what each re-encoding of quote_minutes would cost.

``python -m app.bench.store_bytes`` writes the demo's last session through the v2 writers, reads
its pages with SQLite's dbstat table (no sqlite3_analyzer here), prints the bytes a row spends on
each column by SQLite's record format (serial types: 0 bytes for 0 and 1, then 1/2/3/4/6/8-byte
integers), then rewrites the same rows in each candidate encoding into a table of the same shape
(INTEGER PRIMARY KEY id, key order) at several page sizes and prints the file's growth. Every
candidate is exactly invertible; whether a reader can afford to invert it is printed beside it
(a minute's cross-section must stay one key range of one slot).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

import numpy as np

_COLS = ("last", "high_up", "low_down", "volume", "amount")


def _int(v: list) -> np.ndarray:
    return np.array([0 if x is None else x for x in v], dtype=np.int64)


def value_bytes(v: np.ndarray) -> np.ndarray:
    """Bytes of each integer's value in an SQLite record (0 for 0 and 1, NULL costs 0 too)."""
    def fits(bits: int) -> np.ndarray:     # two's complement: -2**(bits-1) .. 2**(bits-1) - 1
        return (v >= -(2 ** (bits - 1))) & (v < 2 ** (bits - 1))

    return np.select([(v == 0) | (v == 1), fits(8), fits(16), fits(24), fits(32), fits(48)],
                     [0, 1, 2, 3, 4, 6], 8)


def _grown(path: Path, cols: tuple[str, ...], arrays: tuple[np.ndarray, ...], page: int) -> int:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA page_size = {page}")
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute(f"CREATE TABLE q (id INTEGER PRIMARY KEY, {', '.join(cols)})")
    empty = path.stat().st_size
    conn.execute("BEGIN")
    conn.executemany(f"INSERT INTO q VALUES ({', '.join('?' * (len(cols) + 1))})",
                     zip(*(a.tolist() for a in arrays)))
    conn.execute("COMMIT")
    conn.close()
    return path.stat().st_size - empty


def _per_stock_increment(x: np.ndarray, sid: np.ndarray, key: np.ndarray) -> np.ndarray:
    order = np.lexsort((key, sid))
    y, s = x[order], sid[order]
    d = np.diff(y, prepend=0)
    first = np.r_[True, s[1:] != s[:-1]]
    d[first] = y[first]
    out = np.empty_like(d)
    out[order] = d
    return out


def main() -> int:
    from app.demo.build import build_demo_model
    from app.demo.model import SESSIONS
    from app.store import schema, writers

    frame = build_demo_model().quotes_frame(SESSIONS[-1])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "v2.sqlite"
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN")
        schema.ensure_schema(conn)
        writers.write_quotes(conn, frame)
        conn.execute("COMMIT")
        for t in ("quote_minutes", "quote_sessions", "quote_extras", "securities"):
            pages, size, payload, unused = conn.execute(
                "SELECT count(*), sum(pgsize), sum(payload), sum(unused) FROM dbstat "
                "WHERE name = ?", (t,)).fetchone()
            print(f"{t:15s} {pages:6d} pages {size / 1e6:6.2f} MB  payload {payload / 1e6:6.2f} "
                  f"MB  unused {unused / 1e6:5.2f} MB")
        rows = conn.execute(f"SELECT id, {', '.join(_COLS)} FROM quote_minutes ORDER BY id")
        key, *cols = (np.array(c) for c in zip(*rows.fetchall()))
        pc = dict(conn.execute("SELECT sid, prev_close FROM quote_sessions"))
        conn.close()
        n = len(key)
        last, hu, ld, vol, amt = (_int(list(c)) for c in cols)
        sid = key & 65535
        print(f"{n:,} rows; per row: cell pointer 2, payload length 1, rowid varint "
              f"{np.mean(np.ceil(np.log2(key + 1) / 7)):.2f}, record header {1 + len(_COLS)}")
        for name, v in zip(_COLS, (last, hu, ld, vol, amt)):
            print(f"  {name:9s} {value_bytes(v).mean():.2f} bytes")
        d_vol = _per_stock_increment(vol, sid, key)
        d_amt = _per_stock_increment(amt, sid, key)
        prev = np.array([pc.get(int(s)) or 0 for s in sid], dtype=np.int64)
        lots_ok = vol % 100 == 0
        candidates = {
            "v2 as stored": ((last, hu, ld, vol, amt), "today"),
            "volume, amount as increments": ((last, hu, ld, d_vol, d_amt),
                                             "cross-section = sum of slots 0..t"),
            "increments, amount − Δvol×last": (
                (last, hu, ld, d_vol, d_amt - (d_vol * last + 50) // 100),
                "cross-section = sum of slots 0..t"),
            "volume in lots": ((last, hu, ld, np.where(lots_ok, vol // 100, vol), amt),
                               "one range (odd lots need an extra row)"),
            "lots, amount − vol×last": (
                (last, hu, ld, np.where(lots_ok, vol // 100, vol), amt - (vol * last + 50) // 100),
                "one range (odd lots need an extra row)"),
            "amount − vol×prev close": ((last, hu, ld, vol, amt - (vol * prev + 50) // 100),
                                        "one range"),
        }
        print(f"volume a whole number of lots in {lots_ok.mean():.1%} of rows")
        for page in (4096, 8192, 16384):
            for i, (name, (arrays, reads)) in enumerate(candidates.items()):
                b = _grown(Path(tmp) / f"c{page}_{i}.sqlite", _COLS, (key, *arrays), page)
                print(f"page {page:5d}  {name:32s} {b / 1e6:6.1f} MB  {b / n:5.2f} B/row  "
                      f"({reads})")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
