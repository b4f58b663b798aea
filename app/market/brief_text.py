"""Sentences of the brief, in Chinese and English, from fixed templates (no language model).

Numbers are printed as the panels print them: changes as '+2.15%' / '−0.05%' (2 decimals, a real
minus sign U+2212, as ``app.ui.breadth._style.pct_text``), turnover as '1.81万亿' / '8500亿' in
Chinese (``yuan_text``) and '1.81 trillion yuan' / '850.0 billion yuan' in English (the same
rounding step: 0.01万亿 = 10 billion, 1亿 = 0.1 billion), counts with thousands separators.

The Chinese uses the terminals' terms: 创业板指, 涨停, 跌停, 炸板, 连板, 成交额, 半日成交额,
较上一交易日同期, 缩量/放量.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from app.market import brief_findings as bf
from app.market.brief_findings import Finding
from app.market.universe import MEDIAN_EN, MEDIAN_ZH, UNIVERSE_ALL, UNIVERSE_MAIN

MINUS = "\u2212"
LANGS = ("zh", "en")

# English names of boards that have a common one: SW2021 level-1 (DOMAIN §4d), the usual level-2
# industries and the common concept themes. Unknown names stay in Chinese.
BOARD_NAMES_EN: dict[str, str] = {
    "农林牧渔": "Agriculture", "基础化工": "Basic Chemicals", "钢铁": "Steel",
    "有色金属": "Non-ferrous Metals", "电子": "Electronics", "汽车": "Autos",
    "家用电器": "Home Appliances", "食品饮料": "Food & Beverage", "纺织服饰": "Textiles & Apparel",
    "轻工制造": "Light Manufacturing", "医药生物": "Pharma & Biotech", "公用事业": "Utilities",
    "交通运输": "Transportation", "房地产": "Real Estate", "商贸零售": "Retail & Trade",
    "社会服务": "Social Services", "银行": "Banks", "非银金融": "Non-bank Financials",
    "综合": "Conglomerates", "建筑材料": "Building Materials", "建筑装饰": "Construction",
    "电力设备": "Power Equipment", "机械设备": "Machinery", "国防军工": "Defense",
    "计算机": "Computers", "传媒": "Media", "通信": "Telecom", "煤炭": "Coal",
    "石油石化": "Oil & Petrochemicals", "环保": "Environmental", "美容护理": "Beauty & Personal Care",
    # level 2
    "半导体": "Semiconductors", "光学光电子": "Optoelectronics", "消费电子": "Consumer Electronics",
    "元件": "Components", "通信设备": "Telecom Equipment", "通信服务": "Telecom Services",
    "光模块": "Optical Modules", "游戏": "Games", "影视院线": "Film & Cinema", "出版": "Publishing",
    "数字媒体": "Digital Media", "软件开发": "Software", "IT服务": "IT Services",
    "计算机设备": "Computer Hardware", "白酒": "Baijiu", "证券": "Brokers", "保险": "Insurance",
    "电池": "Batteries", "光伏设备": "PV Equipment", "电网设备": "Grid Equipment",
    "风电设备": "Wind Equipment", "化学制药": "Chemical Pharma", "中药": "Chinese Medicine",
    "医疗器械": "Medical Devices", "生物制品": "Biologics", "教育": "Education",
    "体育服务": "Sports Services", "旅游及景区": "Tourism", "电力": "Power", "乘用车": "Passenger Cars",
    "汽车零部件": "Auto Parts",
    # concepts
    "光纤": "Fibre optics", "体育": "Sports", "人工智能": "AI", "算力": "Computing power",
    "机器人": "Robotics", "新能源车": "New-energy vehicles", "光伏": "Solar PV", "储能": "Energy storage",
    "创新药": "Innovative drugs", "低空经济": "Low-altitude economy", "数据中心": "Data centres",
}


# -- number formats (the panels' rounding) ---------------------------------------------------------
def signed(value: float | None, digits: int = 2) -> str:
    """'+2.15' / '−0.05' (U+2212), '0.00' rather than '−0.00'; '—' when unknown."""
    if value is None or not math.isfinite(value):
        return "—"
    text = f"{value:+,.{digits}f}"
    if float(text.replace(",", "")) == 0:
        text = f"{0:.{digits}f}"
    return text.replace("-", MINUS)


def pct(value: float | None, digits: int = 2) -> str:
    return "—" if value is None or not math.isfinite(value) else signed(value, digits) + "%"


def count(n: int) -> str:
    return f"{int(n):,}"


def yuan_zh(value: float | None) -> str:
    """1.81e12 → '1.81万亿', 8.5e11 → '8500亿', 5e6 → '500万' (as the breadth panel)."""
    if value is None or not math.isfinite(value):
        return "—"
    v = float(value)
    if abs(v) >= 1e12:
        return f"{v / 1e12:.2f}万亿"
    if abs(v) >= 1e8:
        return f"{v / 1e8:.0f}亿"
    if abs(v) >= 1e4:
        return f"{v / 1e4:.0f}万"
    return f"{v:.0f}"


def yuan_en(value: float | None) -> str:
    """1.81e12 → '1.81 trillion yuan', 8.5e11 → '850.0 billion yuan' (same rounding as yuan_zh)."""
    if value is None or not math.isfinite(value):
        return "—"
    v = float(value)
    if abs(v) >= 1e12:
        return f"{v / 1e12:.2f} trillion yuan"
    if abs(v) >= 1e8:
        return f"{v / 1e9:.1f} billion yuan"
    if abs(v) >= 1e4:
        return f"{v / 1e6:.2f} million yuan"
    return f"{v:.0f} yuan"


def yuan(value: float | None, lang: str) -> str:
    return yuan_zh(value) if lang == "zh" else yuan_en(value)


def board_en(name: str) -> str:
    """'Fibre optics 光纤' for a known name, the name itself otherwise (CPO, unknown themes)."""
    en = BOARD_NAMES_EN.get(name)
    return f"{en} {name}" if en and en != name else name


def _stock_en(s: dict[str, Any]) -> str:
    return f"{s['name']} ({s['code']})"


def _join_zh(items: list[str]) -> str:
    return "、".join(items)


def _join_en(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _index_name(row: dict[str, Any], lang: str) -> str:
    return str(row.get("name") or "") if lang == "zh" else str(row.get("name_en") or row.get("name"))


# -- templates per finding kind --------------------------------------------------------------------
def _indices(ev: dict[str, Any], lang: str) -> str:
    rows = ev["ranked"]
    lead, lag = rows[0], rows[-1]
    ln, gn = _index_name(lead, lang), _index_name(lag, lang)
    others = rows[1:-1]
    if lang == "zh":
        if len(rows) == 1:
            return f"{ln} {pct(lead['pct'])}。"
        head = (f"{ln} {pct(lead['pct'])} 领涨主要指数" if lead["pct"] > 0
                else f"主要指数全线下跌，{ln} {pct(lead['pct'])} 跌幅最小")
        text = f"{head}，强于{gn}（{pct(lag['pct'])}）{ev['spread_pp']:.2f} 个百分点"
        if others:
            text += "；" + "、".join(f"{_index_name(r, lang)} {pct(r['pct'])}" for r in others)
        return text + "。"
    if len(rows) == 1:
        return f"{ln} {pct(lead['pct'])}."
    head = (f"{ln} led the main indices at {pct(lead['pct'])}" if lead["pct"] > 0
            else f"All main indices fell; {ln} held up best at {pct(lead['pct'])}")
    text = f"{head}, {ev['spread_pp']:.2f} pp ahead of the {gn} ({pct(lag['pct'])})"
    if others:
        text += "; " + ", ".join(f"{_index_name(r, lang)} {pct(r['pct'])}" for r in others)
    return text + "."


def _board_part(b: dict[str, Any], lang: str, up: bool) -> str:
    n = b["limit_up"] if up else b["limit_down"]
    if lang == "zh":
        extra = [f"等权 {pct(b['pct_eq'])}"] if b.get("pct_eq") is not None else []
        if n:
            extra.append(f"{n}只{'涨停' if up else '跌停'}")
        return f"{b['name']} {pct(b['pct_cap'])}" + (f"（{'，'.join(extra)}）" if extra else "")
    extra = [f"equal-weight {pct(b['pct_eq'])}"] if b.get("pct_eq") is not None else []
    if n:
        extra.append(f"{n} at {'limit-up' if up else 'limit-down'}")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{board_en(b['name'])} {pct(b['pct_cap'])}{tail}"


def _boards(ev: dict[str, Any], lang: str, up: bool) -> str:
    parts = [_board_part(b, lang, up) for b in ev["boards"]]
    kind_zh = "概念板块" if ev["board_kind"] == "concept" else "行业"
    kind_en = "concept boards" if ev["board_kind"] == "concept" else "industries"
    stocks = ev.get("stocks") or []
    total = ev.get("limit_total", 0)
    if lang == "zh":
        text = f"{_join_zh(parts)}{'领涨' if up else '领跌'}{kind_zh}"
        if stocks and total:
            names = _join_zh([s["name"] for s in stocks])
            word = "涨停" if up else "跌停"
            text += (f"；板块内{total}只{word}，流通市值居前的有{names}" if total > len(stocks)
                     else f"；{names}{word}")
        return text + "。"
    if up:
        text = f"{_join_en(parts)} led the {kind_en}"
    elif len(parts) == 1:
        text = f"{parts[0]} was the weakest of the {kind_en}"
    else:
        text = f"{_join_en(parts)} were the weakest {kind_en}"
    if stocks and total:
        names = _join_en([_stock_en(s) for s in stocks])
        word = "limit-up" if up else "limit-down"
        text += (f"; {total} of their stocks at {word}, the largest by float cap {names}"
                 if total > len(stocks) else f"; at {word}: {names}")
    return text + "."


def _turnover(ev: dict[str, Any], lang: str) -> str:
    scope, label, diff = ev["scope"], ev["label"], ev.get("diff_pct")
    main = ev.get("universe") == UNIVERSE_MAIN
    if lang == "zh":
        where = {"sh+sz+bj": "沪深京三市", "sh+sz": "沪深两市", "sh": "沪市", "sz": "深市",
                 "bj": "北交所"}.get(scope, "")
        where = {"sh+sz": "沪深主板", "sh": "沪市主板", "sz": "深市主板"}.get(scope, where) \
            if main else where
        what = {"half_day": "半日成交额", "full_day": "全天成交额", "auction": "开盘集合竞价成交额"}.get(
            label, f"截至{ev['time']}成交额")
        text = f"{where}{what}{yuan_zh(ev['today'])}"
        if diff is not None:
            size = ("小幅" if abs(diff) < bf.TURNOVER_SLIGHT_PCT
                    else "大幅" if abs(diff) >= bf.TURNOVER_SHARP_PCT else "")
            word = "缩量" if diff < 0 else "放量"
            when = "上一交易日" if label == "full_day" else "上一交易日同期"
            text += f"，较{when}的{yuan_zh(ev['prior'])}{size}{word}（{pct(diff)}）"
        return text + "。"
    where = {"sh+sz+bj": "on the Shanghai, Shenzhen and Beijing exchanges",
             "sh+sz": "on the Shanghai and Shenzhen exchanges", "sh": "in Shanghai",
             "sz": "in Shenzhen", "bj": "on the Beijing exchange"}.get(scope, "")
    if main:
        where = {"sh+sz": "on the Shanghai and Shenzhen main boards",
                 "sh": "on the Shanghai main board", "sz": "on the Shenzhen main board"}.get(
            scope, where)
    what = {"half_day": "Half-day turnover", "full_day": "Full-day turnover",
            "auction": "Opening-auction turnover"}.get(label, f"Turnover by {ev['time']}")
    text = f"{what} {where} was {yuan_en(ev['today'])}".replace("  ", " ")
    if diff is not None:
        size = ("slightly " if abs(diff) < bf.TURNOVER_SLIGHT_PCT
                else "sharply " if abs(diff) >= bf.TURNOVER_SHARP_PCT else "")
        word = "below" if diff < 0 else "above"
        when = "the prior session" if label == "full_day" else "the prior session at the same time"
        text += f", {size}{word} {when} ({yuan_en(ev['prior'])}, {pct(diff)})"
    return text + "."


def _breadth(ev: dict[str, Any], lang: str) -> str:
    flag = ev["flag"]
    med = ev.get("median_pct")
    universe = ev.get("universe", UNIVERSE_ALL)
    names = MEDIAN_ZH if lang == "zh" else MEDIAN_EN
    median = names.get(universe, names[UNIVERSE_ALL])
    iname = ev.get("index_name") if lang == "zh" else ev.get("index_name_en")
    if lang == "zh":
        counts = f"下跌{count(ev['down'])}只、上涨{count(ev['up'])}只（共{count(ev['stocks'])}只）"
        if flag == "concentrated":
            lead = "个股普跌" if ev["decliner_share"] >= bf.SWEEPING_SHARE else "多数个股下跌"
            return (f"{lead}：{counts}，{median} {pct(med)}，而{iname} {pct(ev['index_pct'])}"
                    f"——指数涨幅集中于少数权重股。")
        if flag == "broad":
            lead = "个股普涨" if 1 - ev["decliner_share"] >= bf.SWEEPING_SHARE else "多数个股上涨"
            return (f"{lead}：上涨{count(ev['up'])}只、下跌{count(ev['down'])}只"
                    f"（共{count(ev['stocks'])}只），{median} {pct(med)}，强于{iname} "
                    f"{pct(ev['index_pct'])}。")
        return (f"上涨{count(ev['up'])}只、下跌{count(ev['down'])}只（共{count(ev['stocks'])}只），"
                f"{median} {pct(med)}。")
    if flag == "concentrated":
        return (f"Most stocks fell: {count(ev['down'])} down and {count(ev['up'])} up "
                f"(of {count(ev['stocks'])}), {median} {pct(med)} against {iname} "
                f"{pct(ev['index_pct'])} — the gain was concentrated in a few heavyweights.")
    if flag == "broad":
        return (f"Most stocks rose: {count(ev['up'])} up and {count(ev['down'])} down "
                f"(of {count(ev['stocks'])}), {median} {pct(med)}, better than {iname} "
                f"{pct(ev['index_pct'])}.")
    return (f"{count(ev['up'])} stocks rose and {count(ev['down'])} fell "
            f"(of {count(ev['stocks'])}); {median} {pct(med)}.")


def _limit_up(ev: dict[str, Any], lang: str) -> str:
    top = ev.get("top_streak")
    leaders = ev.get("leaders") or []
    if lang == "zh":
        text = f"涨停{count(ev['limit_up'])}只"
        if ev.get("broken"):
            text += f"、炸板{count(ev['broken'])}只"
        if top and top >= 2 and leaders:
            names = _join_zh([s["name"] for s in leaders])
            more = f"等{ev['leaders_total']}只" if ev["leaders_total"] > len(leaders) else ""
            text += f"；最高板{top}连板：{names}{more}"
            if ev.get("multi_day"):
                text += f"，连板股共{count(ev['multi_day'])}只"
        elif top == 1:
            text += "，均为首板"
        return text + "。"
    text = f"{count(ev['limit_up'])} stocks at limit-up"
    if ev.get("broken"):
        text += f", {count(ev['broken'])} broken"
    if top and top >= 2 and leaders:
        names = _join_en([_stock_en(s) for s in leaders])
        more = f" and {ev['leaders_total'] - len(leaders)} more" if ev["leaders_total"] > len(
            leaders) else ""
        text += f"; the highest streak is {top} consecutive limit-ups: {names}{more}"
        if ev.get("multi_day"):
            text += f"; {count(ev['multi_day'])} stocks on streaks of 2 or more"
    elif top == 1:
        text += ", all first-day limit-ups"
    return text + "."


def _contributors(ev: dict[str, Any], lang: str) -> str:
    up = ev["direction"] == "up"
    named = ev["named"]
    share = ev.get("share_pct")
    has_share = share is not None and math.isfinite(share)
    if lang == "zh":
        who = _join_zh([f"{s['name']}（{signed(s['points'])}点）" for s in named])
        text = (f"{ev['index_name']} {signed(ev['index_points'], 1)} 点，{who}"
                f"{'贡献居前' if up else '拖累居前'}；前{ev['top_n']}大合计 "
                f"{signed(ev['top_points'], 1)} 点")
        if has_share:
            text += f"（占 {share:.0f}%）"
        if up and has_share and share > 100:
            text += f"，其余成分股合计 {signed(ev['rest_points'], 1)} 点"
        text += f"；成分股 {ev['members_up']} 涨 / {ev['members_down']} 跌"
        return text + "。"
    who = _join_en([f"{_stock_en(s)} {signed(s['points'])}" for s in named])
    text = (f"{ev['index_name_en']} {signed(ev['index_points'], 1)} points: "
            f"{'the largest contributors were' if up else 'the largest drags were'} {who}; the top "
            f"{ev['top_n']} together {signed(ev['top_points'], 1)} points")
    if has_share:
        text += f" ({share:.0f}% of the move)"
    if up and has_share and share > 100:
        text += f", the other constituents {signed(ev['rest_points'], 1)}"
    text += f"; constituents {ev['members_up']} up / {ev['members_down']} down"
    return text + "."


def _limit_down(ev: dict[str, Any], lang: str) -> str:
    clusters = ev.get("clusters") or []
    if lang == "zh":
        text = f"跌停{count(ev['limit_down'])}只"
        if clusters:
            parts = [f"{c['name']}{'行业' if c['kind'] == 'industry' else ''}（{c['limit_down']}只，"
                     f"板块 {pct(c['pct_cap'])}）" for c in clusters]
            text += "，集中在" + ("与".join(parts) if len(parts) == 2 else _join_zh(parts))
        return text + "。"
    text = f"{count(ev['limit_down'])} stocks at limit-down"
    if clusters:
        parts = [f"{'the ' if c['kind'] == 'industry' else ''}{board_en(c['name'])}"
                 f"{' industry' if c['kind'] == 'industry' else ''} ({c['limit_down']}; board "
                 f"{pct(c['pct_cap'])})" for c in clusters]
        text += ", clustered in " + _join_en(parts)
    return text + "."


def _new_highs(ev: dict[str, Any], lang: str) -> str:
    stocks = ev["stocks"]
    if lang == "zh":
        what = "创历史新高" if ev["all_time"] else f"创{ev['window_days']}日新高（库内历史）"
        names = _join_zh([s["name"] for s in stocks])
        return (f"{count(ev['of_limit_up'])}只涨停股中{count(ev['count'])}只{what}，"
                f"流通市值居前的有{names}。")
    what = ("at an all-time high" if ev["all_time"]
            else f"at a {ev['window_days']}-day high (the stored history)")
    names = _join_en([_stock_en(s) for s in stocks])
    return (f"{count(ev['count'])} of the {count(ev['of_limit_up'])} limit-up stocks stand {what}, "
            f"the largest by float cap {names}.")


def _industries(ev: dict[str, Any], lang: str) -> str:
    b, w = ev["best"], ev["worst"]
    if lang == "zh":
        tier = "一级行业" if ev.get("level") == 1 else "行业"
        return (f"行业方面，{b['name']} {pct(b['pct_cap'])} 最强，{w['name']} {pct(w['pct_cap'])} 最弱"
                f"（{ev['count']}个{tier}中{ev['up']}涨{ev['down']}跌）。")
    tier = "top-level industries" if ev.get("level") == 1 else "industries"
    return (f"Among industries, {board_en(b['name'])} was strongest at {pct(b['pct_cap'])} and "
            f"{board_en(w['name'])} weakest at {pct(w['pct_cap'])} ({ev['up']} of {ev['count']} "
            f"{tier} up, {ev['down']} down).")


TEMPLATES: dict[str, Callable[[dict[str, Any], str], str]] = {
    bf.KIND_INDICES: _indices,
    bf.KIND_BOARDS_UP: lambda ev, lang: _boards(ev, lang, True),
    bf.KIND_BOARDS_DOWN: lambda ev, lang: _boards(ev, lang, False),
    bf.KIND_TURNOVER: _turnover,
    bf.KIND_BREADTH: _breadth,
    bf.KIND_LIMIT_UP: _limit_up,
    bf.KIND_CONTRIBUTORS: _contributors,
    bf.KIND_LIMIT_DOWN: _limit_down,
    bf.KIND_NEW_HIGHS: _new_highs,
    bf.KIND_INDUSTRIES: _industries,
}


def sentence(finding: Finding, lang: str = "zh") -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    return TEMPLATES[finding.kind](finding.evidence, lang)


def title(date: str, time: str, lang: str = "zh") -> str:
    """'2026-06-02 11:30 午间要点' / 'Midday brief, 2026-06-02 11:30'."""
    if lang == "zh":
        what = {"11:30": "午间要点", "15:00": "收盘要点"}.get(time, "盘中要点")
        return f"{date} {time} {what}"
    what = {"11:30": "Midday brief", "15:00": "Closing brief"}.get(time, "Intraday brief")
    return f"{what}, {date} {time}"
