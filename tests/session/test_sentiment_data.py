"""The sentiment report of a stored minute: a tiny hand-made store with known answers (and point in
time), the demo store against the limit review, and the `report sentiment` command."""

import json
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from app.commands.sentiment import run_sentiment
from app.market.calendar import trading_days_between
from app.market.limits import Band, limit_prices
from app.market.session import session_minutes, slot_of
from app.store.connection import open_readonly, open_writer
from app.session.review import limit_review
from app.session.sentiment_data import sentiment_base, sentiment_inputs, sentiment_report
from app.store.reader import StoreReader

DAY = "2026-06-02"
PREV = "2026-06-01"
NEXT = "2026-06-03"
HISTORY = trading_days_between("2026-04-13", PREV)          # 30+ sessions before DAY
MINUTES = list(session_minutes())


def up(prev: float, pct: int = 10) -> float:
    return float(limit_prices(str(prev), Band(pct, pct))[0])


def down(prev: float, pct: int = 10) -> float:
    return float(limit_prices(str(prev), Band(pct, pct))[1])


def path(*segments):
    out = [None] * len(MINUTES)
    for i, (t, p) in enumerate(segments):
        end = slot_of(segments[i + 1][0]) if i + 1 < len(segments) else len(MINUTES)
        for s in range(slot_of(t), end):
            out[s] = p
    return out


NAMES = {"sh600001": "炸板甲", "sh600002": "断板乙", "sh600003": "一字丙", "sh600004": "首板丁",
         "sh600005": "T字戊", "sh600006": "平常己", "sh600007": "跌停庚", "sh600008": "停牌辛"}
# the last moves before DAY: 'U' limit-up, a float = % move (the rest of the history: +0.3 %)
TAILS = {"sh600001": ["U"], "sh600002": ["U", "U"], "sh600003": ["U"], "sh600008": ["U"],
         "sh600004": [1.0], "sh600005": [0.5], "sh600006": [-0.5], "sh600007": [-1.0]}


def _daily(symbol: str) -> tuple[list[tuple], float]:
    moves = [0.3] * (len(HISTORY) - len(TAILS[symbol])) + TAILS[symbol]
    rows, prev = [], 10.0
    for d, m in zip(HISTORY, moves):
        c = up(prev) if m == "U" else float(Decimal(str(prev * (1 + m / 100))).quantize(Decimal("0.01")))
        rows.append((d, symbol, prev, max(prev, c), min(prev, c), c, prev, 1e6, 1e7))
        prev = c
    return rows, prev


