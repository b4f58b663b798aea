"""Candlestick item: red up candles hollow (outline only), green down ones filled, as terminals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QRectF

from app.ui.charts.batched import BatchedBarsItem, Buckets, Op, lines_op, rects_op


@dataclass(frozen=True)
class _Ohlc:
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray


class CandleItem(BatchedBarsItem):
    """Candles at x = row number. A bar with close >= open counts as up."""

    def __init__(self, up: str = "#e03b3b", down: str = "#1f9d55", *,
                 hollow_up: bool = True, use_picture: bool = False) -> None:
        super().__init__(use_picture=use_picture)
        self._ohlc = _Ohlc(*(np.zeros(0) for _ in range(4)))
        self._up, self._down = up, down
        self._hollow_up = hollow_up

    def set_colours(self, up: str, down: str) -> None:
        self._up, self._down = up, down
        self.invalidate()

    def set_data(self, open_: np.ndarray, high: np.ndarray, low: np.ndarray,
                 close: np.ndarray) -> None:
        o, h, lo, c = (np.asarray(a, dtype=np.float64) for a in (open_, high, low, close))
        if not (o.shape == h.shape == lo.shape == c.shape):
            raise ValueError("open, high, low and close must have the same length")
        self._ohlc = _Ohlc(o, h, lo, c)
        n = int(c.size)
        finite = np.isfinite(lo) & np.isfinite(h)
        if finite.any():
            ymin, ymax = float(lo[finite].min()), float(h[finite].max())
        else:
            ymin, ymax = 0.0, 1.0
        self._reset(n, QRectF(-0.5, ymin, max(n, 1), max(ymax - ymin, 1e-9)))

    def _bucket_data(self, b: Buckets) -> _Ohlc:
        d = self._ohlc
        if b.k == 1:
            return d
        last = b.start + b.size - 1
        return _Ohlc(d.open[b.start], np.fmax.reduceat(d.high, b.start),
                     np.fmin.reduceat(d.low, b.start), d.close[last])

    def _ops(self, b: Buckets, data: object, lo: int, hi: int) -> list[Op]:
        assert isinstance(data, _Ohlc)
        sl = slice(lo, hi)
        o, h, l_, c = data.open[sl], data.high[sl], data.low[sl], data.close[sl]
        x, w = b.centre[sl], b.width[sl]
        ok = np.isfinite(o) & np.isfinite(h) & np.isfinite(l_) & np.isfinite(c)
        up = ok & (c >= o)
        down = ok & (c < o)
        top = np.fmax(o, c)
        bottom = np.fmin(o, c)
        ops: list[Op] = []
        for mask, colour, filled in ((up, self._up, not self._hollow_up),
                                     (down, self._down, True)):
            if not mask.any():
                continue
            xm, wm = x[mask], w[mask]
            # Wicks stop at the body so a hollow candle stays empty inside.
            xs = np.concatenate([xm, xm])
            ops.append(lines_op(colour, xs, np.concatenate([h[mask], bottom[mask]]),
                                xs, np.concatenate([top[mask], l_[mask]])))
            ops.append(rects_op(colour, filled, xm - wm / 2, bottom[mask], wm,
                                top[mask] - bottom[mask]))
        return ops
