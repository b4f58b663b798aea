"""Sentiment maths on hand-made frames with known answers, and on the real five-day market file."""

import json
import math
import time
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest

from app.market.calendar import trading_days_between
from app.market.limits import Band, limit_prices
from app.market.sentiment import SentimentInputs, compute_sentiment, sentiment_dict
from app.market.sentiment.auction import auction_summary, auction_table
from app.market.sentiment.board_strength import (SCORE_FORMULA, SCORE_WEIGHTS, board_limit_days,
                                                 board_strength)
from app.market.sentiment.breadth_ext import (breadth_base, breadth_history, breadth_next, ema)
from app.market.sentiment.gauge import (EBB_DROP, EBB_FROM, HISTORY_COLUMNS, ICE_BELOW,
                                        MIN_HISTORY, percentile_rank, sentiment_gauge,
                                        session_history, stage_of, trailing_runs)
from app.market.sentiment.ladder import (BOARD_ONE_WORD, BOARD_RESEALED, BOARD_T_WORD,
                                         BOARD_TURNOVER, STATUS_BROKEN, STATUS_NOT_TOUCHED,
                                         STATUS_PENDING, STATUS_SEALED, board_types,
                                         ladder_with_breaks)
from app.market.sentiment.promotion import promotion_rates, seal_rates, yesterday_streak
from app.market.sentiment.yesterday import BIG_DROP_PCT, yesterday_groups, yesterday_performance
from app.market.snapshot import enrich
from app.market.streaks import daily_limit_flags, streaks

DAY = "2026-06-02"


def up(prev: float, pct: int = 10) -> float:
    return float(limit_prices(str(prev), Band(pct, pct))[0])


def down(prev: float, pct: int = 10) -> float:
    return float(limit_prices(str(prev), Band(pct, pct))[1])


def cross(rows: list[tuple]) -> pd.DataFrame:
    """rows: (symbol, open, high, low, last, prev_close); sse_main, established, 1e8 shares."""
    out = []
    for sym, o, h, lo, last, prev in rows:
        vol = 0.0 if last is None else 1e6
        out.append({"symbol": sym, "code": sym[2:], "market": sym[:2], "board": "sse_main",
                    "name": f"N{sym[-2:]}", "list_date": "2015-01-05", "float_shares": 1e8,
                    "last": last, "prev_close": prev, "open": o, "high": h, "low": lo,
                    "volume": vol, "amount": vol * 10})
    return pd.DataFrame(out).set_index("symbol")


# ---- ladder with breaks --------------------------------------------------------------------------

def ladder_frame() -> pd.DataFrame:
    L = up(10.0)        # 11.00
    frame = enrich(cross([
        ("sh600001", L, L, L, L, 10.0),              # 一字, yesterday 2-board
        ("sh600002", L, L, 10.5, L, 10.0),           # T字, yesterday 1-board
        ("sh600003", 10.2, L, 10.1, L, 10.0),        # 回封 (opened once)
        ("sh600004", 10.2, L, 10.1, L, 10.0),        # 换手
        ("sh600005", 10.5, L, 10.3, 10.6, 10.0),     # broke: yesterday 2-board
        ("sh600006", 10.0, 10.0, 9.4, 9.5, 10.0),    # never touched: yesterday 1-board
        ("sh600007", None, None, None, None, 10.0),  # suspended: yesterday 3-board
        ("sh600008", 10.0, 10.2, 9.9, 10.1, 10.0),   # nothing
    ]), DAY)
    prev = {"sh600001": 2, "sh600002": 1, "sh600005": 2, "sh600006": 1, "sh600007": 3}
    frame["prev_streak"] = pd.Series(prev).reindex(frame.index).fillna(0).astype(int)
    frame["streak"] = np.where(frame["at_limit_up"], frame["prev_streak"] + 1, 0)
    frame["first_seal"] = pd.Series({"sh600001": "09:25", "sh600002": "09:25",
                                     "sh600003": "09:50", "sh600004": "10:30",
                                     "sh600005": "09:45"}).reindex(frame.index).astype(object)
    frame["opens"] = pd.Series({"sh600002": 1, "sh600003": 1, "sh600005": 1}).reindex(
        frame.index).fillna(0)
    return frame


