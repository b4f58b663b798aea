"""limit_review / breadth_at on a tiny hand-made store (and on the demo store when it exists)."""

import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas.testing as pd_testing
import pytest

from app.market.calendar import trading_days_between
from app.market.limits import Band, limit_prices
from app.market.reports import breadth_report, limits_report
from app.market.session import session_minutes, slot_of
from app.store.connection import open_readonly, open_writer
from app.session.review import REVIEW_COLUMNS, NoSessionData, breadth_at, enriched_at, limit_review
from app.store.reader import StoreReader

DAY = "2026-06-02"
NEXT = "2026-06-03"
MINUTES = list(session_minutes())
HISTORY = trading_days_between("2026-03-02", "2026-06-01")   # 60+ sessions before DAY


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


STOCKS = [  # symbol, board, name
    ("sh600001", "sse_main", "一字甲"),
    ("sh600002", "sse_main", "首板乙"),
    ("sz000003", "szse_main", "炸板丙"),
    ("sz300004", "chinext", "创业丁"),
    ("sh600005", "sse_main", "跌停戊"),
    ("sh600006", "sse_main", "妖股庚"),
    ("sz000007", "szse_main", "*ST辛"),
    ("sh600008", "sse_main", "停牌壬"),
    ("sh600009", "sse_main", "平常癸"),
]


def _daily_rows(symbol: str, moves: list, start: float) -> tuple[list[tuple], float]:
    """(date, symbol, o, h, l, c, prev, vol, amount) rows over the last len(moves) HISTORY days;
    'U' limit-up (10 %), 'D' limit-down, 'S5' ST limit-up (5 %), a float = % move."""
    rows, prev = [], start
    for d, m in zip(HISTORY[-len(moves):], moves):
        if m == "U":
            c = up(prev)
        elif m == "D":
            c = down(prev)
        elif m == "S5":
            c = up(prev, 5)
        else:
            c = float(Decimal(str(prev * (1 + m / 100))).quantize(Decimal("0.01")))
        rows.append((d, symbol, prev, max(prev, c), min(prev, c), c, prev, 1e6, 1e7))
        prev = c
    return rows, prev


def build_store(path_: Path) -> dict[str, float]:
    """Returns each stock's prev_close on DAY."""
    daily, prev = [], {}
    specs = {
        "sh600001": ([1.0] * 5 + ["U", "U"], 10.0),        # two boards before today
        "sh600002": ([0.5] * 8, 8.0),
        "sz000003": ([1.0] * 4 + ["U"], 12.0),              # one board before today
        "sz300004": ([0.2] * 6, 20.0),
        "sh600005": ([-1.0] * 4 + ["D"], 15.0),             # one limit-down before today
        "sh600006": ([1.0, 2.0] + ["U"] * 36, 1.00),        # 36 boards: longer than 30 days
        "sz000007": ([0.0] * 5, 3.00),
        "sh600008": ([0.0] * 5, 6.00),
        "sh600009": ([0.3] * 5, 9.00),
    }
    for sym, (moves, start) in specs.items():
        rows, prev[sym] = _daily_rows(sym, moves, start)
        daily += rows
    p = prev
    paths = {
        "sh600001": (up(p["sh600001"]), path(("09:30", up(p["sh600001"])))),
        "sh600002": (p["sh600002"], path(("09:30", p["sh600002"]), ("10:12", up(p["sh600002"])))),
        "sz000003": (p["sz000003"], path(("09:30", p["sz000003"]), ("09:45", up(p["sz000003"])),
                                         ("10:30", round(up(p["sz000003"]) - 0.30, 2)))),
        "sz300004": (p["sz300004"], path(("09:30", p["sz300004"]),
                                         ("10:00", up(p["sz300004"], 10)))),
        "sh600005": (p["sh600005"], path(("09:30", p["sh600005"]), ("14:00", down(p["sh600005"])))),
        "sh600006": (up(p["sh600006"]), path(("09:30", up(p["sh600006"])))),
        "sz000007": (p["sz000007"], path(("09:30", p["sz000007"]), ("10:05", up(p["sz000007"], 5)))),
        "sh600008": (None, [None] * len(MINUTES)),
        "sh600009": (p["sh600009"], path(("09:30", p["sh600009"]), ("13:01", p["sh600009"] + 0.05))),
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
        close = last[-1]
        if close is not None:   # the day's daily bar too, as the demo store writes it
            daily.append((DAY, sym, opn, hi, lo, close, p[sym], 241000.0, 2410000.0))
    # NEXT has daily bars only (an imported daily file): sh600001 seals again, sh600006 does not
    c1 = up(up(p["sh600001"]))
    daily.append((NEXT, "sh600001", c1, c1, c1, c1, up(p["sh600001"]), 1e5, 1e6))
    c6 = up(p["sh600006"])
    daily.append((NEXT, "sh600006", c6, up(c6), down(c6), down(c6), c6, 1e7, 1e8))
    daily.append((NEXT, "sh600009", 9.1, 9.2, 9.0, 9.1, paths["sh600009"][1][-1], 1e6, 1e7))

    conn = open_writer(path_)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO stocks (symbol, code, market, board, name, list_date, "
                     "float_shares, total_shares, industry) VALUES (?,?,?,?,?,?,?,?,?)",
                     [(s, s[2:], s[:2], b, n, "2015-01-05", 1e8, 1e8, None) for s, b, n in STOCKS])
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)", quotes)
    conn.executemany("INSERT INTO daily VALUES (?,?,?,?,?,?,?,?,?)", daily)
    conn.execute("COMMIT")
    conn.close()
    return prev


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path_ = tmp_path_factory.mktemp("review") / "tiny.sqlite"
    prev = build_store(path_)
    conn = open_readonly(path_)
    yield conn, prev
    conn.close()


