"""Which importer reads a file: from its extension (TDX binaries) or its header row.

``detect(src)`` returns a format name from ``FORMATS``; a file nothing recognises is an IngestError
asking for ``--format NAME``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from app.ingest import (
    akshare_index_daily,
    akshare_minutes,
    akshare_spot_em,
    akshare_stock_hist,
    baostock_industry,
    eastmoney_boards,
    index_daily_csv,
    sina_spot,
    tdx_daily_csv,
    tdx_vipdoc,
    tushare_daily,
    tushare_stock_basic,
)
from app.ingest.encoding import decode
from app.ingest.errors import IngestError
from app.ingest.frames import Options, Parsed, Source
from app.ingest.table import _delimiter, header_key

Parser = Callable[[Source, Options], Parsed]

FORMATS: dict[str, Parser] = {
    m.NAME: m.parse for m in (
        akshare_spot_em, sina_spot, tushare_daily, tushare_stock_basic, tdx_vipdoc,
        akshare_minutes, akshare_stock_hist, akshare_index_daily, index_daily_csv, tdx_daily_csv,
        eastmoney_boards, baostock_industry)
}
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
HEAD_BYTES = 1 << 16


def head_rows(src: Source, n: int = 2) -> list[list[str]]:
    """The first ``n`` non-empty rows (header first), decoded with encoding detection."""
    data = src.data
    if len(data) > HEAD_BYTES and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        cut = data.rfind(b"\n", 0, HEAD_BYTES)
        data = data[:cut + 1] if cut > 0 else data
    text = decode(data, src.path).text
    first = text.split("\n", 1)[0]
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first)):
        if row and any(c.strip() for c in row):
            rows.append(row)
            if len(rows) >= n:
                break
    return rows


def detect_text(keys: set[str], first_row: dict[str, str]) -> str | None:
    """Format of a text file from its header keys (see ``table.header_key``) and first data row."""
    if {"板块代码", "代码"} <= keys:
        return eastmoney_boards.NAME
    if {"code", "industry"} <= keys and ("updatedate" in keys or "industryclassification" in keys):
        return baostock_industry.NAME
    if {"ts_code", "trade_date"} <= keys:
        return tushare_daily.NAME
    if "ts_code" in keys and ({"list_date"} <= keys or {"symbol", "name"} <= keys):
        return tushare_stock_basic.NAME
    if {"trade_date", "market", "code", "close", "prev_close"} <= keys:
        return tdx_daily_csv.NAME
    if {"date", "open", "high", "low", "close", "code"} <= keys:
        return index_daily_csv.NAME
    if {"date", "open", "high", "low", "close"} <= keys:
        return akshare_index_daily.NAME
    if {"日期", "开盘", "收盘"} <= keys:
        return akshare_stock_hist.NAME
    if {"时间", "开盘", "收盘"} <= keys:
        return akshare_minutes.NAME
    if {"代码", "最新价"} <= keys:
        code = first_row.get("代码", "").strip().lower()
        if "时间戳" in keys or {"买入", "卖出"} <= keys or code[:2] in ("sh", "sz", "bj"):
            return sina_spot.NAME
        return akshare_spot_em.NAME
    return None


def detect(src: Source) -> str:
    ext = src.path.suffix.lower()
    if ext in tdx_vipdoc.EXTENSIONS:
        return tdx_vipdoc.NAME
    rows = head_rows(src)
    if not rows:
        raise IngestError(src.path, None, None, "empty file: no header line")
    header = rows[0]
    if header and header_key(header[0])[0] in ("", "unnamed: 0"):
        header = header[1:]
        rows = [header] + [r[1:] for r in rows[1:]]
    keys = [header_key(h)[0] for h in header]
    first = dict(zip(keys, rows[1], strict=False)) if len(rows) > 1 else {}
    name = detect_text(set(keys), first)
    if name is None:
        shown = ",".join(h.strip() for h in header)
        if len(shown) > 100:
            shown = shown[:97] + "..."
        raise IngestError(src.path, 1, None, f"cannot tell the format from the header ({shown}); "
                          f"pass --format with one of: {', '.join(FORMATS)}")
    return name
