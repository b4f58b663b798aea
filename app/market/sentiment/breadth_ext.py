"""Breadth beyond the terminals, session over session, from daily bars.

One vectorised pass over the whole daily table pivoted to date × symbol arrays (no loop per stock):

- advancers / decliners / unchanged: close above / below / equal to prev_close, compared in fen,
  over stocks that traded (a close > 0, volume not 0); prev_close falls back to the previous
  traded close where missing;
- advance-decline line ``ad_line``: cumulative sum of (adv − dec) from the first session held;
- McClellan oscillator: EMA19 − EMA39 of the ratio-adjusted net advances
  ``rana = 1000 × (adv − dec) / (adv + dec)`` (0 on a day with neither). EMA(n) uses
  α = 2 / (n + 1) and is seeded with the first session's value: e₀ = x₀, eₜ = eₜ₋₁ + α (xₜ − eₜ₋₁);
- % of stocks above their MA20 / MA50 / MA200: close above the mean of the last n closes
  (today included), over stocks trading today that have been listed for n sessions of the history;
- new n-day highs minus lows (n = 20, 60, 250): a close strictly above the highest (below the
  lowest) close of the previous n − 1 sessions, over stocks trading today listed for n sessions.

Prices for the moving averages and highs/lows are a return index ∏ close / prev_close, so an
ex-dividend drop (where prev_close is the exchange's ex-rights reference price) is not a fall; a
suspended stock carries its last value. The first sessions of the history have too little behind
them for the long windows: those figures are NaN, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.market.limits import price_to_fen_array

MA_WINDOWS: tuple[int, ...] = (20, 50, 200)
HIGH_LOW_WINDOWS: tuple[int, ...] = (20, 60, 250)
MCCLELLAN_FAST = 19
MCCLELLAN_SLOW = 39
RANA_SCALE = 1000.0
_REL_TOL = 1e-9        # float noise of the return index must not make a new high


def _iso_dates(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, sorted ISO dates) of a date column of ISO strings or YYYYMMDD ints/strings."""
    codes, uniques = _codes(values)
    u = pd.Series(uniques).astype(str).str.replace(r"\.0$", "", regex=True)
    if not u.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all():
        u = pd.to_datetime(u, format="mixed").dt.strftime("%Y-%m-%d")
    # spellings of one date (20230220, '2023-02-20') collapse onto one row
    dates, inverse = np.unique(u.to_numpy(dtype=str), return_inverse=True)
    return inverse[codes], dates.astype(object)


def ema(values: np.ndarray, span: int) -> np.ndarray:
    """EMA with α = 2 / (span + 1), seeded with the first value."""
    x = np.asarray(values, dtype=float)
    out = np.empty_like(x)
    if not len(x):
        return out
    alpha = 2.0 / (span + 1.0)
    acc = x[0]
    for i, v in enumerate(x):
        acc = v if i == 0 else acc + alpha * (v - acc)
        out[i] = acc
    return out


def _shift(a: np.ndarray, k: int, fill: float) -> np.ndarray:
    """Rows moved down by k (row t holds row t − k), ``fill`` above."""
    out = np.full_like(a, fill)
    if 0 < k < a.shape[0]:
        out[k:] = a[:-k]
    elif k == 0:
        out[:] = a
    return out


def _rolling(a: np.ndarray, w: int, fn, fill: float) -> np.ndarray:
    """fn-extreme over rows [t − w + 1, t] by doubling (log2 w array operations); ``fill`` must be
    fn's identity (−inf for maximum, +inf for minimum)."""
    m, buf, p = a.copy(), np.empty_like(a), 1
    while p * 2 <= w:
        fn(m[p:], m[:-p], out=buf[p:])
        buf[:p] = m[:p]
        m, buf = buf, m
        p *= 2
    k = w - p
    if k:
        fn(m[k:], m[:-k], out=buf[k:])
        buf[:k] = m[:k]
        m = buf
    return m


