"""The demo market's static side: stocks, boards, names, caps, industries and concept boards.

Everything here is deterministic from one ``numpy.random.Generator``. Only the few public leaders
named in the demo story carry real names; every other name is composed from syllable lists.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DEMO_DATE = "2026-06-02"
PRIOR_DATE = "2026-06-01"
DEMO_SEED = 20260602
MEMBERSHIP_AS_OF = "2026-01-01"
SECTOR_SOURCE = "demo"

# (board, market, ((prefix, share), ...), count): the real board mix, about 5,440 stocks.
BOARD_PLAN: tuple[tuple[str, str, tuple[tuple[str, float], ...], int], ...] = (
    ("sse_main", "sh", (("600", 0.45), ("601", 0.15), ("603", 0.30), ("605", 0.10)), 1700),
    ("szse_main", "sz", (("000", 0.35), ("001", 0.08), ("002", 0.52), ("003", 0.05)), 1500),
    ("chinext", "sz", (("300", 0.68), ("301", 0.32)), 1380),
    ("star", "sh", (("688", 1.0),), 590),
    ("bse", "bj", (("920", 1.0),), 270),
)

# Shenwan 2021 level-1 industries (DOMAIN.md §4(d)): code, name, relative size, level-2 children,
# name suffixes for invented company names.
SW_L1: tuple[tuple[str, str, float, tuple[str, ...], tuple[str, ...]], ...] = (
    ("801010", "农林牧渔", 1.9, ("种植业", "养殖业", "饲料"), ("农业", "牧业", "种业", "农发")),
    ("801030", "基础化工", 7.2, ("化学原料", "化学制品", "塑料", "农化制品"), ("化工", "化学", "新材", "化学")),
    ("801040", "钢铁", 0.8, ("普钢", "特钢"), ("钢铁", "特钢", "钢构")),
    ("801050", "有色金属", 2.5, ("工业金属", "能源金属", "贵金属"), ("矿业", "金属", "有色", "锂业")),
    ("801080", "电子", 8.6, ("半导体", "光学光电子", "元件", "消费电子"), ("电子", "微电", "光学", "精密", "芯材")),
    ("801880", "汽车", 5.0, ("汽车零部件", "乘用车", "商用车"), ("汽车", "汽配", "车业", "动力")),
    ("801110", "家用电器", 1.7, ("白色家电", "小家电", "厨卫电器"), ("电器", "家电", "厨电")),
    ("801120", "食品饮料", 2.3, ("白酒", "食品加工", "饮料乳品"), ("食品", "酒业", "乳业", "饮品")),
    ("801130", "纺织服饰", 1.9, ("纺织制造", "服装家纺"), ("服饰", "纺织", "家纺", "时装")),
    ("801140", "轻工制造", 2.8, ("家居用品", "造纸", "包装印刷"), ("家居", "纸业", "包装", "文具")),
    ("801150", "医药生物", 8.7, ("化学制药", "生物制品", "医疗器械", "中药"), ("药业", "生物", "医疗", "制药")),
    ("801160", "公用事业", 2.4, ("电力", "燃气"), ("电力", "燃气", "能源", "热电")),
    ("801170", "交通运输", 2.3, ("物流", "航运港口", "公路铁路"), ("物流", "航运", "港务", "高速")),
    ("801180", "房地产", 1.8, ("房地产开发", "房地产服务"), ("地产", "置业", "城建")),
    ("801200", "商贸零售", 1.8, ("一般零售", "贸易", "互联网电商"), ("商业", "百货", "商贸", "零售")),
    ("801210", "社会服务", 1.4, ("旅游及景区", "教育", "体育服务"), ("旅游", "教育", "酒店", "文旅")),
    ("801780", "银行", 0.8, ("国有大型银行", "股份制银行", "城商行"), ("银行",)),
    ("801790", "非银金融", 1.6, ("证券", "保险", "多元金融"), ("证券", "保险", "信托", "期货")),
    ("801230", "综合", 0.4, ("综合", "多元控股"), ("控股", "实业", "发展")),
    ("801710", "建筑材料", 1.3, ("水泥", "玻璃玻纤", "装修建材"), ("建材", "水泥", "玻璃", "管业")),
    ("801720", "建筑装饰", 2.9, ("基础建设", "专业工程", "工程咨询"), ("建设", "建工", "装饰", "设计")),
    ("801730", "电力设备", 6.5, ("电池", "光伏设备", "电网设备", "风电设备"), ("电气", "新能", "电池", "储能")),
    ("801890", "机械设备", 9.5, ("通用设备", "专用设备", "自动化设备", "工程机械"), ("机械", "重工", "智能", "装备", "精工")),
    ("801740", "国防军工", 2.6, ("航空装备", "军工电子", "航天装备"), ("航天", "防务", "航电", "军工")),
    ("801750", "计算机", 6.0, ("软件开发", "IT服务", "计算机设备"), ("软件", "信息", "数据", "网络", "科技")),
    ("801760", "传媒", 2.6, ("游戏", "影视院线", "出版", "数字媒体"), ("传媒", "文化", "影视", "互娱", "出版")),
    ("801770", "通信", 2.3, ("通信设备", "通信服务", "光模块"), ("通信", "光电", "光通", "网络")),
    ("801950", "煤炭", 0.7, ("煤炭开采", "焦炭"), ("煤业", "能源", "焦化")),
    ("801960", "石油石化", 0.9, ("炼化及贸易", "油服工程"), ("石化", "油服", "能源")),
    ("801970", "环保", 2.4, ("环境治理", "环保设备"), ("环保", "环境", "水务")),
    ("801980", "美容护理", 0.6, ("个护用品", "化妆品"), ("美妆", "护理", "日化")),
)

# Concept boards (EM/THS style themes): id, name, base intraday theme on the demo date (log-return
# added to members' morning move), theme on the prior session, typical size, industries drawn from.
CONCEPTS: tuple[tuple[str, str, float, float, int, tuple[str, ...]], ...] = (
    ("bk_cpo", "CPO", 0.050, 0.020, 40, ("801770", "801080")),
    ("bk_fibre", "光纤", 0.040, 0.015, 30, ("801770", "801080", "801730")),
    ("bk_pcb", "PCB", 0.018, 0.010, 45, ("801080",)),
    ("bk_compute", "算力", 0.012, 0.012, 80, ("801750", "801770", "801080")),
    ("bk_sports", "体育", -0.060, -0.005, 25, ("801210", "801130", "801760")),
    ("bk_media", "传媒", -0.045, -0.004, 60, ("801760",)),
    ("bk_ai", "人工智能", 0.004, 0.008, 90, ("801750", "801760", "801080")),
    ("bk_semi", "半导体", 0.003, 0.006, 80, ("801080",)),
    ("bk_robot", "机器人", -0.012, 0.004, 70, ("801890", "801880")),
    ("bk_nev", "新能源车", -0.006, 0.002, 80, ("801880", "801730")),
    ("bk_pv", "光伏", -0.010, -0.002, 50, ("801730",)),
    ("bk_storage", "储能", -0.005, 0.003, 50, ("801730", "801160")),
    ("bk_drug", "创新药", -0.010, 0.004, 70, ("801150",)),
    ("bk_baijiu", "白酒", -0.003, -0.001, 18, ("801120",)),
    ("bk_lowalt", "低空经济", -0.015, 0.006, 45, ("801740", "801890", "801880")),
    ("bk_datacenter", "数据中心", 0.010, 0.010, 45, ("801750", "801770", "801160")),
)

FIRST_CHARS = ("华", "中", "东", "新", "天", "金", "海", "宏", "恒", "瑞", "科", "信", "安", "达", "联",
               "远", "光", "明", "泰", "盛", "鑫", "嘉", "康", "美", "博", "创", "汇", "德", "长", "永",
               "正", "兴", "鼎", "昌", "宇", "晶", "锐", "凯", "润", "诚", "亿", "佳", "同", "云", "智",
               "万", "南", "北", "江", "山", "湖", "浙", "川", "粤", "闽", "苏", "鲁", "豫", "皖", "湘")
SECOND_CHARS = ("宇", "泰", "达", "源", "瑞", "丰", "华", "通", "信", "鑫", "盛", "海", "航", "科", "力",
                "联", "迪", "维", "创", "晟", "昊", "恒", "新", "远", "桥", "峰", "阳", "和", "辰", "龙",
                "凌", "致", "旭", "隆", "昂", "澜", "微", "芯", "睿", "岳")

# The public leaders the story names: code, name, board, L1 industry, L2 index, total cap (yuan),
# price (yuan) at the 2026-05-29 close, concepts, story role.
REAL_STOCKS: tuple[tuple[str, str, str, str, int, float, float, tuple[str, ...], str], ...] = (
    ("600487", "亨通光电", "sse_main", "801770", 0, 1.05e11, 42.18, ("bk_fibre", "bk_cpo", "bk_compute"),
     "lead_fibre"),
    ("601869", "长飞光纤", "sse_main", "801770", 0, 1.12e11, 148.60, ("bk_fibre", "bk_cpo"), "lead_fibre2"),
    ("300308", "中际旭创", "chinext", "801770", 2, 6.60e11, 586.30, ("bk_cpo", "bk_compute", "bk_ai"),
     "cpo_heavy"),
    ("300502", "新易盛", "chinext", "801770", 2, 4.70e11, 468.90, ("bk_cpo", "bk_compute"), "cpo_heavy"),
    ("300394", "天孚通信", "chinext", "801770", 2, 1.35e11, 172.40, ("bk_cpo",), "cpo_seal_late"),
    ("002281", "光迅科技", "szse_main", "801770", 2, 6.20e10, 76.85, ("bk_cpo", "bk_fibre"), "cpo_reseal"),
    ("603083", "剑桥科技", "sse_main", "801770", 0, 3.30e10, 96.52, ("bk_cpo",), "cpo_broken"),
    ("688498", "源杰科技", "star", "801080", 1, 4.10e10, 428.00, ("bk_cpo", "bk_semi"), "cpo_up"),
)

# Invented heavy weights: board, L1, L2 index, total cap, price, float ratio, concepts.
HEAVY_STOCKS: tuple[tuple[str, str, int, float, float, float, tuple[str, ...]], ...] = (
    ("sse_main", "801780", 0, 2.35e12, 7.42, 0.72, ()),
    ("sse_main", "801120", 0, 2.05e12, 1528.00, 1.0, ("bk_baijiu",)),
    ("sse_main", "801780", 0, 1.92e12, 6.15, 0.64, ()),
    ("sse_main", "801770", 1, 1.78e12, 104.30, 0.95, ("bk_datacenter", "bk_compute")),
    ("sse_main", "801960", 0, 1.61e12, 8.96, 0.88, ()),
    ("sse_main", "801780", 0, 1.52e12, 5.48, 0.70, ()),
    ("sse_main", "801780", 0, 1.33e12, 5.02, 0.66, ()),
    ("sse_main", "801790", 1, 1.21e12, 58.40, 0.61, ()),
    ("sse_main", "801960", 1, 1.02e12, 27.35, 0.84, ()),
    ("sse_main", "801160", 0, 9.10e11, 28.70, 0.93, ("bk_storage",)),
    ("sse_main", "801780", 1, 8.20e11, 10.84, 1.0, ()),
    ("sse_main", "801950", 0, 7.40e11, 37.10, 0.86, ()),
    ("szse_main", "801110", 0, 5.40e11, 78.60, 0.97, ()),
    ("szse_main", "801120", 0, 4.30e11, 118.20, 1.0, ("bk_baijiu",)),
    ("szse_main", "801780", 1, 3.10e11, 11.62, 1.0, ()),
    ("chinext", "801730", 0, 1.12e12, 254.80, 0.88, ("bk_nev", "bk_storage")),
    ("chinext", "801790", 2, 3.60e11, 22.75, 0.87, ()),
    ("chinext", "801150", 2, 2.10e11, 265.40, 0.92, ()),
    ("star", "801080", 0, 7.30e11, 91.60, 0.40, ("bk_semi", "bk_compute")),
    ("star", "801080", 0, 3.20e11, 612.50, 0.55, ("bk_semi", "bk_ai", "bk_compute")),
    ("star", "801750", 2, 2.40e11, 168.30, 0.62, ("bk_compute", "bk_ai")),
    ("star", "801150", 1, 1.30e11, 95.40, 0.90, ("bk_drug",)),
)

# New listings inside their no-limit window on the demo date: board, trading day number on the
# demo date (1 = lists that day), issue price, total cap at issue, float ratio.
NEW_LISTINGS: tuple[tuple[str, int, float, float, float], ...] = (
    ("chinext", 1, 21.36, 5.6e9, 0.22),
    ("star", 1, 33.80, 9.2e9, 0.18),
    ("sse_main", 2, 11.25, 7.4e9, 0.10),
    ("szse_main", 2, 16.04, 6.1e9, 0.12),
    ("chinext", 4, 28.60, 6.8e9, 0.23),
    ("bse", 1, 9.88, 1.5e9, 0.30),
)

# Board-level generators: median total cap (yuan), its log sigma, median price, price log sigma.
BOARD_CAPS = {
    "sse_main": (10.0e9, 0.95, 9.5, 0.75),
    "szse_main": (9.0e9, 0.90, 9.0, 0.70),
    "chinext": (8.5e9, 0.85, 22.0, 0.70),
    "star": (12.0e9, 0.85, 36.0, 0.70),
    "bse": (2.8e9, 0.60, 14.0, 0.60),
}


@dataclass
class Universe:
    """Static attributes of every demo stock, sorted by symbol (the column order of all arrays)."""

    stocks: pd.DataFrame            # index symbol; see build_universe for the columns
    concepts: dict[str, np.ndarray]  # concept id -> member row positions
    sectors: pd.DataFrame            # id, name, kind, parent_id, source
    sector_members: pd.DataFrame     # sector_id, symbol, as_of
    names: pd.DataFrame              # symbol, date, name (point-in-time)
    roles: np.ndarray                # story role per row ('' = generic)

    @property
    def n(self) -> int:
        return len(self.stocks)

    def pos(self, symbol: str) -> int:
        return int(self.stocks.index.get_loc(symbol))


def _sample_codes(rng: np.random.Generator, prefixes: tuple[tuple[str, float], ...], count: int,
                  taken: set[str]) -> list[str]:
    shares = np.array([s for _, s in prefixes])
    per = np.floor(shares * count).astype(int)
    per[0] += count - per.sum()
    codes: list[str] = []
    for (prefix, _), k in zip(prefixes, per):
        free = [n for n in range(1, 1000) if f"{prefix}{n:03d}" not in taken]
        pick = np.sort(rng.choice(np.array(free), size=int(k), replace=False))
        codes.extend(f"{prefix}{n:03d}" for n in pick)
    return codes


def _invent_names(rng: np.random.Generator, suffixes: list[tuple[str, ...]],
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


def build_universe(rng: np.random.Generator, trading_days: list[str]) -> Universe:
    """Draw the demo market's stocks. ``trading_days`` are XSHG sessions up to the demo date."""
    l1_codes = [c for c, *_ in SW_L1]
    l1_weight = np.array([w for _, _, w, _, _ in SW_L1])
    l1_weight = l1_weight / l1_weight.sum()
    l1_index = {c: i for i, c in enumerate(l1_codes)}

    # ---- codes per board: real names first, then heavies, new listings and the rest -------------
    real_codes = {c for c, *_ in REAL_STOCKS}
    rows: list[dict[str, object]] = []
    taken: set[str] = set(real_codes)
    for code, name, board, l1, l2, cap, price, concepts, role in REAL_STOCKS:
        rows.append(dict(code=code, board=board, name=name, l1=l1, l2=l2, cap=cap, price=price,
                         float_ratio=0.97, fixed_concepts=concepts, role=role, real=True))
    board_codes: dict[str, list[str]] = {}
    for board, _market, prefixes, count in BOARD_PLAN:
        fixed = sum(1 for r in rows if r["board"] == board)
        codes = _sample_codes(rng, prefixes, count - fixed, taken)
        taken.update(codes)
        board_codes[board] = list(rng.permutation(codes))
    heavy_rows: list[dict[str, object]] = []
    for board, l1, l2, cap, price, fr, concepts in HEAVY_STOCKS:
        code = board_codes[board].pop()
        heavy_rows.append(dict(code=code, board=board, name=None, l1=l1, l2=l2, cap=cap, price=price,
                               float_ratio=fr, fixed_concepts=concepts, role="heavy", real=False))
    rows.extend(heavy_rows)
    for board, day_no, issue, cap, fr in NEW_LISTINGS:
        # Newly listed codes are the highest of their range, as real allocation tends to be.
        codes = sorted(board_codes[board])
        code = codes[-1]
        board_codes[board].remove(code)
        rows.append(dict(code=code, board=board, name=None, l1=None, l2=None, cap=cap, price=issue,
                         float_ratio=fr, fixed_concepts=(), role=f"ipo_day{day_no}", real=False))
    for board, codes in board_codes.items():
        med, sig, pmed, psig = BOARD_CAPS[board]
        caps = med * np.exp(sig * rng.standard_normal(len(codes)))
        prices = pmed * np.exp(psig * rng.standard_normal(len(codes)))
        for code, cap, price in zip(codes, caps, prices):
            rows.append(dict(code=code, board=board, name=None, l1=None, l2=None, cap=float(cap),
                             price=float(price), float_ratio=float(rng.uniform(0.55, 1.0)),
                             fixed_concepts=(), role="", real=False))

    df = pd.DataFrame(rows)
    market_of = {b: m for b, m, _, _ in BOARD_PLAN}
    df["market"] = df["board"].map(market_of)
    df["symbol"] = df["market"] + df["code"]
    df = df.sort_values("symbol").reset_index(drop=True)
    n = len(df)

    # ---- industries --------------------------------------------------------------------------
    l1 = df["l1"].to_numpy(dtype=object).copy()
    need = pd.isna(df["l1"]).to_numpy()
    draws = rng.choice(len(l1_codes), size=n, p=l1_weight)
    l1[need] = np.array(l1_codes, dtype=object)[draws[need]]
    # BSE and STAR lean towards machinery/electronics/pharma; banks list only on the main boards.
    boards = df["board"].to_numpy(dtype=object)
    bank_or_fin = np.isin(l1, ["801780"]) & ~np.isin(boards, ["sse_main", "szse_main"]) & need
    l1[bank_or_fin] = "801890"
    df["l1"] = l1
    l2 = df["l2"].to_numpy(dtype=object).copy()
    for i in np.flatnonzero(pd.isna(df["l2"]).to_numpy()):
        k = len(SW_L1[l1_index[l1[i]]][3])
        l2[i] = int(rng.integers(k))
    df["l2"] = l2.astype(int)
    df["sw_l1"] = "sw" + df["l1"].astype(str)
    df["sw_l2"] = "sw" + (df["l1"].astype(int) + 1 + df["l2"]).astype(str)
    df["industry"] = [SW_L1[l1_index[c]][1] for c in df["l1"]]

    # ---- names -------------------------------------------------------------------------------
    real_names = {name for _, name, *_ in REAL_STOCKS}
    invent = df["name"].isna().to_numpy()
    suffixes = [SW_L1[l1_index[c]][4] for c in df.loc[invent, "l1"]]
    df.loc[invent, "name"] = _invent_names(rng, suffixes, real_names)
    df["base_name"] = df["name"]

    # ---- ST / *ST: about 150, mostly main board, small caps -----------------------------------
    roles = df["role"].to_numpy(dtype=object).copy()
    generic = roles == ""
    main = np.isin(boards := df["board"].to_numpy(dtype=object), ["sse_main", "szse_main"])
    cands_main = np.flatnonzero(generic & main)
    cands_gem = np.flatnonzero(generic & (boards == "chinext"))
    st_rows = np.concatenate([rng.choice(cands_main, 140, replace=False),
                              rng.choice(cands_gem, 12, replace=False)])
    st_kind = np.full(n, "", dtype=object)
    st_kind[st_rows] = np.where(rng.random(len(st_rows)) < 0.45, "*ST", "ST")
    roles[st_rows] = "st"
    df["st_kind"] = st_kind
    caps = df["cap"].to_numpy(dtype=float).copy()
    prices = df["price"].to_numpy(dtype=float).copy()
    caps[st_rows] = 1.8e9 * np.exp(0.5 * rng.standard_normal(len(st_rows)))
    prices[st_rows] = 2.9 * np.exp(0.45 * rng.standard_normal(len(st_rows)))
    # Fiction needs at least a few cents of room; keep everything above 1.20 yuan.
    prices = np.maximum(prices, 1.2)
    df["cap"] = caps
    df["price"] = np.round(prices, 2)

    # ---- listing dates ---------------------------------------------------------------------
    demo_pos = trading_days.index(DEMO_DATE)
    list_date = np.empty(n, dtype=object)
    years = rng.integers(1993, 2025, size=n)
    months = rng.integers(1, 13, size=n)
    mdays = rng.integers(1, 29, size=n)
    # Board inception bounds: ChiNext from 2009-10-30, STAR from 2019-07-22, BSE from 2021-11-15.
    floor_year = {"chinext": 2010, "star": 2020, "bse": 2022, "sse_main": 1993, "szse_main": 1993}
    for i in range(n):
        y = max(int(years[i]), floor_year[boards[i]])
        if boards[i] in ("star", "bse") and y < 2020:
            y = 2020 + int(rng.integers(0, 5))
        list_date[i] = f"{min(y, 2024):04d}-{months[i]:02d}-{mdays[i]:02d}"
    for i in np.flatnonzero(pd.Series(roles).str.startswith("ipo_day").to_numpy()):
        day_no = int(str(roles[i])[len("ipo_day"):])
        list_date[i] = trading_days[demo_pos - day_no + 1]
    df["list_date"] = list_date

    # ---- shares: caps from the target cap at the anchor price --------------------------------
    total_shares = np.round(df["cap"].to_numpy() / df["price"].to_numpy() / 1e4) * 1e4
    float_shares = np.round(total_shares * df["float_ratio"].to_numpy() / 100) * 100
    df["total_shares"] = total_shares
    df["float_shares"] = float_shares

    df["role"] = roles
    df = df.set_index("symbol")

    names = _point_in_time_names(rng, df, trading_days)
    current = names.sort_values(["symbol", "date"]).groupby("symbol")["name"].last()
    df["name"] = current.reindex(df.index)

    concepts = _concept_members(rng, df)
    sectors, members = _sector_tables(df, concepts)
    uni = Universe(stocks=df, concepts=concepts, sectors=sectors, sector_members=members,
                   names=names, roles=df["role"].to_numpy(dtype=object))
    return uni


