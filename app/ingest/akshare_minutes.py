"""akshare minute bars: ``stock_zh_a_hist_min_em`` and ``index_zh_a_hist_min_em`` (East Money).

Columns: 时间 (YYYY-MM-DD HH:MM:SS, end-labelled), 开盘, 收盘, 最高, 最低, 成交量 (**手** → ×100 shares,
unless the header says 成交量(股)), 成交额 (元), then 均价 (1-minute) or 涨跌幅 … 换手率 (5/15/30/60).
The file has no code: the symbol comes from the file name (sz399006_1min.csv, 600000.csv); a bare
code that is both an index and a stock (000001) is refused with a request to add the prefix.
Index bars go to index_bars; stock 1-minute bars become cumulative quotes; stock bars of 5 minutes
and more are not stored intraday (the summary says so). Only the latest day of akshare's 1-minute
data has opens (others 0): a missing open falls back to the bar's close.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.ingest.codes import symbol_from_filename
from app.ingest.dates import stamp_column
from app.ingest.frames import Options, Parsed, Source, index_rows
from app.ingest.minutes_common import snapshots
from app.ingest.table import duplicate_check, parsed_for, read_table
from app.market.boards import Board, board_of_symbol, split_symbol

NAME = "akshare_minutes"


def _period(dates: np.ndarray, times: np.ndarray) -> int:
    mins = np.array([int(t[:2]) * 60 + int(t[3:]) for t in times])
    same = dates[1:] == dates[:-1]
    d = (mins[1:] - mins[:-1])[same]
    d = d[d > 0]
    return int(d.min()) if len(d) else 1


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("时间", "开盘", "收盘", "最高", "最低", "成交量")
    symbol = symbol_from_filename(src.path)
    board = board_of_symbol(symbol)
    parsed = parsed_for(NAME, src, t)
    parsed.params = f"symbol={symbol}"   # the file name says what the bytes are about
    dates, times = stamp_column(t, "时间")
    duplicate_check(t, [dates, times], "时间", "bar time")
    stamp = (dates + " " + times).astype(str)
    if len(stamp) > 1 and (stamp[1:] < stamp[:-1]).any():
        raise t.error(int((stamp[1:] < stamp[:-1]).argmax()) + 1, "时间", "bars out of order")
    close = t.number("收盘", positive=True, what="price")
    o, h, low = (t.number(k, required=False, nonneg=True, what="price") for k in ("开盘", "最高", "最低"))
    volume = t.number("成交量", required=False, nonneg=True, what="volume",
                      scale=t.scale_of("成交量", 100.0, "volume"))
    amount = t.number("成交额", required=False, nonneg=True, what="amount",
                      scale=t.scale_of("成交额", 1.0, "amount")) \
        if t.has("成交额") else np.full(len(t), np.nan)
    bars = pd.DataFrame({"date": dates, "time": times, "symbol": symbol,
                         "open": np.where(o > 0, o, np.nan), "high": np.where(h > 0, h, np.nan),
                         "low": np.where(low > 0, low, np.nan), "close": close,
                         "volume": volume, "amount": amount})
    period = _period(dates, times) if len(t) else 1
    if board == Board.INDEX:
        parsed.add("index_bars", bars)
        parsed.add("indices", index_rows({symbol}))
        parsed.notes.append(f"{period}-minute index bars of {symbol}")
        return parsed
    mkt, code = split_symbol(symbol)
    parsed.add("stocks", pd.DataFrame({"symbol": [symbol], "code": [code], "market": [mkt],
                                       "board": [board.value]}))
    if period == 1:
        parsed.add("quotes", snapshots(bars))
        parsed.notes.append(f"1-minute bars of {symbol} stored as cumulative snapshots")
    else:
        parsed.notes.append(f"{period}-minute stock bars of {symbol}: nothing stored intraday "
                            f"(snapshots are per minute; import 1-minute bars or a spot file)")
    return parsed