def _codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize, fast on frames sorted by the column: only the first value of each run of
    equal values is hashed (a store reads daily bars in (symbol, date) order)."""
    v = values.to_numpy()
    if len(v) < 2 or v.dtype != object:
        return pd.factorize(v)
    start = np.empty(len(v), dtype=bool)
    start[0] = True
    start[1:] = v[1:] != v[:-1]
    run_codes, uniques = pd.factorize(v[start])
    return run_codes[np.cumsum(start) - 1], uniques


def _grid(daily: pd.DataFrame) -> tuple[np.ndarray, pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """(dates, symbols, close, ref, traded) as date × symbol arrays; ref is prev_close, else the
    previous traded close."""
    d_codes, dates = _iso_dates(daily["date"])
    s_codes, symbols = _codes(daily["symbol"])
    n_d, n_s = len(dates), len(symbols)
    close = np.full((n_d, n_s), np.nan)
    ref = np.full((n_d, n_s), np.nan)
    close[d_codes, s_codes] = pd.to_numeric(daily["close"], errors="coerce").to_numpy(dtype=float)
    ref[d_codes, s_codes] = pd.to_numeric(daily["prev_close"], errors="coerce").to_numpy(dtype=float)
    traded = np.isfinite(close) & (close > 0)
    if "volume" in daily.columns:
        vol = np.full((n_d, n_s), np.nan)
        vol[d_codes, s_codes] = pd.to_numeric(daily["volume"], errors="coerce").to_numpy(dtype=float)
        traded &= ~(vol == 0)
    last_close = np.where(traded, close, np.nan)
    rows = np.where(traded, np.arange(n_d)[:, None], -1)
    np.maximum.accumulate(rows, axis=0, out=rows)
    carried = np.where(rows >= 0, np.take_along_axis(last_close, np.maximum(rows, 0), axis=0), np.nan)
    ref = np.where(np.isfinite(ref) & (ref > 0), ref, _shift(carried, 1, np.nan))
    return dates, pd.Index(symbols, dtype=object), close, ref, traded


def _moves(close: np.ndarray, ref: np.ndarray, traded: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(adv, dec, unch counts along the last axis, has_ref, r = close / ref or 1)."""
    has_ref = traded & np.isfinite(ref) & (ref > 0)
    close_f = price_to_fen_array(np.where(has_ref, close, 0.0))
    ref_f = price_to_fen_array(np.where(has_ref, ref, 0.0))
    adv = (has_ref & (close_f > ref_f)).sum(axis=-1)
    dec = (has_ref & (close_f < ref_f)).sum(axis=-1)
    unch = (has_ref & (close_f == ref_f)).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(has_ref, close / np.where(has_ref, ref, 1.0), 1.0)
    return adv, dec, unch, has_ref, r


def _rana(adv: np.ndarray, dec: np.ndarray) -> np.ndarray:
    total = adv + dec
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(total > 0, RANA_SCALE * (adv - dec) / np.maximum(total, 1), 0.0)


def _pct(mask_count: np.ndarray, elig: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(elig > 0, mask_count * 100.0 / np.maximum(elig, 1), np.nan)


def breadth_history(daily: pd.DataFrame) -> pd.DataFrame:
    """Breadth per session of a long daily frame (date, symbol, close, prev_close[, volume]).

    Returns a frame indexed by date ('YYYY-MM-DD', ascending) with ``BREADTH_COLUMNS``: traded,
    adv, dec, unch, ad_line, rana, ema19, ema39, mcclellan, above_ma{n} (percent) and
    eligible_ma{n} for ``MA_WINDOWS``, new_high_{n}, new_low_{n}, nh_nl_{n} and eligible_hl_{n}
    for ``HIGH_LOW_WINDOWS``.
    """
    if daily.empty:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in BREADTH_COLUMNS},
                            index=pd.Index([], name="date", dtype=object))
    return _history(*_grid(daily))[0]