def _point_in_time_names(rng: np.random.Generator, df: pd.DataFrame,
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


def _concept_members(rng: np.random.Generator, df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Concept membership by row position: fixed members first, then draws from the right
    industries (the story's CPO / fibre / sports / media casts are drawn here)."""
    n = len(df)
    l1 = df["l1"].astype(str).to_numpy()
    eligible = (df["role"].to_numpy(dtype=object) == "") & ~df["board"].eq("bse").to_numpy()
    members: dict[str, set[int]] = {cid: set() for cid, *_ in CONCEPTS}
    fixed = df["fixed_concepts"].to_numpy(dtype=object)
    for i in range(n):
        for cid in fixed[i] or ():
            members[cid].add(i)
    taken_story: set[int] = set()
    for cid, _name, _t1, _t0, size, inds in CONCEPTS:
        pool = np.flatnonzero(eligible & np.isin(l1, inds))
        if cid in ("bk_cpo", "bk_fibre", "bk_sports", "bk_media"):
            # Story casts do not overlap each other, so each stock has one clear role.
            pool = np.array([i for i in pool if i not in taken_story])
        want = max(0, size - len(members[cid]))
        pick = rng.choice(pool, size=min(want, len(pool)), replace=False)
        members[cid].update(int(i) for i in pick)
        if cid in ("bk_cpo", "bk_fibre", "bk_sports", "bk_media"):
            taken_story.update(int(i) for i in pick)
    # Some natural overlaps: CPO names are also compute/AI names.
    cpo = sorted(members["bk_cpo"])
    for i in rng.choice(cpo, size=len(cpo) // 2, replace=False):
        members["bk_compute"].add(int(i))
    for i in rng.choice(sorted(members["bk_compute"]), size=20, replace=False):
        members["bk_ai"].add(int(i))
    return {cid: np.array(sorted(s), dtype=np.int64) for cid, s in members.items()}


def _sector_tables(df: pd.DataFrame, concepts: dict[str, np.ndarray]
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = []
    for code, name, _w, children, _s in SW_L1:
        rows.append(("sw" + code, name, "industry", None, SECTOR_SOURCE))
        for k, child in enumerate(children):
            rows.append((f"sw{int(code) + 1 + k}", child, "industry", "sw" + code, SECTOR_SOURCE))
    for cid, name, *_ in CONCEPTS:
        rows.append((cid, name, "concept", None, SECTOR_SOURCE))
    sectors = pd.DataFrame(rows, columns=["id", "name", "kind", "parent_id", "source"])
    symbols = df.index.to_numpy()
    mem = [pd.DataFrame({"sector_id": df["sw_l2"].to_numpy(), "symbol": symbols})]
    for cid, pos in concepts.items():
        mem.append(pd.DataFrame({"sector_id": cid, "symbol": symbols[pos]}))
    members = pd.concat(mem, ignore_index=True)
    members["as_of"] = MEMBERSHIP_AS_OF
    members = members.sort_values(["sector_id", "symbol"]).reset_index(drop=True)
    return sectors, members
