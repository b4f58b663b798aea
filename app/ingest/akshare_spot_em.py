"""akshare ``stock_zh_a_spot_em`` (East Money spot): one cross-section of every A-share.

Columns: 序号, 代码 (six digits, no market), 名称, 最新价, 涨跌幅, 涨跌额, 成交量 (**手**, lots of 100),
成交额 (元), 振幅, 最高, 最低, 今开, 昨收, 量比, 换手率, 市盈率-动态, 市净率, 总市值, 流通市值, ...
The file holds no date: --date (or a date in the file name) is required; --time defaults to 15:00.
A suspended stock has an empty/NaN 最新价. 流通市值 / 总市值 give float / total shares.
"""

from __future__ import annotations

from app.ingest import spot
from app.ingest.codes import symbol_column
from app.ingest.frames import Options, Parsed, Source
from app.ingest.table import read_table

NAME = "akshare_spot_em"


def parse(src: Source, opts: Options) -> Parsed:
    t = read_table(src)
    t.require(*spot.REQUIRED)
    syms = symbol_column(t, "代码")
    return spot.build(src, t, opts, NAME, syms, volume_scale=100.0)