def by_symbol(frame):
    return frame.set_index("symbol")


def test_review_at_half_day(store):
    conn, prev = store
    f = limit_review(StoreReader(conn), DAY, "11:30")
    assert tuple(f.columns) == REVIEW_COLUMNS
    assert f.attrs == {"date": DAY, "time": "11:30", "source": "quotes"}
    r = by_symbol(f)
    assert set(r.index) == {"sh600001", "sh600002", "sz000003", "sh600006", "sz000007"}
    one = r.loc["sh600001"]
    assert (one.kind, one.state, one.first_seal, one.last_seal, one.opens, one.streak) == \
        ("limit_up", "one_word", "09:25", "09:25", 0, 3)
    assert one.limit_price == up(prev["sh600001"]) and one["code"] == "600001" and one["name"] == "一字甲"
    first = r.loc["sh600002"]
    assert (first.kind, first.state, first.first_seal, first.streak, first.prev_streak) == \
        ("limit_up", "sealed", "10:12", 1, 0)
    brk = r.loc["sz000003"]
    assert (brk.kind, brk.state, brk.first_seal, brk.last_seal, brk.opens, brk.resealed) == \
        ("broken", "broken", "09:45", "09:45", 1, False)
    assert (brk.streak, brk.prev_streak) == (0, 1)
    st = r.loc["sz000007"]
    assert (st.kind, st.first_seal, st.limit_price) == ("limit_up", "10:05", up(prev["sz000007"], 5))
    # the ChiNext stock is up 10 %: not at its 20 % limit
    assert "sz300004" not in r.index
    # order: limit_up by first seal (auction first, then longest streak), then broken
    assert list(f["symbol"]) == ["sh600006", "sh600001", "sz000007", "sh600002", "sz000003"]


def test_streak_longer_than_the_first_window(store):
    conn, _ = store
    r = by_symbol(limit_review(StoreReader(conn), DAY, "11:30"))
    assert r.loc["sh600006", "streak"] == 37 and r.loc["sh600006", "prev_streak"] == 36


def test_point_in_time(store):
    conn, prev = store
    before = by_symbol(limit_review(StoreReader(conn), DAY, "10:29"))
    b = before.loc["sz000003"]
    assert (b.kind, b.streak, b.opens, b.first_seal) == ("limit_up", 2, 0, "09:45")
    after = by_symbol(limit_review(StoreReader(conn), DAY, "10:30"))
    assert after.loc["sz000003", "kind"] == "broken"
    # limit-down only from 14:00
    assert "sh600005" not in after.index
    close = by_symbol(limit_review(StoreReader(conn), DAY))
    assert limit_review(StoreReader(conn), DAY).attrs["time"] == "15:00"
    d = close.loc["sh600005"]
    assert (d.kind, d.first_seal, d.streak, d.prev_streak, d.limit_price) == \
        ("limit_down", "14:00", 2, 1, down(prev["sh600005"]))


def test_before_first_seal_sh600002(store):
    conn, _ = store
    assert "sh600002" in set(limit_review(StoreReader(conn), DAY, "10:12")["symbol"])
    assert "sh600002" not in set(limit_review(StoreReader(conn), DAY, "10:11")["symbol"])


