"""How long the GUI thread is kept from its event loop: a 5 ms timer that records how late it fires.

A ``LagProbe`` lives on the GUI thread. Every ``interval_ms`` its precise timer should fire; the
delay beyond that interval is time the event loop spent elsewhere (painting a minute, a signal
handler, the GIL held by a worker). ``max_ms`` is the longest stall seen, ``p95_ms`` the 95th
percentile. The 16 ms budget (one frame at 60 Hz) applies to ``max_ms``.

    probe = LagProbe()
    probe.start()
    ...                      # run the event loop: live refresh, scrubbing
    probe.stop()
    print(probe.stats())     # {'samples': ..., 'max_ms': ..., 'p95_ms': ..., 'over_16ms': ...}

``measure_live_stall(MainWindow, base=demo_db)`` runs the whole measurement against a
``tidemark demo --live`` writer process (``tidemark bench`` P3).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer

FRAME_BUDGET_MS = 16.0


class LagProbe(QObject):
    """Records the lateness of a repeating ``interval_ms`` timer on the thread it lives on."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 5) -> None:
        super().__init__(parent)
        self.interval_ms = int(interval_ms)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last: float | None = None
        self._late: list[float] = []
        self._worst_at: float | None = None
        self._t0 = 0.0

    def start(self) -> None:
        self.reset()
        self._last = time.perf_counter()
        self._t0 = self._last
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._last = None

    def reset(self) -> None:
        self._late = []
        self._worst_at = None
        self._last = time.perf_counter() if self._timer.isActive() else None

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            late = max(0.0, (now - self._last) * 1000.0 - self.interval_ms)
            if not self._late or late > max(self._late):
                self._worst_at = now - self._t0
            self._late.append(late)
        self._last = now

    def samples(self) -> np.ndarray:
        """Lateness of every tick so far, in ms."""
        return np.asarray(self._late, dtype=float)

    def stats(self) -> dict[str, float]:
        """samples, max_ms, p95_ms, p99_ms, mean_ms, over_16ms (ticks later than one frame),
        worst_at_s (seconds after start of the worst stall)."""
        a = self.samples()
        if a.size == 0:
            return {"samples": 0, "max_ms": 0.0, "p95_ms": 0.0, "p99_ms": 0.0, "mean_ms": 0.0,
                    "over_16ms": 0, "worst_at_s": 0.0}
        return {"samples": int(a.size), "max_ms": float(a.max()),
                "p95_ms": float(np.percentile(a, 95)), "p99_ms": float(np.percentile(a, 99)),
                "mean_ms": float(a.mean()), "over_16ms": int((a > FRAME_BUDGET_MS).sum()),
                "worst_at_s": float(self._worst_at or 0.0)}


# The watcher process: prints "HH:MM <monotonic seconds>" when a minute first becomes visible.
_WATCH = """
import datetime, sqlite3, sys, time
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
seen = set()
day = (datetime.date.fromisoformat(sys.argv[2]) - datetime.date(1970, 1, 1)).days
while True:
    try:   # the newest minute of the day off the compact key (app.store.codec)
        row = conn.execute("SELECT time FROM slots WHERE slot = (SELECT (max(id) >> 16) & 255 "
                           "FROM quote_minutes WHERE id BETWEEN ? AND ?)",
                           (day << 24, ((day + 1) << 24) - 1)).fetchone()
    except sqlite3.Error:
        row = None
    if row and row[0] and row[0] not in seen:
        seen.add(row[0])
        print(row[0], time.monotonic(), flush=True)
    time.sleep(0.005)
"""


def measure_live_stall(make_window: Callable[[Path], Any], base: str | Path | None = None,
                       minutes: int = 30, speed: float = 1.0, show: bool = True,
                       timeout_s: float = 300.0) -> dict[str, Any]:
    """GUI-thread stalls of a viewer following a live writer (``tidemark bench`` P3).

    Starts ``python -m app demo --live`` into a temporary store (from ``base``, a demo store, when
    given: seconds instead of ~30 s), opens ``make_window(db)`` on it (the MainWindow: it is passed
    in because this layer may not import the widgets) and records how late a 5 ms timer fires while
    the writer appends ``minutes`` minutes at ``speed`` minutes per second. Returns
    ``LagProbe.stats()`` measured after the first view is on screen, plus ``startup_max_ms`` (first
    load and paint), ``pickup_median_s`` / ``pickup_max_s`` (a committed minute to the window
    showing it), ``minutes_shown`` and ``writer_exit``.
    """
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from app.demo.live import ENV_BASE, ENV_MINUTES, LIVE_DATE

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _ = app

    def spin(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    with tempfile.TemporaryDirectory(prefix="tidemark-live-") as tmp:
        db = Path(tmp) / "live.sqlite"
        env = dict(os.environ, **{ENV_MINUTES: str(int(minutes))})
        env.pop(ENV_BASE, None)
        if base is not None:
            env[ENV_BASE] = str(base)
        proc = subprocess.Popen([sys.executable, "-m", "app", "demo", "--db", str(db), "--live",
                                 "--speed", str(speed)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        # When each minute became visible to a reader, watched from a process of its own: a
        # thread here polling every 5 ms took the interpreter lock from the GUI thread it measures
        # (a profile showed it waiting for the lock half its time), which a viewer never has.
        watcher: subprocess.Popen | None = None
        win = None
        try:
            deadline = time.monotonic() + timeout_s
            while not db.exists():
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the live writer did not start (exit {proc.poll()})")
                time.sleep(0.05)
            watcher = subprocess.Popen([sys.executable, "-c", _WATCH, str(db), LIVE_DATE],
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                       text=True)
            win = make_window(db)
            applied: dict[str, float] = {}
            # CLOCK_MONOTONIC, the watcher's clock too (time.monotonic on Linux).
            win.view_applied.connect(lambda _d, t: applied.setdefault(t, time.monotonic()))
            if show:
                win.show()
            probe = LagProbe()
            probe.start()
            while not applied and time.monotonic() < deadline:
                spin(0.05)
            spin(1.0)
            startup = probe.stats()
            probe.reset()
            while proc.poll() is None and time.monotonic() < deadline:
                spin(0.2)
            spin(1.5)
            probe.stop()
            stats: dict[str, Any] = dict(probe.stats())
        finally:
            if win is not None:
                win.close()
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                proc.wait(30)
            committed: dict[str, float] = {}
            if watcher is not None:
                watcher.terminate()
                out, _ = watcher.communicate(timeout=10)
                for line in out.splitlines():
                    minute, _sep, at = line.partition(" ")
                    try:
                        committed.setdefault(minute, float(at))
                    except ValueError:      # a line cut short by the terminate
                        pass
        first = min(applied) if applied else ""
        lat = sorted(applied[t] - committed[t] for t in applied if t in committed and t > first)
        stats.update(startup_max_ms=startup["max_ms"], minutes_shown=len(applied),
                     pickup_median_s=float(np.median(lat)) if lat else float("nan"),
                     pickup_max_s=lat[-1] if lat else float("nan"), writer_exit=proc.returncode)
        return stats
