"""Sector aggregation, the limit-up ladder and pinyin search on hand-made frames with known answers."""

import time

import numpy as np
import pandas as pd
import pytest

from app.market.pinyin_index import PinyinIndex, index_for, initial_variants, initials
from app.market.sectors import (SUMMARY_COLUMNS, TREE_LIMIT_DOWN, TREE_NONE, TREE_SEALED,
                                board_summary, compile_membership, ladder_snapshot, limit_ladder,
                                resealed, seal_stats, sector_columns, stock_columns, tree_columns)
from app.market.snapshot import enrich


def _frame(rows):
    cols = ["symbol", "code", "board", "name", "list_date", "float_shares", "last", "prev_close",
            "open", "high", "low", "volume", "amount"]
    return pd.DataFrame(rows, columns=cols).set_index("symbol")


ROWS = [
    # A: +10 % sealed, cap 11e8
    ("sh600001", "600001", "sse_main", "甲", "2010-01-04", 1e8, 11.00, 10.00, 10.2, 11.0, 10.1, 1e6, 5e8),
    # B: -5 %, cap 28.5e8
    ("sh600002", "600002", "sse_main", "乙", "2010-01-04", 3e8, 9.50, 10.00, 10.0, 10.0, 9.4, 1e6, 2e8),
    # C: +2 %, cap 20.4e8
    ("sz000001", "000001", "szse_main", "丙", "2010-01-04", 1e8, 20.40, 20.00, 20.0, 20.6, 19.9, 1e6, 1e8),
    # D: ChiNext -20 % = limit-down, cap 8e8
    ("sz300001", "300001", "chinext", "丁", "2015-01-05", 1e8, 8.00, 10.00, 9.5, 9.6, 8.0, 1e6, 1e8),
    # E: suspended
    ("sh600003", "600003", "sse_main", "戊", "2010-01-04", 1e8, np.nan, 10.00, np.nan, np.nan, np.nan, 0, 0),
]

MEMBERSHIP = pd.DataFrame([
    # SW level-2 I11 holds A, B and (overlapping, to test de-duplication in the parent) C.
    ("I11", "光学光电子", "industry", "I1", "sh600001"),
    ("I11", "光学光电子", "industry", "I1", "sh600002"),
    ("I11", "光学光电子", "industry", "I1", "sz000001"),
    ("I12", "半导体", "industry", "I1", "sz000001"),
    ("I12", "半导体", "industry", "I1", "sz300001"),
    ("I12", "半导体", "industry", "I1", "sh600003"),
    ("C1", "CPO", "concept", None, "sh600001"),
    ("C1", "CPO", "concept", None, "sz000001"),
    ("C1", "CPO", "concept", None, "sz999999"),   # not in the cross-section: ignored
], columns=["sector_id", "name", "kind", "parent_id", "symbol"])

SECTORS = pd.DataFrame([("I1", "电子", "industry", None)], columns=["id", "name", "kind", "parent_id"])


@pytest.fixture(scope="module")
def enriched():
    return enrich(_frame(ROWS), "2026-06-02")


def _capw(pairs):
    num = sum(p * c for p, c in pairs)
    return num / sum(c for _, c in pairs)


def test_board_summary_known_answers(enriched):
    s = board_summary(enriched, MEMBERSHIP, SECTORS)
    assert list(s.columns) == list(SUMMARY_COLUMNS)
    assert list(s.index) == ["I1", "I11", "I12", "C1"]   # industries (level 1, 2), then concepts

    i11 = s.loc["I11"]
    assert i11["n"] == 3 and i11["n_live"] == 3
    assert i11["pct_eq"] == pytest.approx((10 - 5 + 2) / 3)
    assert i11["pct_cap"] == pytest.approx(_capw([(10, 11e8), (-5, 28.5e8), (2, 20.4e8)]))
    assert (i11["up"], i11["down"], i11["limit_up"], i11["limit_down"]) == (2, 1, 1, 0)
    assert i11["turnover"] == pytest.approx(8e8)
    assert (i11["leader_symbol"], i11["leader_name"], i11["leader_pct"]) == ("sh600001", "甲", 10.0)
    assert i11["level"] == 2 and i11["parent_id"] == "I1"

    i12 = s.loc["I12"]
    assert i12["n"] == 3 and i12["n_live"] == 2          # the suspended stock is no -100 % move
    assert i12["pct_eq"] == pytest.approx((2 - 20) / 2)
    assert i12["pct_cap"] == pytest.approx(_capw([(2, 20.4e8), (-20, 8e8)]))
    assert (i12["limit_up"], i12["limit_down"]) == (0, 1)
    assert i12["leader_symbol"] == "sz000001"


