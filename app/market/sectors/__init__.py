"""Sector (board) aggregation and the limit-up ladder of an enriched cross-section.

Frames in, frames out; no Qt, no SQL. The parts: ``membership`` (sector table and pairs, once per
session), ``summary`` (per-sector aggregates of a minute), ``ladder`` (连板梯队 and seal counts),
``tree`` (the sector tree's arrays) and ``frame_arrays`` (column coercions they share).
"""

from __future__ import annotations

from app.market.sectors.ladder import (LadderRow, LadderSnapshot, SealStats, down_streaks,
                                       ladder_snapshot, limit_ladder, resealed, seal_stats, streaks)
from app.market.sectors.membership import (KIND_CONCEPT, KIND_INDUSTRY, SectorPairs,
                                           compile_membership)
from app.market.sectors.summary import SUMMARY_COLUMNS, board_summary
from app.market.sectors.tree import (TREE_BROKEN, TREE_LIMIT_DOWN, TREE_NONE, TREE_ONE_WORD,
                                     TREE_SEALED, TREE_STATE_CODES, SectorColumns, StockColumns,
                                     TreeColumns, sector_columns, seal_text, stock_columns,
                                     tree_columns)
from app.market.snapshot import STATE_BROKEN, STATE_ONE_WORD, STATE_SEALED

__all__ = [
    "KIND_CONCEPT", "KIND_INDUSTRY", "STATE_BROKEN", "STATE_ONE_WORD", "STATE_SEALED",
    "SUMMARY_COLUMNS", "TREE_BROKEN", "TREE_LIMIT_DOWN", "TREE_NONE", "TREE_ONE_WORD",
    "TREE_SEALED", "TREE_STATE_CODES", "LadderRow", "LadderSnapshot", "SealStats", "SectorColumns",
    "SectorPairs", "StockColumns", "TreeColumns", "board_summary", "compile_membership",
    "down_streaks", "ladder_snapshot", "limit_ladder", "resealed", "seal_stats", "seal_text",
    "sector_columns", "stock_columns", "streaks", "tree_columns",
]