def test_ladder_with_breaks_columns_and_board_types():
    lad = ladder_with_breaks(ladder_frame())
    assert lad.highest == 3
    assert [(lv.level, lv.sealed, lv.failed, lv.highest) for lv in lad.levels] == [
        (1, 2, 0, False), (2, 1, 1, False), (3, 1, 1, True)]
    t = lad.tiles.set_index("symbol")
    assert list(lad.tiles["symbol"]) == ["sh600001", "sh600005", "sh600002", "sh600006",
                                         "sh600003", "sh600004"]
    assert t.loc["sh600001", "board_type"] == BOARD_ONE_WORD
    assert t.loc["sh600002", "board_type"] == BOARD_T_WORD
    assert t.loc["sh600003", "board_type"] == BOARD_RESEALED
    assert t.loc["sh600004", "board_type"] == BOARD_TURNOVER
    # yesterday's N-boards that failed sit struck through in column N + 1
    assert (t.loc["sh600005", "level"], t.loc["sh600005", "status"]) == (3, STATUS_BROKEN)
    assert (t.loc["sh600006", "level"], t.loc["sh600006", "status"]) == (2, STATUS_NOT_TOUCHED)
    assert bool(t.loc["sh600005", "failed"]) and t.loc["sh600005", "board_type"] is None
    assert t.loc["sh600001", "status"] == STATUS_SEALED
    assert "sh600007" not in t.index and "sh600008" not in t.index   # suspended / nothing


def test_before_the_close_an_untouched_stock_is_pending_not_failed():
    lad = ladder_with_breaks(ladder_frame(), final=False)
    t = lad.tiles.set_index("symbol")
    assert (t.loc["sh600006", "status"], bool(t.loc["sh600006", "failed"])) == (STATUS_PENDING, False)
    assert (t.loc["sh600005", "status"], bool(t.loc["sh600005", "failed"])) == (STATUS_BROKEN, True)
    assert [(lv.level, lv.sealed, lv.failed, lv.pending) for lv in lad.levels] == [
        (1, 2, 0, 0), (2, 1, 0, 1), (3, 1, 1, 0)]


def test_board_types_from_daily_bars_without_seal_openings():
    L = up(10.0)
    bars = pd.DataFrame({"open": [L, L, 10.1, 10.1], "high": [L, L, L, L],
                         "low": [L, 10.2, 10.0, 10.0], "close": [L, L, L, 10.5],
                         "limit_up": [L] * 4})
    assert list(board_types(bars)) == [BOARD_ONE_WORD, BOARD_T_WORD, BOARD_TURNOVER, None]


# ---- promotion and seal rates --------------------------------------------------------------------

def test_promotion_rates_per_tier():
    prev = pd.Series({"s1": 1, "s2": 1, "s3": 1, "s4": 1, "s5": 1, "t1": 2, "t2": 2, "t3": 2,
                      "t4": 2, "u1": 3, "v1": 4, "v2": 5, "v3": 6, "x": 0})
    now = pd.Series({"s1": 2, "s2": 2, "s3": 2, "s4": 0, "s5": 0, "t1": 3, "t2": 3, "t3": 0,
                     "t4": 0, "u1": 0, "v1": 5, "v2": 0, "x": 1, "new": 1})
    traded = pd.Series(True, index=now.index)       # v3 is suspended today
    r = promotion_rates(prev, now, traded).set_index("tier")
    assert (r.loc["1→2", "promoted"], r.loc["1→2", "base"]) == (3, 5)
    assert r.loc["1→2", "rate"] == pytest.approx(0.60)          # 3 of 5 → 60 %
    assert r.loc["2→3", "rate"] == pytest.approx(0.50)
    assert r.loc["3→4", "rate"] == 0.0
    assert (r.loc["≥4", "promoted"], r.loc["≥4", "base"], r.loc["≥4", "suspended"]) == (1, 2, 1)
    assert (r.loc["all", "promoted"], r.loc["all", "base"]) == (6, 12)
    assert math.isnan(promotion_rates(pd.Series({"a": 0}), pd.Series({"a": 1}))["rate"].iloc[0])


