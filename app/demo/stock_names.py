"""Names of the demo stocks: invented four-character names, and their point-in-time history (N, C, ST, *ST)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.demo.universe_spec import DEMO_DATE

FIRST_CHARS = ("华", "中", "东", "新", "天", "金", "海", "宏", "恒", "瑞", "科", "信", "安", "达", "联",
               "远", "光", "明", "泰", "盛", "鑫", "嘉", "康", "美", "博", "创", "汇", "德", "长", "永",
               "正", "兴", "鼎", "昌", "宇", "晶", "锐", "凯", "润", "诚", "亿", "佳", "同", "云", "智",
               "万", "南", "北", "江", "山", "湖", "浙", "川", "粤", "闽", "苏", "鲁", "豫", "皖", "湘")
SECOND_CHARS = ("宇", "泰", "达", "源", "瑞", "丰", "华", "通", "信", "鑫", "盛", "海", "航", "科", "力",
                "联", "迪", "维", "创", "晟", "昊", "恒", "新", "远", "桥", "峰", "阳", "和", "辰", "龙",
                "凌", "致", "旭", "隆", "昂", "澜", "微", "芯", "睿", "岳")


def invent_names(rng: np.random.Generator, suffixes: list[tuple[str, ...]],
                 forbidden: set[str]) -> list[str]:
    """Deterministic four-character names: two syllables of brand + an industry word; unique."""
    used = set(forbidden)
    out: list[str] = []
    n1, n2 = len(FIRST_CHARS), len(SECOND_CHARS)
    for suf in suffixes:
        while True:
            a, b = FIRST_CHARS[rng.integers(n1)], SECOND_CHARS[rng.integers(n2)]
            if a == b:
                continue
            name = a + b + suf[rng.integers(len(suf))]
            if name not in used:
                used.add(name)
                out.append(name)
                break
    return out


def point_in_time_names(rng: np.random.Generator, df: pd.DataFrame,
                        trading_days: list[str]) -> pd.DataFrame:
    """One row at listing with the plain name, plus ST, *ST, N/C and a few rename rows."""
    out: list[tuple[str, str, str]] = []
    days = trading_days
    demo_pos = days.index(DEMO_DATE)
    for sym, base, role, kind, listed in zip(df.index, df["base_name"], df["role"], df["st_kind"],
                                             df["list_date"]):
        base, role, kind = str(base), str(role), str(kind)
        if role.startswith("ipo_day"):
            day_no = int(role[len("ipo_day"):])
            first = demo_pos - day_no + 1
            out.append((sym, days[first], "N" + base))
            if day_no >= 2:
                out.append((sym, days[first + 1], "C" + base))
            continue
        out.append((sym, str(listed), base))
        if kind:
            # Risk warnings come with the annual reports (end of April) or mid-year.
            year = 2025 if rng.random() < 0.7 else 2026
            st_day = days[int(np.searchsorted(days, f"{year}-05-06"))] if year == 2026 else \
                f"{year}-05-06"
            # Some *ST names were plain ST the year before (when already listed then).
            if kind == "*ST" and rng.random() < 0.5 and str(listed) < "2024-05-06":
                out.append((sym, "2024-05-06", "ST" + base))
            out.append((sym, st_day, kind + base))
    names = pd.DataFrame(out, columns=["symbol", "date", "name"])
    # A few stocks lost their ST cap ("摘帽") this spring, and a few renamed.
    plain = df.index[(df["role"] == "") & (df["st_kind"] == "")].to_numpy()
    removed = rng.choice(plain, 12, replace=False)
    extra = []
    for sym in removed:
        base = str(df.at[sym, "base_name"])
        extra += [(sym, "2025-05-06", "ST" + base), (sym, "2026-04-28", base)]
    names = pd.concat([names, pd.DataFrame(extra, columns=names.columns)], ignore_index=True)
    return names.drop_duplicates(["symbol", "date"], keep="last").sort_values(
        ["symbol", "date"]).reset_index(drop=True)

