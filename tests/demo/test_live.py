"""`tidemark demo --live`: a writer process appending whole minutes that a reader never sees torn.

The writer runs as a real subprocess (``python -m app demo --live``). It starts from a static part
made once from the session's demo store (TIDEMARK_LIVE_BASE) instead of writing ~1.5 M rows of
history itself, and stops after TIDEMARK_LIVE_MINUTES minutes.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest

from app.market.session import SLOTS, session_minutes
from app.demo import live as live_writer
from app.store.schema import ensure_schema
from app.store import codec, compact_daily
from app.store.reader import StoreReader

DAY, PRIOR = "2026-06-02", "2026-06-01"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def live_base(demo_store, tmp_path_factory) -> Path:
    """The demo store without 2026-06-02: what a live run starts from."""
    return live_writer.make_base(demo_store, tmp_path_factory.mktemp("live_base") / "base.sqlite")


def start_writer(db: Path, base: Path, speed: float, minutes: int | None) -> subprocess.Popen:
    env = dict(os.environ, TIDEMARK_LIVE_BASE=str(base))
    env.pop(live_writer.ENV_MINUTES, None)
    if minutes is not None:
        env[live_writer.ENV_MINUTES] = str(minutes)
    return subprocess.Popen(
        [sys.executable, "-m", "app", "demo", "--db", str(db), "--live", "--speed", str(speed)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def read_state(conn: sqlite3.Connection) -> dict[str, object]:
    """One consistent snapshot (a single read transaction) of what the live session holds."""
    conn.execute("BEGIN")
    try:
        # The compact tables by key range (the quotes view would scan the whole store).
        lo, hi = codec.day_range(codec.day_of(DAY))
        quotes = {session_minutes()[s]: n for s, n in conn.execute(
            "SELECT slot, count(*) FROM quote_minutes WHERE id BETWEEN ? AND ? GROUP BY slot",
            (lo, hi)).fetchall()}
        bars = dict(conn.execute("SELECT time, count(*) FROM index_bars WHERE date = ? "
                                 "GROUP BY time", (DAY,)).fetchall())
        breadth = dict(conn.execute("SELECT time, stocks FROM breadth_minutes WHERE date = ?",
                                    (DAY,)).fetchall())
        d_lo, d_hi = compact_daily.day_bounds(codec.day_of(DAY), codec.day_of(DAY))
        daily = conn.execute("SELECT count(*) FROM daily_bars WHERE id BETWEEN ? AND ?",
                             (d_lo, d_hi)).fetchone()[0]
    finally:
        conn.execute("COMMIT")
    return {"quotes": quotes, "bars": bars, "breadth": breadth, "daily": daily}


def check_whole(state: dict, n_stocks: int) -> None:
    quotes, bars, breadth = state["quotes"], state["bars"], state["breadth"]
    times = sorted(quotes)
    assert times == list(session_minutes()[:len(times)]), "minutes are appended in order, no gaps"
    assert set(quotes.values()) == {n_stocks}, f"a torn minute: rows per minute {quotes}"
    assert sorted(bars) == times and set(bars.values()) == {5}, "index bars come with their minute"
    assert sorted(breadth) == times and set(breadth.values()) == {n_stocks}, \
        "breadth rows come with their minute"
    if len(times) < SLOTS:
        assert state["daily"] == 0, "the session's daily bars come with 15:00 only"


def frame(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    return pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])


def test_writer_appends_whole_minutes_a_reader_never_sees_torn(live_base, demo_store, tmp_path):
    db = tmp_path / "live.sqlite"
    n_minutes = 8
    ref = sqlite3.connect(f"file:{demo_store}?mode=ro", uri=True)
    n_stocks = ref.execute("SELECT stocks FROM breadth_minutes WHERE date = ? AND time = '09:30'",
                           (DAY,)).fetchone()[0]
    proc = start_writer(db, live_base, speed=1000, minutes=n_minutes)
    states: list[dict] = []
    errors: list[BaseException] = []

    def reader() -> None:      # polls on its own connection while the writer appends
        try:
            deadline = time.monotonic() + 120
            while not db.exists():
                if proc.poll() is not None or time.monotonic() > deadline:
                    return
                time.sleep(0.01)
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
            try:
                while True:
                    done = proc.poll() is not None
                    states.append(read_state(conn))
                    if done:
                        return
                    time.sleep(0.003)
            finally:
                conn.close()
        except BaseException as exc:  # noqa: BLE001 - reported by the test thread
            errors.append(exc)

    t = threading.Thread(target=reader, name="live-reader")
    t.start()
    try:
        _, err = proc.communicate(timeout=180)
    finally:
        if proc.poll() is None:
            proc.kill()
        t.join(30)
    assert proc.returncode == 0, err
    assert not errors, errors
    # The store appears with its first minute only, then grows a whole minute at a time.
    assert states and len(states[0]["quotes"]) >= 1
    for state in states:
        check_whole(state, n_stocks)
    seen = [len(s["quotes"]) for s in states]
    assert seen == sorted(seen) and seen[-1] == n_minutes
    assert len(set(seen)) >= 3, f"the reader should have watched the store grow, saw {set(seen)}"
    # One line per minute on stderr.
    lines = [ln for ln in err.splitlines() if ln.startswith(f"live {DAY} ")]
    assert [ln.split()[2] for ln in lines[:n_minutes]] == list(session_minutes()[:n_minutes])

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        times = list(session_minutes()[:n_minutes])
        marks = ",".join("?" * n_minutes)
        # The rows are the demo store's rows: same model, same arrays.
        for sql in (f"SELECT * FROM quotes WHERE date = ? AND time IN ({marks}) "
                    "ORDER BY time, symbol",
                    f"SELECT * FROM index_bars WHERE date = ? AND time IN ({marks}) "
                    "ORDER BY symbol, time",
                    f"SELECT * FROM breadth_minutes WHERE date = ? AND time IN ({marks}) "
                    "ORDER BY time"):
            pd.testing.assert_frame_equal(frame(conn, sql, (DAY, *times)),
                                          frame(ref, sql, (DAY, *times)))
        # The static part and the prior session are complete; 2026-06-02 has no daily bar yet.
        for table in ("stocks", "names", "sectors", "sector_members", "index_members"):
            sql = f"SELECT count(*) FROM {table}"
            assert conn.execute(sql).fetchone() == ref.execute(sql).fetchone(), table
        for sql in ("SELECT count(*) FROM quotes WHERE date = ?",
                    "SELECT count(*) FROM daily WHERE date = ?",
                    "SELECT count(*) FROM breadth_minutes WHERE date = ?"):
            assert conn.execute(sql, (PRIOR,)).fetchone() == ref.execute(sql, (PRIOR,)).fetchone()
        assert conn.execute("SELECT count(*) FROM daily WHERE date = ?", (DAY,)).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM index_daily WHERE date = ?",
                            (DAY,)).fetchone()[0] == 0
    finally:
        conn.close()
        ref.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "tmp" in p.name) == []


def test_ctrl_c_stops_cleanly_between_or_within_minutes(live_base, tmp_path):
    db = tmp_path / "live.sqlite"
    proc = start_writer(db, live_base, speed=4, minutes=None)
    try:
        deadline = time.monotonic() + 120
        conn = None
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                conn = conn or sqlite3.connect(f"file:{db}?mode=ro", uri=True, isolation_level=None)
                if len(read_state(conn)["quotes"]) >= 3:
                    break
            time.sleep(0.05)
        assert proc.poll() is None, proc.communicate()[1]
        proc.send_signal(signal.SIGINT)
        # The bound is for a hang only: a loaded machine has needed most of 30 s to finish the
        # minute in flight and close the store (CI timed out once).
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == live_writer.EXIT_INTERRUPTED, err
    assert "stopped; the store holds the session up to" in err
    assert "Traceback" not in err
    assert conn is not None
    state = read_state(conn)
    conn.close()
    n = next(iter(state["quotes"].values()))
    check_whole(state, n)
    assert 3 <= len(state["quotes"]) < SLOTS
    assert not list(tmp_path.glob("*.tmp*"))


@pytest.fixture(scope="module")
def feed() -> live_writer.LiveFeed:
    from app.demo.build import build_demo_model

    return live_writer.LiveFeed.from_model(build_demo_model())


def test_the_last_minute_writes_the_daily_bars_in_its_transaction(feed, demo_store, tmp_path):
    """LiveFeed in-process: 15:00 carries the session's daily bars (the demo store's rows)."""
    conn = sqlite3.connect(str(tmp_path / "feed.sqlite"), isolation_level=None)
    ref = sqlite3.connect(f"file:{demo_store}?mode=ro", uri=True)
    try:
        conn.execute("BEGIN")
        ensure_schema(conn)
        conn.execute("COMMIT")
        feed.write_minute(conn, 120)
        assert conn.execute("SELECT count(*) FROM daily").fetchone()[0] == 0
        assert not conn.in_transaction
        feed.write_minute(conn, SLOTS - 1)
        for sql in ("SELECT * FROM daily WHERE date = ? ORDER BY symbol",
                    "SELECT * FROM index_daily WHERE date = ? ORDER BY symbol",
                    "SELECT * FROM quotes WHERE date = ? AND time = '15:00' ORDER BY symbol"):
            pd.testing.assert_frame_equal(frame(conn, sql, (DAY,)), frame(ref, sql, (DAY,)))
    finally:
        conn.close()
        ref.close()


@pytest.mark.parametrize("speed, env, message", [
    (0, None, "--speed must be a positive number"),
    (1, "abc", "TIDEMARK_LIVE_MINUTES='abc' is not a whole number"),
    (1, "0", "minutes must be at least 1"),
])
def test_bad_input_exits_2(speed, env, message, tmp_path, monkeypatch, capsys):
    if env is None:
        monkeypatch.delenv(live_writer.ENV_MINUTES, raising=False)
    else:
        monkeypatch.setenv(live_writer.ENV_MINUTES, env)
    assert live_writer.run_live(tmp_path / "x.sqlite", speed=speed) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite").exists()


def test_a_base_from_another_model_is_refused(feed, live_base, tmp_path):
    """Prior closes that do not match the generated session's previous closes: refused."""
    conn = sqlite3.connect(f"file:{live_base}?mode=ro", uri=True)
    try:
        live_writer._check_base(conn, feed, live_base)          # the matching base passes
        rows = conn.execute("SELECT * FROM daily WHERE date = ?", (PRIOR,)).fetchall()
    finally:
        conn.close()
    stale = sqlite3.connect(str(tmp_path / "stale.sqlite"), isolation_level=None)
    try:
        stale.execute("BEGIN")
        ensure_schema(stale)
        stale.executemany("INSERT INTO daily VALUES (?,?,?,?,?,?,?,?,?)", rows)
        stale.execute("UPDATE daily SET close = close + 0.05")
        stale.execute("COMMIT")
        with pytest.raises(live_writer.StoreError, match="not a demo store of this version"):
            live_writer._check_base(stale, feed, tmp_path / "stale.sqlite")
    finally:
        stale.close()


