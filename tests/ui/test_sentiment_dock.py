"""The Sentiment dock: set_data maps a report (or a SentimentResult) onto its labels and tables."""

import numpy as np
import pandas as pd
import pytest
from PySide6.QtGui import QColor

from app.market.calendar import trading_days_between
from app.market.limits import Band, limit_prices
from app.market.sentiment import SentimentInputs, compute_sentiment, sentiment_dict
from app.market.snapshot import enrich
from app.market.streaks import daily_limit_flags
from app.ui.palette import palette
from app.ui.sentiment import SentimentDock

DAY = "2026-06-02"
PAL = palette("light")


def up(prev: float) -> float:
    return float(limit_prices(str(prev), Band(10, 10))[0])


def _result():
    """A small SentimentResult: 甲 一字 3板, 乙 T字 2板, 丙 首板; 丁 broke (yesterday 2板)."""
    dates = trading_days_between("2026-04-01", "2026-06-01")
    syms = ["sh600001", "sh600002", "sh600003", "sh600004", "sh600005"]
    tails = {"sh600001": ["U", "U"], "sh600002": ["U"], "sh600004": ["U", "U"]}
    rows, prev = [], {}
    for s in syms:
        p = 10.0
        moves = [0.5] * (len(dates) - len(tails.get(s, []))) + tails.get(s, [])
        for d, m in zip(dates, moves):
            c = up(p) if m == "U" else round(p * (1 + m / 100), 2)
            rows.append({"date": d, "symbol": s, "open": p, "high": max(p, c), "low": min(p, c),
                         "close": c, "prev_close": p, "volume": 1e6, "amount": 1e7})
            p = c
        prev[s] = p
    history = pd.DataFrame(rows)
    L = {s: up(p) for s, p in prev.items()}
    cs = pd.DataFrame([
        ("sh600001", "甲", L["sh600001"], L["sh600001"], L["sh600001"], L["sh600001"]),
        ("sh600002", "乙", L["sh600002"], L["sh600002"], prev["sh600002"], L["sh600002"]),
        ("sh600003", "丙", prev["sh600003"], L["sh600003"], prev["sh600003"], L["sh600003"]),
        ("sh600004", "丁", prev["sh600004"], L["sh600004"], prev["sh600004"],
         round(prev["sh600004"] * 0.97, 2)),
        ("sh600005", "戊", prev["sh600005"], prev["sh600005"], round(prev["sh600005"] * 0.98, 2),
         round(prev["sh600005"] * 0.99, 2)),
    ], columns=["symbol", "name", "open", "high", "low", "last"]).set_index("symbol")
    cs["code"] = [s[2:] for s in cs.index]
    cs["board"], cs["list_date"], cs["float_shares"] = "sse_main", "2015-01-05", 1e8
    cs["prev_close"] = [prev[s] for s in cs.index]
    cs["volume"], cs["amount"] = 1e6, 1e7
    today = enrich(cs, DAY)
    yday = {"sh600001": 2, "sh600002": 1, "sh600004": 2}
    today["prev_streak"] = pd.Series(yday).reindex(today.index).fillna(0).astype(int)
    today["streak"] = np.where(today["at_limit_up"], today["prev_streak"] + 1, 0)
    today["first_seal"] = pd.Series({"sh600001": "09:25", "sh600002": "09:25", "sh600003": "10:41",
                                     "sh600004": "09:58"}).reindex(today.index).astype(object)
    today["opens"] = pd.Series({"sh600002": 1, "sh600004": 1}).reindex(today.index).fillna(0)
    membership = pd.DataFrame({"sector_id": ["bk_cpo"] * 3 + ["sw801081"] * 2,
                               "name": ["CPO"] * 3 + ["半导体"] * 2,
                               "kind": ["concept"] * 3 + ["industry"] * 2,
                               "symbol": ["sh600001", "sh600002", "sh600004", "sh600003",
                                          "sh600005"]})
    auction = cs[["open", "prev_close", "amount"]].assign(amount=2e5)
    inp = SentimentInputs(date=DAY, time="15:00", source="quotes", prev_date=dates[-1],
                          today=today, history=history, flags=daily_limit_flags(history),
                          membership=membership, auction=auction, prior_turnover=4e7)
    return compute_sentiment(inp)


@pytest.fixture(scope="module")
def result():
    return _result()


