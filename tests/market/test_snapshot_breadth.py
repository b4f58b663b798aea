"""Limit states and breadth of hand-made cross-sections with known answers."""

import numpy as np
import pandas as pd

from app.market.breadth import BUCKET_ORDER, breadth_counts
from app.market.snapshot import enrich


def _frame(rows):
    cols = ["symbol", "board", "name", "list_date", "float_shares", "last", "prev_close",
            "open", "high", "low", "volume", "amount"]
    return pd.DataFrame(rows, columns=cols).set_index("symbol")


ROWS = [
    # sealed main board: 10.15 -> 11.17
    ("sh600001", "sse_main", "甲", "2010-01-04", 1e9, 11.17, 10.15, 10.50, 11.17, 10.40, 1e6, 1e7),
    # one-word board
    ("sh600002", "sse_main", "乙", "2010-01-04", 1e9, 11.00, 10.00, 11.00, 11.00, 11.00, 1e5, 1e6),
    # broken: touched 11.00 and fell back
    ("sh600003", "sse_main", "丙", "2010-01-04", 1e9, 10.80, 10.00, 10.10, 11.00, 10.00, 1e6, 1e7),
    # ChiNext up 10 %: NOT at limit (band 20 %)
    ("sz300001", "chinext", "丁", "2015-01-05", 1e9, 11.00, 10.00, 10.00, 11.00, 10.00, 1e6, 1e7),
    # ChiNext at +20 %
    ("sz300002", "chinext", "戊", "2015-01-05", 1e9, 12.00, 10.00, 10.00, 12.00, 10.00, 1e6, 1e7),
    # BSE at -30 %
    ("bj920001", "bse", "己", "2015-01-05", 1e8, 7.00, 10.00, 9.00, 9.00, 7.00, 1e6, 1e7),
    # ST main board up 5 % on 2026-06-02: limit-up (band 5 %)
    ("sz000003", "szse_main", "*ST庚", "2010-01-04", 1e9, 2.10, 2.00, 2.00, 2.10, 2.00, 1e6, 1e7),
    # suspended: no price, must not count as a -100 % move
    ("sh600004", "sse_main", "辛", "2010-01-04", 1e9, np.nan, 8.00, np.nan, np.nan, np.nan, 0, 0),
    # flat
    ("sh600005", "sse_main", "壬", "2010-01-04", 1e9, 5.00, 5.00, 5.00, 5.05, 4.95, 1e6, 5e6),
    # down 4 %
    ("sh600006", "sse_main", "癸", "2010-01-04", 1e9, 9.60, 10.00, 10.00, 10.00, 9.50, 1e6, 1e7),
]


def test_states_on_2026_06_02():
    e = enrich(_frame(ROWS), "2026-06-02")
    assert e.loc["sh600001", "state"] == "sealed"
    assert e.loc["sh600001", "limit_up"] == 11.17
    assert e.loc["sh600002", "state"] == "one_word"
    assert e.loc["sh600003", "state"] == "broken"
    assert e.loc["sz300001", "state"] == "none"
    assert e.loc["sz300002", "state"] == "sealed"
    assert e.loc["bj920001", "state"] == "limit_down"
    assert e.loc["sz000003", "state"] == "sealed"
    assert bool(e.loc["sh600004", "suspended"]) and np.isnan(e.loc["sh600004", "pct_chg"])


def test_st_up_5pct_is_not_limit_up_after_2026_07_06():
    e = enrich(_frame(ROWS), "2026-08-21")
    assert e.loc["sz000003", "state"] == "none"
    assert e.loc["sz000003", "limit_up"] == 2.20


def test_breadth_counts_and_buckets():
    b = breadth_counts(enrich(_frame(ROWS), "2026-06-02"))
    assert (b.stocks, b.up, b.down, b.flat, b.suspended) == (10, 6, 2, 1, 1)
    assert (b.limit_up, b.limit_down, b.broken) == (4, 1, 1)
    assert list(b.buckets) == list(BUCKET_ORDER)
    assert b.buckets["涨停"] == 4 and b.buckets["跌停"] == 1 and b.buckets["平"] == 1
    assert b.buckets[">7%"] == 2          # broken +8 % and ChiNext +10 %
    assert b.buckets["-3~-5%"] == 1
    assert sum(b.buckets.values()) == b.stocks - b.suspended
    assert b.turnover_yuan == sum(r[-1] for r in ROWS)
