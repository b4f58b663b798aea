"""Which part of the A-share market a cross-section holds, so reports name it (主板 / 全市场).

A store imported from main-board files alone must not speak of 全市场 (the whole market): its
median and its turnover are the main board's. Pure rules on the board column.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.market.boards import Board

UNIVERSE_ALL = "all"          # main board stocks and growth-board (ChiNext / STAR) stocks
UNIVERSE_MAIN = "main"        # SSE and SZSE main boards only
UNIVERSE_PART = "part"        # any other subset (e.g. ChiNext alone)

_MAIN = {Board.SSE_MAIN.value, Board.SZSE_MAIN.value}
_GROWTH = {Board.CHINEXT.value, Board.STAR.value}

# How the brief names the stocks its figures cover.
MEDIAN_ZH = {UNIVERSE_ALL: "全市场中位数", UNIVERSE_MAIN: "主板中位数", UNIVERSE_PART: "中位数"}
MEDIAN_EN = {UNIVERSE_ALL: "market median", UNIVERSE_MAIN: "main-board median",
             UNIVERSE_PART: "median"}


def universe_of(boards: Iterable[object]) -> str:
    """The universe of the A-share boards present (index rows and B shares do not count)."""
    held = {str(b) for b in boards} & (_MAIN | _GROWTH | {Board.BSE.value})
    if held and held <= _MAIN:
        return UNIVERSE_MAIN
    if held & _MAIN and held & _GROWTH:
        return UNIVERSE_ALL
    return UNIVERSE_PART
