"""Daily index history CSVs (../shared/realdata/index-daily):
date,open,close,high,low,volume,amount,code.

``code`` is the canonical symbol (sh000001). ``volume`` is in 手 (lots of 100): it equals the TDX
index .day volume of the same day (sh000001 2023-02-24: 234,206,306 against 308.0 bn yuan, about 13
yuan a share only when counted in lots), so it is stored ×100 as shares. amount is yuan. prev_close
is the previous row's close. Rows must be index codes.
"""

from __future__ import annotations

import pandas as pd

from app.ingest.codes import symbol_column
from app.ingest.daily_common import prev_from_previous_row, prices
from app.ingest.dates import date_column
from app.ingest.frames import Options, Parsed, Source, index_rows
from app.ingest.table import duplicate_check, parsed_for, read_table

NAME = "index_daily_csv"
INDEX_VOLUME_SCALE = 100.0   # lots -> shares


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("date", "open", "close", "high", "low", "volume", "amount", "code")
    parsed = parsed_for(NAME, src, t)
    syms = symbol_column(t, "code")
    if (~syms.is_index).any():
        i = int((~syms.is_index).argmax())
        raise t.error(i, "code", f"{syms.symbol[i]} is a stock ({syms.board[i]}), not an index; "
                                 f"this format holds index bars")
    dates = date_column(t, "date")
    duplicate_check(t, [syms.symbol, dates], "date", "symbol and date")
    o, h, low, c = prices(t)
    vol = t.number("volume", required=False, nonneg=True, what="volume",
                   scale=t.scale_of("volume", INDEX_VOLUME_SCALE, "volume"))
    amt = t.number("amount", required=False, nonneg=True, what="amount")
    frame = pd.DataFrame({"date": dates, "symbol": syms.symbol, "open": o, "high": h, "low": low,
                          "close": c, "prev_close": prev_from_previous_row(syms.symbol, dates, c),
                          "volume": vol, "amount": amt})
    parsed.add("index_daily", frame)
    parsed.add("indices", index_rows(set(syms.symbol)))
    return parsed
