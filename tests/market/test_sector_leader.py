"""The per-sector leader pick that replaced a lexsort of every (sector, stock) pair."""

from __future__ import annotations

import numpy as np

from app.market.sectors.summary import _first_max_per_code


def _reference(codes: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    out = np.full(n, -1)
    for i, (c, v) in enumerate(zip(codes, values)):
        if out[c] < 0 or v > values[out[c]]:
            out[c] = i
    return out


def test_ties_go_to_the_first_pair_and_empty_codes_get_none():
    codes = np.array([2, 0, 2, 0, 2])
    values = np.array([1.5, -np.inf, 3.0, -np.inf, 3.0])
    # Code 0 only has -inf (no % change): its first member; code 1 has no member; code 2 ties.
    assert _first_max_per_code(codes, values, 3).tolist() == [1, -1, 2]


def test_matches_a_plain_loop_on_random_sectors():
    rng = np.random.default_rng(7)
    for _ in range(50):
        n = int(rng.integers(1, 12))
        codes = rng.integers(0, n, size=int(rng.integers(0, 80)))
        values = np.round(rng.normal(size=len(codes)), 1)       # rounding makes ties common
        values[rng.random(len(codes)) < 0.2] = -np.inf
        assert _first_max_per_code(codes, values, n).tolist() == _reference(codes, values, n).tolist()
