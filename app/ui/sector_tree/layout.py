"""Which rows the sector tree shows in which order: filter, sort keys, re-sorts and changed spans."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt

from app.market.sectors import SectorColumns, StockColumns
from app.market.turnover import Activity
from app.ui.sector_tree.arrays import (FIRST_BIT, LAST_BIT, S_BROKEN, S_LIMIT_DOWN, S_ONE_WORD,
                                       S_SEALED, Col, activity_changes, board_changes,
                                       minutes_of, sector_changes, stock_changes)
from app.ui.sector_tree.roles import (FILTER_ALL, FILTER_BROKEN, FILTER_LIMIT_DOWN, FILTER_LIMIT_UP,
                                      FIRST_SECTOR, STATE_RANK)


@dataclass
class Layout:
    """Which rows are shown, in which order (depends on data, sort and filter)."""

    child_secs: dict[int, list[int]]   # parent node → sector codes in row order
    sec_row: np.ndarray                # sector → row under its parent (-1 hidden)
    leaf_order: np.ndarray             # visible pair ids grouped by sector, in row order
    leaf_off: np.ndarray               # sector → offset into leaf_order (len S + 1)
    leaf_row: np.ndarray               # pair → row under its sector (-1 hidden)

    def same_as(self, other: Layout) -> bool:
        return (np.array_equal(self.sec_row, other.sec_row)
                and np.array_equal(self.leaf_order, other.leaf_order)
                and np.array_equal(self.leaf_off, other.leaf_off))


class SectorTreeLayout:
    """The layout half of ``SectorTreeModel``: the attributes it reads are the model's."""

    def _update(self, st: StockColumns, sc: SectorColumns, act: Activity) -> None:
        assert self._st is not None and self._sc is not None
        stock_changed = stock_changes(st, self._st) | activity_changes(act, self._act)
        board = self._board_of(act)
        sector_changed = sector_changes(sc, self._sc) | board_changes(board, self._board)
        self._st, self._sc, self._act, self._board = st, sc, act, board
        self._cells = {}
        if self._sort_col >= 0 or self._filter != FILTER_ALL:
            self._relayout()
        self._emit_changes(stock_changed, sector_changed)

    def _relayout(self) -> None:
        if self._st is None:
            return
        new = self._compute_layout()
        if new.same_as(self._lay):
            return
        self._cells = {}   # the group rows' labels count the sectors shown
        # A re-sort keeps every parent's row count: views may then keep their geometry.
        self.rows_moved_only = (np.array_equal(new.leaf_off, self._lay.leaf_off)
                                and np.array_equal(new.sec_row >= 0, self._lay.sec_row >= 0))
        # PySide6 exposes only the argument-less overloads of the layout signals; the hint is
        # an optimisation views may ignore, so the plain form is used.
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        nodes = [(i.internalId(), i.column()) for i in old]
        self._lay = new
        self._lay_lists()
        self.changePersistentIndexList(old, [self._index_of(n, c) for n, c in nodes])
        self.layoutChanged.emit()

    def _stock_mask(self) -> np.ndarray | None:
        st = self._st
        assert st is not None
        if self._filter == FILTER_LIMIT_UP:
            return (st.state == S_SEALED) | (st.state == S_ONE_WORD)
        if self._filter == FILTER_LIMIT_DOWN:
            return st.state == S_LIMIT_DOWN
        if self._filter == FILTER_BROKEN:
            return st.state == S_BROKEN
        return None

    def _stock_key(self, col: int) -> np.ndarray:
        st = self._st
        assert st is not None
        if col == Col.NAME:
            return self._stock_name_rank.astype(float)
        if col == Col.CODE:
            return self._stock_code_rank.astype(float)
        if col in (Col.PCT, Col.LEADER):
            return st.pct
        if col == Col.EW_LAST:
            return st.last
        if col == Col.CHANGE:
            return st.chg
        if col == Col.LIMIT:
            return (STATE_RANK[st.state] * 1000 + np.minimum(st.streak, 999)).astype(float)
        if col == Col.AMOUNT:
            return st.amount
        if col == Col.TURNOVER_RATE:
            return self._act.turnover
        if col == Col.VOL_RATIO:
            return self._act.ratio
        if col == Col.STREAK:
            return np.where(st.streak > 0, st.streak, np.nan).astype(float)
        if col == Col.FIRST_SEAL:
            return minutes_of(st.first_seal)
        return np.zeros(len(st.pct))

    def _sector_key(self, col: int) -> np.ndarray:
        sc = self._sc
        assert sc is not None
        if col == Col.NAME:
            return self._sec_name_rank.astype(float)
        if col == Col.CODE:
            return sc.n.astype(float)
        if col == Col.PCT:
            return sc.pct_cap
        if col == Col.EW_LAST:
            return sc.pct_eq
        if col == Col.CHANGE:
            return sc.up.astype(float) - sc.down.astype(float) * 1e-6
        if col == Col.LIMIT:
            return sc.limit_up.astype(float) - sc.limit_down.astype(float) * 1e-6
        if col == Col.AMOUNT:
            return sc.turnover
        if col == Col.TURNOVER_RATE:
            return self._board.turnover
        if col == Col.VOL_RATIO:
            return self._board.ratio
        if col == Col.STREAK:
            return sc.max_streak.astype(float)
        if col == Col.LEADER:
            return sc.leader_pct
        return np.zeros(len(sc.n))

    def _sort_keys(self, key: np.ndarray) -> np.ndarray:
        """Ascending-sortable key: negated for descending, NaN last either way."""
        k = -key if self._sort_order == Qt.SortOrder.DescendingOrder else key.astype(float, copy=True)
        return np.where(np.isnan(k), np.inf, k)

    def _compute_layout(self) -> Layout:
        S, P = self._n_sec, len(self._pair_stock)
        mask = self._stock_mask()
        leaf_vis = np.ones(P, dtype=bool) if mask is None else mask[self._pair_stock]
        sec_vis = np.ones(S, dtype=bool) if mask is None else self._sectors_shown(leaf_vis)

        # Stocks within each sector.
        if self._sort_col >= 0 and P:
            order = self._sorted_pairs(leaf_vis)
        else:
            order = np.flatnonzero(leaf_vis)  # pair ids are already (sector, code) ordered
        counts = np.bincount(self._pair_sector[order], minlength=S) if S else np.zeros(0, np.int64)
        off = np.zeros(S + 1, dtype=np.int64)
        np.cumsum(counts, out=off[1:])
        leaf_row = np.full(P, -1, dtype=np.int64)
        leaf_row[order] = np.arange(len(order)) - off[self._pair_sector[order]]

        # Sectors within each parent (a group or a level-1 industry).
        sec_ids = np.flatnonzero(sec_vis)
        pnode = self._sec_parent_node[sec_ids]
        if self._sort_col >= 0 and len(sec_ids):
            key = self._sort_keys(self._sector_key(self._sort_col))[sec_ids]
            sorder = sec_ids[np.lexsort((sec_ids, key, pnode))]
        else:
            sorder = sec_ids[np.lexsort((sec_ids, pnode))] if len(sec_ids) else sec_ids
        sec_row = np.full(S, -1, dtype=np.int64)
        child_secs: dict[int, list[int]] = {}
        for sec, parent in zip(sorder.tolist(), self._sec_parent_node[sorder].tolist()):
            kids = child_secs.setdefault(parent, [])
            sec_row[sec] = len(kids)
            kids.append(sec)
        return Layout(child_secs, sec_row, order.astype(np.int64), off, leaf_row)

    def _sectors_shown(self, leaf_vis: np.ndarray) -> np.ndarray:
        """Sectors with a shown stock, and every ancestor of one (the filters' view)."""
        S = self._n_sec
        sec_vis = ~self._has_sub & (np.bincount(self._pair_sector[leaf_vis], minlength=S) > 0)
        # A parent shows when any child shows (deepest first; SW has at most three levels).
        parent_code = self._sec_parent_node - FIRST_SECTOR
        for _ in range(4):
            kids = np.flatnonzero(sec_vis & (parent_code >= 0))
            new = sec_vis.copy()
            new[parent_code[kids]] = True
            if np.array_equal(new, sec_vis):
                break
            sec_vis = new
        return sec_vis

    def _sorted_pairs(self, leaf_vis: np.ndarray) -> np.ndarray:
        """Shown pair ids by (sector, sort key, code).

        The pairs' sort starts from the last minute's order, which a minute barely changes within
        a sector: numpy's stable sort (timsort) then runs in near-linear time.
        """
        n = len(self._symbols)
        rank = np.empty(n, dtype=np.int64)
        rank[self._stock_order()] = np.arange(n)
        key = self._pair_sector * n + rank[self._pair_stock]   # unique per pair
        perm = self._pair_perm[np.argsort(key[self._pair_perm], kind="stable")]
        self._pair_perm = perm
        return perm[leaf_vis[perm]]

    def _stock_order(self) -> np.ndarray:
        """Stocks by sort key, ties in code order (the order of the unsorted tree)."""
        key = self._sort_keys(self._stock_key(self._sort_col))
        # A stable sort of the stocks taken in code order settles ties by code in one pass.
        return self._by_code[np.argsort(key[self._by_code], kind="stable")]

    def _emit_changes(self, stock_changed: np.ndarray, sector_changed: np.ndarray) -> None:
        """dataChanged once per parent that has changed rows (hidden rows are skipped).

        ``stock_changed`` / ``sector_changed`` hold a changed-column bit mask per row. A minute
        moves most prices, so nearly every parent has changes; one range per parent keeps the
        signal count at the number of parents (~140) instead of one per run of rows.
        """
        lay = self._lay
        if len(self._pair_stock):
            bits = stock_changed[self._pair_stock]
            ks = np.flatnonzero((bits != 0) & (lay.leaf_row >= 0))
            if len(ks):
                # pair ids are grouped by sector, so ks already is
                spans = changed_spans(self._pair_sector[ks], lay.leaf_row[ks], bits[ks])
                at = lay.leaf_off[spans[0]]
                first_node = lay.leaf_order[at + spans[1]] + self._leaf_base
                last_node = lay.leaf_order[at + spans[2]] + self._leaf_base
                self._emit_spans(spans, first_node.tolist(), last_node.tolist())
        if self._n_sec:
            ss = np.flatnonzero((sector_changed != 0) & (lay.sec_row >= 0))
            if len(ss):
                parents = self._sec_parent_node[ss]
                order = np.argsort(parents, kind="stable")
                ss = ss[order]
                spans = changed_spans(parents[order], lay.sec_row[ss], sector_changed[ss])
                kids = [lay.child_secs[p] for p in spans[0].tolist()]
                first_node = [FIRST_SECTOR + k[r] for k, r in zip(kids, spans[1].tolist())]
                last_node = [FIRST_SECTOR + k[r] for k, r in zip(kids, spans[2].tolist())]
                self._emit_spans(spans, first_node, last_node)

    def _emit_spans(self, spans: tuple[np.ndarray, ...], first_node: list[int],
                    last_node: list[int]) -> None:
        emit, create = self.dataChanged.emit, self.createIndex
        _, r0s, r1s, c0s, c1s = (a.tolist() for a in spans)
        for r0, r1, c0, c1, n0, n1 in zip(r0s, r1s, c0s, c1s, first_node, last_node):
            emit(create(r0, c0, n0), create(r1, c1, n1))


def changed_spans(groups: np.ndarray, rows: np.ndarray,
           bits: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per run of equal ``groups`` (sorted): group, first and last row, first and last column
    (``bits``: each row's non-zero changed-column mask)."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return (groups[starts], np.minimum.reduceat(rows, starts), np.maximum.reduceat(rows, starts),
            np.minimum.reduceat(FIRST_BIT[bits], starts), np.maximum.reduceat(LAST_BIT[bits], starts))
