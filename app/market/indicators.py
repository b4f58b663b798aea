"""Chart indicators: moving averages, the intraday average-price line, percent changes.

Pure numpy: arrays in, float64 arrays out, NaN where a value is undefined. No Qt, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

MA_WINDOWS: tuple[int, ...] = (5, 10, 20, 60)


def _as_float(values: Iterable[float] | np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def moving_average(values: Iterable[float] | np.ndarray, window: int) -> np.ndarray:
    """Simple moving average over ``window`` bars, aligned to the window's last bar.

    Parameters
    ----------
    values
        Closes (or any series), oldest first.
    window
        Number of bars, >= 1.

    Returns
    -------
    numpy.ndarray
        Same length as ``values``; the first ``window - 1`` entries are NaN, as is every window
        that contains a NaN (a terminal does not draw MA5 until it has five closes).
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    v = _as_float(values)
    out = np.full(v.shape, np.nan)
    if v.size >= window:
        # Summing each window directly (not a running cumsum) keeps one NaN from poisoning the rest
        # of the series and keeps the sums exact to the last digit over decades of bars.
        out[window - 1:] = sliding_window_view(v, window).mean(axis=1)
    return out


def moving_averages(close: Iterable[float] | np.ndarray,
                    windows: Iterable[int] = MA_WINDOWS) -> dict[int, np.ndarray]:
    """``{window: moving_average(close, window)}`` for each window (default MA5/10/20/60)."""
    c = _as_float(close)
    return {w: moving_average(c, w) for w in windows}


def average_price(amount: Iterable[float] | np.ndarray,
                  volume: Iterable[float] | np.ndarray) -> np.ndarray:
    """Intraday average-price line from per-minute amount (yuan) and volume (shares).

    ``avg[i] = sum(amount[:i+1]) / sum(volume[:i+1])``; NaN until the first traded share.
    Only meaningful where amount / volume is a price (a stock): for an index the ratio is yuan per
    share, not index points; use ``volume_weighted_level`` there.
    """
    a = np.nan_to_num(_as_float(amount), nan=0.0)
    v = np.nan_to_num(_as_float(volume), nan=0.0)
    return average_price_from_cumulative(np.cumsum(a), np.cumsum(v))


def volume_weighted_level(level: Iterable[float] | np.ndarray,
                          volume: Iterable[float] | np.ndarray) -> np.ndarray:
    """An index's average line in index points: ``sum(level·volume) / sum(volume)`` so far.

    Where nothing has traded yet the level itself is used, so the line starts at the first print.
    """
    lv = _as_float(level)
    v = np.nan_to_num(_as_float(volume), nan=0.0)
    cum_v = np.cumsum(v)
    cum_lv = np.cumsum(np.nan_to_num(lv) * v)
    out = lv.copy()
    ok = cum_v > 0
    out[ok] = cum_lv[ok] / cum_v[ok]
    return out


def average_price_from_cumulative(cum_amount: Iterable[float] | np.ndarray,
                                  cum_volume: Iterable[float] | np.ndarray) -> np.ndarray:
    """Average price from cumulative amount and volume (as snapshot quotes carry them)."""
    a = _as_float(cum_amount)
    v = _as_float(cum_volume)
    out = np.full(a.shape, np.nan)
    ok = np.isfinite(a) & np.isfinite(v) & (v > 0)
    out[ok] = a[ok] / v[ok]
    return out


def per_minute(cumulative: Iterable[float] | np.ndarray) -> np.ndarray:
    """Per-slot increments of a cumulative series (volume or amount snapshots).

    NaN slots carry the previous cumulative value forward (no trade, no increment); a decrease —
    a vendor's correction — is clipped to zero rather than drawn as a negative bar.
    """
    c = _as_float(cumulative)
    if c.size == 0:
        return c.copy()
    filled = c.copy()
    mask = np.isnan(filled)
    if mask.any():
        idx = np.where(~mask, np.arange(filled.size), 0)
        np.maximum.accumulate(idx, out=idx)
        filled = filled[idx]
        filled[np.isnan(filled)] = 0.0
    out = np.diff(filled, prepend=0.0)
    return np.clip(out, 0.0, None)


def pct_change(values: Iterable[float] | np.ndarray, base: float) -> np.ndarray:
    """Percent change of ``values`` against one base (the previous close): ``(v/base-1)*100``."""
    v = _as_float(values)
    if not np.isfinite(base) or base == 0:
        return np.full(v.shape, np.nan)
    return (v / base - 1.0) * 100.0


def pct_change_series(close: Iterable[float] | np.ndarray,
                      first_base: float | None = None) -> np.ndarray:
    """Bar-on-bar percent change of a close series; the first bar against ``first_base``
    (or NaN)."""
    c = _as_float(close)
    prev = np.empty_like(c)
    if c.size:
        prev[0] = np.nan if first_base is None else float(first_base)
        prev[1:] = c[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (c / prev - 1.0) * 100.0
    out[~np.isfinite(out)] = np.nan
    return out


def direction(values: Iterable[float] | np.ndarray, first_base: float | None = None) -> np.ndarray:
    """+1 / 0 / -1 per element against the previous element (the first against ``first_base``).

    Colours the intraday volume bars: red for a minute whose price rose, green for one that fell.
    NaNs compare as flat.
    """
    v = _as_float(values)
    prev = np.empty_like(v)
    if v.size:
        prev[0] = v[0] if first_base is None else float(first_base)
        prev[1:] = v[:-1]
    with np.errstate(invalid="ignore"):
        d = np.sign(v - prev)
    d[~np.isfinite(d)] = 0
    return d.astype(np.int8)


def symmetric_range(values: Iterable[float] | np.ndarray, base: float, *,
                    pad: float = 0.05, min_pct: float = 0.2) -> tuple[float, float]:
    """A y range centred on ``base`` wide enough for every finite value, as terminals draw the
    intraday chart: ``base ± max|v - base| * (1 + pad)``, never narrower than ``±min_pct`` %."""
    v = _as_float(values)
    v = v[np.isfinite(v)]
    half = float(np.max(np.abs(v - base))) if v.size else 0.0
    half = max(half * (1.0 + pad), abs(base) * min_pct / 100.0)
    if half == 0.0:
        half = 1.0
    return base - half, base + half