def test_time_between_snapshots_and_errors(store):
    conn, _ = store
    assert limit_review(StoreReader(conn), DAY, "12:15").attrs["time"] == "11:30"
    assert limit_review(StoreReader(conn), DAY, "10:29:59").attrs["time"] == "10:29"
    with pytest.raises(NoSessionData):
        limit_review(StoreReader(conn), DAY, "09:10")
    with pytest.raises(NoSessionData):
        limit_review(StoreReader(conn), "2026-05-01")
    with pytest.raises(NoSessionData):
        breadth_at(StoreReader(conn), "2030-01-02")


def test_daily_fallback(store):
    conn, _ = store
    f = limit_review(StoreReader(conn), NEXT)
    assert f.attrs == {"date": NEXT, "time": "15:00", "source": "daily"}
    r = by_symbol(f)
    assert r.loc["sh600001", "streak"] == 4 and r.loc["sh600001", "state"] == "one_word"
    # No seal time from a daily bar; a 一字 bar (O = H = L = C) never opened.
    assert r.loc["sh600001", "first_seal"] is None and r.loc["sh600001", "last_seal"] is None
    assert r.loc["sh600001", "opens"] == 0 and r.loc["sh600001", "resealed"] is False
    assert (r.loc["sh600006", "kind"], r.loc["sh600006", "streak"]) == ("limit_down", 1)
    assert r.loc["sh600006", "prev_streak"] == 0   # a limit-down row: consecutive limit-downs
    b = breadth_at(StoreReader(conn), NEXT)
    assert (b.stocks, b.limit_up, b.limit_down) == (3, 1, 1)
    _, t, source = enriched_at(StoreReader(conn), NEXT)
    assert (t, source) == ("15:00", "daily")


def test_breadth_at(store):
    conn, _ = store
    b = breadth_at(StoreReader(conn), DAY, "11:30")
    assert (b.stocks, b.suspended, b.limit_up, b.limit_down, b.broken) == (9, 1, 4, 0, 1)
    assert b.up + b.down + b.flat + b.suspended == b.stocks
    rep = breadth_report(b, DAY, "11:30")
    assert rep["buckets"]["涨停"] == 4
    json.dumps(rep, ensure_ascii=False, allow_nan=False)


def test_limits_report_json(store):
    conn, _ = store
    f = limit_review(StoreReader(conn), DAY, "11:30")
    rep = limits_report(f, f.attrs["date"], f.attrs["time"])
    text = json.dumps(rep, ensure_ascii=False, allow_nan=False)
    back = json.loads(text)
    assert [i["symbol"] for i in back["limit_up"]] == ["sh600006", "sh600001", "sz000007",
                                                        "sh600002"]
    assert [i["symbol"] for i in back["broken"]] == ["sz000003"]
    assert back["limit_down"] == []
    item = back["limit_up"][1]
    for key in ("symbol", "code", "name", "board", "last", "limit_price", "streak", "first_seal",
                "last_seal", "opens", "resealed", "pct_chg"):
        assert key in item
    assert isinstance(item["streak"], int) and item["first_seal"] == "09:25"
    assert back["ladder"] == {"37": 1, "3": 1, "1": 2} and back["max_streak"] == 37
    assert back["seal_rate"] == 0.8


def test_panel_query_paths_agree(store, monkeypatch):
    from app.store import queries, session_reads

    conn, _ = store
    ref = limit_review(StoreReader(conn), DAY, "11:30")
    monkeypatch.setattr(session_reads, "_INDEXED_PANEL_MAX", 0)     # the range-scan query
    pd_testing.assert_frame_equal(limit_review(StoreReader(conn), DAY, "11:30"), ref)
    # both equal the plain one-column query
    syms = list(ref.index[:5])
    last, high = session_reads.panels_of(conn, DAY, syms, "11:30")
    pd_testing.assert_frame_equal(last, queries.quotes_panel(conn, DAY, syms, upto="11:30"),
                                  check_names=False)
    pd_testing.assert_frame_equal(high, queries.quotes_panel(conn, DAY, syms, upto="11:30",
                                                             column="high"), check_names=False)


# ---- the demo store --------------------------------------------------------------------------


def test_demo_store_leaders_sealed_at_half_day(demo_store):
    conn = open_readonly(demo_store)
    try:
        f = limit_review(StoreReader(conn), DAY, "11:30")
        r = by_symbol(f)
        for sym in ("sh600487", "sh601869"):
            assert r.loc[sym, "kind"] == "limit_up", sym
            prev_close = r.loc[sym, "prev_close"]
            assert r.loc[sym, "limit_price"] == up(prev_close), sym
            assert r.loc[sym, "last"] == r.loc[sym, "limit_price"]
        assert np.isfinite(f["pct_chg"]).all()
    finally:
        conn.close()
