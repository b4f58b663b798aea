"""Seal times of a session: when each stock locked at its limit, how often the seal opened.

Pure numpy/pandas, vectorised over symbols (a full market of ~5,400 stocks × 241 slots takes a few
milliseconds). Definitions follow ../shared/DOMAIN.md §2 (market conventions, not exchange rules):

- *at the limit* at a slot: the last price equals the limit price, compared in integer fen;
- 首次封板时间 ``first_seal``: first slot at the limit-up price. The opening auction is a virtual
  '09:25' slot whose price is the day's open, so a stock that opened at the limit (and is still there
  in the 09:30 print) shows '09:25', like East Money's "092500";
- 最后封板时间 ``last_seal``: start of the last run at the limit (the run still going on at the
  shown minute when the stock is sealed; otherwise the start of the last run before it broke);
- 炸板次数 ``opens``: how many times the price left the limit after being at it;
- 回封 ``resealed``: opened at least once and at the limit again at the shown minute;
- 炸板 ``broken``: at the limit at some slot but not at the shown minute.

Point in time: only slots up to the shown minute count, so a stock that breaks at 10:40 is sealed
at 10:39 and broken from 10:40. A missing snapshot (NaN or a non-positive price) carries the last
known price forward; a stock with no price yet is at no limit.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from app.market.limits import price_to_fen_array
from app.market.session import AUCTION_TIME, normalise_time

SEAL_COLUMNS: tuple[str, ...] = (
    "at_up", "ever_up", "first_seal", "last_seal", "opens", "resealed", "broken", "up_minutes",
    "first_touch",
    "at_down", "ever_down", "first_down", "last_down", "down_opens",
)


def _aligned(values: pd.Series | Mapping[str, float] | np.ndarray | None,
             symbols: pd.Index) -> np.ndarray:
    """Float array in ``symbols`` order (NaN where unknown)."""
    if values is None:
        return np.full(len(symbols), np.nan)
    if isinstance(values, np.ndarray):
        arr = np.asarray(values, dtype=float)
        if arr.shape != (len(symbols),):
            raise ValueError(f"expected {len(symbols)} values, got shape {arr.shape}")
        return arr
    s = values if isinstance(values, pd.Series) else pd.Series(dict(values), dtype=float)
    return pd.to_numeric(s.reindex(symbols), errors="coerce").to_numpy(dtype=float)


def _fen(prices: np.ndarray) -> np.ndarray:
    """int64 fen of positive finite prices, -1 elsewhere (so it never equals a real limit)."""
    ok = np.isfinite(prices) & (prices > 0)
    return np.where(ok, price_to_fen_array(np.where(ok, prices, 0.0)), -1)


def _ffill_inplace(values: np.ndarray) -> np.ndarray:
    """Forward-fill NaN / non-positive cells down each column (rows = time); cells before a
    column's first valid price become 0 (never a limit price)."""
    ok = np.isfinite(values) & (values > 0)
    if ok.all():
        return values
    bad_cols = ~ok.all(axis=0)
    sub = values[:, bad_cols]
    sub_ok = ok[:, bad_cols]
    rows = np.where(sub_ok, np.arange(sub.shape[0])[:, None], 0)
    np.maximum.accumulate(rows, axis=0, out=rows)
    filled = np.take_along_axis(sub, rows, axis=0)
    # Leading gaps point at row 0; they stay empty when row 0 itself is.
    filled[~np.take_along_axis(sub_ok, rows, axis=0)] = 0.0
    values[:, bad_cols] = filled
    return values


_NO_TIME = None


def _runs(at: np.ndarray, cols: np.ndarray, n_cols: int, labels: np.ndarray
          ) -> dict[str, np.ndarray]:
    """First time, last run start, openings and current state from a T×k boolean 'at the limit'
    of the columns ``cols`` (of ``n_cols``); the other columns were never near the limit."""
    n_rows = at.shape[0]
    ever = np.zeros(n_cols, dtype=bool)
    now = np.zeros(n_cols, dtype=bool)
    first = np.full(n_cols, _NO_TIME, dtype=object)
    last = np.full(n_cols, _NO_TIME, dtype=object)
    opens = np.zeros(n_cols, dtype=np.int64)
    minutes = np.zeros(n_cols, dtype=np.int64)
    if n_rows and len(cols):
        hit = at.any(axis=0)
        sub = at[:, hit]
        cols = cols[hit]
        prev = np.zeros_like(sub)
        prev[1:] = sub[:-1]
        starts = sub & ~prev
        ever[cols] = True
        now[cols] = sub[-1]
        first[cols] = labels[np.argmax(sub, axis=0)]
        last[cols] = labels[n_rows - 1 - np.argmax(starts[::-1], axis=0)]
        opens[cols] = (prev & ~sub).sum(axis=0)
        minutes[cols] = sub[1:].sum(axis=0)   # row 0 is the auction, not a session minute
    return {"ever": ever, "first": first, "last": last, "opens": opens, "now": now,
            "minutes": minutes}


