"""Shared body of the spot (one cross-section of the whole market) importers.

A spot file is one snapshot: it becomes ``quotes`` rows at (date, time) and, when the snapshot is
the close (15:00), a ``daily`` row per trading stock, so that importing the spot files of several
consecutive days builds the daily history. A suspended stock (最新价 empty, NaN or 0) gets a quote row
with last NULL and volume 0, and no daily bar: no trade is suspended, never a −100 % move.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.ingest.codes import Symbols
from app.ingest.dates import file_date, time_on_grid, trading_day_problem
from app.ingest.errors import IngestError
from app.ingest.frames import Options, Parsed, Source
from app.ingest.table import MISSING, Table, duplicate_check, parsed_for
from app.market.session import CLOSE_TIME, normalise_time

REQUIRED = ("代码", "名称", "最新价", "昨收")


def snapshot_date(src: Source, opts: Options) -> str:
    if opts.date:
        problem = trading_day_problem(opts.date)
        if problem:
            raise IngestError(src.path, None, "--date", problem)
        return opts.date
    d = file_date(src.path)
    if d is None:
        raise IngestError(src.path, None, "--date", "a spot file holds no date: pass --date "
                          "YYYY-MM-DD (or put the date in the file name, e.g. spot_2026-06-02.csv)")
    problem = trading_day_problem(d)
    if problem:
        raise IngestError(src.path, None, "file name", problem)
    return d


def snapshot_time(t: Table, opts: Options, parsed: Parsed) -> str:
    if opts.time:
        raw = opts.time
    elif t.has("时间戳"):
        best = None
        for i, s in enumerate(t.text("时间戳")):
            if s.lower() in MISSING:
                continue
            try:
                hhmm = normalise_time(s.split(" ")[-1])
            except ValueError:
                raise t.error(i, "时间戳", f"{s!r} is not a clock time") from None
            best = hhmm if best is None or hhmm > best else best
        raw = best or CLOSE_TIME
    else:
        raw = CLOSE_TIME
    try:
        on_grid = time_on_grid(raw)
    except ValueError:
        raise IngestError(t.path, None, "--time", f"{raw!r} is not a clock time") from None
    if on_grid != normalise_time(raw):
        parsed.notes.append(f"snapshot time {raw} placed in the {on_grid} slot")
    return on_grid


def _nonzero(a: np.ndarray) -> np.ndarray:
    return np.where(a > 0, a, np.nan)


def build(src: Source, t: Table, opts: Options, fmt: str, syms: Symbols,
          volume_scale: float) -> Parsed:
    parsed = parsed_for(fmt, src, t)
    day = snapshot_date(src, opts)
    time = snapshot_time(t, opts, parsed)
    parsed.params = f"date={day};time={time}"
    duplicate_check(t, [syms.symbol], "代码", "code")

    last = t.number("最新价", required=False, nonneg=True, what="price")
    prev = _nonzero(t.number("昨收", required=False, nonneg=True, what="price"))
    def opt_price(key: str) -> np.ndarray:
        if not t.has(key):
            return np.full(len(t), np.nan)
        return _nonzero(t.number(key, required=False, nonneg=True, what="price"))
    open_, high, low = opt_price("今开"), opt_price("最高"), opt_price("最低")
    if t.has("成交量"):
        volume = t.number("成交量", required=False, nonneg=True, what="volume",
                          scale=t.scale_of("成交量", volume_scale, "volume"))
    else:
        volume = np.full(len(t), np.nan)
    if t.has("成交额"):
        amount = t.number("成交额", required=False, nonneg=True, what="amount",
                          scale=t.scale_of("成交额", 1.0, "amount"))
    else:
        amount = np.full(len(t), np.nan)

    suspended = ~np.isfinite(last) | (last <= 0)
    last = np.where(suspended, np.nan, last)
    volume = np.where(suspended, 0.0, volume)
    amount = np.where(suspended, 0.0, amount)
    open_, high, low = (np.where(suspended, np.nan, a) for a in (open_, high, low))

    keep = ~syms.is_index
    if not keep.all():
        parsed.notes.append(f"{int((~keep).sum())} index rows skipped (a spot file is stocks)")
    names = t.text("名称")

    q = pd.DataFrame({
        "date": day, "time": time, "symbol": syms.symbol, "last": last, "prev_close": prev,
        "open": open_, "high": high, "low": low, "volume": volume, "amount": amount})[keep]
    parsed.add("quotes", q.sort_values("symbol", kind="stable"))
    n_susp = int((suspended & keep).sum())
    if n_susp:
        parsed.notes.append(f"{n_susp} suspended (no trade: last stored as NULL, volume 0)")

    if time == CLOSE_TIME:
        d = pd.DataFrame({
            "date": day, "symbol": syms.symbol, "open": open_, "high": high, "low": low,
            "close": last, "prev_close": prev, "volume": volume, "amount": amount})
        parsed.add("daily", d[keep & ~suspended])
    else:
        parsed.notes.append(f"intraday snapshot ({time}): no daily bar written")

    float_shares = np.full(len(t), np.nan)
    total_shares = np.full(len(t), np.nan)
    ref = np.where(suspended, prev, last)
    ok = np.isfinite(ref) & (ref > 0)
    if t.has("流通市值"):
        cap = t.number("流通市值", required=False, nonneg=True, what="market value")
        float_shares = np.where(ok, np.round(cap / np.where(ok, ref, 1.0)), np.nan)
    if t.has("总市值"):
        cap = t.number("总市值", required=False, nonneg=True, what="market value")
        total_shares = np.where(ok, np.round(cap / np.where(ok, ref, 1.0)), np.nan)
    has_name = np.array([bool(n) and n.lower() not in ("nan", "none") for n in names], dtype=bool)
    stocks = pd.DataFrame({
        "symbol": syms.symbol, "code": syms.code, "market": syms.market, "board": syms.board,
        "name": np.where(has_name, names, None), "float_shares": float_shares,
        "total_shares": total_shares})[keep]
    parsed.add("stocks", stocks)
    parsed.add("names", pd.DataFrame({"symbol": syms.symbol, "date": day,
                                      "name": names})[keep & has_name])
    return parsed