def _history(dates: np.ndarray, symbols: pd.Index, close: np.ndarray, ref: np.ndarray,
             traded: np.ndarray) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    adv, dec, unch, has_ref, r = _moves(close, ref, traded)
    rana = _rana(adv, dec)
    e_fast, e_slow = ema(rana, MCCLELLAN_FAST), ema(rana, MCCLELLAN_SLOW)
    out: dict[str, np.ndarray] = {
        "traded": traded.sum(axis=1), "adv": adv, "dec": dec, "unch": unch,
        "ad_line": np.cumsum(adv - dec), "rana": rana, "ema19": e_fast, "ema39": e_slow,
        "mcclellan": e_fast - e_slow,
    }
    # Return index: ∏ close/ref over traded days (1 before listing and through suspensions).
    listed = np.maximum.accumulate(traded, axis=0)
    idx = np.cumprod(r, axis=0)
    age = np.cumsum(listed, axis=0)           # sessions since the first traded one, inclusive
    val = np.where(listed, idx, 0.0)
    csum = np.cumsum(val, axis=0)
    for n in MA_WINDOWS:
        ok = traded & (age >= n)
        ma = (csum - _shift(csum, n, 0.0)) / n
        elig = ok.sum(axis=1)
        out[f"above_ma{n}"] = _pct((ok & (idx > ma * (1 + _REL_TOL))).sum(axis=1), elig)
        out[f"eligible_ma{n}"] = elig
    hi_src = np.where(listed, idx, -np.inf)
    lo_src = np.where(listed, idx, np.inf)
    for n in HIGH_LOW_WINDOWS:
        ok = traded & (age >= n)
        prev_max = _shift(_rolling(hi_src, n - 1, np.maximum, -np.inf), 1, -np.inf)
        prev_min = _shift(_rolling(lo_src, n - 1, np.minimum, np.inf), 1, np.inf)
        _highs_lows(out, n, ok, idx, prev_max, prev_min)
    frame = pd.DataFrame(out, index=pd.Index(dates.astype(object), name="date"))[list(BREADTH_COLUMNS)]
    keep = max(max(MA_WINDOWS), max(HIGH_LOW_WINDOWS)) - 1
    last = np.where(np.isfinite(close) & traded, close, np.nan)
    rows = np.where(traded, np.arange(len(dates))[:, None], -1).max(axis=0)
    state = {"val": val[-keep:], "idx": idx[-1] if len(idx) else np.ones(len(symbols)),
             "listed": listed[-1] if len(idx) else np.zeros(len(symbols), dtype=bool),
             "age": age[-1] if len(idx) else np.zeros(len(symbols), dtype=np.int64),
             "last_close": np.where(rows >= 0, last[np.maximum(rows, 0), np.arange(len(symbols))],
                                    np.nan)}
    return frame, state


def _highs_lows(out: dict[str, np.ndarray], n: int, ok: np.ndarray, idx: np.ndarray,
                prev_max: np.ndarray, prev_min: np.ndarray) -> None:
    nh = (ok & (idx > prev_max * (1 + _REL_TOL))).sum(axis=-1)
    nl = (ok & (idx < prev_min * (1 - _REL_TOL))).sum(axis=-1)
    elig = ok.sum(axis=-1)
    has = elig > 0
    out[f"new_high_{n}"] = np.where(has, nh, np.nan)
    out[f"new_low_{n}"] = np.where(has, nl, np.nan)
    out[f"nh_nl_{n}"] = np.where(has, nh - nl, np.nan)
    out[f"eligible_hl_{n}"] = elig


BREADTH_COLUMNS: tuple[str, ...] = (
    "traded", "adv", "dec", "unch", "ad_line", "rana", "ema19", "ema39", "mcclellan",
    *[c for n in MA_WINDOWS for c in (f"above_ma{n}", f"eligible_ma{n}")],
    *[c for n in HIGH_LOW_WINDOWS for c in (f"new_high_{n}", f"new_low_{n}", f"nh_nl_{n}",
                                            f"eligible_hl_{n}")],
)


@dataclass(frozen=True)
class BreadthBase:
    """``breadth_history`` of the sessions before a date plus what the next session's row needs
    (per symbol: the last return-index value, listing age, last traded close, and the trailing
    window of values), so a replayed minute costs one row, not the whole table."""

    frame: pd.DataFrame
    symbols: pd.Index
    state: dict[str, np.ndarray]


def breadth_base(daily: pd.DataFrame) -> BreadthBase:
    if daily.empty:
        return BreadthBase(breadth_history(daily), pd.Index([], dtype=object), {})
    dates, symbols, close, ref, traded = _grid(daily)
    frame, state = _history(dates, symbols, close, ref, traded)
    return BreadthBase(frame, symbols, state)