def build_store(path_: Path) -> dict[str, float]:
    daily, prev = [], {}
    for sym in NAMES:
        rows, prev[sym] = _daily(sym)
        daily += rows
    p = prev
    paths = {   # (open, last path)
        "sh600001": (round(p["sh600001"] * 1.01, 2),
                     path(("09:30", round(p["sh600001"] * 1.01, 2)), ("09:45", up(p["sh600001"])),
                          ("10:30", round(up(p["sh600001"]) - 0.20, 2)))),
        "sh600002": (round(p["sh600002"] * 0.99, 2), path(("09:30", round(p["sh600002"] * 0.99, 2)))),
        "sh600003": (up(p["sh600003"]), path(("09:30", up(p["sh600003"])))),
        "sh600004": (round(p["sh600004"] * 1.02, 2),
                     path(("09:30", round(p["sh600004"] * 1.02, 2)), ("13:30", up(p["sh600004"])))),
        "sh600005": (up(p["sh600005"]), path(("09:30", up(p["sh600005"])),
                                             ("09:40", round(up(p["sh600005"]) - 0.05, 2)),
                                             ("09:50", up(p["sh600005"])))),
        "sh600006": (p["sh600006"], path(("09:30", p["sh600006"]),
                                         ("10:00", round(p["sh600006"] * 0.99, 2)))),
        "sh600007": (p["sh600007"], path(("09:30", p["sh600007"]), ("14:00", down(p["sh600007"])))),
        "sh600008": (None, [None] * len(MINUTES)),
    }
    quotes = []
    for sym, (opn, last) in paths.items():
        hi = lo = None
        for i, (t, px) in enumerate(zip(MINUTES, last)):
            if px is not None:
                hi = px if hi is None else max(hi, px)
                lo = px if lo is None else min(lo, px)
            vol = 0.0 if px is None else 1000.0 * (i + 1)
            quotes.append((DAY, t, sym, px, p[sym], opn, hi, lo, vol, vol * 10))
        if last[-1] is not None:       # the day's daily bar, as the demo store writes it
            daily.append((DAY, sym, opn, hi, lo, last[-1], p[sym], 241000.0, 2410000.0))
    # NEXT has daily bars only (an imported daily file): 丙 seals a third 一字, 丁 breaks, 戊 and
    # the rest have no bar (suspended or not imported)
    close = {r[1]: r[5] for r in daily if r[0] == DAY}
    c3 = up(close["sh600003"])
    daily.append((NEXT, "sh600003", c3, c3, c3, c3, close["sh600003"], 1e5, 1e6))
    c4 = close["sh600004"]
    daily.append((NEXT, "sh600004", c4, up(c4), round(c4 * 0.97, 2), round(c4 * 0.98, 2), c4, 1e6, 1e7))
    daily.append((NEXT, "sh600006", close["sh600006"], close["sh600006"], close["sh600006"],
                  close["sh600006"], close["sh600006"], 1e6, 1e7))
    for sym in NAMES:                  # the previous session's snapshots: flat at its close
        close = next(r for r in daily if r[0] == PREV and r[1] == sym)[5]
        for i, t in enumerate(MINUTES):
            quotes.append((PREV, t, sym, close, close, close, close, close, 500.0 * (i + 1),
                           5000.0 * (i + 1)))
    conn = open_writer(path_)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO stocks (symbol, code, market, board, name, list_date, "
                     "float_shares, total_shares, industry) VALUES (?,?,?,?,?,?,?,?,?)",
                     [(s, s[2:], "sh", "sse_main", n, "2015-01-05", 1e8, 1e8, None)
                      for s, n in NAMES.items()])
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)", quotes)
    conn.executemany("INSERT INTO daily VALUES (?,?,?,?,?,?,?,?,?)", daily)
    conn.executemany("INSERT INTO sectors VALUES (?,?,?,?,?)",
                     [("bk_a", "概念甲", "concept", None, "t"), ("bk_b", "概念乙", "concept", None, "t")])
    members = [("bk_a", s, "2026-01-01") for s in ("sh600001", "sh600002", "sh600003", "sh600004")]
    members += [("bk_b", s, "2026-01-01") for s in ("sh600005", "sh600006")]
    # membership dated after DAY: a replay of DAY must not see it
    members += [("bk_b", s, "2026-06-03") for s in ("sh600005", "sh600006", "sh600007")]
    conn.executemany("INSERT INTO sector_members VALUES (?,?,?)", members)
    conn.execute("COMMIT")
    conn.close()
    return prev


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path_ = tmp_path_factory.mktemp("sentiment") / "tiny.sqlite"
    prev = build_store(path_)
    conn = open_readonly(path_)
    yield path_, conn, prev
    conn.close()


def tiles_of(rep):
    return {t["symbol"]: t for t in rep["ladder"]["tiles"]}


def test_close_ladder_promotion_and_yesterday(tiny):
    _, conn, prev = tiny
    rep = sentiment_report(StoreReader(conn), DAY, "15:00")
    json.dumps(rep, ensure_ascii=False, allow_nan=False)
    assert (rep["date"], rep["time"], rep["source"], rep["prev_date"]) == (DAY, "15:00", "quotes", PREV)
    t = tiles_of(rep)
    assert set(t) == {"sh600001", "sh600002", "sh600003", "sh600004", "sh600005"}
    assert (t["sh600003"]["level"], t["sh600003"]["board_type"], t["sh600003"]["first_seal"]) == (
        2, "one_word", "09:25")
    assert (t["sh600005"]["level"], t["sh600005"]["board_type"]) == (1, "t_word")
    assert (t["sh600004"]["level"], t["sh600004"]["board_type"], t["sh600004"]["first_seal"]) == (
        1, "turnover", "13:30")
    assert (t["sh600001"]["level"], t["sh600001"]["failed"], t["sh600001"]["status"]) == (
        2, True, "broken")
    assert (t["sh600002"]["level"], t["sh600002"]["status"]) == (3, "not_touched")
    levels = {lv["level"]: (lv["sealed"], lv["failed"]) for lv in rep["ladder"]["levels"]}
    assert levels == {3: (0, 1), 2: (1, 1), 1: (2, 0)}
    assert rep["ladder"]["highest"] == 2
    tiers = {x["tier"]: x for x in rep["promotion"]["tiers"]}
    assert (tiers["1→2"]["promoted"], tiers["1→2"]["base"], tiers["1→2"]["suspended"]) == (1, 2, 1)
    assert tiers["1→2"]["rate"] == 0.5
    assert (tiers["2→3"]["promoted"], tiers["2→3"]["base"]) == (0, 1)
    seal = rep["promotion"]["seal"]
    assert (seal["limit_up"], seal["touched"], seal["broken"]) == (3, 4, 1)
    assert seal["seal_rate"] == 0.75
    groups = {g["group"]: g for g in rep["yesterday"]["groups"]}
    assert (groups["first"]["n"], groups["first"]["traded"]) == (3, 2)    # sh600008 suspended
    last1 = round(up(prev["sh600001"]) - 0.20, 2)
    pct1 = (last1 - prev["sh600001"]) / prev["sh600001"] * 100
    pct3 = (up(prev["sh600003"]) - prev["sh600003"]) / prev["sh600003"] * 100
    assert groups["first"]["mean_pct"] == pytest.approx((pct1 + pct3) / 2, abs=1e-3)
    assert groups["multi"]["n"] == 1 and groups["multi"]["big_drop"] == 0


