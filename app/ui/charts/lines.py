"""Indicator lines (MA5/10/20/60) over row numbers, drawn like the candles: per-chunk cached
``drawLines`` batches, one value per bucket when zoomed out, so a pan rebuilds no QPainterPath."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF

from app.ui.charts.batched import BatchedBarsItem, Buckets, Op, lines_op


class LinesItem(BatchedBarsItem):
    """Several series on the same rows; NaNs break a line (an MA's first window-1 rows)."""

    def __init__(self, *, width: float = 1.0, use_picture: bool = False) -> None:
        super().__init__(use_picture=use_picture)
        self._series: list[np.ndarray] = []
        self._colours: list[str] = []
        self._width = width
        self._visible: list[bool] = []

    def set_data(self, series: Sequence[np.ndarray], colours: Sequence[str]) -> None:
        if len(series) != len(colours):
            raise ValueError("one colour per series")
        self._series = [np.asarray(s, dtype=np.float64) for s in series]
        self._colours = list(colours)
        self._visible = [True] * len(self._series)
        n = max((s.size for s in self._series), default=0)
        finite = [s[np.isfinite(s)] for s in self._series]
        finite = [f for f in finite if f.size]
        lo = min((float(f.min()) for f in finite), default=0.0)
        hi = max((float(f.max()) for f in finite), default=1.0)
        self._reset(n, QRectF(-0.5, lo, max(n, 1), max(hi - lo, 1e-9)))

    def set_series_visible(self, index: int, visible: bool) -> None:
        self._visible[index] = visible
        self.invalidate()

    def _bucket_data(self, b: Buckets) -> list[np.ndarray]:
        if b.k == 1:
            return self._series
        # A smooth average needs no envelope: the value at each bucket's last row is enough.
        last = b.start + b.size - 1
        return [s[last] for s in self._series]

    def _ops(self, b: Buckets, data: object, lo: int, hi: int) -> list[Op]:
        assert isinstance(data, list)
        # Include the next chunk's first point so consecutive chunks join up.
        hi1 = min(hi + 1, len(b))
        x = (b.start + b.size - 1).astype(np.float64)[lo:hi1] if b.k > 1 else \
            b.start.astype(np.float64)[lo:hi1]
        ops: list[Op] = []
        for values, colour, visible in zip(data, self._colours, self._visible, strict=True):
            if not visible:
                continue
            y = values[lo:hi1]
            ok = np.isfinite(y[:-1]) & np.isfinite(y[1:])
            if not ok.any():
                continue
            ops.append(lines_op(colour, x[:-1][ok], y[:-1][ok], x[1:][ok], y[1:][ok],
                                width=self._width))
        return ops
