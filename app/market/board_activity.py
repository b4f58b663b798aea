"""A board's 换手 and 量比 from its members' (the sector rows of the tree), pure numpy.

- board 换手 = Σ member volume ÷ Σ member float shares, in percent;
- board 量比 = (Σ member volume ÷ minutes traded) ÷ (Σ member prior 5-session average ÷ 240),
  the members' volume per minute over their usual volume per minute.

A member counts in a figure only where its own figure is known (``app.market.turnover``): one
without float shares is left out of 换手, one without earlier bars out of 量比, a suspended one
out of both (it trades nothing today, and an index-style sum would only dilute the board with
it). A board none of whose members counts has no figure (NaN), never 0. A parent board (an SW
level-1 industry) counts every stock of its children, each once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.market.turnover import Activity, turnover_rate, volume_ratio


@dataclass(frozen=True, eq=False)
class BoardActivity:
    """Per board (rows of the sector summary): the figures and the sums they come from."""

    turnover: np.ndarray        # 换手 %, NaN when no member counts
    ratio: np.ndarray           # 量比, NaN when no member counts
    volume: np.ndarray          # Σ volume of the members counted in 换手, shares
    float_shares: np.ndarray    # Σ their float shares
    counted: np.ndarray         # int64 members counted in 换手
    ratio_volume: np.ndarray    # Σ volume of the members counted in 量比
    average: np.ndarray         # Σ their prior average daily volume
    ratio_counted: np.ndarray   # int64 members counted in 量比
    members: np.ndarray         # int64 members the board has in the cross-section
    minutes: int


def member_pairs(sector: np.ndarray, stock: np.ndarray,
                 parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (board, stock) pair once, a stock counted in each ancestor of its board too.

    ``sector`` / ``stock``: the direct membership as positions; ``parent``: each board's parent
    board position (-1 for a top board)."""
    sector = np.asarray(sector, dtype=np.int64)
    stock = np.asarray(stock, dtype=np.int64)
    parent = np.asarray(parent, dtype=np.int64)
    boards, stocks = [sector], [stock]
    cur, cur_stock = sector, stock
    for _ in range(len(parent)):          # at most one step per board: a cycle cannot loop
        if not len(cur):
            break
        up = parent[cur]
        keep = up >= 0
        cur, cur_stock = up[keep], cur_stock[keep]
        boards.append(cur)
        stocks.append(cur_stock)
    b, s = np.concatenate(boards), np.concatenate(stocks)
    if not len(b):
        return b, s
    width = int(s.max()) + 1
    key = np.unique(b * width + s)
    return key // width, key % width


def board_activity(act: Activity, board: np.ndarray, stock: np.ndarray,
                   n_boards: int) -> BoardActivity:
    """The boards' 换手 and 量比 from ``act`` (per stock) over the pairs ``board`` / ``stock``
    (positions; each pair once, ancestors included: ``member_pairs``)."""
    board = np.asarray(board, dtype=np.int64)
    stock = np.asarray(stock, dtype=np.int64)

    def total(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(board[mask], weights=values[stock[mask]], minlength=n_boards)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(board[mask], minlength=n_boards).astype(np.int64)

    t_ok = np.isfinite(act.turnover)[stock]
    r_ok = np.isfinite(act.ratio)[stock]
    volume, shares = total(act.volume, t_ok), total(act.float_shares, t_ok)
    counted = count(t_ok)
    r_volume, average = total(act.volume, r_ok), total(act.average, r_ok)
    r_counted = count(r_ok)
    turnover = np.where(counted > 0, turnover_rate(volume, shares), np.nan)
    ratio = np.where(r_counted > 0, volume_ratio(r_volume, act.minutes, average), np.nan)
    return BoardActivity(turnover, ratio, volume, shares, counted, r_volume, average, r_counted,
                         count(np.ones(len(board), dtype=bool)), int(act.minutes))


def empty_board_activity(n_boards: int, minutes: int) -> BoardActivity:
    """No board has a figure (no cross-section yet)."""
    nan, zero = np.full(n_boards, np.nan), np.zeros(n_boards, dtype=np.int64)
    return BoardActivity(nan, nan, nan, nan, zero, nan, nan, zero, zero, int(minutes))


__all__ = ["BoardActivity", "board_activity", "empty_board_activity", "member_pairs"]
