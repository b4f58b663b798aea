"""Session review in the main window: scrubbing, the loader thread, live refresh, broken stores.

The window is never shown (offscreen, not visible), so a failure goes to the status bar and no
modal dialog can block a test.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThread, QTimer

from app.market.session import session_minutes
from app.demo import live as live_writer
from app.session.review import breadth_at, enriched_at
from app.session.view import SessionView
from app.ui.breadth._style import count_text
from app.ui.main_window import MainWindow
from app.ui.sector_tree.arrays import Col
from app.ui.sector_tree.model import SORT_ROLE
from app.workers import live_poll
from app.workers.session_worker import hand_over
from app.store.reader import StoreReader

DAY = "2026-06-02"
ROOT = Path(__file__).resolve().parents[2]
TIMES = list(session_minutes())
LOAD_MS = 30_000


pytestmark = pytest.mark.usefixtures("dialogs")   # private settings, recorded dialogs


@pytest.fixture
def window(qtbot):
    """Opens MainWindows; each is closed at the end and must leave no thread running."""
    wins: list[MainWindow] = []

    def open_(db: Path, wait: bool = True, **kw) -> MainWindow:
        win = MainWindow(db, **kw)
        wins.append(win)
        if wait:
            with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
                pass
        return win

    yield open_
    for win in wins:
        win.close()
        assert not win.loader.thread.isRunning()
        win.deleteLater()


def scrub_to(qtbot, win: MainWindow, t: str) -> None:
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS,
                          check_params_cb=lambda _d, shown: shown == t):
        win.scrubber.slider.setValue(win.scrubber._times.index(t))


def test_scrubbing_moves_every_panel_to_the_same_minute(qtbot, window, demo_store):
    win = window(demo_store)
    assert win._view.time == "15:00"
    conn = sqlite3.connect(f"file:{demo_store}?mode=ro", uri=True)
    seen = []
    try:
        for t in ("10:30", "13:45"):
            scrub_to(qtbot, win, t)
            c = breadth_at(StoreReader(conn), DAY, t)
            enriched, _, _ = enriched_at(StoreReader(conn), DAY, t)
            seen.append((c.up, c.down, c.limit_up))
            # Breadth panel: the report's counts at that minute.
            bp = win.panels.breadth
            assert bp.time == t
            for key in ("up", "down", "flat", "suspended", "limit_up", "limit_down", "broken"):
                assert bp.counts.value_text(key) == count_text(getattr(c, key)), key
            # Header strip.
            assert f"{c.up:,}" in win.strip.breadth.value.text()
            assert f"{c.down:,}" in win.strip.breadth.value.text()
            assert f">{c.limit_up}<" in win.strip.limits.value.text()
            assert t in win.strip.turnover.title.text()
            # Ladder and sector tree.
            assert win.panels.ladder.stats.limit_up == c.limit_up
            model = win.panels.sectors.model
            in_tree = enriched[enriched.index.isin(model.symbols_in_tree())]
            for sym in (in_tree["pct_chg"].idxmax(), in_tree["pct_chg"].idxmin()):
                cell = model.stock_indexes(sym, Col.PCT)[0]
                assert model.data(cell, SORT_ROLE) == pytest.approx(enriched.loc[sym, "pct_chg"])
            # Chart title, scrubber and status bar.
            assert t in win.panels.charts.intraday.title_text()
            assert win.scrubber.label.text() == t
            assert t in win.status.text()
            # The brief follows as the worker's second answer for the minute.
            qtbot.waitUntil(lambda: win.brief._view is not None and win.brief._view.time == t,
                            timeout=LOAD_MS)
            assert t in win.brief.title.text()
            assert "findings" in win.brief._view.extras and win.brief.bullets
    finally:
        conn.close()
    assert seen[0] != seen[1], "two different minutes must show different counts"


def test_the_worker_answers_by_signal_from_its_own_thread(qtbot, window, demo_store):
    win = window(demo_store)
    worker = win.loader.worker
    emitted_on: list[QThread] = []
    views: list[SessionView] = []
    applied_on: list[QThread] = []

    def on_ready(view: SessionView) -> None:     # runs where the signal is emitted
        emitted_on.append(QThread.currentThread())
        views.append(view)

    worker.view_ready.connect(on_ready, Qt.ConnectionType.DirectConnection)
    win.view_applied.connect(lambda _d, _t: applied_on.append(QThread.currentThread()))
    scrub_to(qtbot, win, "11:30")
    main = QThread.currentThread()
    assert win.loader.thread is not main and worker.thread() is win.loader.thread
    # Computed and emitted on the loader thread, painted on the GUI thread (queued signal).
    assert emitted_on and all(t is win.loader.thread for t in emitted_on)
    assert applied_on and all(t is main for t in applied_on)
    assert views and views[-1].time == "11:30" and win._view is views[-1]
    with pytest.raises(FrozenInstanceError):
        views[-1].time = "10:00"  # type: ignore[misc]
    win.close()
    assert not win.loader.thread.isRunning() and win.loader.thread.isFinished()


def test_polling_stops_on_a_store_that_is_not_growing(qtbot, window, demo_store, monkeypatch):
    """Outside trading hours a past session stops being polled after a few idle polls."""
    from datetime import datetime, timezone

    monkeypatch.setattr(live_poll, "IDLE_POLLS", 1000)
    win = window(demo_store)
    worker = win.loader.worker
    assert worker.polling
    # Not a trading day (a Sunday): nothing makes the worker keep polling.
    worker.clock = lambda: datetime(2026, 6, 7, 10, 0, tzinfo=live_poll.BEIJING)
    monkeypatch.setattr(live_poll, "IDLE_POLLS", 2)
    qtbot.waitUntil(lambda: not worker.polling, timeout=5000)
    # Opening a store polls again (until it proves idle once more).
    monkeypatch.setattr(live_poll, "IDLE_POLLS", 1000)
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
        win.open_store(demo_store)
    assert worker.polling
    bj = live_poll.BEIJING
    assert live_poll.market_open(datetime(2026, 6, 2, 10, 0, tzinfo=bj))       # a Tuesday
    assert not live_poll.market_open(datetime(2026, 6, 2, 12, 0, tzinfo=bj))   # lunch
    assert not live_poll.market_open(datetime(2026, 6, 7, 10, 0, tzinfo=bj))    # a Sunday
    assert live_poll.market_open(datetime(2026, 6, 2, 2, 0, tzinfo=timezone.utc))  # 10:00 BJ


def test_a_live_writer_is_followed_until_the_user_scrubs_back(qtbot, window, demo_store, tmp_path):
    db = tmp_path / "live.sqlite"
    minutes = 24
    env = dict(os.environ, TIDEMARK_LIVE_BASE=str(demo_store),
               **{live_writer.ENV_MINUTES: str(minutes)})
    proc = subprocess.Popen([sys.executable, "-m", "app", "demo", "--db", str(db), "--live",
                             "--speed", "2"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    committed: dict[str, float] = {}      # minute -> when a reader could first see it
    stop = threading.Event()

    def watch() -> None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            while not stop.is_set():
                t = conn.execute("SELECT max(time) FROM quotes WHERE date = ?",
                                 (DAY,)).fetchone()[0]
                if t and t not in committed:
                    committed[t] = time.perf_counter()
                time.sleep(0.005)
        finally:
            conn.close()

    watcher = threading.Thread(target=watch, name="live-watch")
    applied: dict[str, float] = {}
    try:
        qtbot.waitUntil(lambda: db.exists() or proc.poll() is not None, timeout=120_000)
        assert proc.poll() is None, proc.communicate()[1]
        watcher.start()
        win = window(db, wait=False)
        win.view_applied.connect(lambda _d, t: applied.setdefault(t, time.perf_counter()))
        qtbot.waitUntil(lambda: win._view is not None, timeout=LOAD_MS)
        first = win._view.time
        range_before = win.scrubber.slider.maximum()
        # A new minute arrives, is shown, and the scrubber grows with the view at its end.
        with qtbot.waitSignal(win.view_applied, timeout=5000,
                              check_params_cb=lambda _d, t: t > first):
            pass
        assert win.scrubber.slider.maximum() > range_before
        assert win.scrubber.at_end() and win.scrubber.current() == win._view.time
        assert "实时：跟随中" in win.status.text()
        # Scrubbed back: new minutes no longer move the view; the status bar says so.
        scrub_to(qtbot, win, "09:30")
        qtbot.waitUntil(lambda: "不跟随" in win.status.text(), timeout=5000)
        assert win._view.time == "09:30" and win.scrubber.current() == "09:30"
        # Back at the end: following again, up to the writer's last minute.
        win.scrubber.slider.setValue(win.scrubber.slider.maximum())
        last = TIMES[minutes - 1]
        qtbot.waitUntil(lambda: win._view.time == last, timeout=30_000)
        assert "实时：跟随中" in win.status.text()
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
        proc.stderr.close()
        stop.set()
        if watcher.is_alive():
            watcher.join(10)
    # Pickup latency: a committed minute to every panel showing it (minutes shown while
    # following; the poll is every 500 ms, then a load on the worker and a repaint).
    lat = sorted(applied[t] - committed[t] for t in applied if t in committed and t > first)
    assert lat, "no minute was picked up while following"
    print(f"\npickup latency over {len(lat)} minutes: max {lat[-1]:.2f} s, "
          f"median {lat[len(lat) // 2]:.2f} s")
    assert lat[len(lat) // 2] < 1.5


def test_vanished_and_locked_stores_are_reported_and_the_window_survives(
        qtbot, window, demo_store, tmp_path, dialogs, monkeypatch):
    monkeypatch.setattr(live_poll, "IDLE_POLLS", 1000)      # keep polling throughout
    first = tmp_path / "first.sqlite"
    shutil.copyfile(demo_store, first)
    win = window(first)
    # Renamed under the viewer: reported, the last minute stays on screen.
    moved = tmp_path / "moved.sqlite"
    first.rename(moved)
    qtbot.waitUntil(lambda: "已不存在" in win.status.text(), timeout=5000)
    assert win._view is not None
    win.scrubber.slider.setValue(win.scrubber._times.index("10:00"))
    qtbot.waitUntil(lambda: "已不存在" in win.status.text(), timeout=5000)
    # ... and another store can be opened.
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
        win.open_store(moved)
    assert "moved.sqlite" in win.status.text()
    assert win.loader.worker.polling, "opening a store polls again after a vanished one"

    # WAL store: a writer holding BEGIN EXCLUSIVE does not block readers.
    locker = sqlite3.connect(str(moved), isolation_level=None, timeout=5)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        scrub_to(qtbot, win, "10:00")
    finally:
        locker.execute("ROLLBACK")
        locker.close()

    # A rollback-journal store held with BEGIN EXCLUSIVE: readers are locked out.
    rollback = tmp_path / "rollback.sqlite"
    shutil.copyfile(demo_store, rollback)
    conn = sqlite3.connect(str(rollback), isolation_level=None)
    assert conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    conn.close()
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
        win.open_store(rollback)
    locker = sqlite3.connect(str(rollback), isolation_level=None, timeout=5)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        win.scrubber.slider.setValue(win.scrubber._times.index("10:05"))
        qtbot.waitUntil(lambda: "锁定" in win.status.text(), timeout=15_000)
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert win._view is not None and win.isEnabled()
    scrub_to(qtbot, win, "10:10")                 # the lock is gone: it works again

    # Replaced by another store at the same path (as `tidemark demo --live` does): re-opened.
    other = tmp_path / "other.sqlite"
    shutil.copyfile(demo_store, other)
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
        os.replace(other, rollback)
    assert "rollback.sqlite" in win.status.text() and "locked" not in win.status.text()

    # Deleted outright (noticed by the next poll, or by the next request if polling has stopped).
    rollback.unlink()
    win.scrubber.slider.setValue(win.scrubber._times.index("10:15"))
    qtbot.waitUntil(lambda: "已不存在" in win.status.text(), timeout=5000)
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
        win.open_store(moved)
    assert dialogs == [], "no modal dialog for a window that already shows a session"


def test_lag_probe_sees_the_gui_thread_blocked(qtbot):
    from app.bench.lag_probe import LagProbe

    probe = LagProbe()
    probe.start()
    qtbot.wait(100)
    QTimer.singleShot(0, lambda: time.sleep(0.08))       # an 80 ms stall on the GUI thread
    qtbot.wait(200)
    probe.stop()
    s = probe.stats()
    assert s["samples"] > 10
    assert 60 <= s["max_ms"] < 500 and s["over_16ms"] >= 1 and s["p95_ms"] < s["max_ms"]


def test_measure_live_stall_reports_stall_and_pickup(demo_store):
    """The bench's P3 measurement, briefly (a few minutes at 4 minutes per second)."""
    from app.bench.lag_probe import measure_live_stall

    out = measure_live_stall(MainWindow, base=demo_store, minutes=8, speed=4, show=False)
    print(f"\nlive stall: max {out['max_ms']:.0f} ms, p95 {out['p95_ms']:.1f} ms, "
          f"{out['over_16ms']} ticks > 16 ms; pickup median {out['pickup_median_s']:.2f} s")
    assert out["writer_exit"] == 0 and out["minutes_shown"] >= 2 and out["samples"] > 100
    assert out["max_ms"] >= out["p95_ms"] >= 0