def test_level1_aggregates_children_once(enriched):
    s = board_summary(enriched, MEMBERSHIP, SECTORS)
    i1 = s.loc["I1"]
    assert i1["name"] == "电子" and i1["level"] == 1 and i1["parent_id"] is None
    assert i1["n"] == 5                                   # C sits in both children, counted once
    assert i1["pct_eq"] == pytest.approx((10 - 5 + 2 - 20) / 4)
    assert i1["pct_cap"] == pytest.approx(_capw([(10, 11e8), (-5, 28.5e8), (2, 20.4e8), (-20, 8e8)]))
    assert (i1["limit_up"], i1["limit_down"], i1["up"], i1["down"]) == (1, 1, 2, 2)
    assert i1["turnover"] == pytest.approx(9e8)
    assert i1["leader_symbol"] == "sh600001"


def test_overlapping_concept(enriched):
    s = board_summary(enriched, MEMBERSHIP, SECTORS)
    c1 = s.loc["C1"]
    assert c1["kind"] == "concept" and c1["n"] == 2
    assert c1["pct_cap"] == pytest.approx(_capw([(10, 11e8), (2, 20.4e8)]))
    assert c1["pct_eq"] == pytest.approx(6.0)


def test_parent_without_a_name_still_aggregates(enriched):
    s = board_summary(enriched, MEMBERSHIP)  # no sectors table: I1 is named by its id
    assert s.loc["I1", "name"] == "I1" and s.loc["I1", "n"] == 5


def test_compiled_membership_gives_the_same_answer(enriched):
    pairs = compile_membership(MEMBERSHIP, SECTORS)
    pd.testing.assert_frame_equal(board_summary(enriched, pairs), board_summary(enriched, MEMBERSHIP,
                                                                                SECTORS))


def test_max_streak_and_ladder(enriched):
    e = enriched.copy()
    e["streak"] = [3, 0, 0, 0, 0]
    e["first_seal"] = ["09:42", None, None, None, None]
    e["resealed"] = [True, False, False, False, False]
    s = board_summary(e, MEMBERSHIP, SECTORS)
    assert s.loc["I1", "max_streak"] == 3 and s.loc["I12", "max_streak"] == 0
    lad = limit_ladder(e)
    assert list(lad.index) == ["sh600001"]
    assert lad.loc["sh600001", "streak"] == 3 and lad.loc["sh600001", "first_seal"] == "09:42"
    assert bool(lad.loc["sh600001", "resealed"])


def test_seal_stats():
    e = pd.DataFrame({"state": ["sealed", "one_word", "broken", "broken", "limit_down", "none"],
                      "at_limit_up": [True, True, False, False, False, False],
                      "at_limit_down": [False, False, False, False, True, False]})
    st = seal_stats(e)
    assert (st.limit_up, st.one_word, st.broken, st.limit_down) == (2, 1, 2, 1)
    assert st.seal_rate == pytest.approx(0.5) and st.broken_rate == pytest.approx(0.5)


def test_ladder_orders_by_streak_then_seal_time():
    e = pd.DataFrame({
        "name": list("ABCD"), "code": ["1", "2", "3", "4"], "state": ["sealed"] * 4,
        "at_limit_up": [True] * 4, "pct_chg": [10.0] * 4, "streak": [1, 2, 1, np.nan],
        "first_seal": ["10:01", "09:31", "09:25", None],
    }, index=["s1", "s2", "s3", "s4"])
    lad = limit_ladder(e)
    assert list(lad.index) == ["s2", "s3", "s1", "s4"]       # 2连板 first; 首板 by seal time
    assert lad.loc["s4", "streak"] == 1                        # at the limit: at least 首板