def _near(values: np.ndarray, limit_fen: np.ndarray, above: bool) -> np.ndarray:
    """Columns whose extreme price comes within a fen of the limit: the only ones that need
    exact fen comparison (a cheap float prefilter; the verdict itself is in integer fen)."""
    if values.shape[0] == 0:
        return np.zeros(values.shape[1], dtype=bool)
    if above:
        return (limit_fen > 0) & (values.max(axis=0) * 100.0 + 1.0 >= limit_fen)
    return (limit_fen > 0) & (values.min(axis=0) * 100.0 - 1.0 <= limit_fen)


def seal_times(panel: pd.DataFrame, limit_up: pd.Series | Mapping[str, float] | np.ndarray,
               limit_down: pd.Series | Mapping[str, float] | np.ndarray | None = None,
               open_price: pd.Series | Mapping[str, float] | np.ndarray | None = None,
               upto: str | None = None, high: pd.DataFrame | None = None) -> pd.DataFrame:
    """Seal times and limit states of every symbol in a session panel.

    Parameters
    ----------
    panel
        Last prices, rows = 'HH:MM' slot labels of app.market.session (any subset, any order),
        columns = symbols. It may stop at any minute.
    limit_up, limit_down
        Limit prices in yuan per symbol (Series indexed by symbol, a mapping, or an array in
        ``panel.columns`` order). NaN means unlimited (new listing days): never at a limit.
    open_price
        The day's open (opening-auction price). Where it equals a limit the stock counts as at that
        limit in the virtual '09:25' auction slot.
    upto
        The shown minute; rows after it are ignored (point in time). Default: the whole panel.
    high
        Optional panel of the cumulative day high (same shape). Gives ``first_touch``: the first slot
        whose high reached limit-up, which catches a touch between two snapshots.

    Returns
    -------
    DataFrame indexed by symbol (``panel.columns``) with columns
    at_up, ever_up, first_seal, last_seal, opens, resealed, broken, up_minutes, first_touch,
    at_down, ever_down, first_down, last_down, down_opens. Times are 'HH:MM' strings or None;
    ``up_minutes`` counts session slots (not the auction) at limit-up. ``attrs['time']`` is the last
    slot taken into account.
    """
    symbols = pd.Index(panel.columns)
    n_cols = len(symbols)
    labels = np.array([normalise_time(t) for t in panel.index], dtype=object)
    order = np.argsort(labels.astype(str), kind="stable")
    if upto is not None:
        cut = int(np.searchsorted(labels[order].astype(str), normalise_time(upto), side="right"))
        order = order[:cut]
    labels = labels[order]
    in_order = bool(len(order) == len(panel) and (np.diff(order) > 0).all())

    # The opening auction as a virtual first row priced at the open.
    opens_px = _aligned(open_price, symbols)
    values = np.empty((len(order) + 1, n_cols), dtype=float)
    values[0] = opens_px
    raw = panel.to_numpy(dtype=float, na_value=np.nan)
    values[1:] = raw if in_order else raw[order]
    labels = np.concatenate([np.array([AUCTION_TIME], dtype=object), labels])
    _ffill_inplace(values)

    up_fen = _fen(_aligned(limit_up, symbols))
    down_fen = _fen(_aligned(limit_down, symbols))
    # Unlimited stocks have limit -1 and leading gaps have price 0: neither can ever match.
    up_cols = np.flatnonzero(_near(values, up_fen, above=True))
    down_cols = np.flatnonzero(_near(values, down_fen, above=False))
    up_at = price_to_fen_array(values[:, up_cols]) == up_fen[up_cols]
    up = _runs(up_at, up_cols, n_cols, labels)
    down = _runs(price_to_fen_array(values[:, down_cols]) == down_fen[down_cols],
                 down_cols, n_cols, labels)

    if high is not None:
        h = high.reindex(index=panel.index, columns=symbols).to_numpy(dtype=float, na_value=np.nan)
        hv = np.empty_like(values)
        hv[0] = opens_px
        hv[1:] = h if in_order else h[order]
        _ffill_inplace(hv)
        touch_cols = np.flatnonzero(_near(hv, up_fen, above=True) | up["ever"])
        touch = price_to_fen_array(hv[:, touch_cols]) >= up_fen[touch_cols]
        touch |= price_to_fen_array(values[:, touch_cols]) == up_fen[touch_cols]
        hit = touch.any(axis=0)
        first_touch = np.full(n_cols, _NO_TIME, dtype=object)
        first_touch[touch_cols[hit]] = labels[np.argmax(touch[:, hit], axis=0)]
    else:
        first_touch = up["first"].copy()

    def obj(a: np.ndarray) -> pd.Series:
        return pd.Series(a, index=symbols, dtype=object)

    out = pd.DataFrame({
        "at_up": up["now"],
        "ever_up": up["ever"],
        "first_seal": obj(up["first"]),
        "last_seal": obj(up["last"]),
        "opens": up["opens"],
        "resealed": up["now"] & (up["opens"] > 0),
        "broken": up["ever"] & ~up["now"],
        "up_minutes": up["minutes"],
        "first_touch": obj(first_touch),
        "at_down": down["now"],
        "ever_down": down["ever"],
        "first_down": obj(down["first"]),
        "last_down": obj(down["last"]),
        "down_opens": down["opens"],
    }, index=symbols)
    out.index.name = "symbol"
    out.attrs["time"] = str(labels[-1])
    return out