def test_auction_turnover_and_boards(tiny):
    _, conn, prev = tiny
    rep = sentiment_report(StoreReader(conn), DAY, "15:00")
    a = rep["auction"]
    assert a["available"] and a["slot"] == "09:30"
    today = a["groups"]["today_limit_up"]
    want = [(round(prev["sh600004"] * 1.02, 2) / prev["sh600004"] - 1) * 100,
            (up(prev["sh600003"]) / prev["sh600003"] - 1) * 100,
            (up(prev["sh600005"]) / prev["sh600005"] - 1) * 100]
    assert today["n"] == 3 and today["mean_pct"] == pytest.approx(sum(want) / 3, abs=1e-3)
    assert today["amount_ratio"] == pytest.approx(3 * 10000 / (3 * 1e7))   # 09:30 amount / prev day
    yday = a["groups"]["yesterday_limit_up"]
    assert (yday["n"], yday["with_auction"]) == (4, 3)
    assert rep["prior_turnover_yuan"] == pytest.approx(8 * 1e7)
    boards = {b["sector_id"]: b for b in rep["boards"]["top"]}
    assert boards["bk_a"]["limit_ups"] == 2 and boards["bk_a"]["highest_streak"] == 2
    # limit-ups in bk_a today, on PREV (甲 乙 丙) and the session before (乙): three days
    assert (boards["bk_a"]["leader_symbol"], boards["bk_a"]["days"]) == ("sh600003", 3)
    assert boards["bk_b"]["members"] == 2          # the membership as of DAY, not 2026-06-03
    assert rep["gauge"]["history_sessions"] == len(HISTORY)
    assert len(rep["gauge"]["components"]) == 7


def test_point_in_time_at_ten(tiny, tmp_path):
    path_, conn, _ = tiny
    rep = sentiment_report(StoreReader(conn), DAY, "10:00")
    t = tiles_of(rep)
    assert (t["sh600001"]["level"], t["sh600001"]["status"], t["sh600001"]["first_seal"]) == (
        2, "sealed", "09:45")                     # breaks only at 10:30
    assert "sh600004" not in t                     # seals only at 13:30
    assert (t["sh600002"]["status"], t["sh600002"]["failed"]) == ("pending", False)   # not yet
    assert {lv["level"]: lv["pending"] for lv in rep["ladder"]["levels"]}[3] == 1
    assert rep["promotion"]["seal"]["broken"] == 0
    assert rep["prior_turnover_yuan"] == pytest.approx(8 * 5000 * (slot_of("10:00") + 1))
    # the same report from a store that ends at 10:00 (no later minute, no daily bar of DAY)
    cut = tmp_path / "cut.sqlite"
    shutil.copy(path_, cut)
    w = sqlite3.connect(cut)
    w.execute("DELETE FROM quotes WHERE date = ? AND time > '10:00'", (DAY,))
    w.execute("DELETE FROM daily WHERE date >= ?", (DAY,))
    w.commit()
    w.close()
    conn2 = open_readonly(cut)
    try:
        assert sentiment_report(StoreReader(conn2), DAY, "10:00") == rep
    finally:
        conn2.close()


