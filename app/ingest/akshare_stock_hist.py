"""akshare ``stock_zh_a_hist`` (East Money daily bars of one stock, unadjusted with adjust="").

Columns: 日期, 股票代码 (six digits; older akshare versions leave it out: then the file name gives
the code, e.g. 600000.csv), 开盘, 收盘, 最高, 最低, 成交量 (**手** → ×100 shares), 成交额 (元), 振幅,
涨跌幅, 涨跌额, 换手率. prev_close is close − 涨跌额 (the exchange's reference price, ex-rights days
included), else the previous row's close.
"""

from __future__ import annotations

import numpy as np

from app.ingest.codes import Symbols, symbol_column, symbol_from_filename
from app.ingest.daily_common import add_bars, prev_from_previous_row, prices
from app.ingest.dates import date_column
from app.ingest.frames import Options, Parsed, Source
from app.ingest.table import parsed_for, read_table
from app.market.boards import board_of_symbol, split_symbol

NAME = "akshare_stock_hist"
KEYS = ("日期", "开盘", "收盘", "最高", "最低", "成交量")


def _symbols(src: Source, t) -> Symbols:  # type: ignore[no-untyped-def]
    if t.has("股票代码"):
        return symbol_column(t, "股票代码")
    sym = symbol_from_filename(src.path)
    mkt, code = split_symbol(sym)
    n = len(t)
    return Symbols(np.full(n, sym, dtype=object), np.full(n, code, dtype=object),
                   np.full(n, mkt, dtype=object),
                   np.full(n, board_of_symbol(sym).value, dtype=object))


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require(*KEYS)
    parsed = parsed_for(NAME, src, t)
    syms = _symbols(src, t)
    if not t.has("股票代码"):
        parsed.params = f"symbol={syms.symbol[0] if len(t) else ''}"
    dates = date_column(t, "日期")
    o, h, low, c = prices(t, ("开盘", "最高", "最低", "收盘"))
    vol = t.number("成交量", required=False, nonneg=True, what="volume",
                   scale=t.scale_of("成交量", 100.0, "volume"))
    amt = t.number("成交额", required=False, nonneg=True, what="amount",
                   scale=t.scale_of("成交额", 1.0, "amount")) \
        if t.has("成交额") else np.full(len(t), np.nan)
    prev = prev_from_previous_row(syms.symbol, dates, c)
    if t.has("涨跌额"):
        change = t.number("涨跌额", required=False, what="price change")
        ref = np.round(c - change, 2)
        prev = np.where(np.isfinite(ref) & (ref > 0), ref, prev)
    add_bars(parsed, t, syms, dates, {"open": o, "high": h, "low": low, "close": c,
                                      "prev_close": prev, "volume": vol, "amount": amt},
             "股票代码" if t.has("股票代码") else "日期", "日期")
    return parsed