def test_yesterday_streak_needs_the_previous_session():
    st = pd.DataFrame({"prev_streak": [2, 1, 0], "last_date": ["2026-06-01", "2026-05-29", None]},
                      index=["a", "b", "c"])
    assert yesterday_streak(st, "2026-06-01").to_dict() == {"a": 2, "b": 0, "c": 0}
    assert yesterday_streak(st, None).to_dict() == {"a": 0, "b": 0, "c": 0}


def test_seal_and_break_rate():
    s = seal_rates(ladder_frame())
    assert (s.limit_up, s.touched, s.broken) == (4, 5, 1)
    assert s.seal_rate == pytest.approx(0.8) and s.break_rate == pytest.approx(0.2)


# ---- yesterday's limit-ups today ---------------------------------------------------------------

def test_yesterday_performance_groups():
    prev_day = pd.DataFrame({
        "sealed": [True, True, True, True, True, False, False],
        "touched_up": [True] * 7,
        "streak": [1, 1, 1, 2, 3, 0, 0],
    }, index=["f1", "f2", "f3", "m1", "m2", "b1", "b2"])
    groups = yesterday_groups(prev_day)
    pct = pd.Series({"f1": 10.0, "f2": -5.0, "f3": -6.0, "m1": 4.0, "m2": np.nan,
                     "b1": -1.0, "b2": 3.0})
    r = yesterday_performance(groups, pct).set_index("group")
    assert BIG_DROP_PCT == -5.0
    assert (r.loc["first", "n"], r.loc["first", "traded"]) == (3, 3)
    assert r.loc["first", "mean_pct"] == pytest.approx(-1 / 3)
    assert r.loc["first", "median_pct"] == pytest.approx(-5.0)
    assert (r.loc["first", "up"], r.loc["first", "big_drop"]) == (1, 2)    # −5.0 counts (≤)
    assert (r.loc["multi", "n"], r.loc["multi", "traded"]) == (2, 1)       # m2 suspended
    assert r.loc["multi", "mean_pct"] == pytest.approx(4.0)
    assert r.loc["all", "mean_pct"] == pytest.approx((10 - 5 - 6 + 4) / 4)
    assert r.loc["broken", "median_pct"] == pytest.approx(1.0)


# ---- call auction -------------------------------------------------------------------------------

def test_auction_figures_and_absence():
    auction = pd.DataFrame({"open": [10.5, 9.8, np.nan], "last": [10.5, 9.8, np.nan],
                            "prev_close": [10.0, 10.0, 10.0], "amount": [2e6, 1e6, 0.0]},
                           index=["a", "b", "c"])
    prior = pd.Series({"a": 1e8, "b": 5e7, "c": 1e8})
    t = auction_table(auction, prior)
    assert t.loc["a", "auction_pct"] == pytest.approx(5.0)
    assert t.loc["b", "auction_pct"] == pytest.approx(-2.0)
    assert t.loc["a", "amount_ratio"] == pytest.approx(0.02)
    assert math.isnan(t.loc["c", "auction_pct"])                 # no print: never invented
    g = auction_summary(auction, prior, {"grp": pd.Index(["a", "b", "c"])})["grp"]
    assert (g.n, g.with_auction) == (3, 2)
    assert g.mean_pct == pytest.approx(1.5)
    assert g.amount_ratio == pytest.approx(3e6 / 1.5e8)
    assert auction_summary(None, prior, {"grp": pd.Index(["a"])}) is None


# ---- breadth beyond the terminals -----------------------------------------------------------------

def _bars(closes: dict[str, list[float | None]], dates: list[str], first_prev: float = 10.0,
          prevs: dict[str, dict[int, float]] | None = None) -> pd.DataFrame:
    rows = []
    for sym, cs in closes.items():
        prev = first_prev
        for i, (d, c) in enumerate(zip(dates, cs)):
            if c is None:
                continue
            ref = (prevs or {}).get(sym, {}).get(i, prev)
            rows.append({"date": d, "symbol": sym, "close": c, "prev_close": ref, "volume": 1e6})
            prev = c
    return pd.DataFrame(rows)


