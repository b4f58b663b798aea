"""The equal-weight (不含加权) line against a hand computation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app.market.equal_weight import equal_weight_level, member_changes


def test_equal_weight_level_by_hand() -> None:
    # Three constituents, three minutes; the index closed at 1000 yesterday.
    prev = np.array([10.0, 20.0, 50.0])
    last = np.array([
        [11.0, 20.0, 50.0],     # +10 %, 0, 0        -> mean +3.333 %
        [11.0, 19.0, np.nan],   # +10 %, -5 %, none  -> mean +2.5 % (the third has no price)
        [np.nan, 0.0, np.nan],  # nobody trades      -> NaN
    ])
    out = equal_weight_level(last, prev, 1000.0)
    assert out[0] == pytest.approx(1000.0 * (1 + (0.10 + 0 + 0) / 3))
    assert out[1] == pytest.approx(1025.0)
    assert math.isnan(out[2])


def test_member_changes_leave_out_missing_and_non_positive_prices() -> None:
    ch = member_changes(np.array([[12.0, 5.0, 3.0]]), np.array([10.0, 0.0, np.nan]))
    assert ch[0, 0] == pytest.approx(0.2)
    assert np.isnan(ch[0, 1]) and np.isnan(ch[0, 2])
    # A single minute as a 1-D row works too.
    assert equal_weight_level(np.array([11.0, 9.0]), np.array([10.0, 10.0]), 2000.0)[0] == \
        pytest.approx(2000.0)
