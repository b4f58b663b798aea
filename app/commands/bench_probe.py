"""Probes that `tidemark bench` runs in a fresh process (cold start, peak memory).

Run as ``python -m app.commands.bench_probe first-paint DB`` or ``... scrub-rss DB``; each prints
one JSON line.
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
    """Open the demo session, scrub every minute end to end, report peak RSS and frame sizes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.store.connection import open_readonly
    from app.store.session_view import SessionLoader
    from app.ui.qt_app import ensure_app

    app = ensure_app()
    from app.ui.main_window import MainWindow

    conn = open_readonly(db)
    loader = SessionLoader(conn)
    date = loader.sessions()[-1]
    win = MainWindow(db, date=date)
    win.show()
    app.processEvents()
    frame_bytes = 0
    for t in loader.times(date):
        view = loader.load(date, t)
        win.apply_view(view)
        app.processEvents()
        frame_bytes = max(frame_bytes, int(view.enriched.memory_usage(deep=True).sum()))
    # The session's frames: one float64 per stock, minute and quote column.
    n_stocks = len(view.enriched)
    session_bytes = n_stocks * len(loader.times(date)) * 7 * 8
    win.close()
    conn.close()
    return {"peak_rss_mb": peak_rss_kb() / 1024, "session_frames_mb": session_bytes / 2**20,
            "view_frame_mb": frame_bytes / 2**20}


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
    out = first_paint(db) if kind == "first-paint" else scrub_rss(db)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
