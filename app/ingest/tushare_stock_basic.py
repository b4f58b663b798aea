"""Tushare ``stock_basic``: ts_code, symbol, name, area, industry, list_date (YYYYMMDD).

Fills ``stocks`` (name, list_date, industry) and, per distinct ``industry``, a sector ``ts:<name>``
(kind industry, source 'tushare') with its members dated by the file name's date, else --date, else
today. The name is the current one (no date): it sets stocks.name, not a point-in-time name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.ingest.codes import symbol_column
from app.ingest.dates import iso_date
from app.ingest.frames import Options, Parsed, Source
from app.ingest.sectors_common import as_of
from app.ingest.table import parsed_for, read_table

NAME = "tushare_stock_basic"


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("ts_code", "name")
    parsed = parsed_for(NAME, src, t)
    syms = symbol_column(t, "ts_code")
    keep = ~syms.is_index
    if not keep.all():
        parsed.notes.append(f"{int((~keep).sum())} index rows skipped")
    list_dates = np.full(len(t), None, dtype=object)
    if t.has("list_date"):
        for i, v in enumerate(t.text("list_date")):
            if not v or v.lower() in ("nan", "none"):
                continue
            iso = iso_date(v)
            if iso is None:
                raise t.error(i, "list_date", f"{v!r} is not a date (YYYYMMDD)")
            list_dates[i] = iso
    industry = t.text("industry") if t.has("industry") else np.full(len(t), "", dtype=object)
    ind = np.array([v if v and v.lower() not in ("nan", "none") else None for v in industry],
                   dtype=object)
    names = t.text("name")
    parsed.add("stocks", pd.DataFrame({
        "symbol": syms.symbol, "code": syms.code, "market": syms.market, "board": syms.board,
        "name": [n if n else None for n in names], "list_date": list_dates,
        "industry": ind})[keep].drop_duplicates("symbol", keep="last"))
    has = keep & np.array([v is not None for v in ind], dtype=bool)
    if has.any():
        day, origin = as_of(src, opts)
        parsed.params = f"as_of={day}"
        parsed.notes.append(f"industry membership as of {day} (from {origin})")
        ids = np.array(["ts:" + (v or "") for v in ind], dtype=object)
        parsed.add("sectors", pd.DataFrame({"id": ids[has], "name": ind[has], "kind": "industry",
                                            "parent_id": None, "source": "tushare"})
                   .drop_duplicates("id"))
        parsed.add("sector_members", pd.DataFrame({"sector_id": ids[has],
                                                   "symbol": syms.symbol[has], "as_of": day})
                   .drop_duplicates())
    return parsed