def test_a_tab_behind_another_is_filled_when_raised_not_every_minute(qtbot, window, demo_store):
    """The ladder and the sentiment gauges share a place with the brief (tabs): Qt keeps a tab
    behind another 'visible', so the window tells by its empty region and skips it per minute."""
    win = window(demo_store)
    win.show()
    qtbot.waitExposed(win)
    win._docks["brief"].raise_()
    qtbot.wait(50)
    ladder = win.panels.ladder
    calls: list[int] = []
    original = ladder.set_snapshot
    ladder.set_snapshot = lambda *a, **k: (calls.append(1), original(*a, **k))[1]
    scrub_to(qtbot, win, "10:00")
    scrub_to(qtbot, win, "10:01")
    assert calls == [], "the ladder behind the brief tab was rebuilt for every minute"
    import gc
    # A shown window froze what existed at its first view on screen out of the cyclic GC's reach.
    assert gc.get_freeze_count() > 0
    win._docks["ladder"].raise_()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=5000)
    conn = sqlite3.connect(f"file:{demo_store}?mode=ro", uri=True)
    try:
        assert ladder.stats.limit_up == breadth_at(StoreReader(conn), DAY, "10:01").limit_up
    finally:
        conn.close()


def test_a_single_view_paints_at_once_and_a_burst_paints_at_most_every_40_ms(qtbot, window,
                                                                             demo_store):
    from app.config import REFRESH_COALESCE_MS
    from app.store.connection import open_readonly
    from app.session.loader import SessionLoader

    win = window(demo_store)
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        views = [loader.load(DAY, t, with_findings=False) for t in ("10:00", "10:01", "10:02")]
    finally:
        conn.close()
    applied: list[tuple[str, float]] = []
    # When each paint began (the window stamps it before applying).
    ours = {"10:00", "10:01", "10:02"}     # not a late view of the worker's own
    win.view_applied.connect(lambda _d, t: t in ours and applied.append((t, win._last_apply_at)))
    qtbot.wait(REFRESH_COALESCE_MS + 10)
    win._on_view(views[0])                    # nothing painted for 40 ms: at once
    assert [t for t, _ in applied] == ["10:00"]
    # A burst right after: paints start at most every 40 ms, and the newest view is the last.
    # (10:01 is skipped unless painting 10:00 itself took 40 ms.)
    win._on_view(views[1])
    win._on_view(views[2])
    qtbot.waitUntil(lambda: applied[-1][0] == "10:02", timeout=2000)
    qtbot.wait(REFRESH_COALESCE_MS * 2)
    shown = [t for t, _ in applied]
    assert shown in (["10:00", "10:02"], ["10:00", "10:01", "10:02"])
    starts = [at for _, at in applied]
    assert all((b - a) * 1000 >= REFRESH_COALESCE_MS - 1 for a, b in zip(starts, starts[1:]))


