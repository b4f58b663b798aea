"""Base of the candle, volume and MA items: level-of-detail buckets drawn in cached chunks.

Why: a K-line of 8,000+ bars must pan and zoom within a frame. Each chunk of ``CHUNK`` buckets is
turned once into a few primitive batches — one ``drawRects`` / ``drawLines`` call per colour, backed
by numpy memory (a single big QPainterPath is very slow to fill in Qt's raster engine) — and a paint
only draws the chunks that intersect the view. Where bars get narrower than ``MIN_BUCKET_PX``
pixels, consecutive bars are merged into buckets of 2, 4, 8, … bars (OHLC of the bucket), so a fully
zoomed-out history draws a few hundred candles instead of thousands of sub-pixel ones.

The cached batches are replayed directly rather than through a recorded QPicture: measured on a
256-candle chunk at 1600×900, ``QPicture.play`` took 0.73 ms against 0.23 ms for the same
``drawRects``/``drawLines`` calls. ``use_picture=True`` records a QPicture per chunk instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt import internals
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPen, QPicture

CHUNK = 64
MIN_BUCKET_PX = 2.0
BODY_WIDTH = 0.8


@dataclass(frozen=True)
class Buckets:
    """Bars merged ``k`` at a time: bucket ``j`` covers rows ``start[j]`` to
    ``start[j] + size[j] - 1``."""

    k: int
    start: np.ndarray
    size: np.ndarray

    @property
    def centre(self) -> np.ndarray:
        return self.start + (self.size - 1) / 2.0

    @property
    def width(self) -> np.ndarray:
        return self.size * BODY_WIDTH

    def __len__(self) -> int:
        return int(self.start.size)


def make_buckets(n: int, k: int) -> Buckets:
    start = np.arange(0, n, k, dtype=np.int64)
    size = np.minimum(start + k, n) - start
    return Buckets(k, start, size)


def level_for(bars_per_pixel: float) -> int:
    """Bucket size (a power of two) so that one bucket is at least ``MIN_BUCKET_PX`` wide."""
    if not math.isfinite(bars_per_pixel) or bars_per_pixel <= 0:
        return 1
    need = bars_per_pixel * MIN_BUCKET_PX
    if need <= 1.0:
        return 1
    return 1 << math.ceil(math.log2(need))


def rect_array(x0: np.ndarray, y0: np.ndarray, w: np.ndarray, h: np.ndarray
               ) -> internals.PrimitiveArray:
    """QRectF batch backed by numpy memory (no Python object per rectangle)."""
    arr = internals.PrimitiveArray(QRectF, 4)
    arr.resize(int(x0.size))
    m = arr.ndarray()
    m[:, 0], m[:, 1], m[:, 2], m[:, 3] = x0, y0, w, h
    return arr


def line_array(x1: np.ndarray, y1: np.ndarray, x2: np.ndarray, y2: np.ndarray
               ) -> internals.PrimitiveArray:
    arr = internals.PrimitiveArray(QLineF, 4)
    arr.resize(int(x1.size))
    m = arr.ndarray()
    m[:, 0], m[:, 1], m[:, 2], m[:, 3] = x1, y1, x2, y2
    return arr


@dataclass(frozen=True)
class Op:
    """One batched draw call: ``kind`` is 'rects' or 'lines'."""

    kind: str
    pen: QPen
    brush: QBrush | None
    prims: internals.PrimitiveArray

    def draw(self, p: QPainter) -> None:
        if not len(self.prims):
            return
        p.setPen(self.pen)
        if self.brush is not None:
            p.setBrush(self.brush)
        if self.kind == "rects":
            p.drawRects(*self.prims.drawargs())
        else:
            p.drawLines(*self.prims.drawargs())


def rects_op(colour: str, filled: bool, x0: np.ndarray, y0: np.ndarray, w: np.ndarray,
             h: np.ndarray) -> Op:
    brush = pg.mkBrush(colour) if filled else QBrush()  # QBrush() is Qt.NoBrush
    return Op("rects", pg.mkPen(colour, width=1), brush, rect_array(x0, y0, w, h))


def lines_op(colour: str, x1: np.ndarray, y1: np.ndarray, x2: np.ndarray, y2: np.ndarray,
             width: float = 1.0) -> Op:
    return Op("lines", pg.mkPen(colour, width=width), None, line_array(x1, y1, x2, y2))


class BatchedBarsItem(pg.GraphicsObject):
    """A GraphicsObject over rows 0..n-1 that paints per-chunk cached primitive batches.

    Subclasses implement ``_bucket_data(buckets)`` (aggregate their arrays once per level) and
    ``_ops(buckets, level_data, lo, hi)`` (the draw batches of buckets ``lo:hi``), and call
    ``_reset(n, bounds)`` when their data changes.
    """

    def __init__(self, *, use_picture: bool = False) -> None:
        super().__init__()
        self._n = 0
        self._bounds = QRectF()
        self._levels: dict[int, tuple[Buckets, object]] = {}
        self._chunks: dict[tuple[int, int], list[Op] | QPicture] = {}
        self._fixed_level: int | None = None
        self._use_picture = use_picture
        self.last_level = 1

    # -- subclass hooks ---------------------------------------------------------------------------
    def _bucket_data(self, buckets: Buckets) -> object:  # pragma: no cover - abstract
        raise NotImplementedError

    def _ops(self, buckets: Buckets, data: object, lo: int, hi: int
             ) -> list[Op]:  # pragma: no cover - abstract
        raise NotImplementedError

    # -- cache -------------------------------------------------------------------------------------
    def _reset(self, n: int, bounds: QRectF) -> None:
        self.prepareGeometryChange()
        self._n = n
        self._bounds = bounds
        self._levels.clear()
        self._chunks.clear()
        self.update()

    def invalidate(self) -> None:
        """Drop the cached batches (after a colour change)."""
        self._chunks.clear()
        self.update()

    def set_fixed_level(self, k: int | None) -> None:
        """Force a bucket size (1 = never merge bars); None chooses by zoom."""
        self._fixed_level = k
        self.update()

    def _level(self, k: int) -> tuple[Buckets, object]:
        got = self._levels.get(k)
        if got is None:
            buckets = make_buckets(self._n, k)
            got = (buckets, self._bucket_data(buckets))
            self._levels[k] = got
        return got

    def chunk_count(self, k: int) -> int:
        return (math.ceil(self._n / k) + CHUNK - 1) // CHUNK if self._n else 0

    def pending_chunks(self, max_level: int) -> list[tuple[int, int]]:
        """Chunks not built yet for levels 2, 4, … ``max_level`` and then 1 (newest first), the
        order in which an idle warm-up builds them."""
        keys: list[tuple[int, int]] = []
        k = 2
        while k <= max_level:
            keys += [(k, c) for c in range(self.chunk_count(k))]
            k *= 2
        keys += [(1, c) for c in reversed(range(self.chunk_count(1)))]
        return [key for key in keys if key not in self._chunks]

    def build_chunk(self, k: int, chunk: int) -> None:
        """Build (and cache) one chunk now; used by the idle warm-up."""
        self._chunk(k, chunk)

    def _chunk(self, k: int, chunk: int) -> list[Op] | QPicture:
        got = self._chunks.get((k, chunk))
        if got is None:
            buckets, data = self._level(k)
            lo = chunk * CHUNK
            hi = min(lo + CHUNK, len(buckets))
            ops = self._ops(buckets, data, lo, hi)
            if self._use_picture:
                pic = QPicture()
                painter = QPainter(pic)
                try:
                    for op in ops:
                        op.draw(painter)
                finally:
                    painter.end()
                got = pic
            else:
                got = ops
            self._chunks[(k, chunk)] = got
        return got

    # -- QGraphicsItem ----------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def paint(self, p: QPainter, *args: object) -> None:
        if self._n == 0:
            return
        view = self.viewRect()
        if view is None:
            x0, x1 = 0.0, float(self._n - 1)
            px = 1.0
        else:
            x0, x1 = view.left(), view.right()
            px = self.pixelWidth() or 1.0
        k = self._fixed_level or level_for(px)
        self.last_level = k
        first = max(0, int(math.floor(x0)) - 1)
        last = min(self._n - 1, int(math.ceil(x1)) + 1)
        if last < first:
            return
        # Only the chunks under the view are drawn (and built on first use).
        for c in range((first // k) // CHUNK, (last // k) // CHUNK + 1):
            got = self._chunk(k, c)
            if isinstance(got, QPicture):
                got.play(p)
            else:
                for op in got:
                    op.draw(p)
