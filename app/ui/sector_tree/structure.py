"""The sector tree's fixed structure of a session: node ids of sectors and (sector, stock) pairs."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QModelIndex

from app.market.sectors import (KIND_CONCEPT, SectorColumns, StockColumns, TreeColumns,
                                sector_columns, stock_columns)
from app.market.board_activity import (BoardActivity, board_activity, empty_board_activity,
                                       member_pairs)
from app.market.turnover import Activity
from app.ui.sector_tree.layout import Layout
from app.ui.sector_tree.roles import FIRST_SECTOR, GROUP_CONCEPT, GROUP_INDUSTRY


class SectorTreeStructure:
    """The structure half of ``SectorTreeModel``: built on a reset, fixed for a session."""

    def _clear(self) -> None:
        self._symbols = pd.Index([], dtype=object)
        self._sec_ids = pd.Index([], dtype=object)
        self._sec_id_list: list[str] = []
        self._n_sec = 0
        self._leaf_base = FIRST_SECTOR
        self._sec_parent_node = np.zeros(0, dtype=np.int64)
        self._sec_parent_l: list[int] = []
        self._sec_has_sub: list[bool] = []
        self._has_sub = np.zeros(0, dtype=bool)
        self._sec_kind_rank = np.zeros(0, dtype=np.int64)
        self._pair_sector = np.zeros(0, dtype=np.int64)
        self._pair_stock = np.zeros(0, dtype=np.int64)
        self._pair_stock_l: list[int] = []
        self._pair_sector_l: list[int] = []
        self._stock_name_rank = np.zeros(0, dtype=np.int64)
        self._stock_code_rank = np.zeros(0, dtype=np.int64)
        self._by_code = np.zeros(0, dtype=np.int64)     # stocks in code order
        self._pair_perm = np.zeros(0, dtype=np.int64)   # pairs in the last sort's order
        self._sec_name_rank = np.zeros(0, dtype=np.int64)
        self._st: StockColumns | None = None
        self._act: Activity | None = None     # 换手 / 量比 of the minute, aligned with _symbols
        self._board_pairs = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        self._board: BoardActivity = empty_board_activity(0, 0)   # the sectors' 换手 / 量比
        self._sc: SectorColumns | None = None
        self._in_tree: set[str] | None = None
        self._cells: dict[int, tuple[tuple[Any, ...], ...]] = {}   # node → cell tuples (see data)
        # (node, row, column) → its QModelIndex: the view asks for the same indexes on every
        # paint and createIndex costs ~3 µs a call. The row is part of the key, so a re-sort
        # invalidates nothing: a moved row simply misses once.
        self._indexes: dict[int, QModelIndex] = {}
        self._lay = Layout({}, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                            np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64))
        self._lay_lists()

    def _lay_lists(self) -> None:
        """Python-list mirrors of the layout for the hot index()/parent() paths."""
        self._sec_row_l: list[int] = self._lay.sec_row.tolist()
        self._leaf_row_l: list[int] = self._lay.leaf_row.tolist()
        self._leaf_order_l: list[int] = self._lay.leaf_order.tolist()
        self._leaf_off_l: list[int] = self._lay.leaf_off.tolist()

    def _build(self, enriched: pd.DataFrame, summary: pd.DataFrame, membership: pd.DataFrame,
               columns: TreeColumns | None) -> None:
        self._symbols = enriched.index
        self._sec_ids = summary.index
        self._sec_id_list = [str(s) for s in summary.index]
        S = len(summary)
        self._n_sec = S
        self._leaf_base = FIRST_SECTOR + S
        kind = summary["kind"].astype(str).to_numpy()
        parent = (summary["parent_id"].astype(object).where(summary["parent_id"].notna(), None)
                  if "parent_id" in summary.columns else pd.Series([None] * S, index=summary.index))
        parent_code = summary.index.get_indexer(parent.fillna("").astype(str))
        group = np.where(kind == KIND_CONCEPT, GROUP_CONCEPT, GROUP_INDUSTRY)
        self._sec_parent_node = np.where(parent_code >= 0, FIRST_SECTOR + parent_code, group)
        self._sec_parent_l = self._sec_parent_node.tolist()
        has_sub = np.zeros(S, dtype=bool)
        has_sub[parent_code[parent_code >= 0]] = True
        self._sec_has_sub = has_sub.tolist()
        self._has_sub = has_sub

        # Leaves: direct members of sectors that have no sub-sectors, each pair once.
        pairs = membership[["sector_id", "symbol"]].astype(str).drop_duplicates()
        sec = summary.index.get_indexer(pairs["sector_id"])
        stk = enriched.index.get_indexer(pairs["symbol"])
        ok = (sec >= 0) & (stk >= 0)
        sec, stk = sec[ok], stk[ok]
        # A board's 换手 / 量比 sum its members', a parent's every stock of its children once.
        self._board_pairs = member_pairs(sec, stk, parent_code)
        ok = ~has_sub[sec]
        sec, stk = sec[ok], stk[ok]
        # Pair ids ordered by (sector, code) so the unsorted tree lists stocks by code.
        st = columns.stocks if columns is not None else stock_columns(enriched)
        self._stock_code_rank = pd.factorize(st.code, sort=True)[0].astype(np.int64)
        self._stock_name_rank = pd.factorize(st.name, sort=True)[0].astype(np.int64)
        self._sec_name_rank = pd.factorize(summary["name"].fillna("").astype(str), sort=True)[0]
        order = np.lexsort((self._stock_code_rank[stk], sec))
        self._by_code = np.argsort(self._stock_code_rank, kind="stable")
        self._pair_perm = np.arange(len(order), dtype=np.int64)
        self._pair_sector, self._pair_stock = sec[order].astype(np.int64), stk[order].astype(np.int64)
        self._pair_sector_l = self._pair_sector.tolist()
        self._pair_stock_l = self._pair_stock.tolist()
        self._st = st
        self._sc = columns.sectors if columns is not None else sector_columns(summary)
        self._in_tree = None
        self._board = self._board_of(self._act)
        self._cells = {}
        self._indexes = {}
        self._lay = self._compute_layout()
        self._lay_lists()

    def _board_of(self, act: Activity | None) -> BoardActivity:
        if act is None:
            return empty_board_activity(self._n_sec, 0)
        return board_activity(act, *self._board_pairs, self._n_sec)