def test_previous_session_and_a_cached_base(tiny):
    _, conn, _ = tiny
    inp = sentiment_inputs(StoreReader(conn), PREV, "15:00")     # PREV has snapshots too: quotes source
    assert inp.source == "quotes" and inp.prev_date == HISTORY[-2]
    base = sentiment_base(StoreReader(conn), DAY)
    a = sentiment_report(StoreReader(conn), DAY, "15:00", base=base)
    assert a == sentiment_report(StoreReader(conn), DAY, "15:00")


def test_daily_only_date(tiny):
    _, conn, _ = tiny
    rep = sentiment_report(StoreReader(conn), NEXT)
    assert (rep["time"], rep["source"], rep["prev_date"]) == ("15:00", "daily", DAY)
    assert rep["auction"]["available"] is False
    assert any("daily bars only" in n for n in rep["notes"])
    t = tiles_of(rep)
    assert (t["sh600003"]["level"], t["sh600003"]["board_type"], t["sh600003"]["first_seal"]) == (
        3, "one_word", None)
    assert (t["sh600004"]["level"], t["sh600004"]["status"]) == (2, "broken")
    tiers = {x["tier"]: x for x in rep["promotion"]["tiers"]}
    # DAY's first boards 丁 and 戊: 丁 broke, 戊 has no bar on NEXT (left out, counted suspended)
    assert (tiers["1→2"]["promoted"], tiers["1→2"]["base"], tiers["1→2"]["suspended"]) == (0, 1, 1)
    assert (tiers["2→3"]["promoted"], tiers["2→3"]["base"]) == (1, 1)


def test_report_command(tiny, tmp_path, capsys):
    path_, _, _ = tiny
    assert run_sentiment(path_, DAY, "10:00", as_json=True) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep["time"] == "10:00" and rep["ladder"]["highest"] == 2
    assert run_sentiment(path_, DAY, None, as_json=False) == 0
    out = capsys.readouterr().out
    assert "promotion 1→2 1/2" in out and "stage" in out
    assert run_sentiment(tmp_path / "none.sqlite", DAY, None) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such store" in err
    assert run_sentiment(path_, "2026-06-09", None) == 2
    assert "no session 2026-06-09" in capsys.readouterr().err
    assert run_sentiment(path_, DAY, "12:00") == 2
    assert capsys.readouterr().err.startswith("tidemark: ")


# ---- the demo store --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(demo_store):
    conn = open_readonly(demo_store)
    day = conn.execute("SELECT value FROM meta WHERE key = 'demo_date'").fetchone()[0]
    base = sentiment_base(StoreReader(conn), day)
    yield conn, day, base
    conn.close()


def test_demo_report_agrees_with_the_limit_review(demo):
    conn, day, base = demo
    for time in ("15:00", "10:30"):
        rep = sentiment_report(StoreReader(conn), day, time, base=base)
        json.dumps(rep, ensure_ascii=False, allow_nan=False)
        review = limit_review(StoreReader(conn), day, time)
        ups = review[review["kind"] == "limit_up"].set_index("symbol")
        sealed = {t["symbol"]: t for t in rep["ladder"]["tiles"] if t["status"] == "sealed"}
        assert set(sealed) == set(ups.index)
        for sym, t in sealed.items():
            assert t["streak"] == int(ups.loc[sym, "streak"]) == t["level"]
            assert t["first_seal"] == ups.loc[sym, "first_seal"]
        assert rep["ladder"]["highest"] == int(ups["streak"].max())
        broken = int((review["kind"] == "broken").sum())
        seal = rep["promotion"]["seal"]
        assert (seal["limit_up"], seal["broken"]) == (len(ups), broken)
        for t in rep["ladder"]["tiles"]:
            if t["status"] != "sealed":
                assert t["level"] == t["prev_streak"] + 1 and t["symbol"] not in ups.index
                # before the close only a stock that broke has failed; the rest are pending
                assert t["failed"] == (time == "15:00" or t["status"] == "broken")
        assert rep["auction"]["available"] is True
        assert rep["gauge"]["stage"] in ("ice", "repair", "ferment", "climax", "ebb")
        scores = [b["score"] for b in rep["boards"]["top"]]
        assert scores == sorted(scores, reverse=True) and len(scores) <= 10
