"""akshare ``stock_zh_index_daily`` (Sina): date, open, high, low, close, volume; one index a file.

The file has no code column: the symbol comes from the file name (sh000001.csv,
sz399006_daily.csv); a bare code that is both an index and a stock is refused. volume is stored as
given (Sina reports index volume in shares; UNVERIFIED); there is no amount. prev_close is the
previous row's close.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.ingest.codes import symbol_from_filename
from app.ingest.daily_common import prev_from_previous_row, prices
from app.ingest.dates import date_column
from app.ingest.errors import IngestError
from app.ingest.frames import Options, Parsed, Source, index_rows
from app.ingest.table import duplicate_check, parsed_for, read_table
from app.market.boards import Board, board_of_symbol

NAME = "akshare_index_daily"


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("date", "open", "high", "low", "close")
    symbol = symbol_from_filename(src.path)
    if board_of_symbol(symbol) != Board.INDEX:
        raise IngestError(src.path, None, "file name", f"{symbol} is a stock, not an index; "
                          f"stock_zh_index_daily holds index bars")
    parsed = parsed_for(NAME, src, t)
    parsed.params = f"symbol={symbol}"   # the file name says what the bytes are about
    dates = date_column(t, "date")
    syms = np.full(len(t), symbol, dtype=object)
    duplicate_check(t, [dates], "date", "date")
    o, h, low, c = prices(t)
    vol = t.number("volume", required=False, nonneg=True, what="volume",
                   scale=t.scale_of("volume", 1.0, "volume")) \
        if t.has("volume") else np.full(len(t), np.nan)
    amt = t.number("amount", required=False, nonneg=True, what="amount",
                   scale=t.scale_of("amount", 1.0, "amount")) \
        if t.has("amount") else np.full(len(t), np.nan)
    parsed.add("index_daily", pd.DataFrame({
        "date": dates, "symbol": syms, "open": o, "high": h, "low": low, "close": c,
        "prev_close": prev_from_previous_row(syms, dates, c), "volume": vol, "amount": amt}))
    parsed.add("indices", index_rows({symbol}))
    return parsed
