"""Daily bars decoded from a TDX vipdoc into CSV (../shared/realdata/market-daily/derived_*).

Columns: trade_date (YYYYMMDD), market (sh/sz/bj), code, open, high, low, close, prev_close (the
previous record's close: raw, not ex-rights, on ex-dividend days), amount_yuan, volume (shares),
pct_chg (ignored: recomputed from close and prev_close). Stocks go to daily, index codes to
index_daily.
"""

from __future__ import annotations

import numpy as np

from app.ingest.codes import symbol_column
from app.ingest.daily_common import add_bars, prices
from app.ingest.dates import date_column
from app.ingest.frames import Options, Parsed, Source
from app.ingest.table import parsed_for, read_table

NAME = "tdx_daily_csv"


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("trade_date", "market", "code", "close", "prev_close", "amount_yuan", "volume")
    parsed = parsed_for(NAME, src, t)
    syms = symbol_column(t, "code", markets=t.text("market"), market_key="market")
    dates = date_column(t, "trade_date")
    o, h, low, c = prices(t)
    pre = t.number("prev_close", required=False, nonneg=True, what="price")
    vol = t.number("volume", required=True, nonneg=True, what="volume",
                   scale=t.scale_of("volume", 1.0, "volume"))
    amt = t.number("amount_yuan", required=True, nonneg=True, what="amount")
    add_bars(parsed, t, syms, dates, {
        "open": o, "high": h, "low": low, "close": c, "prev_close": np.where(pre > 0, pre, np.nan),
        "volume": vol, "amount": amt}, "code", "trade_date")
    return parsed
