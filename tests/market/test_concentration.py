"""Index contributions on a hand-made index whose move is known to the point."""

import math

import numpy as np
import pandas as pd
import pytest

from app.market.concentration import concentration
from app.market.snapshot import enrich

DATE = "2026-06-02"
COLS = ["symbol", "board", "name", "list_date", "float_shares", "last", "prev_close",
        "open", "high", "low", "volume", "amount"]


def _cs(rows):
    return enrich(pd.DataFrame(rows, columns=COLS).set_index("symbol"), DATE)


def _row(sym, name, last, prev, board="chinext"):
    if math.isnan(last):      # suspended: no prices, no volume
        return (sym, board, name, "2015-01-05", 1e9, last, prev, np.nan, np.nan, np.nan, 0, 0)
    return (sym, board, name, "2015-01-05", 1e9, last, prev, prev, max(last, prev),
            min(last, prev), 1e6, 1e7)


# Index prev close 1000. caps at prev close: A 100×10, B 50×20, C 200×5 = 1000 each, D 10×50 = 500
# → divisor 3500 / 1000 = 3.5. Moves: A +1 → +28.571 pts, B −1 → −14.286, C 0, D +2 → +5.714.
# Σ w·last = 1100 + 950 + 1000 + 520 = 3570 → level 1020: +20 points, +2.00 %.
MEMBERS = pd.DataFrame({"symbol": ["sz300001", "sz300002", "sz300003", "sz300004"],
                        "weight_shares": [100.0, 50.0, 200.0, 10.0]})
ROWS = [
    _row("sz300001", "甲", 11.00, 10.00),     # +10 %
    _row("sz300002", "乙", 19.00, 20.00),     # −5 %
    _row("sz300003", "丙", 5.00, 5.00),       # flat
    _row("sz300004", "丁", 52.00, 50.00),     # +4 %
    # not in the index
    _row("sh600001", "戊", 9.70, 10.00, "sse_main"),    # −3 %
    _row("sh600002", "己", 9.80, 10.00, "sse_main"),    # −2 %
    _row("sh600003", "庚", np.nan, 10.00, "sse_main"),  # suspended: not a −100 % move
]


def test_contributions_sum_to_the_index_move():
    c = concentration(MEMBERS, _cs(ROWS), 1000.0, index_symbol="sz399006", index_name="创业板指")
    assert c.divisor == pytest.approx(3.5)
    pts = c.contributions["points"]
    assert pts["sz300001"] == pytest.approx(100 / 3.5, abs=1e-12)
    assert pts["sz300002"] == pytest.approx(-50 / 3.5, abs=1e-12)
    assert pts["sz300003"] == 0.0
    assert pts["sz300004"] == pytest.approx(20 / 3.5, abs=1e-12)
    assert abs(pts.sum() - 20.0) < 1e-9
    assert abs(c.index_points - 20.0) < 1e-9
    assert c.index_pct == pytest.approx(2.0)
    assert c.contributions["weight"].sum() == pytest.approx(1.0)
    assert c.contributions.loc["sz300004", "weight"] == pytest.approx(500 / 3500)
    assert (c.members, c.missing, c.members_up, c.members_down) == (4, 0, 2, 1)


def test_ranking_of_contributors():
    c = concentration(MEMBERS, _cs(ROWS), 1000.0)
    assert [x.symbol for x in c.top_up] == ["sz300001", "sz300004"]
    assert [x.symbol for x in c.top_down] == ["sz300002"]
    assert c.top_up[0].name == "甲" and c.top_up[0].pct_chg == pytest.approx(10.0)
    assert list(c.contributions.index) == ["sz300001", "sz300004", "sz300003", "sz300002"]
    one = concentration(MEMBERS, _cs(ROWS), 1000.0, top_n=1)
    assert [x.symbol for x in one.top_up] == ["sz300001"]
    assert one.top_points() == pytest.approx(100 / 3.5)


def test_equal_weight_and_market_statistics():
    c = concentration(MEMBERS, _cs(ROWS), 1000.0)
    assert c.eq_mean_pct == pytest.approx((10 - 5 + 0 + 4) / 4)
    assert c.eq_median_pct == pytest.approx(2.0)            # (0 + 4) / 2
    # the market: 10, −5, 0, 4, −3, −2 (the suspended stock is left out)
    assert c.market_mean_pct == pytest.approx(4 / 6)
    assert c.market_median_pct == pytest.approx(-1.0)
    assert c.spread_pct == pytest.approx(2.0 - 2.25)
    assert math.isnan(c.actual_pct) and c.shown_pct == pytest.approx(2.0)


def test_printed_level_suspended_and_missing_constituents():
    members = pd.concat([MEMBERS, pd.DataFrame({"symbol": ["sh600003", "sz399999"],
                                                "weight_shares": [100.0, 1e6]})])
    c = concentration(members, _cs(ROWS), 1000.0, index_last=1021.0)
    # The suspended member keeps its cap in the divisor and adds 0 points; the unknown one is
    # left out.
    assert c.divisor == pytest.approx(4.5)
    assert c.contributions.loc["sh600003", "points"] == 0.0
    assert math.isnan(c.contributions.loc["sh600003", "pct_chg"])
    assert abs(c.index_points - 70 / 4.5) < 1e-9
    assert (c.members, c.missing) == (5, 1)
    assert c.eq_mean_pct == pytest.approx(2.25)             # suspended not in the mean
    assert c.actual_pct == pytest.approx(2.1)
    assert c.shown_pct == pytest.approx(2.1)
    assert c.spread_pct == pytest.approx(2.1 - 2.25)


@pytest.mark.parametrize("seed", range(5))
def test_contributions_add_up_on_random_indices(seed):
    rng = np.random.default_rng(seed)
    n = 120
    prev = np.round(rng.uniform(3, 300, n), 2)
    last = np.round(prev * (1 + rng.uniform(-0.2, 0.2, n)), 2)
    rows = [_row(f"sz30{i:04d}", f"s{i}", float(lp), float(pp)) for i, (lp, pp) in
            enumerate(zip(last, prev))]
    w = rng.uniform(1e7, 5e9, n)
    members = pd.DataFrame({"symbol": [r[0] for r in rows], "weight_shares": w})
    c = concentration(members, _cs(rows), 3312.57)
    divisor = np.sum(w * prev) / 3312.57
    expected = np.sum(w * last) / divisor - 3312.57
    assert abs(c.contributions["points"].sum() - c.index_points) < 1e-9
    assert abs(c.index_points - expected) < 1e-9


def test_rejects_a_missing_prev_close():
    with pytest.raises(ValueError):
        concentration(MEMBERS, _cs(ROWS), float("nan"))
