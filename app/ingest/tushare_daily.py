"""Tushare ``daily`` [27] (and ``index_daily``, same columns): one bar per ts_code and trade_date.

Columns: ts_code (000001.SZ), trade_date (YYYYMMDD), open, high, low, close, pre_close (the
exchange's ex-rights reference), change, pct_chg, vol (**手** → ×100 shares), amount (**千元** →
×1000 yuan).
Index codes (000001.SH, 399006.SZ) go to index_daily, stocks to daily.
"""

from __future__ import annotations

import numpy as np

from app.ingest.codes import symbol_column
from app.ingest.daily_common import add_bars, prices
from app.ingest.dates import date_column
from app.ingest.frames import Options, Parsed, Source
from app.ingest.table import parsed_for, read_table

NAME = "tushare_daily"


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("ts_code", "trade_date", "close", "vol", "amount")
    parsed = parsed_for(NAME, src, t)
    syms = symbol_column(t, "ts_code")
    dates = date_column(t, "trade_date")
    o, h, low, c = prices(t)
    pre = t.number("pre_close", required=False, nonneg=True, what="price") if t.has("pre_close") \
        else np.full(len(t), np.nan)
    vol = t.number("vol", required=True, nonneg=True, what="volume",
                   scale=t.scale_of("vol", 100.0, "volume"))
    amt = t.number("amount", required=True, nonneg=True, what="amount",
                   scale=t.scale_of("amount", 1000.0, "amount"))
    add_bars(parsed, t, syms, dates, {
        "open": o, "high": h, "low": low, "close": c, "prev_close": np.where(pre > 0, pre, np.nan),
        "volume": vol, "amount": amt}, "ts_code", "trade_date")
    return parsed
