"""A board's 换手 and 量比 from its members, worked by hand on a four-stock frame."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app.market.board_activity import board_activity, member_pairs
from app.market.turnover import PriorVolume, activity

# A: has everything. B: no float shares. C: suspended. D: no earlier bars.
FRAME = pd.DataFrame({
    "volume": [1_000_000.0, 700_000.0, np.nan, 300_000.0],
    "float_shares": [10_000_000.0, np.nan, 5_000_000.0, 2_000_000.0],
    "suspended": [False, False, True, False],
}, index=pd.Index(["sh600001", "sh600002", "sz000003", "sz000004"], name="symbol"))
PRIOR = PriorVolume(pd.Series({"sh600001": 2_000_000.0, "sh600002": 1_000_000.0,
                               "sz000003": 800_000.0}),
                    pd.Series({"sh600001": 5, "sh600002": 5, "sz000003": 5}), 5)
A, B, C, D = range(4)
# Boards: 0 = X {A, B, C, D}, 1 = Y {B}, 2 = Z {C}, 3 = P, parent of X and Y (no direct members).
PARENT = np.array([3, 3, -1, -1])
DIRECT = (np.array([0, 0, 0, 0, 1, 2]), np.array([A, B, C, D, B, C]))


def _boards(minutes: int = 120):  # type: ignore[no-untyped-def]
    board, stock = member_pairs(*DIRECT, PARENT)
    return board_activity(activity(FRAME, PRIOR, minutes), board, stock, 4)


def test_member_pairs_count_each_stock_once_in_each_ancestor():
    board, stock = member_pairs(*DIRECT, PARENT)
    pairs = set(zip(board.tolist(), stock.tolist()))
    assert pairs == {(0, A), (0, B), (0, C), (0, D), (1, B), (2, C),
                     (3, A), (3, B), (3, C), (3, D)}     # B is in X and Y: once in P
    assert len(board) == len(pairs)


def test_board_turnover_leaves_out_members_without_float_shares():
    got = _boards()
    # X: A and D count (B has no float shares, C is suspended): 1.3 M of 12 M shares.
    assert got.counted[0] == 2
    assert got.volume[0] == 1_300_000 and got.float_shares[0] == 12_000_000
    assert got.turnover[0] == pytest.approx(1_300_000 / 12_000_000 * 100)     # 10.83 %
    assert np.isnan(got.turnover[1]) and got.counted[1] == 0     # Y: only B, no float shares
    assert np.isnan(got.turnover[2])                             # Z: only C, suspended
    assert got.turnover[3] == pytest.approx(got.turnover[0])     # P: the same four stocks
    assert list(got.members) == [4, 1, 1, 4]


def test_board_volume_ratio_leaves_out_members_without_history():
    got = _boards(120)
    # X: A and B count (C suspended, D has no earlier bars):
    # (1.7 M shares ÷ 120 min) ÷ (3.0 M shares ÷ 240 min) = 14,166.7 ÷ 12,500 = 1.1333.
    assert got.ratio_counted[0] == 2
    assert got.ratio_volume[0] == 1_700_000 and got.average[0] == 3_000_000
    assert got.ratio[0] == pytest.approx((1_700_000 / 120) / (3_000_000 / 240))
    assert got.ratio[0] == pytest.approx(1.1333, abs=1e-4)
    # Y: B alone has history though no float shares: (0.7 M ÷ 120) ÷ (1.0 M ÷ 240) = 1.4.
    assert got.ratio[1] == pytest.approx(1.4)
    assert np.isnan(got.ratio[2]) and got.ratio_counted[2] == 0
    # At the close the same volume is a quarter of the pace: minutes traded matter.
    assert _boards(240).ratio[0] == pytest.approx(got.ratio[0] / 2)


def test_board_figures_are_not_a_mean_of_member_figures():
    got = _boards()
    members = activity(FRAME, PRIOR, 120)
    mean_rate = np.nanmean(members.turnover[[A, D]])      # (10 % + 15 %) / 2 = 12.5 %
    assert mean_rate == pytest.approx(12.5)
    assert got.turnover[0] != pytest.approx(mean_rate)   # volume-weighted: 10.83 %