def test_ad_line_and_mcclellan_against_a_hand_ema():
    dates = ["2026-05-26", "2026-05-27", "2026-05-28", "2026-05-29"]
    closes = {"a": [10.1, 10.2, 10.3, 10.3], "b": [10.1, 10.0, 10.1, 10.1],
              "c": [10.1, 10.0, 10.1, 10.1], "d": [9.9, 9.8, 9.9, 9.9]}
    b = breadth_history(_bars(closes, dates))
    assert list(b["adv"]) == [3, 1, 4, 0] and list(b["dec"]) == [1, 3, 0, 0]
    assert list(b["unch"]) == [0, 0, 0, 4]
    assert list(b["ad_line"]) == [2, 0, 4, 4]
    assert list(b["rana"]) == [500.0, -500.0, 1000.0, 0.0]     # 1000 × (adv − dec)/(adv + dec)
    # by hand: EMA19 α = 0.1 → 500, 400, 460, 414; EMA39 α = 0.05 → 500, 450, 477.5, 453.625
    assert list(b["ema19"]) == pytest.approx([500, 400, 460, 414])
    assert list(b["ema39"]) == pytest.approx([500, 450, 477.5, 453.625])
    assert list(b["mcclellan"]) == pytest.approx([0.0, -50.0, -17.5, -39.625])


def test_ema_matches_pandas_ewm():
    x = np.random.default_rng(3).normal(size=60) * 300
    for span in (19, 39):
        want = pd.Series(x).ewm(span=span, adjust=False).mean().to_numpy()
        assert ema(x, span) == pytest.approx(want)


def test_moving_averages_and_new_highs_with_an_ex_dividend_day():
    dates = trading_days_between("2026-04-01", "2026-06-30")[:25]
    a = [round(10 * 1.01 ** (i + 1), 2) for i in range(25)]          # rising every day
    b = [round(10 * 0.99 ** (i + 1), 2) for i in range(25)]          # falling every day
    c = [None] * 10 + [round(10 * 1.01 ** (i + 1), 2) for i in range(15)]   # listed on day 10
    d = [10.0] * 21 + [9.0] * 4                  # a 1-yuan dividend on day 21: ex-ref 9.00
    frame = _bars({"a": a, "b": b, "c": c, "d": d}, dates, prevs={"d": {21: 9.0}})
    br = breadth_history(frame)
    last = br.iloc[-1]
    assert last["eligible_ma20"] == 3                     # c is listed for 15 sessions only
    assert last["above_ma20"] == pytest.approx(100 / 3)   # only a is above its MA20
    assert (last["new_high_20"], last["new_low_20"], last["nh_nl_20"]) == (1, 1, 0)
    assert math.isnan(last["above_ma50"]) and math.isnan(last["nh_nl_250"])
    ex_day = br.loc[dates[21]]
    assert ex_day["unch"] == 1 and ex_day["new_low_20"] == 1     # d is flat, not a new low
    assert br.loc[dates[18], "eligible_ma20"] == 0 and br.loc[dates[19], "eligible_ma20"] == 3
    # the next-session shortcut gives the same row as the whole table
    base = breadth_base(frame[frame["date"] < dates[-1]])
    nxt = breadth_next(base, dates[-1], frame[frame["date"] == dates[-1]])
    pd.testing.assert_frame_equal(nxt, br, check_dtype=False)


def test_breadth_of_a_full_market_year_is_fast():
    rng = np.random.default_rng(7)
    n_d, n_s = 243, 5440
    dates = np.array(trading_days_between("2025-06-03", "2026-06-02")[:n_d], dtype=object)
    syms = np.array([f"sz{i:06d}" for i in range(n_s)], dtype=object)
    steps = np.round(rng.normal(0, 0.02, size=(n_s, n_d)), 3)
    closes = np.round(10 * np.exp(np.cumsum(steps, axis=1)), 2)
    prevs = np.concatenate([np.full((n_s, 1), 10.0), closes[:, :-1]], axis=1)
    frame = pd.DataFrame({"date": np.tile(dates, n_s), "symbol": np.repeat(syms, n_d),
                          "close": closes.ravel(), "prev_close": prevs.ravel(),
                          "volume": 1e6})
    assert len(frame) == n_d * n_s == 1_321_920
    cpu = time.process_time()
    br = breadth_history(frame)
    used = time.process_time() - cpu
    assert len(br) == n_d and br["traded"].iloc[-1] == n_s
    assert used < 2.0, f"breadth of 1.32 M rows took {used:.2f} s of CPU"


