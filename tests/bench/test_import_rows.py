"""P4 bench: our import write path against plain executemany (small size here; 1.2 M in `bench`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.ingest import sink
from app.bench.import_rows import bench_import, snapshot_frame
from app.store.connection import open_writer


def test_bench_import_reports_both_rates(tmp_path: Path) -> None:
    r = bench_import(rows=20_000, workdir=tmp_path)
    assert r["rows"] == 20_000
    assert r["import_rows_per_s"] > 0 and r["executemany_rows_per_s"] > 0
    assert r["ratio"] > 0 and r["goal_ratio"] == 1.3 and isinstance(r["ok"], bool)
    assert list(tmp_path.iterdir()) == []   # its stores were temporary


def test_bench_frame_writes_the_same_rows(tmp_path: Path) -> None:
    frame = snapshot_frame(241 * 9)
    assert len(frame) == 2_169 and not frame.duplicated(["date", "time", "symbol"]).any()
    conn = open_writer(tmp_path / "b.sqlite")
    conn.execute("BEGIN")
    assert sink.write_frames(conn, {"quotes": frame}) == {"quotes": 2_169}
    conn.execute("COMMIT")
    conn.close()
    with sqlite3.connect(tmp_path / "b.sqlite") as c:
        row = c.execute("SELECT count(*), count(DISTINCT time) FROM quotes").fetchone()
    assert row == (2169, 241)
