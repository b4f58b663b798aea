"""East Money board membership (as saved from akshare's board APIs): 板块名称, 板块代码, 代码, 名称.

Concept and industry boards are mixed and not told apart by the file, so every board is stored as a
concept sector ``em:BKxxxx`` (source 'eastmoney'). One stock sits in many boards. Members are dated
as of the date in the file name (…_2026-03-15.csv), else --date, else today.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.ingest.codes import symbol_column
from app.ingest.frames import Options, Parsed, Source
from app.ingest.sectors_common import as_of
from app.ingest.table import parsed_for, read_table

NAME = "eastmoney_boards"


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("板块名称", "板块代码", "代码")
    parsed = parsed_for(NAME, src, t)
    day, origin = as_of(src, opts)
    parsed.params = f"as_of={day}"
    parsed.notes.append(f"membership as of {day} (from {origin})")
    bcode = t.text("板块代码")
    bname = t.text("板块名称")
    for key, col in (("板块代码", bcode), ("板块名称", bname)):
        empty = np.array([not v for v in col])
        if empty.any():
            raise t.error(int(empty.argmax()), key, "empty")
    syms = symbol_column(t, "代码")
    ids = np.array(["em:" + c for c in bcode], dtype=object)
    sectors = pd.DataFrame({"id": ids, "name": bname, "kind": "concept", "parent_id": None,
                            "source": "eastmoney"}).drop_duplicates("id")
    parsed.add("sectors", sectors)
    members = pd.DataFrame({"sector_id": ids, "symbol": syms.symbol, "as_of": day})
    parsed.add("sector_members", members.drop_duplicates())
    names = t.text("名称") if t.has("名称") else np.full(len(t), "", dtype=object)
    stocks = pd.DataFrame({"symbol": syms.symbol, "code": syms.code, "market": syms.market,
                           "board": syms.board,
                           "name": [n if n else None for n in names]})
    parsed.add("stocks", stocks.drop_duplicates("symbol", keep="last"))
    return parsed