@pytest.fixture
def dock(qtbot):
    w = SentimentDock()
    qtbot.addWidget(w)
    w.resize(700, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_set_data_ladder_with_breaks(dock, result):
    dock.set_data(result)
    assert dock.ladder_headers() == ["3板·最高板 1 断1", "2板 1", "首板 1"]
    first = dock.ladder_column(0)
    assert [i.text() for i in first] == ["甲 09:25 一字", "丁 炸 −3.0%"]
    assert not first[0].font().strikeOut() and first[0].font().bold()
    assert first[0].foreground().color() == QColor(PAL.up)
    assert first[1].font().strikeOut()                  # yesterday's 2-board failed: struck
    assert "炸板" in first[1].toolTip() and first[1].foreground().color() == QColor(PAL.flat)
    assert [i.text() for i in dock.ladder_column(1)] == ["乙 09:25 T字"]
    assert [i.text() for i in dock.ladder_column(2)] == ["丙 10:41 换手"]
    assert "最高 3 板" in dock.ladder_title.text()


def test_promotion_yesterday_and_lines(dock, result):
    rep = sentiment_dict(result)
    dock.set_data(rep)
    rows = dock.table_text(dock.promotion)
    assert rows[0] == ["1→2", "1", "1", "100%"]
    assert rows[1] == ["2→3", "2", "1", "50%"]
    assert rows[-1][0] == "合计"
    y = dock.table_text(dock.yesterday)
    assert [r[0] for r in y] == ["首板", "连板", "昨日涨停", "昨日炸板"]
    assert y[1][1] == "2"
    assert "封板率" in dock.seal_line.text() and "75.0%" in dock.seal_line.text()
    assert "竞价" in dock.auction_line.text() and "额/昨额 2.0%" in dock.auction_line.text()
    assert "麦克连" in dock.breadth_line.text()


def test_gauge_bars_and_stage(dock, result):
    rep = sentiment_dict(result)
    dock.set_data(rep)
    assert dock.stage_text() in ("冰点", "修复", "发酵", "高潮", "退潮")
    comps = {c["key"]: c for c in rep["gauge"]["components"]}
    bar = dock.component_bars["limit_ups"]
    assert bar.percentile == pytest.approx(comps["limit_ups"]["percentile"])
    heat = comps["limit_ups"]["heat"]
    assert bar.colour == (PAL.up if heat >= 50 else PAL.down)
    assert dock.component_values["limit_ups"].text().startswith("3 · P")
    assert "P" in dock.component_values["break_rate"].text()
    assert "冰点" in dock.stage.toolTip() and "退潮" in dock.stage.toolTip()


def test_boards_top_and_score_tooltip(dock, result):
    dock.set_data(result)
    rows = dock.table_text(dock.boards)
    assert rows[0][0].startswith("CPO") and rows[0][1] == "2"
    assert rows[0][6] == "甲 3板"                          # leader: highest streak
    assert "得分" in dock.boards.item(0, 7).toolTip()
    assert dock.boards.item(0, 1).foreground().color() == QColor(PAL.up)


def test_no_auction_and_clear(dock, result):
    rep = sentiment_dict(result)
    rep["auction"] = {"available": False, "slot": "09:30", "groups": None,
                      "reason": "no 09:30 opening-auction snapshot"}
    dock.set_data(rep)
    assert "无" in dock.auction_line.text()
    dock.set_data(None)
    assert dock.stage_text() == "—" and dock.ladder.columnCount() == 0


def test_readable_at_700(dock, result, tmp_path):
    dock.set_data(result)
    img = dock.grab().toImage()
    assert (img.width(), img.height()) == (700, 700)
    assert dock.boards.height() + dock.ladder.height() < 700
    assert dock.boards.geometry().bottom() <= dock.height()


def test_pending_tile_is_not_struck(dock, result):
    rep = sentiment_dict(result)
    for t in rep["ladder"]["tiles"]:
        if t["symbol"] == "sh600004":
            t.update(status="pending", failed=False)
    rep["ladder"]["levels"] = [{**lv, "failed": 0, "pending": 1} if lv["level"] == 3 else lv
                               for lv in rep["ladder"]["levels"]]
    dock.set_data(rep)
    item = dock.ladder_column(0)[1]
    assert item.font().italic() and not item.font().strikeOut()
    assert dock.ladder_headers()[0] == "3板·最高板 1 待1"
    assert "待晋级 1" in dock.ladder_title.text()


def test_clicking_a_tile_selects_the_stock(dock, result, qtbot):
    dock.set_data(result)
    item = dock.ladder_column(0)[0]
    with qtbot.waitSignal(dock.stock_selected, timeout=1000) as sig:
        dock.ladder.itemClicked.emit(item)
    assert sig.args == ["sh600001"]


def test_asked_for_and_not_yet_come_says_so(dock, result):
    dock.set_data(None)
    dock.show_pending("2026-06-02", "11:30")
    assert "11:30" in dock.level.text() and dock.level.text() != "未载入交易日"
    dock.set_data(result)
    shown = dock.level.text()
    dock.show_pending("2026-06-02", "11:31")       # the last report stays until the next comes
    assert dock.level.text() == shown
