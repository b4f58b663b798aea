"""P4: our import write path against plain sqlite3 executemany, same rows, same run.

``bench_import(rows)`` builds ``rows`` deterministic snapshot rows (one session: 241 slots × N
stocks) as the normalised frame an importer returns, then times
- ours: ``sink.write_frames`` (frame → tuples → INSERT OR REPLACE executemany) in one transaction,
- baseline: ``executemany`` of ready-made tuples (plain INSERT) in one transaction: the rows
  already encoded as schema v2 stores them (packed key, fen; app.store.codec), into
  ``quote_minutes``,
each into a fresh store (same schema, WAL, synchronous=NORMAL, the import's page cache).
Goal: ours ≤ 1.3 × baseline time.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from app.ingest import sink
from app.market.session import session_minutes
from app.store import codec
from app.store.connection import open_writer

GOAL_RATIO = 1.3


def snapshot_frame(rows: int, seed: int = 7) -> pd.DataFrame:
    """``rows`` quote rows of one session, ordered by (date, time, symbol) like a live writer's."""
    slots = session_minutes()
    n_sym = max(1, -(-rows // len(slots)))
    rng = np.random.default_rng(seed)
    symbols = np.array([f"sz{300000 + i:06d}" for i in range(n_sym)], dtype=object)
    times = np.repeat(np.array(slots, dtype=object), n_sym)[:rows]
    syms = np.tile(symbols, len(slots))[:rows]
    prev = np.tile(np.round(rng.uniform(3, 80, n_sym), 2), len(slots))[:rows]
    last = np.round(prev * (1 + rng.normal(0, 0.02, rows)), 2)
    vol = np.tile(np.arange(1, len(slots) + 1, dtype=float), n_sym)[:rows] * 1000.0
    return pd.DataFrame({
        "date": "2026-06-02", "time": times, "symbol": syms, "last": last, "prev_close": prev,
        "open": prev, "high": np.maximum(prev, last), "low": np.minimum(prev, last),
        "volume": vol, "amount": vol * last})


def _time_ours(db: Path, frame: pd.DataFrame) -> float:
    conn = open_writer(db)
    sink.tune_for_bulk(conn)
    try:
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        sink.write_frames(conn, {"quotes": frame})
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()


def _time_baseline(db: Path, tuples: list[tuple]) -> float:
    conn = open_writer(db)
    sink.tune_for_bulk(conn)   # the same connection settings: the ratio measures our path only
    sql = ("INSERT INTO quote_minutes (id, last, high_up, low_down, volume, amount) "
           "VALUES (?, ?, ?, ?, ?, ?)")
    try:
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, tuples)
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()


def encoded_rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame's rows as schema v2 stores them (one sid per symbol, in order)."""
    sid = pd.factorize(frame["symbol"])[0] + 1
    key = codec.quote_key(codec.days_of(frame["date"].to_numpy(dtype=object)),
                          codec.slots_of(frame["time"].to_numpy(dtype=object)), sid)
    last = np.rint(frame["last"].to_numpy() * 100).astype(np.int64)
    high = np.rint(frame["high"].to_numpy() * 100).astype(np.int64)
    low = np.rint(frame["low"].to_numpy() * 100).astype(np.int64)
    return list(zip(key.tolist(), last.tolist(), (high - last).tolist(), (last - low).tolist(),
                    np.rint(frame["volume"].to_numpy()).astype(np.int64).tolist(),
                    np.rint(frame["amount"].to_numpy()).astype(np.int64).tolist(), strict=True))


def bench_import(rows: int = 1_200_000, workdir: str | Path | None = None) -> dict:
    """Rows/s of our import write path and of plain executemany, and the time ratio of the two."""
    frame = snapshot_frame(rows)
    tuples = encoded_rows(frame)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        base_s = _time_baseline(Path(tmp) / "baseline.sqlite", tuples)
        ours_s = _time_ours(Path(tmp) / "ours.sqlite", frame)
    ratio = ours_s / base_s if base_s > 0 else float("inf")
    return {
        "rows": rows,
        "import_seconds": round(ours_s, 3),
        "executemany_seconds": round(base_s, 3),
        "import_rows_per_s": round(rows / ours_s) if ours_s else None,
        "executemany_rows_per_s": round(rows / base_s) if base_s else None,
        "ratio": round(ratio, 3),
        "goal_ratio": GOAL_RATIO,
        "ok": ratio <= GOAL_RATIO,
    }


if __name__ == "__main__":  # pragma: no cover
    import json
    import sys

    print(json.dumps(bench_import(int(sys.argv[1]) if len(sys.argv) > 1 else 1_200_000)))
