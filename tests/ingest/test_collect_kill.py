"""A collector killed with SIGKILL at random moments and restarted ends with exactly the rows a
run that was never killed writes, in a store whose integrity check is ok; a second collector
started beside a running one refuses."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import write_recording

ROOT = Path(__file__).resolve().parents[2]
TABLES = {
    "quotes": "date, time, symbol", "index_bars": "symbol, date, time",
    "index_daily": "symbol, date", "breadth_minutes": "date, time", "stocks": "symbol",
    "names": "symbol, date", "indices": "symbol", "daily": "symbol, date",
}


def _start(db: Path, rec: Path, speed: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", "collect", "--db", str(db), "--replay",
                             str(rec), "--speed", str(speed)], cwd=ROOT,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _minutes(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT count(DISTINCT time) FROM quotes").fetchone()[0]
    except sqlite3.OperationalError:       # the store's tables are not there yet
        return 0
    finally:
        conn.close()


def _dump(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY {k}").fetchall()
                for t, k in TABLES.items()}
    finally:
        conn.close()


def test_sigkill_at_random_moments_then_restart_ends_with_exactly_the_recorded_rows(tmp_path):
    n = 12
    rec = tmp_path / "rec"
    write_recording(rec, minutes=n, seed=11)
    clean = tmp_path / "clean.sqlite"
    p = _start(clean, rec, 1000)
    assert p.wait(timeout=120) == 0, p.communicate()[1]
    p.stderr.close()
    expected = _dump(clean)
    assert len(expected["quotes"]) == 24 * n

    db = tmp_path / "killed.sqlite"
    rng = random.Random(20261207)
    seen: list[int] = []
    for _ in range(5):
        before = _minutes(db)
        if before >= n - 1:
            break
        target = rng.randint(before + 1, n - 1)     # kill once this many minutes are in
        p = _start(db, rec, 8)
        deadline = time.monotonic() + 60
        while _minutes(db) < target and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.12))             # anywhere inside the next minute's write
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=30)
        p.stderr.close()
        assert p.returncode == -signal.SIGKILL
        seen.append(_minutes(db))
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert any(0 < k < n for k in seen), seen        # at least one kill landed mid-recording
    p = _start(db, rec, 1000)
    out = p.communicate(timeout=120)[1]
    assert p.returncode == 0, out
    assert "already in the store" in out
    got = _dump(db)
    for table in TABLES:
        assert got[table] == expected[table], table
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM collect_missing").fetchone()[0] == 0
    conn.close()
    print(f"\nSIGKILL after {seen} minute(s); {len(got['quotes'])} quote rows, "
          f"{len(got['index_bars'])} index bars at the end, as the clean run")


def test_a_second_collector_beside_a_running_one_refuses(tmp_path):
    rec = tmp_path / "rec"
    write_recording(rec, minutes=8)
    db = tmp_path / "h.sqlite"
    # 5 s a minute: the first collector is still recording (40 s in all) when the second has
    # started, however slowly a loaded machine starts Python (at 1 min/s it once finished first).
    first = _start(db, rec, 0.2)
    try:
        deadline = time.monotonic() + 60
        while _minutes(db) < 1 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert first.poll() is None
        second = subprocess.run([sys.executable, "-m", "app", "collect", "--db", str(db),
                                 "--replay", str(rec)], cwd=ROOT, capture_output=True, text=True,
                                env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=60)
        assert second.returncode == 2
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1
        assert f"another collector (pid {first.pid})" in lines[0]
        assert f"{db}.collect.lock" in lines[0]
    finally:
        first.send_signal(signal.SIGINT)
        first.wait(timeout=30)
        first.stderr.close()
    assert first.returncode == 130