# ---- board strength -----------------------------------------------------------------------------

def test_board_strength_leader_days_and_score():
    today = pd.DataFrame({
        "name": ["甲", "乙", "丙", "丁", "戊", "己"],
        "suspended": [False, False, False, False, True, False],
        "at_limit_up": [True, True, True, False, False, True],
        "streak": [3, 3, 1, 0, 0, 2],
        "first_seal": ["09:25", "09:31", "10:00", None, None, "09:40"],
        "pct_chg": [10.0, 10.0, 10.0, -2.0, np.nan, 20.0],
    }, index=["s1", "s2", "s3", "s4", "s5", "s6"])
    members = [("B1", "s1"), ("B1", "s2"), ("B1", "s4"), ("B1", "s5"), ("B2", "s3"), ("B2", "s4"),
               ("B3", "s4"), ("B3", "s5"), ("B4", "s6")]
    membership = pd.DataFrame({"sector_id": [m[0] for m in members],
                               "name": [f"板{m[0]}" for m in members],
                               "kind": ["industry" if m[0] == "B4" else "concept" for m in members],
                               "symbol": [m[1] for m in members]})
    sealed_hist = pd.DataFrame({"date": ["d3", "d2", "d1", "d3"], "symbol": ["s1", "s1", "s3", "s6"]})
    days = board_limit_days(sealed_hist, membership, pd.Index(["s1", "s2", "s3", "s6"]),
                            ["d1", "d2", "d3"])
    assert days.to_dict() == {"B1": 3, "B2": 1, "B3": 0, "B4": 2}
    r = board_strength(today, membership, days)
    assert list(r.index) == ["B4", "B1", "B2", "B3"]
    b1 = r.loc["B1"]
    assert (b1.limit_ups, b1.multi_boards, b1.highest_streak) == (2, 2, 3)
    assert b1.change_pct == pytest.approx(6.0)            # s5 suspended: not in the mean
    assert (b1.leader_symbol, b1.leader_first_seal) == ("s1", "09:25")   # tie on 3: earlier seal
    assert r.loc["B3", "leader_symbol"] is None
    # score = 1×limit-ups + 2×multi-boards + 1.5×highest + 0.5×days + 0.5×change
    assert dict(SCORE_WEIGHTS) == {"limit_ups": 1.0, "multi_boards": 2.0, "highest_streak": 1.5,
                                   "days": 0.5, "change_pct": 0.5}
    assert r["score"].to_dict() == pytest.approx({"B4": 17.0, "B1": 15.0, "B2": 5.0, "B3": -1.0})
    for w in ("1×", "2×", "1.5×", "0.5×"):
        assert w in SCORE_FORMULA


# ---- the gauge ------------------------------------------------------------------------------------

def test_percentile_rank_and_stages():
    assert percentile_rank(50, np.arange(1, 101)) == pytest.approx(49.5)
    assert percentile_rank(2, np.array([1, 2, 2, 3]), min_history=1) == pytest.approx(50.0)
    assert math.isnan(percentile_rank(5, np.arange(MIN_HISTORY - 1)))
    assert math.isnan(percentile_rank(float("nan"), np.arange(100)))
    assert stage_of(ICE_BELOW - 1, 90) == "ice"
    assert stage_of(45, EBB_FROM + 10) == "ebb"                   # from 60 down to 45
    assert stage_of(45, 50) == "repair"                           # fell only 5
    assert stage_of(85, 85 + EBB_DROP - 1) == "climax"
    assert stage_of(70, 85) == "ebb"
    assert stage_of(60, float("nan")) == "ferment"
    assert stage_of(float("nan")) is None


