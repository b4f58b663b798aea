"""Limit prices exact to the fen, bands by board and by date (DOMAIN.md §1)."""

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from app.market.boards import Board, UnknownCode, board_of, market_of_stock_code, to_symbol
from app.market.limits import (Band, band_for, is_st_name, limit_fen_arrays, limit_prices,
                               price_to_fen_array)

VECTORS = [  # prev, pct, up, down — DOMAIN.md §1.2 test vectors
    ("13.69", 10, "15.06", "12.32"),
    ("1.37", 5, "1.44", "1.30"),
    ("4.26", 10, "4.69", "3.83"),
    ("10.15", 10, "11.17", "9.14"),   # float trap: round(10.15*0.9, 2) gives 9.13
    ("2.35", 10, "2.59", "2.12"),     # half-even would give 2.58
    ("0.04", 10, "0.05", "0.03"),     # minimum-tick rule
]


@pytest.mark.parametrize("prev,pct,up,down", VECTORS)
def test_limit_vectors(prev, pct, up, down):
    assert limit_prices(prev, Band(pct, pct)) == (Decimal(up), Decimal(down))


def test_vectorised_matches_decimal_on_many_prices():
    rng = np.random.default_rng(7)
    prev_fen = rng.integers(1, 300_000, size=20_000)
    for pct in (5, 10, 20, 30):
        up, down = limit_fen_arrays(prev_fen, np.full(prev_fen.shape, pct), np.full(prev_fen.shape, pct))
        for i in range(0, len(prev_fen), 97):
            d_up, d_down = limit_prices(Decimal(int(prev_fen[i])) / 100, Band(pct, pct))
            assert (up[i], down[i]) == (int(d_up * 100), int(d_down * 100))


def test_price_to_fen_round_trips_two_decimal_prices():
    prices = np.round(np.arange(1, 200_001) / 100, 2)
    assert (price_to_fen_array(prices) == np.arange(1, 200_001)).all()


@pytest.mark.parametrize("on,st,expected", [
    (date(2026, 6, 2), True, Band(5, 5)),
    (date(2026, 7, 3), True, Band(5, 5)),
    (date(2026, 7, 6), True, Band(10, 10)),
    (date(2026, 8, 21), True, Band(10, 10)),
    (date(2026, 6, 2), False, Band(10, 10)),
])
def test_main_board_st_band_changes_on_2026_07_06(on, st, expected):
    assert band_for(Board.SSE_MAIN, on, st=st) == expected
    assert band_for(Board.SZSE_MAIN, on, st=st) == expected


def test_board_bands():
    d = date(2026, 6, 2)
    assert band_for(Board.CHINEXT, d) == Band(20, 20)
    assert band_for(Board.CHINEXT, d, st=True) == Band(20, 20)
    assert band_for(Board.CHINEXT, date(2020, 8, 21)) == Band(10, 10)
    assert band_for(Board.STAR, d, st=True) == Band(20, 20)
    assert band_for(Board.BSE, d) == Band(30, 30)


def test_new_listings():
    d = date(2026, 6, 2)
    for board in (Board.SSE_MAIN, Board.CHINEXT, Board.STAR):
        assert band_for(board, d, listing_day=5, list_date=date(2026, 5, 26)).unlimited
        assert band_for(board, d, listing_day=6, list_date=date(2026, 5, 25)) != Band(None, None)
    assert band_for(Board.BSE, d, listing_day=1, list_date=d).unlimited
    assert band_for(Board.BSE, d, listing_day=2, list_date=d) == Band(30, 30)
    # Approval-regime main-board IPO (before 2023-04-10): day 1 is +44 % / -36 %.
    assert band_for(Board.SSE_MAIN, date(2022, 3, 1), listing_day=1, list_date=date(2022, 3, 1)) == Band(44, 36)


def test_boards_and_symbols():
    assert board_of("sh", "600487") is Board.SSE_MAIN
    assert board_of("sh", "601869") is Board.SSE_MAIN
    assert board_of("sh", "688981") is Board.STAR
    assert board_of("sz", "300750") is Board.CHINEXT
    assert board_of("sz", "002594") is Board.SZSE_MAIN
    assert board_of("bj", "920163") is Board.BSE
    assert board_of("bj", "430047") is Board.BSE
    assert board_of("sh", "000001") is Board.INDEX
    assert board_of("sz", "000001") is Board.SZSE_MAIN
    assert market_of_stock_code("920163") == "bj"   # not sh, as some libraries route it
    assert to_symbol("600487.SH") == "sh600487"
    assert to_symbol("sh.600487") == "sh600487"
    assert to_symbol("300308") == "sz300308"
    with pytest.raises(UnknownCode):
        board_of("sh", "123456")
    with pytest.raises(UnknownCode):
        to_symbol("12a456")


def test_st_name():
    assert is_st_name("*ST康美") and is_st_name("ST中珠") and not is_st_name("亨通光电")
