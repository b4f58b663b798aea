"""P4: our import write path against plain sqlite3 executemany, same rows, same run.

``bench_import(rows)`` builds ``rows`` deterministic snapshot rows (one session: 241 slots × N
stocks) as the normalised frame an importer returns, then times
- ours: ``sink.write_frames`` (frame → tuples → INSERT OR REPLACE executemany) in one transaction,
- baseline: ``executemany`` of ready-made tuples (plain INSERT) in one transaction,
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
from app.ingest.frames import COLUMNS
from app.market.session import session_minutes
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
    cols = COLUMNS["quotes"]
    sql = f"INSERT INTO quotes ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    try:
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, tuples)
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()


def bench_import(rows: int = 1_200_000, workdir: str | Path | None = None) -> dict:
    """Rows/s of our import write path and of plain executemany, and the time ratio of the two."""
    frame = snapshot_frame(rows)
    tuples = list(zip(*(frame[c].tolist() for c in COLUMNS["quotes"]), strict=True))
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