def test_ladder_snapshot_is_the_ladder_compared_by_value():
    e = pd.DataFrame({
        "name": list("ABC"), "code": ["1", "2", "3"], "state": ["sealed", "one_word", "none"],
        "at_limit_up": [True, True, False], "pct_chg": [10.0, np.nan, 1.0], "streak": [1, 2, np.nan],
        "first_seal": ["10:01", "09:25", None],
    }, index=["s1", "s2", "s3"])
    snap = ladder_snapshot(e)
    lad = limit_ladder(e)
    assert [r.symbol for r in snap.rows] == list(lad.index) == ["s2", "s1"]
    assert [(r.streak, r.first_seal, r.state) for r in snap.rows] == [(2, "09:25", "one_word"),
                                                                      (1, "10:01", "sealed")]
    assert snap.rows[0].pct_chg is None                  # NaN would never equal itself
    assert snap.levels() == [2, 1] and snap.rows_at(1) == (snap.rows[1],)
    assert (snap.stats.limit_up, snap.stats.one_word) == (2, 1)
    assert ladder_snapshot(e.copy()) == snap              # an unchanged minute compares equal
    e2 = e.copy()
    e2.loc["s1", "first_seal"] = "10:02"
    assert ladder_snapshot(e2) != snap


def test_review_columns_of_object_dtype_with_missing_values():
    # The loader joins the review on the limit-ups only: object columns, NaN elsewhere.
    e = pd.DataFrame({"at_limit_up": [True, True, False, False],
                      "resealed": pd.Series([True, np.nan, True, None], dtype=object)})
    assert resealed(e).tolist() == [True, False, False, False]


def test_tree_columns_of_one_minute(enriched):
    e = enriched.copy()
    e["streak"] = [3.0, np.nan, np.nan, 2.0, np.nan]          # D's 2: limit-down days
    e["first_seal"] = pd.Series(["094200", None, None, "13:05", None], index=e.index, dtype=object)
    e["opens"] = pd.Series([2, np.nan, 5, np.nan, np.nan], index=e.index, dtype=object)
    e["resealed"] = pd.Series([True, np.nan, np.nan, np.nan, np.nan], index=e.index, dtype=object)
    st = stock_columns(e)
    assert st.symbols is e.index
    assert st.state.tolist() == [TREE_SEALED, TREE_NONE, TREE_NONE, TREE_LIMIT_DOWN, TREE_NONE]
    assert st.first_seal.tolist() == ["09:42", None, None, None, None]
    assert st.down_first.tolist() == [None, None, None, "13:05", None]
    assert st.streak.tolist() == [3, 0, 0, 0, 0] and st.down_streak.tolist() == [0, 0, 0, 2, 0]
    assert st.opens.tolist() == [2, 0, 0, 0, 0]              # openings matter at a limit only
    assert st.resealed.tolist() == [True, False, False, False, False]
    assert st.suspended.tolist() == [False, False, False, False, True]
    assert np.isnan(st.pct[4]) and st.pct[0] == pytest.approx(10.0)
    assert st.chg[1] == pytest.approx(-0.5)
    assert st.seal_counts() == (1, 1, 0)
    assert st.name.tolist() == ["甲", "乙", "丙", "丁", "戊"] and st.code[2] == "000001"
    # The next minute of the same stocks lends the unchanged names: comparisons stop at `is`.
    again = stock_columns(e, st)
    assert again.name is st.name and again.code is st.code
    renamed = e.assign(name=["甲", "乙", "丙", "*ST丁", "戊"])
    assert stock_columns(renamed, st).name.tolist()[3] == "*ST丁"
    s = board_summary(e, MEMBERSHIP, SECTORS)
    sc = sector_columns(s)
    assert sc.index is s.index and sc.name.tolist() == s["name"].tolist()
    assert sc.limit_down.tolist() == s["limit_down"].tolist()
    assert sc.leader_symbol.tolist() == s["leader_symbol"].tolist()
    both = tree_columns(e, s)
    assert both.stocks.state.tolist() == st.state.tolist() and both.sectors.n.tolist() == sc.n.tolist()