def test_a_step_onto_the_prepared_minute_gets_that_view(qtbot, window, demo_store):
    """Once a minute is painted the worker builds the next one in the direction of the steps;
    the step onto it is answered with that prepared view (the window's paint is all it costs)."""
    win = window(demo_store)
    scrub_to(qtbot, win, "10:30")
    scrub_to(qtbot, win, "10:31")
    loader = win.loader.worker._loader
    assert loader.pause is hand_over        # the loader thread lets the GUI thread in
    key = (DAY, "10:32", loader.focus)
    qtbot.waitUntil(lambda: key in loader._views, timeout=LOAD_MS)
    prepared = loader._views[key]
    scrub_to(qtbot, win, "10:32")
    assert win._view is prepared
    assert win.panels.breadth.time == "10:32" and "10:32" in win.status.text()


def test_the_restored_index_has_its_contributions_from_the_first_view(qtbot, window, demo_store):
    from PySide6.QtCore import QSettings

    QSettings().setValue("view/index", "sh000001")
    win = window(demo_store)
    assert win._index == "sh000001"
    assert "sh000001" in win._view.concentration
    # The contributions panel shows that index (it stayed empty until another index was picked).
    assert "上证指数" in win.panels.breadth.concentration.headline.text()


def test_a_deleted_window_leaves_no_deferred_call_behind(qtbot, demo_store):
    """Closing hides the docks, whose visibility handlers defer a refresh to the next turn of the
    event loop: a window deleted in between must cancel it, not call into deleted widgets."""
    from PySide6.QtCore import QCoreApplication, QEvent

    win = MainWindow(demo_store)
    win.show()
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
        pass
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.wait(50)          # pytest-qt fails the test on an exception raised in a Qt callback