def breadth_next(base: BreadthBase, date: str, today: pd.DataFrame) -> pd.DataFrame:
    """``base.frame`` plus the row of ``date`` from ``today`` (long rows: symbol, close,
    prev_close[, volume]); equal to ``breadth_history`` of the history and today together."""
    if not base.state:
        return breadth_history(today.assign(date=date))
    t = today.drop_duplicates("symbol", keep="last")
    symbols = base.symbols.append(pd.Index(t["symbol"].astype(object)).difference(base.symbols))
    n_old, n_s = len(base.symbols), len(symbols)
    pos = symbols.get_indexer(t["symbol"].astype(object))
    close = np.full(n_s, np.nan)
    ref = np.full(n_s, np.nan)
    close[pos] = pd.to_numeric(t["close"], errors="coerce").to_numpy(dtype=float)
    ref[pos] = pd.to_numeric(t["prev_close"], errors="coerce").to_numpy(dtype=float)
    traded = np.isfinite(close) & (close > 0)
    if "volume" in t.columns:
        vol = np.full(n_s, np.nan)
        vol[pos] = pd.to_numeric(t["volume"], errors="coerce").to_numpy(dtype=float)
        traded &= ~(vol == 0)

    def grow(a: np.ndarray, fill: float | bool | int) -> np.ndarray:
        extra = np.full((*a.shape[:-1], n_s - n_old), fill, dtype=a.dtype)
        return np.concatenate([a, extra], axis=-1)

    st = base.state
    last_close = grow(st["last_close"], np.nan)
    ref = np.where(np.isfinite(ref) & (ref > 0), ref, last_close)
    adv, dec, unch, has_ref, r = _moves(close, ref, traded)
    prev = base.frame.iloc[-1]
    rana = float(_rana(np.asarray(adv), np.asarray(dec)))
    a_f, a_s = 2.0 / (MCCLELLAN_FAST + 1), 2.0 / (MCCLELLAN_SLOW + 1)
    e_fast = prev["ema19"] + a_f * (rana - prev["ema19"])
    e_slow = prev["ema39"] + a_s * (rana - prev["ema39"])
    out: dict[str, float] = {"traded": int(traded.sum()), "adv": int(adv), "dec": int(dec),
                             "unch": int(unch), "ad_line": int(prev["ad_line"] + adv - dec),
                             "rana": rana, "ema19": e_fast, "ema39": e_slow,
                             "mcclellan": e_fast - e_slow}
    listed = grow(st["listed"], False) | traded
    idx = grow(st["idx"], 1.0) * r
    age = grow(st["age"], 0) + listed
    vals = grow(st["val"], 0.0)                      # the previous sessions, oldest first
    val = np.where(listed, idx, 0.0)
    listed_rows = vals != 0.0                          # listed sessions hold a positive value
    for n in MA_WINDOWS:
        ok = traded & (age >= n)
        ma = (vals[len(vals) - (n - 1):].sum(axis=0) + val) / n if n > 1 else val
        elig = int(ok.sum())
        out[f"above_ma{n}"] = float(_pct(np.asarray((ok & (idx > ma * (1 + _REL_TOL))).sum()),
                                         np.asarray(elig)))
        out[f"eligible_ma{n}"] = elig
    for n in HIGH_LOW_WINDOWS:
        ok = traded & (age >= n)
        win = vals[max(len(vals) - (n - 1), 0):]
        lr = listed_rows[max(len(vals) - (n - 1), 0):]
        prev_max = np.where(lr, win, -np.inf).max(axis=0) if len(win) else np.full(n_s, -np.inf)
        prev_min = np.where(lr, win, np.inf).min(axis=0) if len(win) else np.full(n_s, np.inf)
        res: dict[str, np.ndarray] = {}
        _highs_lows(res, n, ok, idx, prev_max, prev_min)
        out.update({k: float(v) for k, v in res.items()})
    row = pd.DataFrame([out], index=pd.Index([str(date)], name="date", dtype=object))
    return pd.concat([base.frame, row[list(BREADTH_COLUMNS)].astype(base.frame.dtypes.to_dict())
                      if len(base.frame) else row[list(BREADTH_COLUMNS)]])