def test_board_summary_fast_for_a_full_market():
    rng = np.random.default_rng(7)
    n = 5400
    syms = [f"sh{600000 + i}" for i in range(n)]
    pct = rng.normal(0, 3, n)
    e = pd.DataFrame({
        "name": syms, "pct_chg": pct, "move_fen": np.sign(pct).astype(int),
        "float_cap": rng.uniform(1e9, 1e11, n), "amount": rng.uniform(1e7, 1e9, n),
        "suspended": False, "at_limit_up": pct > 6, "at_limit_down": pct < -6,
        "state": np.where(pct > 6, "sealed", "none"),
    }, index=syms)
    rows = []
    for l1 in range(10):
        for l2 in range(3):
            sid = f"L{l1}{l2}"
            rows += [(sid, sid, "industry", f"L{l1}", s) for s in syms[(l1 * 3 + l2)::30]]
    for c in range(20):
        rows += [(f"C{c}", f"C{c}", "concept", None, s) for s in rng.choice(syms, 400, replace=False)]
    mem = pd.DataFrame(rows, columns=["sector_id", "name", "kind", "parent_id", "symbol"])
    pairs = compile_membership(mem)
    board_summary(e, pairs)
    t = time.perf_counter()
    s = board_summary(e, pairs)
    elapsed = time.perf_counter() - t
    assert len(s) == 60 and s.loc["L0", "n"] == 540
    assert elapsed < 0.25, f"board_summary took {elapsed * 1000:.0f} ms"


# --- pinyin search ----------------------------------------------------------------------------


def test_initials():
    assert initials("亨通光电") == "htgd"
    assert initials("*ST银行") == "styh"
    assert "zsyh" in initial_variants("招商银行") and "zsyx" in initial_variants("招商银行")


def test_pinyin_search_ranks_codes_names_and_initials():
    ix = PinyinIndex(["sh600487", "sh600036", "sz300308", "sh601318"],
                     ["亨通光电", "招商银行", "中际旭创", "中国平安"],
                     ["600487", "600036", "300308", "601318"])
    assert ix.search("htgd") == ["sh600487"]
    assert ix.search("HTGD") == ["sh600487"]
    assert ix.search("zsyh") == ["sh600036"]           # 行 read háng
    assert ix.search("600487") == ["sh600487"]
    assert ix.search("sh600487") == ["sh600487"]
    assert ix.search("600")[:2] == ["sh600487", "sh600036"]
    assert ix.search("中") == ["sz300308", "sh601318"]  # name prefix
    assert ix.search("zg")[0] == "sh601318"            # initials prefix beats a substring
    assert ix.search("") == [] and ix.search("qqqq") == []


def test_index_for_is_cached():
    a = index_for(["s1"], ["亨通光电"])
    assert index_for(["s1"], ["亨通光电"]) is a


def test_turnover_without_any_amount_is_missing_not_zero():
    """A file without 成交额: a sector's turnover and a stock's amount are NaN, never 0; a sector
    with one member's amount sums what it has (a suspended stock's 0 is a real 0)."""
    rows = [r[:-1] + (np.nan,) for r in ROWS]
    rows[2] = ROWS[2]                                     # C keeps its 1e8
    e = enrich(_frame(rows), "2026-06-02")
    s = board_summary(e, MEMBERSHIP, SECTORS)
    assert s.loc["I11", "turnover"] == pytest.approx(1e8)  # only C's amount is known
    # The suspended stock E keeps its stored 0: that alone is no turnover figure for I12 or I1.
    none = enrich(_frame([r[:-1] + (0.0 if r[0] == "sh600003" else np.nan,) for r in ROWS]),
                  "2026-06-02")
    s = board_summary(none, MEMBERSHIP, SECTORS)
    assert s["turnover"].isna().all()
    cols = stock_columns(none)
    assert np.isnan(np.delete(cols.amount, 4)).all() and cols.amount[4] == 0
