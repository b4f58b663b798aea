"""The limit list: the review's rows, each tagged with its board and grouped by it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.market.limit_list import limit_list, reason_tags
from app.market.sectors import compile_membership

MEMBERSHIP = pd.DataFrame({
    "sector_id": ["c_cpo", "c_cpo", "c_ai", "c_ai", "c_ai", "i_tel", "i_med"],
    "name": ["CPO", "CPO", "AI", "AI", "AI", "Telecom", "Pharma"],
    "kind": ["concept", "concept", "concept", "concept", "concept", "industry", "industry"],
    "parent_id": [None] * 7,
    "symbol": ["sh1", "sh2", "sh1", "sh3", "sh4", "sh2", "sh5"],
})
SUMMARY = pd.DataFrame({"limit_up": [1, 3, 2, 0], "pct_cap": [5.0, 4.0, 1.0, -1.0]},
                       index=pd.Index(["c_cpo", "c_ai", "i_tel", "i_med"], name="sector_id"))


def _review(rows):  # type: ignore[no-untyped-def]
    cols = ["symbol", "code", "name", "kind", "state", "pct_chg", "last", "first_seal",
            "last_seal", "opens", "streak"]
    return pd.DataFrame(rows, columns=cols)


def test_reason_is_the_concept_with_most_limit_ups_else_the_industry() -> None:
    pairs = compile_membership(MEMBERSHIP)
    tags = reason_tags(np.array(["sh1", "sh2", "sh5", "sh9"], dtype=object), pairs, SUMMARY)
    # sh1 is in CPO (1 limit-up) and AI (3): AI; sh2 is in CPO and an industry: the concept wins;
    # sh5 only has an industry; sh9 is in no sector.
    assert list(tags) == ["AI", "CPO", "Pharma", None]


def test_rows_grouped_by_board_biggest_group_first_and_columns_kept() -> None:
    pairs = compile_membership(MEMBERSHIP)
    review = _review([
        ("sh2", "000002", "乙", "limit_up", "sealed", 10.0, 11.0, "09:31", "09:31", 0, 1),
        ("sh1", "000001", "甲", "limit_up", "one_word", 10.0, 22.0, "09:25", "09:25", 0, 3),
        ("sh3", "000003", "丙", "limit_up", "sealed", 10.0, 5.5, "09:40", "10:02", 2, 1),
        ("sh5", "000005", "戊", "limit_down", "limit_down", -10.0, 9.0, "10:00", "10:00", 0, 2),
        ("sh4", "000004", "丁", "broken", "broken", 7.0, 5.0, "09:50", None, 1, 0),
    ])
    out = limit_list(review, pairs, SUMMARY).rows
    # AI holds two limit-ups (sh1, sh3), CPO one (sh2): AI first, in the review's order; then
    # the broken board, then the limit-down.
    assert list(out["symbol"]) == ["sh1", "sh3", "sh2", "sh4", "sh5"]
    assert list(out["reason"]) == ["AI", "AI", "CPO", "AI", "Pharma"]
    assert list(out["opens"]) == [0, 2, 0, 1, 0]
    assert out.loc[1, "last_seal"] == "10:02" and out.loc[3, "last_seal"] is None
    # No order-book data: the seal amount is missing, never 0, and the list says why.
    assert out["seal_amount"].isna().all()
    assert limit_list(review, pairs, SUMMARY).seal_amount_reason


def test_daily_only_review_leaves_seal_columns_unknown() -> None:
    review = _review([("sh1", "000001", "甲", "limit_up", "sealed", 10.0, 22.0, None, None,
                       None, 1)])
    out = limit_list(review).rows
    assert np.isnan(out.loc[0, "opens"]) and out.loc[0, "first_seal"] is None
    assert out.loc[0, "reason"] is None
    assert len(limit_list(review.iloc[:0]).rows) == 0