def _history(n: int = 40) -> pd.DataFrame:
    i = np.arange(1, n + 1, dtype=float)
    dates = trading_days_between("2026-01-05", "2026-06-30")[:n]
    h = pd.DataFrame({c: np.nan for c in HISTORY_COLUMNS}, index=pd.Index(dates, name="date"))
    h["limit_ups"], h["limit_downs"], h["highest_board"] = i, i, 2.0
    h["break_rate"], h["premium"] = i / 100, i
    return h


def test_gauge_level_inversion_and_previous_session():
    h = _history()
    today = {"limit_ups": 30.5, "limit_downs": 10.5, "highest_board": 2, "break_rate": 0.405,
             "promotion_rate": float("nan"), "premium": 41.0, "turnover_change": 0.1}
    g = sentiment_gauge(today, h, h.index[-1])
    c = {x.key: x for x in g.components}
    assert c["limit_ups"].percentile == pytest.approx(75) and c["limit_ups"].heat == pytest.approx(75)
    assert c["limit_downs"].percentile == pytest.approx(25)
    assert c["limit_downs"].heat == pytest.approx(75)          # cold: inverted
    assert c["highest_board"].percentile == pytest.approx(50)  # all ties
    assert c["break_rate"].heat == pytest.approx(0)
    assert math.isnan(c["promotion_rate"].heat) and math.isnan(c["turnover_change"].heat)
    assert g.level == pytest.approx((75 + 75 + 50 + 0 + 100) / 5)
    assert g.prev_level == pytest.approx((100 + 0 + 50 + 0 + 100) / 5)   # last row vs the 39 before
    assert (g.stage, g.stage_label) == ("ferment", "发酵")
    cold = sentiment_gauge({**today, "limit_ups": 5.5, "premium": 10.5}, h, h.index[-1])
    assert cold.level == pytest.approx((12.5 + 75 + 50 + 0 + 25) / 5)
    assert (cold.stage, cold.stage_label) == ("ebb", "退潮")   # from 50 down 17.5


def _daily(specs: dict[str, list], dates: list[str]) -> pd.DataFrame:
    """'U' limit-up, 'D' limit-down, 'T' touched limit-up and closed +5 %, a float = % move."""
    rows = []
    for sym, moves in specs.items():
        prev = 10.0
        for d, m in zip(dates, moves):
            if m == "U":
                c, h = up(prev), up(prev)
            elif m == "D":
                c, h = down(prev), prev
            elif m == "T":
                c, h = round(prev * 1.05, 2), up(prev)
            else:
                c = float(Decimal(str(prev * (1 + m / 100))).quantize(Decimal("0.01")))
                h = max(c, prev)
            rows.append({"date": d, "symbol": sym, "open": prev, "high": h, "low": min(prev, c),
                         "close": c, "prev_close": prev, "volume": 1e6, "amount": 1e7})
            prev = c
    return pd.DataFrame(rows)


def test_session_history_from_daily_flags():
    dates = trading_days_between("2026-05-25", "2026-05-28")
    p, q, r, s = "sh600001", "sh600002", "sh600003", "sh600004"
    daily = _daily({p: [0.0, "U", "U", 0.0], q: [0.0, "U", -3.0, 0.0],
                    r: [0.0, 0.0, "T", 0.0], s: [0.0, 0.0, 0.0, "D"]}, dates)
    flags = daily_limit_flags(daily)
    turnover = daily.groupby("date")["amount"].sum() * np.array([1, 1, 2, 1])
    h = session_history(flags, turnover)
    assert list(h["limit_ups"]) == [0, 2, 1, 0] and list(h["limit_downs"]) == [0, 0, 0, 1]
    assert list(h["highest_board"]) == [0, 1, 2, 0]
    assert h.loc[dates[2], "break_rate"] == pytest.approx(0.5)      # p sealed, r broke
    assert h.loc[dates[2], "promotion_rate"] == pytest.approx(0.5)  # p of p, q
    assert h.loc[dates[3], "promotion_rate"] == 0.0
    d2 = daily[daily["date"] == dates[2]].set_index("symbol")
    want = ((d2.loc[[p, q], "close"] / d2.loc[[p, q], "prev_close"] - 1) * 100).mean()
    assert h.loc[dates[2], "premium"] == pytest.approx(want)
    assert math.isnan(h.loc[dates[1], "premium"])                  # nothing sealed on day 0
    assert list(h["turnover_change"].iloc[1:]) == pytest.approx([0.0, 1.0, -0.5])
    # trailing runs agree with app.market.streaks on the last day
    st = streaks(daily, dates[2])
    runs = trailing_runs(flags["symbol"].to_numpy(dtype=object), flags["sealed"].to_numpy())
    on_day = flags["date"].to_numpy() == dates[2]
    assert dict(zip(flags["symbol"][on_day], runs[on_day])) == st["streak"].to_dict()


