"""East Money's meta-boards: boards that group stocks by a trading attribute, not by a theme.

East Money lists, beside its concept boards, boards of margin eligibility (融资融券), Stock Connect
(沪股通, 深股通), index inclusion (富时罗素, MSCI中国, 标准普尔, HS300_ …), holders (机构重仓 …),
yesterday's tape (昨日涨停, 昨日高振幅 …), size and valuation (小盘股, 破净股 …) and earnings
previews (2025中报预增 …). Every limit-up of the day sits in several of them, so they top any
ranking of boards by limit-ups or change while telling nothing about what the market traded on:
theme rankings (the sentiment's hot boards, the brief's strongest / weakest themes) leave them out.
The sector tree still lists them.

Source: the board names of East Money's board list as saved by akshare (``stock_board_concept_name_em``),
read off ../shared/realdata/sectors/eastmoney_board_membership_2026-03-15.csv (469 boards). Matched
by name, as board codes (BKxxxx) are not stable across vendors' copies.
"""

from __future__ import annotations

import re

import pandas as pd

META_BOARDS: dict[str, tuple[str, ...]] = {
    "margin and connect": ("融资融券", "沪股通", "深股通", "转债标的", "AH股", "AB股", "B股", "GDR"),
    "index inclusion": ("富时罗素", "MSCI中国", "MSCI", "标准普尔", "标普道琼斯", "HS300_", "上证50_",
                        "上证180_", "上证380", "中证500", "深成500", "深证100R", "创业成份",
                        "创业板综", "央视50_", "茅指数", "宁组合"),
    "holders": ("机构重仓", "QFII重仓", "基金重仓", "社保重仓", "证金持股", "养老金"),
    "yesterday's tape": ("最近多板", "东方财富热股"),
    "size and valuation": ("小盘股", "微盘股", "微盘精选", "低价股", "百元股", "破净股", "长期破净",
                           "红利破净股", "价值股", "红利股", "微利股", "周期股"),
    "listing status": ("次新股", "注册制次新股", "ST股", "科创板做市股", "科创板做市商"),
}
_NAMES = frozenset(n for names in META_BOARDS.values() for n in names)
# 昨日涨停, 昨日连板_含一字, 昨日高振幅, 昨日打二板以上表现 …; 2025中报预增, 2025三季报扭亏 …
_PATTERNS = (re.compile(r"^昨日"), re.compile(r"^\d{4}(一季报|中报|三季报|年报)(预增|预减|扭亏)"))


def is_meta_board(name: object) -> bool:
    """True for a technical / index-inclusion board name (see the module docstring)."""
    text = str(name or "").strip()
    return text in _NAMES or any(p.match(text) for p in _PATTERNS)


def theme_mask(names: pd.Series) -> pd.Series:
    """True where a board name is a theme (not a meta-board)."""
    return ~names.astype(str).map(is_meta_board).astype(bool)
