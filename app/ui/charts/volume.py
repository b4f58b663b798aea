"""Volume bars from zero, coloured by direction (+1 up, -1 down, 0 flat)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF

from app.ui.charts.batched import BatchedBarsItem, Buckets, Op, rects_op


@dataclass(frozen=True)
class _Vol:
    volume: np.ndarray
    direction: np.ndarray


class VolumeItem(BatchedBarsItem):
    """Bars at x = row/slot number. With ``open``/``close`` given, merged buckets take the direction
    of the merged candle, so the volume pane matches the candles at every zoom; their height is the
    bucket's largest volume."""

    def __init__(self, up: str = "#e03b3b", down: str = "#1f9d55", flat: str = "#8a8a8a", *,
                 hollow_up: bool = False, width: float | None = None,
                 use_picture: bool = False) -> None:
        super().__init__(use_picture=use_picture)
        self._vol = _Vol(np.zeros(0), np.zeros(0, dtype=np.int8))
        self._open: np.ndarray | None = None
        self._close: np.ndarray | None = None
        self._colours = {1: up, -1: down, 0: flat}
        self._hollow_up = hollow_up
        self._width = width

    def set_colours(self, up: str, down: str, flat: str) -> None:
        self._colours = {1: up, -1: down, 0: flat}
        self.invalidate()

    def set_data(self, volume: np.ndarray, direction: np.ndarray, *,
                 open_: np.ndarray | None = None, close: np.ndarray | None = None) -> None:
        v = np.asarray(volume, dtype=np.float64)
        d = np.asarray(direction, dtype=np.int8)
        if v.shape != d.shape:
            raise ValueError("volume and direction must have the same length")
        self._vol = _Vol(v, d)
        self._open = None if open_ is None else np.asarray(open_, dtype=np.float64)
        self._close = None if close is None else np.asarray(close, dtype=np.float64)
        n = int(v.size)
        finite = v[np.isfinite(v)]
        top = float(finite.max()) if finite.size else 1.0
        self._reset(n, QRectF(-0.5, 0.0, max(n, 1), max(top, 1e-9)))

    def _bucket_data(self, b: Buckets) -> _Vol:
        if b.k == 1:
            return self._vol
        # A merged bar shows the bucket's largest volume (an envelope, like the merged candle's
        # high/low), so the y range fitted to the daily volumes still holds at every zoom.
        vol = np.fmax.reduceat(self._vol.volume, b.start)
        last = b.start + b.size - 1
        if self._open is not None and self._close is not None:
            d = np.where(self._close[last] >= self._open[b.start], 1, -1).astype(np.int8)
        else:
            d = np.sign(np.add.reduceat(self._vol.direction.astype(np.int64), b.start)
                        ).astype(np.int8)
        return _Vol(vol, d)

    def _ops(self, b: Buckets, data: object, lo: int, hi: int) -> list[Op]:
        assert isinstance(data, _Vol)
        sl = slice(lo, hi)
        v, d = data.volume[sl], data.direction[sl]
        x = b.centre[sl]
        w = b.width[sl] if self._width is None or b.k > 1 else np.full(x.shape, self._width)
        ok = np.isfinite(v) & (v > 0)
        ops: list[Op] = []
        for key, colour in self._colours.items():
            mask = ok & (d == key)
            if not mask.any():
                continue
            wm = w[mask]
            filled = not (self._hollow_up and key == 1)
            ops.append(rects_op(colour, filled, x[mask] - wm / 2, np.zeros(int(mask.sum())), wm,
                                v[mask]))
        return ops