# ---- compute_sentiment end to end on frames -------------------------------------------------------

def test_compute_sentiment_on_frames_is_json_safe():
    dates = trading_days_between("2026-05-25", "2026-06-01")
    history = _daily({"sh600001": [0.0, 0.0, "U", "U", 1.0][:len(dates)],
                      "sh600005": [0.0, "U", 0.0, "U", "U"][:len(dates)],
                      "sh600006": [0.0, 0.0, 0.0, 0.0, "U"][:len(dates)]}, dates)
    flags = daily_limit_flags(history)
    today = ladder_frame()
    membership = pd.DataFrame({"sector_id": ["B1", "B1"], "name": ["板", "板"],
                               "kind": ["concept", "concept"], "symbol": ["sh600001", "sh600005"]})
    inp = SentimentInputs(date=DAY, time="15:00", source="quotes", prev_date=dates[-1],
                          today=today, history=history, flags=flags, membership=membership)
    res = compute_sentiment(inp)
    rep = sentiment_dict(res)
    json.dumps(rep, ensure_ascii=False, allow_nan=False)
    assert rep["ladder"]["highest"] == 3
    assert rep["auction"]["available"] is False and rep["auction"]["groups"] is None
    assert [c["key"] for c in rep["gauge"]["components"]][0] == "limit_ups"
    assert rep["boards"]["top"][0]["sector_id"] == "B1"


# ---- the real five-day file -----------------------------------------------------------------------

REAL_FILE = "market-daily/derived_full_market_daily_2023-02-20_to_2023-02-24.csv"
R_DAYS = ["2023-02-20", "2023-02-21", "2023-02-22", "2023-02-23", "2023-02-24"]


def _band(symbol: str) -> int:
    if symbol.startswith("bj"):
        return 30
    return 20 if symbol[2:].startswith(("300", "301", "688", "689")) else 10


