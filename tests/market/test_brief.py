"""The session brief: each finding on a hand-made session with known answers, the honesty rules
(no data, no claim), the templates' rounding, and the demo session's story in both languages."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from app.market import brief_findings as bf
from app.market.breadth import breadth_counts
from app.market.brief import (BriefItem, brief, brief_dict, brief_json, brief_markdown, findings,
                              history_high_from_daily)
from app.market.brief_text import pct, sentence, signed, yuan_en, yuan_zh
from app.market.concentration import concentration
from app.market.sectors import board_summary
from app.market.snapshot import enrich
from app.market.streaks import all_time_high
from app.session.view import IndexSeries, SessionView
from app.store.reader import StoreReader

DATE = "2026-06-02"
PRIOR = "2026-06-01"
COLS = ["symbol", "code", "market", "board", "name", "list_date", "float_shares", "last",
        "prev_close", "open", "high", "low", "volume", "amount"]
BIG = 1.6e11      # the largest turnover: 长飞光纤
AMT = 5e10        # everyone else; 33 × 5e10 + 1.6e11 = 1.81e12 exactly

# (symbol, name, last) — every prev_close is 10.00 on ±10 % main boards.
CPO = [("sh601869", "长飞光纤", 11.00), ("sh600487", "亨通光电", 11.00), ("sz002281", "光迅科技", 11.00),
       ("sh603083", "剑桥科技", 11.00), ("sh600498", "烽火通信", 10.30), ("sz000988", "华工科技", 10.30)]
FIBRE = [("sh600522", "中天科技", 11.00), ("sz000070", "特发信息", 11.00), ("sh600105", "永鼎股份", 10.20),
         ("sz002491", "通鼎互联", 10.20), ("sh603228", "景旺电子", 10.20)]
SPORTS = [("sz002858", "力盛体育", 9.00), ("sh600158", "中体产业", 9.00), ("sz300651", "金陵体育", 9.00),
          ("sz002899", "英派斯", 9.50), ("sh603908", "牧高笛", 9.50)]
MEDIA = [("sz300027", "华谊兄弟", 9.00), ("sh600977", "中国电影", 9.00), ("sz002739", "万达电影", 9.00),
         ("sh601595", "上海电影", 9.60), ("sz300251", "光线传媒", 9.60), ("sh600637", "东方明珠", 9.60)]
OTHERS = [(f"sh6011{i:02d}", f"银行{i}", 9.90) for i in range(12)]
SUSPENDED = ("sh600001", "停牌股", np.nan)


def _row(sym, name, last, amount):
    market, code = sym[:2], sym[2:]
    board = "sse_main" if market == "sh" else "szse_main"
    if code.startswith("300"):
        board = "chinext"
    prev = 10.00
    if code.startswith("300") and last is not None and math.isfinite(last):
        last = {11.00: 12.00, 9.00: 8.00}.get(last, last)   # ChiNext ±20 %: keep them at the limit
    hi = lo = last
    if last is not None and math.isfinite(last):
        hi, lo = max(last, prev), min(last, prev)
    vol = 0 if not math.isfinite(last) else 1e6
    shares = 1.5e8 if sym == "sh601869" else 1e8     # 长飞光纤: the heaviest
    live = math.isfinite(last)
    return (sym, code, market, board, name, "2015-01-05", shares, last, prev,
            prev if live else np.nan, hi, lo, vol, amount if live else 0.0)


def _cross_section():
    rows = []
    for group in (CPO, FIBRE, SPORTS, MEDIA, OTHERS):
        for sym, name, last in group:
            rows.append(_row(sym, name, last, BIG if sym == "sh601869" else AMT))
    rows.append(_row(*SUSPENDED, 0.0))
    return pd.DataFrame(rows, columns=COLS).set_index("symbol")


def _membership():
    rows = []
    for sid, name, kind, parent, group in (
            ("bk_cpo", "CPO", "concept", None, CPO), ("bk_fibre", "光纤", "concept", None, FIBRE),
            ("bk_sports", "体育", "concept", None, SPORTS),
            ("bk_media", "传媒", "concept", None, MEDIA),
            ("sw801770", "通信", "industry", None, CPO + FIBRE),
            ("sw801760", "传媒", "industry", None, SPORTS + MEDIA),
            ("sw801780", "银行", "industry", None, OTHERS)):
        rows += [(sid, name, kind, parent, sym) for sym, _n, _l in group]
    return pd.DataFrame(rows, columns=["sector_id", "name", "kind", "parent_id", "symbol"])


def _minutes(closes: dict[str, float]) -> pd.DataFrame:
    times = list(closes)
    c = np.array(list(closes.values()), dtype=float)
    return pd.DataFrame({"time": times, "open": c, "high": c, "low": c, "close": c,
                         "volume": 1e6, "amount": 1e9})


def _series(turnover_1130: float, date: str) -> pd.DataFrame:
    return pd.DataFrame({"date": date, "time": ["09:30", "10:00", "11:30"], "stocks": 35,
                         "up": 11, "down": 23, "flat": 0, "suspended": 1, "limit_up": 6,
                         "limit_down": 6, "broken": 0,
                         "turnover_yuan": [5e10, 8e11, turnover_1130]})


INDICES = {
    # prev_close, close at 11:30, close at 14:00 (after the shown minute: must not leak)
    "sz399006": ("创业板指", 2000.0, 2043.0, 1990.0),
    "sh000688": ("科创50", 1000.0, 1010.0, 1000.0),
    "sh000001": ("上证指数", 3400.0, 3398.2, 3380.0),
}


def make_view(time: str = "11:30", *, prior: bool = True, minutes: bool = True,
              streak: bool = True) -> SessionView:
    cs = _cross_section()
    enriched = enrich(cs, DATE)
    if streak:
        enriched["streak"] = np.where(enriched["at_limit_up"], 1.0, np.nan)
        enriched.loc["sh601869", "streak"] = 3.0
    membership = _membership()
    indices = {}
    for sym, (name, prev, at_1130, at_1400) in INDICES.items():
        mins = _minutes({"09:30": prev, "11:30": at_1130, "14:00": at_1400}) if minutes \
            else _minutes({}).iloc[0:0]
        indices[sym] = IndexSeries(sym, name, prev, mins)
    members = pd.DataFrame({"symbol": ["sh601869", "sh600487", "sh601100", "sh601595"],
                            "weight_shares": [5e8, 3e8, 2e8, 1e8]})
    conc = {}
    if minutes:
        conc["sz399006"] = concentration(members, enriched, 2000.0, index_symbol="sz399006",
                                         index_name="创业板指", index_last=2043.0)
    return SessionView(
        date=DATE, time=time, times=("09:30", "10:00", "11:30", "14:00"), prior_date=PRIOR,
        enriched=enriched, counts=breadth_counts(enriched), review=pd.DataFrame(),
        series=_series(1.81e12, DATE), prior_series=_series(1.86e12, PRIOR) if prior
        else pd.DataFrame(), membership=membership, summary=board_summary(enriched, membership),
        indices=indices, concentration=conc)


@pytest.fixture(scope="module")
def view():
    return make_view()


def _by_kind(items):
    return {f.kind: f for f in items}


# -- indices ---------------------------------------------------------------------------------------
def test_index_moves_ranked_with_spread_at_the_shown_minute(view):
    f = bf.find_indices(view)
    assert [r["symbol"] for r in f.evidence["ranked"]] == ["sz399006", "sh000688", "sh000001"]
    assert f.evidence["ranked"][0]["pct"] == pytest.approx(2.15)          # 11:30, not 14:00
    assert f.evidence["spread_pp"] == pytest.approx(2.20)
    assert f.target == {"kind": "index", "id": "sz399006", "time": "11:30"}
    zh, en = sentence(f, "zh"), sentence(f, "en")
    assert zh.startswith("创业板指 +2.15% 领涨主要指数，强于上证指数（−0.05%）2.20 个百分点")
    assert "科创50 +1.00%" in zh
    assert en.startswith("ChiNext led the main indices at +2.15%, 2.20 pp ahead of the SSE "
                         "Composite (−0.05%)")


def test_spread_is_taken_from_the_printed_numbers():
    # 1.006 and -1.004 print as +1.01 / -1.00: the printed spread is 2.01, not round(2.010) = 2.01
    # and not round(1.006 + 1.004) = 2.01 by luck -- use values where the two differ.
    v = make_view()
    v.indices["sz399006"] = IndexSeries("sz399006", "创业板指", 1000.0,
                                        _minutes({"09:30": 1000.0, "11:30": 1010.046}))
    v.indices["sh000001"] = IndexSeries("sh000001", "上证指数", 1000.0,
                                        _minutes({"09:30": 1000.0, "11:30": 989.954}))
    ev = bf.find_indices(v).evidence
    lead, lag = ev["ranked"][0]["pct"], ev["ranked"][-1]["pct"]
    assert f"{lead:.2f}" == "1.00" and f"{lag:.2f}" == "-1.00"
    assert round(lead - lag, 2) == 2.01 and ev["spread_pp"] == 2.00


def test_falling_market_says_so():
    v = make_view()
    v.indices["sz399006"] = IndexSeries("sz399006", "创业板指", 2000.0,
                                        _minutes({"09:30": 2000.0, "11:30": 1990.0}))
    v.indices["sh000688"] = IndexSeries("sh000688", "科创50", 1000.0,
                                        _minutes({"09:30": 1000.0, "11:30": 990.0}))
    f = bf.find_indices(v)
    assert sentence(f, "zh") == ("主要指数全线下跌，上证指数 −0.05% 跌幅最小，强于科创50（−1.00%）"
                                 "0.95 个百分点；创业板指 −0.50%。")
    assert sentence(f, "en").startswith("All main indices fell; SSE Composite held up best at "
                                        "−0.05%, 0.95 pp ahead of the STAR 50 (−1.00%)")


def test_no_index_minutes_no_index_claim():
    v = make_view(minutes=False)
    kinds = {f.kind for f in findings(v)}
    assert bf.KIND_INDICES not in kinds and bf.KIND_CONTRIBUTORS not in kinds
    # breadth is still stated, without the index comparison
    b = bf.find_breadth(v)
    assert b.evidence["flag"] is None and b.evidence["index"] is None
    assert "创业板指" not in sentence(b, "zh")


def test_before_the_first_index_minute_no_index_claim():
    v = make_view(time="09:25")
    assert bf.find_indices(v) is None


def test_daily_only_session_uses_the_daily_bar_at_the_close():
    v = make_view(time="15:00", minutes=False)
    daily = pd.DataFrame({"date": [PRIOR, DATE], "open": [2000.0, 2000.0], "high": [2000.0, 2050.0],
                          "low": [2000.0, 2000.0], "close": [2000.0, 2043.0],
                          "prev_close": [1990.0, 2000.0], "volume": [1.0, 1.0],
                          "amount": [1.0, 1.0]})
    v.indices["sz399006"] = IndexSeries("sz399006", "创业板指", 2000.0, _minutes({}).iloc[0:0], daily)
    f = bf.find_indices(v)
    assert [r["symbol"] for r in f.evidence["ranked"]] == ["sz399006"]
    assert sentence(f, "zh") == "创业板指 +2.15%。"
    # ... but not at 11:30: a daily bar says nothing about the morning
    v2 = replace(v, time="11:30")
    assert bf.find_indices(v2) is None


# -- boards ----------------------------------------------------------------------------------------
def test_strongest_concept_boards_with_limit_counts_and_names(view):
    f = bf.find_boards(view, up=True)
    cpo, fibre = f.evidence["boards"]
    assert (cpo["name"], fibre["name"]) == ("CPO", "光纤")
    # cap = shares × last: 长飞光纤 1.5e8 × 11.00, three more × 11.00 at +10 %, two × 10.30 at +3 %
    caps = [16.5, 11.0, 11.0, 11.0, 10.3, 10.3]
    moves = [10, 10, 10, 10, 3, 3]
    assert cpo["pct_cap"] == pytest.approx(sum(c * m for c, m in zip(caps, moves)) / sum(caps))
    assert cpo["pct_eq"] == pytest.approx((4 * 10 + 2 * 3) / 6)
    assert (cpo["limit_up"], fibre["limit_up"]) == (4, 2)
    assert f.evidence["limit_total"] == 6
    assert [s["name"] for s in f.evidence["stocks"]][0] == "长飞光纤"      # largest float cap
    assert f.target == {"kind": "sector", "id": "bk_cpo", "time": "11:30"}
    zh = sentence(f, "zh")
    assert zh.startswith(f"CPO {pct(cpo['pct_cap'])}（等权 +7.67%，4只涨停）、光纤")
    assert "领涨概念板块；板块内6只涨停，流通市值居前的有长飞光纤、" in zh
    en = sentence(f, "en")
    assert "Fibre optics 光纤" in en and "长飞光纤 (601869)" in en and "4 at limit-up" in en


def test_small_moves_are_not_called_leaders():
    v = make_view()
    flat = v.summary.copy()
    flat["pct_cap"] = flat["pct_cap"].clip(-0.5, 0.5)
    v2 = replace(v, summary=flat)
    assert bf.find_boards(v2, up=True) is None and bf.find_boards(v2, up=False) is None


def test_limit_down_clusters_and_no_repeat_of_the_same_boards(view):
    f = bf.find_limit_down(view)
    assert f.evidence["limit_down"] == 6
    names = [(c["name"], c["kind"], c["limit_down"]) for c in f.evidence["clusters"]]
    # 传媒 industry (6) first; 传媒 concept (3) has the same name and is not named twice
    assert names == [("传媒", "industry", 6), ("体育", "concept", 3)]
    assert sentence(f, "zh").startswith("跌停6只，集中在传媒行业（6只，板块 −")
    assert "Sports 体育 (3; board" in sentence(f, "en")
    weak = bf.find_boards(view, up=False)
    assert {b["name"] for b in weak.evidence["boards"]} == {"体育", "传媒"}
    kinds = [x.kind for x in findings(view)]
    assert bf.KIND_LIMIT_DOWN in kinds and bf.KIND_BOARDS_DOWN not in kinds


def test_industries_best_and_worst(view):
    f = bf.find_industries(view)
    assert (f.evidence["best"]["name"], f.evidence["worst"]["name"]) == ("通信", "传媒")
    assert f.evidence["count"] == 3 and f.evidence["level"] == 1
    assert "3个一级行业中" in sentence(f, "zh")


# -- limit-ups and new highs -----------------------------------------------------------------------
def test_limit_up_count_and_highest_streak(view):
    f = bf.find_limit_up(view)
    assert f.evidence["limit_up"] == 6 == view.counts.limit_up
    assert f.evidence["top_streak"] == 3
    assert [s["symbol"] for s in f.evidence["leaders"]] == ["sh601869"]
    assert f.target == {"kind": "stock", "id": "sh601869", "time": "11:30"}
    assert sentence(f, "zh") == "涨停6只；最高板3连板：长飞光纤，连板股共1只。"
    assert "3 consecutive limit-ups: 长飞光纤 (601869)" in sentence(f, "en")


def test_limit_up_without_streak_data_states_only_the_count():
    f = bf.find_limit_up(make_view(streak=False))
    assert "top_streak" not in f.evidence and f.target is None
    assert sentence(f, "zh") == "涨停6只。"


def _history(view, first_date="2015-01-05", days=300, max_close=10.50):
    syms = view.enriched.index[view.enriched["at_limit_up"]]
    h = pd.DataFrame({"max_close": max_close, "days": days, "first_date": first_date},
                     index=pd.Index(syms, name="symbol"))
    h.loc["sh600487", "max_close"] = 12.00          # 亨通光电 stays below an older high
    return h


def test_new_highs_all_time_when_history_starts_at_listing(view):
    f = bf.find_new_highs(view, _history(view))
    assert f.evidence["count"] == 5 and f.evidence["of_limit_up"] == 6
    assert f.evidence["all_time"] is True
    assert "sh600487" not in [s["symbol"] for s in f.evidence["stocks"]]
    assert sentence(f, "zh").startswith("6只涨停股中5只创历史新高，流通市值居前的有长飞光纤")
    assert "at an all-time high" in sentence(f, "en")


def test_new_highs_over_a_shorter_history_name_the_window(view):
    f = bf.find_new_highs(view, _history(view, first_date="2025-06-03", days=242))
    assert f.evidence["all_time"] is False and f.evidence["window_days"] == 243
    assert "创243日新高（库内历史）" in sentence(f, "zh")
    assert "243-day high" in sentence(f, "en")


def test_new_highs_need_history(view):
    assert bf.find_new_highs(view, None) is None
    assert bf.find_new_highs(view, _history(view, days=bf.NEW_HIGH_MIN_DAYS - 1)) is None
    assert bf.KIND_NEW_HIGHS not in {f.kind for f in findings(view)}


def test_history_high_from_daily_agrees_with_all_time_high(view):
    syms = ["sh601869", "sh600487"]
    daily = pd.DataFrame({
        "date": ["2026-05-28", "2026-05-29", "2026-06-01", DATE] * 2,
        "symbol": ["sh601869"] * 4 + ["sh600487"] * 4,
        "close": [9.0, 10.5, 10.0, 11.0, 12.0, 9.0, 10.0, 11.0]})
    h = history_high_from_daily(daily, DATE)
    assert h.loc["sh601869"].tolist() == [10.5, 3, "2026-05-28"]
    ref = all_time_high(daily, syms, DATE, view.enriched["last"])
    mine = h.reindex(syms)["max_close"]
    assert (view.enriched.loc[syms, "last"] >= mine).tolist() == ref["ath"].tolist()


# -- turnover and breadth --------------------------------------------------------------------------
def test_half_day_turnover_against_the_prior_session(view):
    f = bf.find_turnover(view)
    assert f.evidence["today"] == 1.81e12 == view.counts.turnover_yuan
    assert f.evidence["diff_pct"] == pytest.approx((1.81 / 1.86 - 1) * 100)
    zh, en = sentence(f, "zh"), sentence(f, "en")
    assert zh == "沪深两市半日成交额1.81万亿，较上一交易日同期的1.86万亿小幅缩量（−2.69%）。"
    assert en == ("Half-day turnover on the Shanghai and Shenzhen exchanges was 1.81 trillion "
                  "yuan, slightly below the prior session at the same time (1.86 trillion yuan, "
                  "−2.69%).")


def test_no_prior_session_no_comparison():
    f = bf.find_turnover(make_view(prior=False))
    assert f.evidence["diff_pct"] is None and f.target is None
    assert sentence(f, "zh") == "沪深两市半日成交额1.81万亿。"
    assert "prior" not in sentence(f, "en")


def test_prior_session_without_that_clock_time_no_comparison():
    v = make_view(time="10:30")
    f = bf.find_turnover(v)            # the prior session has 10:00 and 11:30, not 10:30
    assert f.evidence["diff_pct"] is None
    assert sentence(f, "zh").startswith("沪深两市截至10:30成交额")
    assert sentence(f, "en").startswith("Turnover by 10:30")


def test_turnover_labels():
    assert "全天成交额" in sentence(bf.find_turnover(make_view(time="15:00")), "zh")
    assert "开盘集合竞价成交额" in sentence(bf.find_turnover(make_view(time="09:30")), "zh")


def test_breadth_flagged_concentrated(view):
    f = bf.find_breadth(view)
    ev = f.evidence
    assert (ev["up"], ev["down"], ev["flat"], ev["suspended"], ev["stocks"]) == (11, 23, 0, 1, 35)
    assert ev["flag"] == "concentrated"
    assert ev["median_pct"] == pytest.approx(view.counts.median_pct)
    zh = sentence(f, "zh")
    assert zh.startswith("多数个股下跌：下跌23只、上涨11只（共35只），全市场中位数 −1.00%，而创业板指 +2.15%")
    assert "concentrated" in sentence(f, "en")


def test_breadth_not_flagged_when_the_leading_index_falls():
    v = make_view()
    for sym in ("sz399006", "sh000688"):
        s = v.indices[sym]
        mins = _minutes({"09:30": s.prev_close, "11:30": s.prev_close * 0.99})
        v.indices[sym] = IndexSeries(sym, s.name, s.prev_close, mins)
    f = bf.find_breadth(v)
    assert f.evidence["flag"] is None
    assert f.score < bf.find_turnover(v).score


def test_contributors_of_the_leading_index(view):
    f = bf.find_contributors(view)
    ev = f.evidence
    c = view.concentration["sz399006"]
    assert ev["named"][0]["symbol"] == "sh601869" and ev["direction"] == "up"
    assert ev["index_points"] == pytest.approx(c.index_points)
    assert ev["top_points"] == pytest.approx(c.top_points())
    zh = sentence(f, "zh")
    assert zh.startswith(f"创业板指 {signed(c.index_points, 1)} 点，长飞光纤（{signed(c.top_up[0].points)}点）")
    assert f"占 {c.top_points() / c.index_points * 100:.0f}%" in zh


# -- the whole brief -------------------------------------------------------------------------------
def test_brief_orders_by_importance_and_is_json_ready(view):
    items = brief(view, "zh")
    assert all(isinstance(i, BriefItem) for i in items)
    scores = [i.finding.score for i in items]
    assert scores == sorted(scores, reverse=True)
    assert items[0].finding.kind == bf.KIND_INDICES
    d = json.loads(brief_json(view, "en"))
    assert d["date"] == DATE and d["time"] == "11:30" and len(d["items"]) == len(items)
    for it in d["items"]:
        assert it["text"] and it["kind"] and isinstance(it["evidence"], dict)
        t = it["target"]
        assert t is None or (t["kind"] in {"index", "sector", "stock"} and t["time"] == "11:30")
    json.dumps(brief_dict(view, "zh"), allow_nan=False)
    md = brief_markdown(view, "zh").splitlines()
    assert md[0] == "## 2026-06-02 11:30 午间要点"
    assert [line for line in md if line.startswith("- ")] == [f"- {i.text}" for i in items]
    assert len(brief(view, "en", limit=3)) == 3


def test_history_high_can_come_from_extras(view):
    v = replace(view, extras={"history_high": _history(view)})
    assert bf.KIND_NEW_HIGHS in {i.finding.kind for i in brief(v)}


def test_bad_language(view):
    with pytest.raises(ValueError):
        brief(view, "fr")


def test_empty_view_gives_no_bullets():
    empty = SessionView(date=DATE, time="11:30", times=(), prior_date=None,
                        enriched=pd.DataFrame(), counts=None, review=pd.DataFrame(),
                        series=pd.DataFrame(), prior_series=pd.DataFrame(),
                        membership=pd.DataFrame())
    assert brief(empty) == []


@pytest.mark.parametrize("value, text", [(2.150062, "+2.15%"), (-0.0527, "−0.05%"),
                                         (-0.001, "0.00%"), (float("nan"), "—")])
def test_percent_format_as_the_panels(value, text):
    assert pct(value) == text


def test_yuan_formats_round_alike():
    rng = np.random.default_rng(7)
    for v in np.concatenate([rng.uniform(1e8, 1e12, 300), rng.uniform(1e12, 4e12, 300)]):
        zh, en = yuan_zh(v), yuan_en(v)
        if zh.endswith("万亿"):
            assert zh[:-2] == en.split()[0]
        else:                                           # whole 亿 = one decimal of a billion
            assert float(zh[:-1]) / 10 == pytest.approx(float(en.split()[0]))
    assert yuan_zh(1.81e12) == "1.81万亿" and yuan_en(1.81e12) == "1.81 trillion yuan"
    assert yuan_zh(8.5e11) == "8500亿" and yuan_en(8.5e11) == "850.0 billion yuan"


# -- the demo session's story ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_view(demo_store):
    from app.commands.brief import history_high
    from app.store.connection import open_readonly
    from app.session.loader import SessionLoader

    conn = open_readonly(demo_store)
    try:
        v = SessionLoader(StoreReader(conn)).load("2026-06-02", "11:30")
        lu = list(v.enriched.index[v.enriched["at_limit_up"].to_numpy(dtype=bool)])
        h = history_high(conn, v.date, lu)
    finally:
        conn.close()
    return v, h


def test_demo_brief_in_chinese(demo_view):
    v, h = demo_view
    items = brief(v, "zh", h)
    text = "\n".join(i.text for i in items)
    k = {i.finding.kind: i for i in items}
    assert items[0].finding.kind == bf.KIND_INDICES
    assert k["indices"].text.startswith("创业板指 +2.15% 领涨主要指数，强于上证指数（")
    assert pct(v.concentration["sz399006"].shown_pct) == "+2.15%"
    boards = k["boards_up"].finding.evidence
    assert {b["name"] for b in boards["boards"]} == {"CPO", "光纤"}
    assert "CPO +" in k["boards_up"].text and "光纤 +" in k["boards_up"].text
    assert "涨停" in k["boards_up"].text
    assert "亨通光电" in text and "长飞光纤" in text
    named = {s["symbol"] for s in boards["stocks"]}
    assert {"sh600487", "sh601869"} <= named
    t = k["turnover"]
    assert "半日成交额1.81万亿" in t.text and "较上一交易日同期" in t.text and "缩量" in t.text
    assert t.finding.evidence["today"] < t.finding.evidence["prior"]
    b = k["breadth"].finding.evidence
    assert b["flag"] == "concentrated" and b["down"] > 4100
    assert f"下跌{b['down']:,}只" in k["breadth"].text
    assert "连板" in text and "跌停" in text


def test_demo_brief_in_english(demo_view):
    v, h = demo_view
    items = brief(v, "en", h)
    k = {i.finding.kind: i.text for i in items}
    assert k["indices"].startswith("ChiNext led the main indices at +2.15%")
    assert "ahead of the SSE Composite (" in k["indices"]
    assert "CPO +" in k["boards_up"] and "Fibre optics 光纤" in k["boards_up"]
    assert "亨通光电 (600487)" in k["boards_up"] and "长飞光纤 (601869)" in k["boards_up"]
    assert "Half-day turnover" in k["turnover"] and "1.81 trillion yuan" in k["turnover"]
    assert "below the prior session at the same time" in k["turnover"]
    assert "concentrated" in k["breadth"]
    down = int(k["breadth"].split(":")[1].split(" down")[0].replace(",", ""))
    assert down > 4100


def test_demo_numbers_equal_the_panels(demo_view):
    v, _h = demo_view
    ev = bf.find_turnover(v).evidence
    assert ev["today"] == v.counts.turnover_yuan             # the strip's turnover
    prior = v.prior_series[v.prior_series["time"] == "11:30"]["turnover_yuan"].iloc[-1]
    assert ev["prior"] == prior
    idx = {r["symbol"]: r["pct"] for r in bf.index_moves(v)}
    for sym, c in v.concentration.items():
        if sym in idx:
            assert f"{idx[sym]:.2f}" == f"{c.shown_pct:.2f}"