def test_a_live_minute_keeps_earlier_results_and_rereads_a_changed_newest_minute(live_base,
                                                                                 tmp_path):
    """The viewer's loader in live mode: a new minute recomputes nothing already shown (each
    minute's results depend on nothing later), and the newest minute read before is read again
    only when a writer changed its rows; either way the views equal a fresh loader's."""
    from app.store.connection import open_readonly, open_writer
    from app.session.loader import SessionLoader

    target, feed = live_writer.prepare_store(tmp_path / "live.sqlite", live_base)
    writer = open_writer(target)
    conn = open_readonly(target)
    try:
        for slot in (1, 2, 3):
            feed.write_minute(writer, slot)
        loader = SessionLoader(StoreReader(conn))
        loader.load(DAY, None, with_findings=False)
        while loader.prefetch():
            pass
        before = dict(loader._results)
        assert sorted(before) == ["09:30", "09:31", "09:32", "09:33"]

        def same_as_fresh(t: str) -> object:
            view = loader.load(DAY, t)
            fresh_conn = open_readonly(target)
            try:
                fresh = SessionLoader(StoreReader(fresh_conn)).load(DAY, t)
            finally:
                fresh_conn.close()
            assert view.counts == fresh.counts
            pd.testing.assert_frame_equal(view.summary, fresh.summary)
            pd.testing.assert_frame_equal(view.review, fresh.review)
            return view

        feed.write_minute(writer, 4)               # 09:34, whole, in one transaction
        loader.invalidate()
        assert all(loader._results[t] is before[t] for t in before), "results recomputed"
        assert same_as_fresh("09:34").time == "09:34"
        shown = same_as_fresh("09:33")
        assert loader._results["09:33"] is before["09:33"]

        # A writer that rewrites the newest minute it committed, with the next one: one stock of
        # 09:34 now sealed at its limit.
        sym, prev = writer.execute(
            "SELECT symbol, prev_close FROM quotes WHERE date = ? AND time = '09:34' "
            "AND symbol LIKE 'sh60%' AND last < prev_close ORDER BY symbol LIMIT 1",
            (DAY,)).fetchone()
        up = float(Decimal(str(prev * 1.1)).quantize(Decimal("0.01"), ROUND_HALF_UP))
        before_34 = loader._results["09:34"]
        with writer:
            writer.execute("UPDATE quotes SET last = ?, high = ? WHERE date = ? AND time = '09:34' "
                           "AND symbol = ?", (up, up, DAY, sym))
        feed.write_minute(writer, 5)
        loader.invalidate()
        assert "09:34" not in loader._results and loader._results["09:33"] is before["09:33"]
        view = same_as_fresh("09:34")
        assert view.counts.limit_up == before_34.counts.limit_up + 1
        assert view.enriched.loc[sym, "last"] == up
        assert shown.counts == same_as_fresh("09:33").counts
    finally:
        conn.close()
        writer.close()
