"""akshare ``stock_zh_a_spot`` (Sina spot): one cross-section of every A-share.

Columns: 代码 (with market prefix: sh600000, sz000001, bj920000), 名称, 最新价, 涨跌额, 涨跌幅, 买入, 卖出,
昨收, 今开, 最高, 最低, 成交量 (**股**, shares), 成交额 (元), 时间戳 (HH:MM:SS).
A suspended stock shows 最新价 0 — stored as last NULL (suspended), never as a −100 % move.
--time defaults to the latest 时间戳 in the file (snapped to its session slot).
"""

from __future__ import annotations

from app.ingest import spot
from app.ingest.codes import symbol_column
from app.ingest.frames import Options, Parsed, Source
from app.ingest.table import read_table

NAME = "sina_spot"


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require(*spot.REQUIRED)
    syms = symbol_column(t, "代码")
    return spot.build(src, t, opts, NAME, syms, volume_scale=1.0)
