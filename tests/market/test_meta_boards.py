"""East Money meta-boards are told from themes by name, in one list."""

from __future__ import annotations

import pandas as pd

from app.market.meta_boards import is_meta_board, theme_mask


def test_meta_boards_by_name():
    for name in ("融资融券", "富时罗素", "昨日高振幅", "MSCI中国", "沪股通", "标普道琼斯", "转债标的",
                 "昨日连板_含一字", "2025中报预增", "HS300_"):
        assert is_meta_board(name), name
    for name in ("算力概念", "CPO概念", "人形机器人", "半导体", "中报"):
        assert not is_meta_board(name), name
    assert theme_mask(pd.Series(["融资融券", "算力概念"])).tolist() == [False, True]


def test_realdata_meta_boards_leave_the_themes(realdata):
    board = pd.read_csv(realdata / "sectors" / "eastmoney_board_membership_2026-03-15.csv",
                        usecols=["板块名称"])["板块名称"].drop_duplicates()
    meta = board[~theme_mask(board)]
    # The five largest boards of the file are all meta-boards but for 央国企改革 (a theme).
    assert {"融资融券", "深股通", "沪股通", "创业板综", "富时罗素"} <= set(meta)
    assert "央国企改革" not in set(meta) and "算力概念" not in set(meta)
    assert 40 <= len(meta) <= 90 and len(board) - len(meta) > 370
