"""Soak: 2,000 repaints of the main window offscreen, scrubbing back and forth over the session.

This is the test that would have caught PySide6 6.12 aborting on Python 3.11 ("Fatal Python error:
none_dealloc" after a few dozen repaints: each call of a Python paint() override lost a reference
to None until None itself was freed). Every repaint here runs ~70 Python paint() overrides of the
pyqtgraph items and the item views' Python models, so a refcount bug of that kind aborts the run
within the first few hundred repaints; the None refcount is also sampled, so a slow drift shows as
a failed assertion rather than as an abort some day in a user's session.

Memory must stay flat: RSS (VmRSS) growth between repaint 500 (caches, fonts and glyphs warmed up)
and repaint 2,000 must stay under RSS_GROWTH_MB. Why 24 MB: a chart viewport's backing image is
~2 MB (1,030 × 472 × 4 bytes at the default size) and a minute's own frames are ~4 MB (enriched:
5,440 × 33 columns), so keeping one image per repaint or a copy of a minute's frames per new
minute (15 after repaint 500) costs 60 MB or more; 24 MB over 1,500 repaints also catches a leak of
16 KB a repaint (a QPicture or a path per chart). Measured: 0.0-0.1 MB.

Cost: ~30 s for the loop on two cores (a repaint of the charts ~8 ms, of the item views ~9 ms, an
apply_view ~130-200 ms), so every repaint redraws the charts, every 8th the item views and the
window, and every 100th shows a new minute: an apply_view per repaint would take 5 minutes.
"""

from __future__ import annotations

import gc
import sys
import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QGraphicsView

from app.store.connection import open_readonly
from app.session.loader import SessionLoader
from app.ui.main_window import MainWindow
from app.store.reader import StoreReader

DAY = "2026-06-02"
REPAINTS = 2000
APPLY_EVERY = 100           # a new minute (apply_view of a pre-loaded view) every 100 repaints
TABLES_EVERY = 8            # the item views and the window frame repaint every 8th time
WARM = 500
RSS_GROWTH_MB = 24.0
NONE_DRIFT = 5000           # None refcount may not fall by more than this from repaint 500 to 2000
WINDOW_SIZE = (1200, 760)


def drain_worker(qtbot, win: MainWindow) -> None:
    """Let the window's timers fire, then wait until the loader thread has done all it was asked."""
    qtbot.wait(600)
    done = threading.Event()
    QTimer.singleShot(0, win.loader.worker, done.set)     # runs on the worker's thread, after
    qtbot.waitUntil(done.is_set, timeout=60_000)         # whatever was queued there before


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_two_thousand_repaints_keep_memory_flat(qtbot, demo_store, dialogs, monkeypatch):
    import pyqtgraph as pg

    # Pre-loaded views over the whole session, so the loop measures painting, not loading.
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        times = loader.times(DAY)
        views = [loader.load(DAY, t) for t in times[::20]]
    finally:
        conn.close()
    order = list(range(len(views))) + list(range(len(views) - 2, 0, -1))    # back and forth

    paints = [0]
    axis_paint = pg.AxisItem.paint

    def counted(self, *args, **kwargs):
        paints[0] += 1
        return axis_paint(self, *args, **kwargs)

    monkeypatch.setattr(pg.AxisItem, "paint", counted)

    win = MainWindow(demo_store)
    qtbot.addWidget(win)
    win.resize(*WINDOW_SIZE)
    win.show()
    with qtbot.waitSignal(win.view_applied, timeout=30_000):
        pass
    win.loader.worker.set_polling(False)             # only the test drives the window
    drain_worker(qtbot, win)                         # per-session work done: the loop measures repaints
    app = QApplication.instance()
    charts = [v.viewport() for v in win.findChildren(QGraphicsView) if v.isVisible()]
    tables = [v.viewport() for v in win.findChildren(QAbstractItemView) if v.isVisible()]
    assert charts and tables

    samples: dict[int, tuple[float, int]] = {}
    t0 = time.perf_counter()
    for i in range(1, REPAINTS + 1):
        if i % APPLY_EVERY == 1:
            win.apply_view(views[order[(i // APPLY_EVERY) % len(order)]])
        for w in charts:
            w.update()
        if i % TABLES_EVERY == 0:
            for w in tables:
                w.update()
            win.update()
        app.processEvents()
        if i % 250 == 0 or i == 1:
            gc.collect()
            samples[i] = (rss_mb(), sys.getrefcount(None))
    elapsed = time.perf_counter() - t0
    shown = win._view.time
    win.close()
    assert win.loader.thread.isFinished()

    line = "  ".join(f"{i}:{mb:.1f}" for i, (mb, _) in sorted(samples.items()))
    print(f"\nsoak: {REPAINTS} repaints ({REPAINTS // APPLY_EVERY} new minutes) in {elapsed:.1f} s; "
          f"axis paints {paints[0]}; RSS MB by repaint {line}; refcount(None) "
          f"{samples[WARM][1]} -> {samples[REPAINTS][1]}")
    growth = samples[REPAINTS][0] - samples[WARM][0]
    assert growth < RSS_GROWTH_MB, f"RSS grew {growth:.1f} MB from repaint {WARM} to {REPAINTS}"
    none_drift = samples[REPAINTS][1] - samples[WARM][1]
    assert none_drift > -NONE_DRIFT, f"None lost {-none_drift} references: a refcount bug"
    # The repaints really painted: every visible axis once per repaint at least.
    assert paints[0] >= REPAINTS * 4
    assert shown in times and dialogs == []
