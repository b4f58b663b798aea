"""Daily price-limit bands and limit prices, exact to the fen.

Rules by board and by date (../shared/DOMAIN.md §1):
- SSE/SZSE main board ±10 %; ST/*ST ±5 % on trading days before 2026-07-06 and ±10 % from then.
- ChiNext ±20 % since 2020-08-24 (±10 % before); STAR ±20 %; BSE ±30 %.
- New listings: registration IPOs have no limit on days 1–5 (ChiNext since 2020-08-24, STAR since
  2019-07-22, main board since 2023-04-10); the BSE only on day 1. Earlier main-board IPOs had a
  day-1 band of +44 % / −36 %.
- limit = round_half_up(prev_close × (1 ± pct)) to the tick; where that lands within one tick of
  prev_close the limit is prev_close ± one tick.

Prices are handled as integer fen (or Decimal) so that 10.15 × 0.9 gives 9.14, not 9.13.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from app.market.boards import Board

ST_MAIN_10PCT_SINCE = date(2026, 7, 6)
CHINEXT_REFORM = date(2020, 8, 24)
STAR_OPENED = date(2019, 7, 22)
MAIN_REGISTRATION_IPO = date(2023, 4, 10)
NO_LIMIT_DAYS = 5          # registration IPOs: days 1-5 of trading
BSE_NO_LIMIT_DAYS = 1


@dataclass(frozen=True)
class Band:
    """Up and down limits in whole percent; ``None`` on both means no limit that day."""

    up_pct: int | None
    down_pct: int | None

    @property
    def unlimited(self) -> bool:
        return self.up_pct is None


NO_LIMIT = Band(None, None)


def is_st_name(name: str | None) -> bool:
    """Fallback ST detection from a (point-in-time) name: 'ST', '*ST', 'SST', 'S*ST'."""
    return bool(name) and "ST" in str(name).upper()


def band_for(board: Board | str, on_date: date, *, st: bool = False,
             listing_day: int | None = None, list_date: date | None = None) -> Band:
    """The limit band of a stock on ``on_date``.

    ``listing_day`` is the 1-based count of trading days since listing (1 = listing day);
    ``None`` means an established stock.
    """
    board = Board(board)
    if listing_day is not None and listing_day >= 1:
        listed = list_date or on_date
        if board is Board.BSE and listing_day <= BSE_NO_LIMIT_DAYS:
            return NO_LIMIT
        if listing_day <= NO_LIMIT_DAYS:
            if board is Board.STAR and listed >= STAR_OPENED:
                return NO_LIMIT
            if board is Board.CHINEXT and listed >= CHINEXT_REFORM:
                return NO_LIMIT
            if board.is_main and listed >= MAIN_REGISTRATION_IPO:
                return NO_LIMIT
        if listing_day == 1 and board in (Board.SSE_MAIN, Board.SZSE_MAIN, Board.CHINEXT):
            # Approval-regime IPOs: day-1 band 64 %-144 % of the issue price.
            return Band(44, 36)
    if board is Board.BSE:
        return Band(30, 30)
    if board is Board.STAR:
        return Band(20, 20)
    if board is Board.CHINEXT:
        return Band(20, 20) if on_date >= CHINEXT_REFORM else (Band(5, 5) if st else Band(10, 10))
    if board in (Board.SSE_MAIN, Board.SZSE_MAIN, Board.B_SHARE):
        if st and on_date < ST_MAIN_10PCT_SINCE:
            return Band(5, 5)
        return Band(10, 10)
    return NO_LIMIT  # indices have no limit


FEN = Decimal("0.01")


def to_fen(price: float | str | Decimal) -> int:
    """Price in integer fen, half-up, from its decimal text (never from binary float arithmetic)."""
    return int((Decimal(str(price)) * 100).quantize(Decimal(1), ROUND_HALF_UP))


def limit_prices(prev_close: float | str | Decimal, band: Band) -> tuple[Decimal, Decimal] | None:
    """(limit_up, limit_down) as Decimal yuan, or None for an unlimited day."""
    if band.unlimited:
        return None
    up, down = limit_fen(to_fen(prev_close), band.up_pct or 0, band.down_pct or 0)
    return (Decimal(up) / 100).quantize(FEN), (Decimal(down) / 100).quantize(FEN)


def _half_up_div100(x: int) -> int:
    return (x + 50) // 100


def limit_fen(prev_fen: int, up_pct: int, down_pct: int) -> tuple[int, int]:
    """Integer-fen limit prices with half-up rounding and the minimum-tick rule."""
    up = _half_up_div100(prev_fen * (100 + up_pct))
    down = _half_up_div100(prev_fen * (100 - down_pct))
    if up - prev_fen < 1:
        up = prev_fen + 1
    if prev_fen - down < 1:
        down = prev_fen - 1
    return up, max(down, 0)


def limit_fen_arrays(prev_fen: np.ndarray, up_pct: np.ndarray, down_pct: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised ``limit_fen`` over int64 arrays (pct 0 marks 'no limit': both outputs -1)."""
    prev = prev_fen.astype(np.int64)
    upp = up_pct.astype(np.int64)
    dnp = down_pct.astype(np.int64)
    up = (prev * (100 + upp) + 50) // 100
    down = (prev * (100 - dnp) + 50) // 100
    up = np.where(up - prev < 1, prev + 1, up)
    down = np.maximum(np.where(prev - down < 1, prev - 1, down), 0)
    none = upp <= 0
    return np.where(none, -1, up), np.where(none, -1, down)


def price_to_fen_array(prices: np.ndarray) -> np.ndarray:
    """Float yuan → int64 fen, half-up. Prices stored with two decimals round-trip exactly here
    because the error of a float near k/100 is far below half a fen."""
    p = np.asarray(prices, dtype=np.float64)
    return np.floor(p * 100 + 0.5 + 1e-9).astype(np.int64)
