"""BaoStock ``query_stock_industry``: updateDate, code (sh.600000), code_name, industry,
industryClassification (证监会行业分类).

``industry`` is a CSRC industry: section letter + two-digit division + name, e.g. J66货币金融服务. Each
becomes the sector ``csrc:J66`` (name 货币金融服务, kind industry) under its section ``csrc:J`` (金融业);
stocks are members of the division. Rows with an empty industry (delisted stocks) have no
membership.
Members are dated by updateDate (else the file name's date, --date, today).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from app.ingest.codes import symbol_column
from app.ingest.dates import iso_date
from app.ingest.frames import Options, Parsed, Source
from app.ingest.sectors_common import as_of
from app.ingest.table import parsed_for, read_table

NAME = "baostock_industry"
_CSRC_RE = re.compile(r"^([A-S])(\d{2})\s*(.*)$")

# CSRC 上市公司行业分类指引 (2012) sections, the same letters as GB/T 4754 门类.
CSRC_SECTIONS = {
    "A": "农、林、牧、渔业", "B": "采矿业", "C": "制造业",
    "D": "电力、热力、燃气及水生产和供应业", "E": "建筑业", "F": "批发和零售业",
    "G": "交通运输、仓储和邮政业", "H": "住宿和餐饮业", "I": "信息传输、软件和信息技术服务业",
    "J": "金融业", "K": "房地产业", "L": "租赁和商务服务业", "M": "科学研究和技术服务业",
    "N": "水利、环境和公共设施管理业", "O": "居民服务、修理和其他服务业", "P": "教育",
    "Q": "卫生和社会工作", "R": "文化、体育和娱乐业", "S": "综合",
}


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require("code", "industry")
    parsed = parsed_for(NAME, src, t)
    syms = symbol_column(t, "code")
    fallback, origin = as_of(src, opts)
    if t.has("updatedate"):
        dates = np.empty(len(t), dtype=object)
        for i, v in enumerate(t.text("updatedate")):
            iso = iso_date(v) if v else fallback
            if iso is None:
                raise t.error(i, "updatedate", f"{v!r} is not a date")
            dates[i] = iso
        parsed.notes.append("membership dated by updateDate")
        if any(not v for v in t.text("updatedate")):
            parsed.params = f"as_of={fallback}"
    else:
        dates = np.full(len(t), fallback, dtype=object)
        parsed.params = f"as_of={fallback}"
        parsed.notes.append(f"membership as of {fallback} (from {origin})")

    ind = t.text("industry")
    sec_ids = np.empty(len(t), dtype=object)
    sectors: dict[str, tuple[str, str, str | None]] = {}
    for i, v in enumerate(ind):
        if not v:
            sec_ids[i] = None
            continue
        m = _CSRC_RE.match(v)
        if not m:
            raise t.error(i, "industry", f"{v!r} is not a CSRC industry (letter, two digits, name)")
        letter, div, name = m.group(1), m.group(2), m.group(3).strip()
        sid = f"csrc:{letter}{div}"
        sec_ids[i] = sid
        sectors.setdefault(f"csrc:{letter}", (CSRC_SECTIONS.get(letter, letter), "industry", None))
        if sid not in sectors or not sectors[sid][0]:
            sectors[sid] = (name or f"{letter}{div}", "industry", f"csrc:{letter}")
    empty = int(sum(1 for s in sec_ids if s is None))
    if empty:
        parsed.notes.append(f"{empty} rows without an industry (no membership)")
    parsed.add("sectors", pd.DataFrame(
        [(k, n, kind, p, "baostock") for k, (n, kind, p) in sorted(sectors.items())],
        columns=["id", "name", "kind", "parent_id", "source"]))
    has = np.array([s is not None for s in sec_ids], dtype=bool)
    parsed.add("sector_members", pd.DataFrame({"sector_id": sec_ids, "symbol": syms.symbol,
                                               "as_of": dates})[has].drop_duplicates())
    names = t.text("code_name") if t.has("code_name") else np.full(len(t), "", dtype=object)
    parsed.add("stocks", pd.DataFrame({
        "symbol": syms.symbol, "code": syms.code, "market": syms.market, "board": syms.board,
        "name": [n if n else None for n in names]}).drop_duplicates("symbol", keep="last"))
    return parsed
