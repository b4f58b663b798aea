"""The sector tree's column layout and the cell-change masks between two minutes.

Pure numpy (no Qt). The per-minute arrays themselves are ``app.market.sectors.StockColumns`` /
``SectorColumns``, which the loader computes off the GUI thread; the model compares consecutive
ones to emit ``dataChanged`` only where a shown value changed.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
import pandas as pd

from app.market.sectors import (TREE_BROKEN, TREE_LIMIT_DOWN, TREE_NONE, TREE_ONE_WORD,
                                TREE_SEALED, TREE_STATE_CODES, SectorColumns, StockColumns,
                                seal_text)
from app.market.board_activity import BoardActivity
from app.market.turnover import Activity


class Col(IntEnum):
    """One column layout for sector and stock rows (sector meaning / stock meaning)."""

    NAME = 0        # sector name / stock name
    CODE = 1        # member count / six-digit code
    PCT = 2         # float-cap-weighted % / % change
    EW_LAST = 3     # equal-weighted % / last price
    CHANGE = 4      # up/down counts / change in yuan
    LIMIT = 5       # 涨停/跌停 counts / limit badges
    AMOUNT = 6      # turnover 亿 (both)
    TURNOVER_RATE = 7   # — / 换手 %
    VOL_RATIO = 8   # — / 量比
    STREAK = 9      # highest streak in the sector / consecutive limit-ups
    FIRST_SEAL = 10  # — / first seal time
    LEADER = 11     # leading stock / —


N_COLS = len(Col)

# state codes in the stock arrays
S_NONE, S_SEALED, S_ONE_WORD, S_BROKEN, S_LIMIT_DOWN = (TREE_NONE, TREE_SEALED, TREE_ONE_WORD,
                                                        TREE_BROKEN, TREE_LIMIT_DOWN)
STATE_CODE = TREE_STATE_CODES
STATE_NAME = {v: k for k, v in STATE_CODE.items()} | {S_NONE: "none"}

StockArrays = StockColumns
SectorArrays = SectorColumns

__all__ = ["FIRST_BIT", "LAST_BIT", "N_COLS", "S_BROKEN", "S_LIMIT_DOWN", "S_NONE", "S_ONE_WORD",
           "S_SEALED", "STATE_CODE", "STATE_NAME", "Col", "SectorArrays", "StockArrays",
           "activity_changes", "board_changes", "differs",
           "minutes_of", "seal_text", "sector_changes", "stock_changes"]


def differs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise 'changed', NaN equal to NaN."""
    if a is b:   # names and codes reused from the last minute: nothing to compare
        return np.zeros(len(a), dtype=bool)
    if a.dtype.kind == "f":
        return ~((a == b) | (np.isnan(a) & np.isnan(b)))
    return a != b


def minutes_of(times: np.ndarray) -> np.ndarray:
    """'HH:MM' → minutes since midnight (NaN for None)."""
    out = np.full(len(times), np.nan)
    for i in np.flatnonzero(pd.notna(times)).tolist():
        t = times[i]
        if isinstance(t, str) and len(t) >= 4 and ":" in t:
            h, _, m = t.partition(":")
            if h.isdigit() and m[:2].isdigit():
                out[i] = int(h) * 60 + int(m[:2])
    return out


# Changed cells are a bit mask per row (bit c: column c changed): twelve columns fit an int16, and
# "any change", "first / last changed column" are then one comparison or table look-up per row.
FIRST_BIT = np.array([(m & -m).bit_length() - 1 for m in range(1 << N_COLS)], dtype=np.int64)
LAST_BIT = np.array([m.bit_length() - 1 for m in range(1 << N_COLS)], dtype=np.int64)


def _bits(columns: dict[Col, np.ndarray], n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.int16)
    for col, changed in columns.items():
        out |= changed.astype(np.int16) << int(col)
    return out


def stock_changes(new: StockColumns, old: StockColumns) -> np.ndarray:
    """Per stock, the bit mask of columns whose shown value differs from ``old``."""
    return _bits({
        Col.NAME: differs(new.name, old.name),
        Col.CODE: differs(new.code, old.code),
        Col.PCT: differs(new.pct, old.pct) | (new.suspended != old.suspended),
        Col.EW_LAST: differs(new.last, old.last),
        Col.CHANGE: differs(new.chg, old.chg),
        Col.LIMIT: ((new.state != old.state) | (new.resealed != old.resealed)
                    | (new.streak != old.streak) | (new.opens != old.opens)
                    | (new.down_streak != old.down_streak)),
        Col.AMOUNT: differs(new.amount, old.amount),
        Col.STREAK: new.streak != old.streak,
        Col.FIRST_SEAL: differs(new.first_seal, old.first_seal),
    }, len(new.pct))


def sector_changes(new: SectorColumns, old: SectorColumns) -> np.ndarray:
    """Per sector, the bit mask of columns whose shown value differs from ``old``."""
    return _bits({
        Col.NAME: differs(new.name, old.name),
        Col.CODE: new.n != old.n,
        Col.PCT: differs(new.pct_cap, old.pct_cap),
        Col.EW_LAST: differs(new.pct_eq, old.pct_eq),
        Col.CHANGE: (new.up != old.up) | (new.down != old.down),
        Col.LIMIT: (new.limit_up != old.limit_up) | (new.limit_down != old.limit_down),
        Col.AMOUNT: differs(new.turnover, old.turnover),
        Col.STREAK: new.max_streak != old.max_streak,
        Col.LEADER: (differs(new.leader_name, old.leader_name)
                     | differs(new.leader_pct, old.leader_pct)),
    }, len(new.n))


def activity_changes(new: Activity, old: Activity | None) -> np.ndarray:
    """Per stock, the bit mask of the 换手 / 量比 columns whose shown value (or reason) changed."""
    if old is None or not old.symbols.equals(new.symbols):
        return np.full(len(new.turnover), (1 << Col.TURNOVER_RATE) | (1 << Col.VOL_RATIO),
                       dtype=np.int16)
    return _bits({
        Col.TURNOVER_RATE: differs(new.turnover, old.turnover) | (new.turnover_why != old.turnover_why),
        Col.VOL_RATIO: (differs(new.ratio, old.ratio) | (new.ratio_why != old.ratio_why)
                        | (new.sessions != old.sessions)),
    }, len(new.turnover))


def board_changes(new: BoardActivity, old: BoardActivity) -> np.ndarray:
    """Per sector, the bit mask of the 换手 / 量比 columns whose shown value changed."""
    if len(new.turnover) != len(old.turnover):
        return np.full(len(new.turnover), (1 << Col.TURNOVER_RATE) | (1 << Col.VOL_RATIO),
                       dtype=np.int16)
    return _bits({
        Col.TURNOVER_RATE: differs(new.turnover, old.turnover),
        Col.VOL_RATIO: differs(new.ratio, old.ratio),
    }, len(new.turnover))