def _dec_up(prev: float, pct: int) -> Decimal:
    p = Decimal(str(prev))
    return max((p * (100 + pct) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
               p + Decimal("0.01"))


@pytest.fixture(scope="module")
def real(realdata):
    path = realdata / REAL_FILE
    if not path.exists():
        pytest.skip(f"{path} is absent")
    raw = pd.read_csv(path, dtype={"code": str, "market": str})
    return pd.DataFrame({"date": raw["trade_date"], "symbol": raw["market"] + raw["code"],
                         "open": raw["open"], "high": raw["high"], "low": raw["low"],
                         "close": raw["close"], "prev_close": raw["prev_close"],
                         "volume": raw["volume"], "amount": raw["amount_yuan"]})


@pytest.mark.realdata
def test_real_file_ladder_and_promotion(real):
    # Independent: Decimal half-up limits, streaks walked by hand (suspension days skipped).
    sealed, touched, traded = {}, {}, set()
    by_sym: dict[str, list[str]] = {}
    for r in real.itertuples(index=False):
        if not (r.prev_close > 0 and r.close > 0) or r.volume == 0:
            continue
        d = f"{str(r.date)[:4]}-{str(r.date)[4:6]}-{str(r.date)[6:]}"
        lim = _dec_up(r.prev_close, _band(r.symbol))
        sealed[(r.symbol, d)] = Decimal(str(r.close)) == lim
        touched[(r.symbol, d)] = Decimal(str(r.high)) >= lim
        traded.add((r.symbol, d))
        by_sym.setdefault(r.symbol, []).append(d)

    def streak_on(sym: str, day: str) -> int:
        n = 0
        for d in sorted(x for x in by_sym[sym] if x <= day)[::-1]:
            if not sealed[(sym, d)]:
                break
            n += 1
        return n

    y_boards = {s: streak_on(s, R_DAYS[3]) for s in by_sym if sealed.get((s, R_DAYS[3]))}
    want_tiers = {}
    for label, lo, hi in (("1→2", 1, 1), ("2→3", 2, 2), ("3→4", 3, 3), ("≥4", 4, 99)):
        base = [s for s, n in y_boards.items() if lo <= n <= hi and (s, R_DAYS[4]) in traded]
        want_tiers[label] = (sum(sealed[(s, R_DAYS[4])] for s in base), len(base))
    want_fail = {}
    for s, n in y_boards.items():
        if (s, R_DAYS[4]) in traded and not sealed[(s, R_DAYS[4])]:
            want_fail[n + 1] = want_fail.get(n + 1, 0) + 1
    today_streaks = [streak_on(s, R_DAYS[4]) for s in by_sym if sealed.get((s, R_DAYS[4]))]
    n_sealed = sum(v for (s, d), v in sealed.items() if d == R_DAYS[4])
    n_touched = sum(v for (s, d), v in touched.items() if d == R_DAYS[4])

    # Through the module, as the store composes it
    flags = daily_limit_flags(real)
    st = streaks(real, R_DAYS[4])
    t = flags[flags["date"] == R_DAYS[4]].set_index("symbol")
    today = pd.DataFrame({"name": t.index, "code": t.index.str[2:], "suspended": False,
                          "at_limit_up": t["sealed"], "touched_up": t["touched_up"],
                          "open": t["open"], "high": t["high"], "low": t["low"], "last": t["close"],
                          "limit_up": t["limit_up"], "pct_chg": (t["close"] / t["ref_close"] - 1) * 100},
                         index=t.index)
    today["streak"] = st["streak"].reindex(today.index).fillna(0).astype(int)
    today["prev_streak"] = yesterday_streak(st, R_DAYS[3]).reindex(today.index).fillna(0).astype(int)
    lad = ladder_with_breaks(today)
    prom = promotion_rates(today["prev_streak"], today["streak"],
                           pd.Series(True, index=today.index)).set_index("tier")
    got_tiers = {k: (int(prom.loc[k, "promoted"]), int(prom.loc[k, "base"])) for k in want_tiers}
    assert got_tiers == want_tiers
    assert {lv.level: lv.failed for lv in lad.levels if lv.failed} == want_fail
    assert sorted(int(x) for x in lad.tiles.loc[~lad.tiles["failed"], "level"]) == sorted(today_streaks)
    s = seal_rates(today)
    assert (s.limit_up, s.touched) == (n_sealed, n_touched)
    # The figures (2023-02-24; no names in the file, so every stock is judged non-ST)
    assert want_tiers == {"1→2": (0, 18), "2→3": (1, 2), "3→4": (1, 1), "≥4": (1, 2)}
    assert [(lv.level, lv.sealed, lv.failed) for lv in lad.levels] == [
        (1, 12, 0), (2, 0, 18), (3, 1, 1), (4, 1, 0), (5, 1, 1)]
    assert (s.limit_up, s.touched, s.broken) == (15, 24, 9)
    # breadth agrees with the README's counts read off the file
    br = breadth_history(real)
    assert tuple(br.loc["2023-02-24", ["adv", "dec", "unch"]]) == (1766, 3093, 231)
    assert tuple(br.loc["2023-02-20", ["adv", "dec", "unch"]]) == (3997, 977, 113)
    hist = session_history(flags, real.groupby("date")["amount"].sum())
    assert list(hist["limit_ups"]) == [39, 16, 24, 23, 15]
    assert hist.loc["2023-02-24", "promotion_rate"] == pytest.approx(3 / 23)
    assert hist.loc["2023-02-24", "highest_board"] == max(today_streaks) == 5
