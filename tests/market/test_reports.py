"""The JSON reports: contract fields, order, and JSON safety (no NaN, no numpy types)."""

import json

import numpy as np
import pandas as pd

from app.market.breadth import BUCKET_ORDER, BreadthCounts, breadth_counts
from app.market.reports import LIMIT_ITEM_FIELDS, breadth_report, json_value, limits_report
from app.market.snapshot import enrich

CONTRACT_BREADTH = ("date", "time", "stocks", "up", "down", "flat", "suspended", "limit_up",
                    "limit_down", "turnover_yuan", "buckets")
CONTRACT_ITEM = ("symbol", "code", "name", "board", "last", "limit_price", "streak", "first_seal",
                 "last_seal")


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def test_breadth_report_fields_and_nan():
    counts = BreadthCounts(stocks=np.int64(3), up=1, down=1, flat=0, suspended=1, limit_up=1,
                           limit_down=0, broken=0, turnover_yuan=np.float64(1.5e9),
                           buckets={k: np.int64(0) for k in BUCKET_ORDER},
                           mean_pct=float("nan"), median_pct=np.float64(0.123456789),
                           cap_weighted_pct=float("inf"))
    rep = breadth_report(counts, "2026-06-02", "11:30")
    for key in CONTRACT_BREADTH + ("broken", "mean_pct", "median_pct", "cap_weighted_pct"):
        assert key in rep
    assert list(rep["buckets"]) == list(BUCKET_ORDER)
    assert rep["mean_pct"] is None and rep["cap_weighted_pct"] is None
    assert rep["median_pct"] == 0.1235 and rep["turnover_yuan"] == 1.5e9
    assert type(rep["stocks"]) is int and type(rep["buckets"]["涨停"]) is int
    back = json.loads(dumps(rep))
    assert list(back["buckets"]) == list(BUCKET_ORDER)   # order survives JSON


def test_breadth_report_from_a_real_cross_section():
    cols = ["board", "name", "list_date", "float_shares", "last", "prev_close", "open", "high",
            "low", "volume", "amount"]
    frame = pd.DataFrame([
        ["sse_main", "甲", "2010-01-04", 1e9, 11.00, 10.00, 10.0, 11.0, 10.0, 1e6, 1e7],
        ["sse_main", "乙", "2010-01-04", 1e9, np.nan, 8.00, np.nan, np.nan, np.nan, 0, 0],
    ], columns=cols, index=["sh600001", "sh600002"])
    rep = breadth_report(breadth_counts(enrich(frame, "2026-06-02")), "2026-06-02", "15:00")
    assert (rep["stocks"], rep["limit_up"], rep["suspended"]) == (2, 1, 1)
    dumps(rep)


def _review_frame() -> pd.DataFrame:
    rows = [
        # symbol, kind, streak, first_seal, last
        ("sh600003", "limit_up", 1, "10:12", 11.0),
        ("sh600001", "limit_up", 3, "09:25", 13.98),
        ("sh600002", "limit_up", 5, "09:25", 7.7),
        ("sz000004", "broken", 0, None, 10.5),
        ("sz000005", "broken", 0, "09:45", 10.1),
        ("sh600006", "limit_down", 2, "14:00", 9.14),
    ]
    f = pd.DataFrame(rows, columns=["symbol", "kind", "streak", "first_seal", "last"])
    f["code"] = f["symbol"].str[2:]
    f["name"] = ["甲", "乙", "丙", "丁", "戊", "己"]
    f["board"] = "sse_main"
    f["state"] = ["sealed", "one_word", "one_word", "broken", "broken", "limit_down"]
    f["prev_close"] = [10.0, 12.71, 7.0, 10.0, 10.0, 10.15]
    f["pct_chg"] = [10.0, 9.992132, 10.0, 5.0, 1.0, np.nan]
    f["limit_price"] = [11.0, 13.98, 7.7, 11.0, 11.0, 9.14]
    f["streak"] = f["streak"].astype(np.int64)
    f["prev_streak"] = np.array([0, 2, 4, 1, 0, 1], dtype=np.int64)
    f["last_seal"] = pd.Series(["10:12", "09:25", "09:25", None, "09:45", "14:00"], dtype=object)
    f["first_seal"] = f["first_seal"].astype(object)
    f["opens"] = pd.Series([0, 0, 0, 1, 2, 0], dtype=object)
    f["resealed"] = pd.Series([False, False, False, False, False, False], dtype=object)
    f["amount"] = [1e8, 2e7, np.nan, 5e7, 6e7, 1e6]
    return f


def test_limits_report_lists_order_and_fields():
    rep = limits_report(_review_frame(), "2026-06-02", "11:30")
    assert (rep["date"], rep["time"]) == ("2026-06-02", "11:30")
    assert [i["symbol"] for i in rep["limit_up"]] == ["sh600002", "sh600001", "sh600003"]
    assert [i["symbol"] for i in rep["broken"]] == ["sz000005", "sz000004"]   # unknown time last
    assert [i["symbol"] for i in rep["limit_down"]] == ["sh600006"]
    for lst in ("limit_up", "limit_down", "broken"):
        for item in rep[lst]:
            assert tuple(item) == LIMIT_ITEM_FIELDS
            for key in CONTRACT_ITEM:
                assert key in item
    assert rep["counts"] == {"limit_up": 3, "limit_down": 1, "broken": 2}
    assert rep["seal_rate"] == 0.6 and rep["broken_rate"] == 0.4
    assert rep["ladder"] == {"5": 1, "3": 1, "1": 1} and rep["max_streak"] == 5


def test_limits_report_is_json_safe():
    rep = limits_report(_review_frame(), "2026-06-02", "11:30")
    back = json.loads(dumps(rep))
    down = back["limit_down"][0]
    assert down["pct_chg"] is None and down["limit_price"] == 9.14
    first, second = back["limit_up"][0], back["limit_up"][1]
    assert (first["symbol"], first["amount"]) == ("sh600002", None)
    assert (second["symbol"], second["pct_chg"], second["amount"]) == ("sh600001", 9.9921, 2e7)
    assert all(type(i["streak"]) is int for i in rep["limit_up"])
    assert all(type(i["opens"]) is int for i in rep["broken"])


def test_limits_report_of_an_empty_review():
    empty = pd.DataFrame(columns=["symbol", "kind"])
    rep = limits_report(empty, "2026-06-02", "09:31")
    assert rep["limit_up"] == [] and rep["limit_down"] == [] and rep["broken"] == []
    assert rep["seal_rate"] is None and rep["max_streak"] == 0
    dumps(rep)


def test_json_value():
    assert json_value(np.float64("nan")) is None
    assert json_value(pd.NA) is None
    assert json_value(np.int32(4)) == 4 and type(json_value(np.int32(4))) is int
    assert json_value(np.bool_(True)) is True
    assert json_value(1.23456, 2) == 1.23
    assert json_value({"a": [np.int64(1), np.nan]}) == {"a": [1, None]}
