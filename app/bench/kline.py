"""Frame times of the K-line chart against plain pyqtgraph (benchmark P5 of ``tidemark bench``).

Both draw the same daily bars in a window of the same size, offscreen, with the same forced paint
per step (set the x range, process events, ``repaint()``). "pan" moves a 120-bar view left by a few
bars a step; "zoom" widens it geometrically to the whole history and back.

Run: ``python -m app.bench.kline [daily.csv] [steps] [wall|cpu]``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.charts.kline import KLineChart

SIZE = (1600, 900)
START_BARS = 120


def _stats(samples: list[float]) -> tuple[float, float]:
    a = np.asarray(samples, dtype=np.float64)
    return float(np.median(a)), float(np.percentile(a, 95))


def _ranges(n: int, steps: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    right = n - 0.5
    pan = []
    shift = max(1, START_BARS // 40)
    for k in range(1, steps + 1):
        r = right - k * shift
        pan.append((r - START_BARS, r))
    half = max(1, steps // 2)
    widths = np.geomspace(START_BARS, n + 3, half + 1)[1:]
    out = [(right + 3 - w, right + 3) for w in widths]
    back = [(right + 3 - w, right + 3) for w in widths[::-1][1:]] + [(right + 3 - START_BARS,
                                                                     right + 3)]
    zoom = (out + back)[:steps]
    return pan, zoom


def _time_steps(app: QApplication, widget: QWidget, set_range: Callable[[float, float], None],
                ranges: list[tuple[float, float]], clock: Callable[[], float]) -> list[float]:
    samples = []
    for x0, x1 in ranges:
        t0 = clock()
        set_range(x0, x1)
        app.processEvents()
        widget.repaint()
        samples.append((clock() - t0) * 1000.0)
    return samples


class _PlainChart(QWidget):
    """Reference: plain pyqtgraph lines of close and volume, y fitted the same way."""

    def __init__(self, df: pd.DataFrame) -> None:
        super().__init__()
        from PySide6.QtWidgets import QVBoxLayout
        self.view = pg.GraphicsLayoutWidget()
        QVBoxLayout(self).addWidget(self.view)
        self.price = self.view.addPlot(row=0, col=0)
        self.vol = self.view.addPlot(row=1, col=0)
        x = np.arange(len(df), dtype=np.float64)
        self._closes = df["close"].to_numpy(np.float64)
        self._volumes = df["volume"].to_numpy(np.float64)
        self.price.plot(x, self._closes, pen="k")
        self.vol.plot(x, self._volumes, pen="k")
        self.view.setBackground("w")

    def set_range(self, x0: float, x1: float) -> None:
        i0, i1 = max(0, int(np.ceil(x0))), min(len(self._closes) - 1, int(np.floor(x1)))
        for plot, arr in ((self.price, self._closes), (self.vol, self._volumes)):
            plot.setXRange(x0, x1, padding=0)
            seg = arr[i0:i1 + 1]
            plot.setYRange(float(seg.min()), float(seg.max()), padding=0.06)


def measure_kline_frames(n_bars_df: pd.DataFrame, steps: int = 50,
                         size: tuple[int, int] = SIZE, *, clock: str = "wall"
                         ) -> dict[str, object]:
    """Time pan and zoom frames of ``KLineChart`` and of plain pyqtgraph on the same bars.

    ``clock='wall'`` (default) times with ``perf_counter``; ``clock='cpu'`` with the GUI thread's
    CPU time (``thread_time``), which other processes' load on a shared machine does not inflate.

    Returns ``{"bars", "size", "steps", "clock", "tidemark": {...}, "plain_pyqtgraph": {...}}``
    where each inner dict has first_paint_ms, pan_median_ms, pan_p95_ms, zoom_median_ms,
    zoom_p95_ms.
    """
    if clock not in ("wall", "cpu"):
        raise ValueError(f"clock must be 'wall' or 'cpu', got {clock!r}")
    timer = time.perf_counter if clock == "wall" else time.thread_time
    app = QApplication.instance() or pg.mkQApp()
    assert isinstance(app, QApplication)
    df = n_bars_df.reset_index(drop=True)
    n = len(df)
    pan, zoom = _ranges(n, steps)
    results: dict[str, object] = {"bars": n, "size": list(size), "steps": steps, "clock": clock}

    def run(name: str, make: Callable[[], tuple[QWidget, Callable[[float, float], None]]]
            ) -> None:
        t0 = timer()
        widget, set_range = make()
        widget.resize(*size)
        widget.show()
        app.processEvents()
        widget.repaint()
        first = (timer() - t0) * 1000.0
        # Let the chart finish its idle warm-up (as it would before a user's first zoom).
        t1 = time.perf_counter()
        while not getattr(widget, "warmed_up", True) and time.perf_counter() - t1 < 10.0:
            app.processEvents()
        warm = (time.perf_counter() - t1) * 1000.0
        set_range(n - 0.5 - START_BARS, n - 0.5 + 3)
        app.processEvents()
        widget.repaint()
        pan_ms = _time_steps(app, widget, set_range, pan, timer)
        set_range(n - 0.5 - START_BARS + 3, n - 0.5 + 3)
        zoom_ms = _time_steps(app, widget, set_range, zoom, timer)
        widget.close()
        widget.deleteLater()
        app.processEvents()
        pm, pp = _stats(pan_ms)
        zm, zp = _stats(zoom_ms)
        results[name] = {"first_paint_ms": round(first, 2), "idle_warm_up_ms": round(warm, 1),
                         "pan_median_ms": round(pm, 2),
                         "pan_p95_ms": round(pp, 2), "zoom_median_ms": round(zm, 2),
                         "zoom_p95_ms": round(zp, 2)}

    def make_kline() -> tuple[QWidget, Callable[[float, float], None]]:
        chart = KLineChart()
        chart.set_data(df, "bench")
        return chart, chart.set_x_range

    def make_plain() -> tuple[QWidget, Callable[[float, float], None]]:
        plain = _PlainChart(df)
        return plain, plain.set_range

    run("tidemark", make_kline)
    run("plain_pyqtgraph", make_plain)
    return results


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = args[0] if args else "../shared/realdata/index-daily/index_daily_sh000001.csv"
    steps = int(args[1]) if len(args) > 1 else 50
    clock = args[2] if len(args) > 2 else "wall"
    df = pd.read_csv(path, dtype={"date": str})
    print(json.dumps(measure_kline_frames(df, steps, clock=clock), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
