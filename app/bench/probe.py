"""Probes that `tidemark bench` runs in a fresh process (cold start, peak memory).

Run as ``python -m app.bench.probe first-paint DB``, ``... scrub-rss DB`` or
``... live-stall DB MINUTES``; each prints one JSON line.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def first_paint(db: str) -> dict:
    """Start the viewer on ``db`` offscreen and exit at its first full paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.qt_app import ensure_app

    app = ensure_app()
    from app.ui.main_window import MainWindow

    win = MainWindow(db)
    win.show()
    done = {"t": None}

    def painted(_d: str, _t: str) -> None:
        win.repaint()
        app.processEvents()
        done["t"] = time.perf_counter()
        app.quit()

    win.view_applied.connect(painted)
    app.exec()
    win.close()
    return {"painted": done["t"] is not None}


def scrub_rss(db: str) -> dict:
    """Open the demo session in the window, step through every minute end to end through the
    window's own loader thread (as the arrow keys do), let the idle prefetch finish, and report the
    peak RSS and frame sizes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

    from app.ui.qt_app import ensure_app

    app = ensure_app()
    from app.ui.main_window import MainWindow

    win = MainWindow(db)
    win.show()
    shown: dict[str, object] = {}

    def wait_for(pred, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + seconds
        while not pred() and time.monotonic() < deadline:
            loop = QEventLoop()
            QTimer.singleShot(10, loop.quit)
            loop.exec()

    win.view_applied.connect(lambda d, t: shown.update(date=d, time=t))
    wait_for(lambda: "time" in shown)
    date = str(shown["date"])
    times = list(win._view.times)
    frame_bytes = 0
    for t in times:
        win.loader.worker.request(date, t)
        wait_for(lambda: shown.get("time") == t)
        frame_bytes = max(frame_bytes, int(win._view.enriched.memory_usage(deep=True).sum()))
    wait_for(lambda: win.loader.worker.idle_work_done, 120.0)
    app.processEvents()
    # The session's frames: one float64 per stock, minute and quote column.
    n_stocks = len(win._view.enriched)
    session_bytes = n_stocks * len(times) * 7 * 8
    win.close()
    return {"peak_rss_mb": peak_rss_kb() / 1024, "session_frames_mb": session_bytes / 2**20,
            "view_frame_mb": frame_bytes / 2**20, "minutes": len(times)}


def live_stall(db: str, minutes: int) -> dict:
    """The viewer following a live writer (``lag_probe.measure_live_stall``), alone in its
    process as a viewer is: measured after other windows in the same process (the scrub
    benchmark) its longest stall doubled, window after window, deleted or not."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.ui.qt_app import ensure_app

    ensure_app()
    from app.ui.main_window import MainWindow
    from app.bench.lag_probe import measure_live_stall

    return measure_live_stall(MainWindow, base=db, minutes=minutes, speed=1.0)


def peak_rss_kb() -> int:
    """This process's resident high-water mark. Not ru_maxrss: Linux carries that across exec, so a
    probe started by a large parent would report the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str]) -> int:
    kind, db = argv[0], argv[1]
    if kind == "live-stall":
        out = live_stall(db, int(argv[2]))
    else:
        out = first_paint(db) if kind == "first-paint" else scrub_rss(db)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
