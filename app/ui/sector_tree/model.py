"""The sector tree as a real QAbstractItemModel over numpy arrays.

Tree: two group rows (行业 / 概念) → sectors (SW level 1 → level 2 for industries; concepts flat) →
stocks. A stock in several sectors appears once under each.

Nodes are plain integers carried in ``QModelIndex.internalId()``:
``1``/``2`` the groups, ``3 + s`` sector ``s`` (row of the summary frame), ``3 + S + k`` the k-th
(sector, stock) pair. Ids are fixed for a session, so sorting and filtering only move rows: they
run through ``layoutAboutToBeChanged`` / ``layoutChanged`` with the persistent indexes remapped, and
a new minute of the same session emits ``dataChanged`` for the changed cells only: one range per
parent, spanning its changed rows and columns.

The view asks every painted cell for ~8 roles, so the roles it paints with (display, colour,
alignment, font, badges) come from per-row tuples built once per minute on first request.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.market.sectors import (KIND_CONCEPT, SectorColumns, StockColumns, TreeColumns,
                                sector_columns, stock_columns)
from app.ui.format import fmt_pct, fmt_yi, fmt_yi_unit, sign_of, signed
from app.ui.palette import Palette, palette
from app.ui.sector_tree.arrays import (FIRST_BIT, LAST_BIT, N_COLS, S_BROKEN, S_LIMIT_DOWN,
                                       S_ONE_WORD, S_SEALED, STATE_NAME, Col, minutes_of,
                                       sector_changes, stock_changes)

ModelIndex = QModelIndex | QPersistentModelIndex


# Custom roles.
SYMBOL_ROLE = int(Qt.ItemDataRole.UserRole) + 1      # stock rows: 'sh600487'
SECTOR_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2   # sector rows: id; stock rows: their sector
NODE_KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 3   # 'group' | 'sector' | 'stock'
BADGES_ROLE = int(Qt.ItemDataRole.UserRole) + 4      # LIMIT: stock [(key, text)]; sector (up, down)
STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 5       # stock rows: sealed/one_word/broken/limit_down/none
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 6        # the numeric value the column sorts by

# Badge keys (the delegate picks colours by key).
BADGE_SEALED = "sealed"
BADGE_ONE_WORD = "one_word"
BADGE_BROKEN = "broken"
BADGE_RESEALED = "resealed"
BADGE_STREAK = "streak"
BADGE_LIMIT_DOWN = "limit_down"

FILTER_ALL = "all"
FILTER_LIMIT_UP = "limit_up"
FILTER_LIMIT_DOWN = "limit_down"
FILTER_BROKEN = "broken"
FILTERS = (FILTER_ALL, FILTER_LIMIT_UP, FILTER_LIMIT_DOWN, FILTER_BROKEN)

GROUP_INDUSTRY = 1
GROUP_CONCEPT = 2
_FIRST_SECTOR = 3
_INDEX_CACHE_MAX = 50_000   # cached QModelIndex objects (a few MB) before the cache starts over

# marker sort rank: one-word > sealed > broken > nothing > limit-down
_STATE_RANK = np.array([1, 4, 5, 2, 0], dtype=np.int64)

_ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole),
                    int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.FontRole),
                    int(Qt.ItemDataRole.ToolTipRole), SYMBOL_ROLE, SECTOR_ID_ROLE, NODE_KIND_ROLE,
                    BADGES_ROLE, STATE_ROLE, SORT_ROLE})

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)

# Roles served from the per-row cell tuples, and their slot in a row's tuple of tuples.
_DISPLAY, _FOREGROUND, _ALIGN, _FONT, _BADGES = range(5)
_CELL_ROLES = {int(Qt.ItemDataRole.DisplayRole): _DISPLAY,
               int(Qt.ItemDataRole.ForegroundRole): _FOREGROUND,
               int(Qt.ItemDataRole.TextAlignmentRole): _ALIGN,
               int(Qt.ItemDataRole.FontRole): _FONT,
               BADGES_ROLE: _BADGES}
_NONE_ROW: tuple[Any, ...] = (None,) * N_COLS
_STOCK_ALIGN = tuple(_LEFT if c == Col.NAME else _CENTER if c in (Col.LIMIT, Col.FIRST_SEAL)
                     else _RIGHT for c in Col)
_SECTOR_ALIGN = tuple(_LEFT if c in (Col.NAME, Col.LEADER) else _CENTER if c == Col.LIMIT
                      else _RIGHT for c in Col)


@dataclass
class _Layout:
    """Which rows are shown, in which order (depends on data, sort and filter)."""

    child_secs: dict[int, list[int]]   # parent node → sector codes in row order
    sec_row: np.ndarray                # sector → row under its parent (-1 hidden)
    leaf_order: np.ndarray             # visible pair ids grouped by sector, in row order
    leaf_off: np.ndarray               # sector → offset into leaf_order (len S + 1)
    leaf_row: np.ndarray               # pair → row under its sector (-1 hidden)

    def same_as(self, other: _Layout) -> bool:
        return (np.array_equal(self.sec_row, other.sec_row)
                and np.array_equal(self.leaf_order, other.leaf_order)
                and np.array_equal(self.leaf_off, other.leaf_off))


class SectorTreeModel(QAbstractItemModel):
    """Sectors and their stocks at one minute of one session.

    Feed it with ``set_snapshot(enriched, summary, membership)``: ``summary`` is
    ``app.market.sectors.board_summary`` of the same frame; ``membership`` is the session's
    ``sector_membership`` frame (pass it on the first call and whenever the session changes;
    ``None`` keeps the previous one).
    """

    def __init__(self, parent: Any = None, *, colours: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = colours or palette("light")
        self._up = QColor(self._pal.up)
        self._down = QColor(self._pal.down)
        self._flat = QColor(self._pal.flat)
        self._bold = QFont()
        self._bold.setBold(True)
        self._filter = FILTER_ALL
        self._sort_col = -1
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._membership: pd.DataFrame | None = None
        self._session: object = None
        self._header_text: list[str] | None = None
        self.rows_moved_only = False   # the last layout change only reordered rows
        self.structure_version = 0  # bumped on every reset (new session or membership)
        self._clear()

    # --- structure -----------------------------------------------------------------------------

    def _clear(self) -> None:
        self._symbols = pd.Index([], dtype=object)
        self._sec_ids = pd.Index([], dtype=object)
        self._sec_id_list: list[str] = []
        self._n_sec = 0
        self._leaf_base = _FIRST_SECTOR
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
        self._sc: SectorColumns | None = None
        self._in_tree: set[str] | None = None
        self._cells: dict[int, tuple[tuple[Any, ...], ...]] = {}   # node → cell tuples (see data)
        # (node, row, column) → its QModelIndex: the view asks for the same indexes on every
        # paint and createIndex costs ~3 µs a call. The row is part of the key, so a re-sort
        # invalidates nothing: a moved row simply misses once.
        self._indexes: dict[int, QModelIndex] = {}
        self._lay = _Layout({}, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
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
        self._leaf_base = _FIRST_SECTOR + S
        kind = summary["kind"].astype(str).to_numpy()
        parent = (summary["parent_id"].astype(object).where(summary["parent_id"].notna(), None)
                  if "parent_id" in summary.columns else pd.Series([None] * S, index=summary.index))
        parent_code = summary.index.get_indexer(parent.fillna("").astype(str))
        group = np.where(kind == KIND_CONCEPT, GROUP_CONCEPT, GROUP_INDUSTRY)
        self._sec_parent_node = np.where(parent_code >= 0, _FIRST_SECTOR + parent_code, group)
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
        self._cells = {}
        self._indexes = {}
        self._lay = self._compute_layout()
        self._lay_lists()

    # --- public API ----------------------------------------------------------------------------

    def set_snapshot(self, enriched: pd.DataFrame, summary: pd.DataFrame,
                     membership: pd.DataFrame | None = None, *, session: object = None,
                     columns: TreeColumns | None = None) -> None:
        """Show a new minute.

        The same session (same symbols, sectors and membership) updates in place: ``dataChanged``
        for the cells that changed and, when the sort order or the filter's rows move, a layout
        change. A new ``membership`` (or ``session`` key) or a different set of symbols or sectors
        resets the model. ``columns`` is ``app.market.sectors.tree_columns(enriched, summary)``
        when the caller computed it off the GUI thread; otherwise it is computed here.
        """
        if membership is None:
            membership = self._membership
        if membership is None:
            raise ValueError("set_snapshot needs a membership frame the first time")
        same = (self._st is not None and membership is self._membership
                and (session is None or session == self._session))
        if columns is not None and not (columns.stocks.symbols.equals(enriched.index)
                                        and columns.sectors.index.equals(summary.index)):
            columns = None   # computed for other frames: recompute rather than misalign
        if same and not enriched.index.equals(self._symbols):
            if len(enriched.index) == len(self._symbols) and self._symbols.isin(enriched.index).all():
                enriched, columns = enriched.reindex(self._symbols), None
            else:
                same = False
        if same and not summary.index.equals(self._sec_ids):
            if len(summary.index) == len(self._sec_ids) and self._sec_ids.isin(summary.index).all():
                summary, columns = summary.reindex(self._sec_ids), None
            else:
                same = False
        if not same:
            self.structure_version += 1
            self.beginResetModel()
            self._membership = membership
            self._session = session
            self._build(enriched, summary, membership, columns)
            self.endResetModel()
            return
        if columns is None:
            columns = TreeColumns(stock_columns(enriched, self._st), sector_columns(summary, self._sc))
        self._update(columns.stocks, columns.sectors)

    def set_filter(self, mode: str) -> None:
        """'all', 'limit_up', 'limit_down' or 'broken' (stocks in that state and their sectors)."""
        if mode not in FILTERS:
            raise ValueError(f"unknown filter {mode!r}")
        if mode == self._filter:
            return
        self._filter = mode
        self._relayout()

    def filter_mode(self) -> str:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort sectors within their parent and stocks within their sector by ``column``.

        NaN (suspended, no data) stays last in both directions; ``column`` −1 restores the source
        order (industries as given, stocks by code).
        """
        self._sort_col = int(column)
        self._sort_order = Qt.SortOrder(order)
        self._relayout()

    def sort_column(self) -> int:
        return self._sort_col

    def symbols(self) -> pd.Index:
        return self._symbols

    def sector_ids(self) -> list[str]:
        return list(self._sec_id_list)

    def group_index(self, kind: str) -> QModelIndex:
        """Index of the 行业 ('industry') or 概念 ('concept') group row."""
        return self.index(1 if kind == KIND_CONCEPT else 0, 0)

    def sector_index(self, sector_id: str, column: int = 0) -> QModelIndex:
        """Index of a sector row (invalid when unknown or hidden by the filter)."""
        s = self._sec_ids.get_indexer([sector_id])[0] if self._n_sec else -1
        if s < 0:
            return QModelIndex()
        return self._index_of(_FIRST_SECTOR + int(s), column)

    def find_sectors(self, name: str) -> list[str]:
        """Ids of sectors called ``name`` (exact match), in source order."""
        if self._sc is None:
            return []
        return [self._sec_id_list[i] for i in np.flatnonzero(self._sc.name == name)]

    def stock_indexes(self, symbol: str, column: int = 0) -> list[QModelIndex]:
        """Every visible row of ``symbol`` (one per sector it sits in), industries first."""
        if not len(self._symbols):
            return []
        r = self._symbols.get_indexer([symbol])[0]
        if r < 0:
            return []
        ks = np.flatnonzero(self._pair_stock == r)
        out = [self._index_of(self._leaf_base + int(k), column) for k in ks]
        return [i for i in out if i.isValid()]

    def stock_names(self) -> list[str]:
        """Names aligned with ``symbols()``."""
        return [] if self._st is None else self._st.name.tolist()

    def stock_codes(self) -> list[str]:
        """Six-digit codes aligned with ``symbols()``."""
        return [] if self._st is None else self._st.code.tolist()

    def symbols_in_tree(self) -> set[str]:
        """Symbols that sit in at least one sector (whatever the filter shows)."""
        if self._in_tree is None:
            self._in_tree = set(self._symbols[np.unique(self._pair_stock)].tolist())
        return self._in_tree

    def stock_visible(self, symbol: str) -> bool:
        return bool(self.stock_indexes(symbol))

    def seal_counts(self) -> tuple[int, int, int]:
        """(涨停, 跌停, 炸板) stock counts of the current minute (the filter buttons' numbers)."""
        return (0, 0, 0) if self._st is None else self._st.seal_counts()

    # --- update paths --------------------------------------------------------------------------

    def _update(self, st: StockColumns, sc: SectorColumns) -> None:
        assert self._st is not None and self._sc is not None
        stock_changed = stock_changes(st, self._st)
        sector_changed = sector_changes(sc, self._sc)
        self._st, self._sc = st, sc
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
            return (_STATE_RANK[st.state] * 1000 + np.minimum(st.streak, 999)).astype(float)
        if col == Col.AMOUNT:
            return st.amount
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
        if col == Col.STREAK:
            return sc.max_streak.astype(float)
        if col == Col.LEADER:
            return sc.leader_pct
        return np.zeros(len(sc.n))

    def _sort_keys(self, key: np.ndarray) -> np.ndarray:
        """Ascending-sortable key: negated for descending, NaN last either way."""
        k = -key if self._sort_order == Qt.SortOrder.DescendingOrder else key.astype(float, copy=True)
        return np.where(np.isnan(k), np.inf, k)

    def _compute_layout(self) -> _Layout:
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
        return _Layout(child_secs, sec_row, order.astype(np.int64), off, leaf_row)

    def _sectors_shown(self, leaf_vis: np.ndarray) -> np.ndarray:
        """Sectors with a shown stock, and every ancestor of one (the filters' view)."""
        S = self._n_sec
        sec_vis = ~self._has_sub & (np.bincount(self._pair_sector[leaf_vis], minlength=S) > 0)
        # A parent shows when any child shows (deepest first; SW has at most three levels).
        parent_code = self._sec_parent_node - _FIRST_SECTOR
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
                spans = _spans(self._pair_sector[ks], lay.leaf_row[ks], bits[ks])
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
                spans = _spans(parents[order], lay.sec_row[ss], sector_changed[ss])
                kids = [lay.child_secs[p] for p in spans[0].tolist()]
                first_node = [_FIRST_SECTOR + k[r] for k, r in zip(kids, spans[1].tolist())]
                last_node = [_FIRST_SECTOR + k[r] for k, r in zip(kids, spans[2].tolist())]
                self._emit_spans(spans, first_node, last_node)

    def _emit_spans(self, spans: tuple[np.ndarray, ...], first_node: list[int],
                    last_node: list[int]) -> None:
        emit, create = self.dataChanged.emit, self.createIndex
        _, r0s, r1s, c0s, c1s = (a.tolist() for a in spans)
        for r0, r1, c0, c1, n0, n1 in zip(r0s, r1s, c0s, c1s, first_node, last_node):
            emit(create(r0, c0, n0), create(r1, c1, n1))

    # --- node helpers --------------------------------------------------------------------------

    def _index_of(self, node: int, column: int) -> QModelIndex:
        """The current index of a node id (invalid when hidden)."""
        if node <= 0:
            return QModelIndex()
        if node < _FIRST_SECTOR:
            row = node - 1
        elif node < self._leaf_base:
            row = self._sec_row_l[node - _FIRST_SECTOR]
        else:
            row = self._leaf_row_l[node - self._leaf_base]
        return self._cached_index(row, column, node) if row >= 0 else QModelIndex()

    # --- QAbstractItemModel --------------------------------------------------------------------

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return N_COLS

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 2 if self._st is not None else 0
        if parent.column() > 0:
            return 0
        node = parent.internalId()
        if node >= self._leaf_base:
            return 0
        if node < _FIRST_SECTOR:
            return len(self._lay.child_secs.get(node, ()))
        s = node - _FIRST_SECTOR
        if self._sec_has_sub[s]:
            return len(self._lay.child_secs.get(node, ()))
        return self._leaf_off_l[s + 1] - self._leaf_off_l[s]

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Called for every painted cell: node ids start at 1, so the invisible root (an invalid
        # index) is internalId 0 and needs no isValid() call.
        if row < 0 or not 0 <= column < N_COLS:
            return QModelIndex()
        node = parent.internalId()
        if node == 0:
            if row >= 2 or self._st is None:
                return QModelIndex()
            child = row + 1
        elif node >= self._leaf_base or parent.column() > 0:
            return QModelIndex()
        elif node < _FIRST_SECTOR or self._sec_has_sub[node - _FIRST_SECTOR]:
            kids = self._lay.child_secs.get(node, ())
            if row >= len(kids):
                return QModelIndex()
            child = _FIRST_SECTOR + kids[row]
        else:
            off = self._leaf_off_l
            at = off[node - _FIRST_SECTOR] + row
            if at >= off[node - _FIRST_SECTOR + 1]:
                return QModelIndex()
            child = self._leaf_base + self._leaf_order_l[at]
        idx = self._indexes.get(((child << 20) + row) * N_COLS + column)
        return idx if idx is not None else self._cached_index(row, column, child)

    def _cached_index(self, row: int, column: int, node: int) -> QModelIndex:
        key = ((node << 20) + row) * N_COLS + column   # rows stay below 2**20
        idx = self._indexes.get(key)
        if idx is None:
            if len(self._indexes) >= _INDEX_CACHE_MAX:
                self._indexes = {}
            idx = self._indexes[key] = self.createIndex(row, column, node)
        return idx

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = child.internalId()   # 0 for an invalid index
        if node < _FIRST_SECTOR:
            return QModelIndex()
        if node < self._leaf_base:
            p = self._sec_parent_l[node - _FIRST_SECTOR]
        else:
            p = _FIRST_SECTOR + self._pair_sector_l[node - self._leaf_base]
        return self._index_of(p, 0)

    def depth(self, index: ModelIndex) -> int:
        """How many levels are above ``index``'s row (0 for the industry / concept groups): the
        view's row painter indents by it without asking for the parents one by one."""
        node = index.internalId()
        if node >= self._leaf_base:
            node = _FIRST_SECTOR + self._pair_sector_l[node - self._leaf_base]
            levels = 1
        else:
            levels = 0
        while node >= _FIRST_SECTOR:
            node = self._sec_parent_l[node - _FIRST_SECTOR]
            levels += 1
        return levels

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        # Asked for every row the view lays out, stock rows (leaves) most of all.
        if parent.internalId() >= self._leaf_base:
            return False
        return self.rowCount(parent) > 0

    def sibling(self, row: int, column: int, idx: ModelIndex) -> QModelIndex:
        # Qt's default asks parent() then index(): two Python calls where one createIndex does.
        if row == idx.row() and 0 <= column < N_COLS and idx.isValid():
            return self._cached_index(row, column, idx.internalId())
        return super().sibling(row, column, idx)

    # flags(): Qt's default (enabled, selectable) is what every row needs, and leaving it in C++
    # saves a Python call for every painted cell.

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < N_COLS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if self._header_text is None:   # asked on every header repaint: translate once
                self._header_text = self._headers()
            return self._header_text[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._header_tips()[section]
            if section == Col.PCT and self._no_weighted_change():
                tip += "\n" + self._no_weight_reason()
            return tip
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if section in (Col.NAME, Col.LEADER) else _RIGHT if section != Col.LIMIT \
                else _CENTER
        return None

    def _headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Code / members"), self.tr("Change %"), self.tr("Mean % / last"),
                self.tr("Up/down"), self.tr("Limit-up/down"), self.tr("Turnover (100m)"), self.tr("Streak"),
                self.tr("First seal"), self.tr("Leader")]

    def _header_tips(self) -> list[str]:
        return [
            self.tr("Sector or stock name."),
            self.tr("Sector: number of member stocks. Stock: six-digit code."),
            self.tr("Sector: float-cap-weighted % change of its trading members. Stock: % change."),
            self.tr("Sector: equal-weighted (mean) % change. Stock: last price."),
            self.tr("Sector: members up / down. Stock: change in yuan."),
            self.tr("Sector: members at limit-up / limit-down. Stock: its limit state."),
            self.tr("Turnover so far today, in 100 million yuan."),
            self.tr("Consecutive limit-up closes; for a sector, its highest."),
            self.tr("Time the stock first sealed at limit-up today."),
            self.tr("Sector: the member with the highest % change."),
        ]

    def cells_at(self, index: ModelIndex) -> tuple[tuple[Any, ...], ...] | None:
        """(display, foreground, alignment, font, badges) of ``index``'s row, one entry per column:
        what ``data`` answers for those roles, in one call (the delegate paints from it)."""
        node = index.internalId()
        cells = self._cells.get(node)
        if cells is None:
            if self._st is None or not index.isValid():
                return None
            cells = self._cells[node] = self._row_cells(node)
        return cells

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks every painted cell for ~8 roles: the ones it paints with are tuple
        # look-ups in the row's cached cells; roles nobody uses return at once.
        slot = _CELL_ROLES.get(role)
        if slot is not None:
            cells = self.cells_at(index)
            return None if cells is None else cells[slot][index.column()]
        if role not in _ROLES or self._st is None or not index.isValid():
            return None
        node = index.internalId()
        col = index.column()
        if node < _FIRST_SECTOR:
            return "group" if role == NODE_KIND_ROLE else None
        if node < self._leaf_base:
            return self._sector_data(node - _FIRST_SECTOR, col, role)
        k = node - self._leaf_base
        return self._stock_data(self._pair_stock_l[k], self._pair_sector_l[k], col, role)

    # --- cell contents -------------------------------------------------------------------------

    def _colour(self, v: float) -> QColor:
        s = sign_of(v)           # as printed: '0.00%' is grey
        if s > 0:
            return self._up
        if s < 0:
            return self._down
        return self._flat

    def _row_cells(self, node: int) -> tuple[tuple[Any, ...], ...]:
        """(display, foreground, alignment, font, badges) of a row, one entry per column."""
        if node < _FIRST_SECTOR:
            return self._group_cells(node)
        if node < self._leaf_base:
            return self._sector_cells(node - _FIRST_SECTOR)
        return self._stock_cells(self._pair_stock_l[node - self._leaf_base])

    def _group_cells(self, node: int) -> tuple[tuple[Any, ...], ...]:
        label = self.tr("Industries") if node == GROUP_INDUSTRY else self.tr("Concepts")
        display = (f"{label} ({len(self._lay.child_secs.get(node, ()))})",) + _NONE_ROW[1:]
        return display, _NONE_ROW, _NONE_ROW, (self._bold,) * N_COLS, _NONE_ROW

    def _sector_cells(self, s: int) -> tuple[tuple[Any, ...], ...]:
        sc = self._sc
        assert sc is not None
        cap, eq, lead = float(sc.pct_cap[s]), float(sc.pct_eq[s]), float(sc.leader_pct[s])
        up, down = int(sc.limit_up[s]), int(sc.limit_down[s])
        streak = int(sc.max_streak[s])
        leader = sc.leader_name[s]
        display = (sc.name[s], str(int(sc.n[s])), _pct(cap), _pct(eq),
                   f"{int(sc.up[s])}/{int(sc.down[s])}", f"{up}/{down}",
                   _yi(float(sc.turnover[s]), 1), str(streak) if streak >= 2 else "", None,
                   "" if leader is None else f"{leader} {_pct(lead)}")
        colour = self._colour
        fore = (None, None, colour(cap), colour(eq), None, None, None, None, None, colour(lead))
        font = ((self._bold if self._sec_has_sub[s] else None),) + _NONE_ROW[1:]
        badges = _NONE_ROW[:Col.LIMIT] + ((up, down),) + _NONE_ROW[Col.LIMIT + 1:]
        return display, fore, _SECTOR_ALIGN, font, badges

    def _stock_cells(self, r: int) -> tuple[tuple[Any, ...], ...]:
        st = self._st
        assert st is not None
        pct, chg = float(st.pct[r]), float(st.chg[r])
        streak = int(st.streak[r])
        badges = self._badges(r)
        display = (st.name[r], st.code[r],
                   self.tr("Suspended") if st.suspended[r] else _pct(pct),
                   _price(float(st.last[r])), signed(chg, 2),
                   " ".join(text for _, text in badges), _yi(float(st.amount[r]), 2),
                   str(streak) if streak > 0 else "", st.first_seal[r] or "", None)
        move = self._flat if math.isnan(pct) else self._colour(pct)
        fore = (None, None, move, move, move, None, None, self._up, self._up, None)
        cell_badges = _NONE_ROW[:Col.LIMIT] + (badges,) + _NONE_ROW[Col.LIMIT + 1:]
        return display, fore, _STOCK_ALIGN, _NONE_ROW, cell_badges

    def _sector_data(self, s: int, col: int, role: int) -> Any:
        """The roles outside the cell tuples (ids, kinds, sort keys, tooltips)."""
        sc = self._sc
        assert sc is not None
        if role == SECTOR_ID_ROLE:
            return self._sec_id_list[s]
        if role == NODE_KIND_ROLE:
            return "sector"
        if role == SYMBOL_ROLE:
            return sc.leader_symbol[s] if col == Col.LEADER else None
        if role == SORT_ROLE:
            v = self._sector_key(col)[s]
            return None if np.isnan(v) else float(v)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._sector_tip(s, col)
        return None

    def _no_weighted_change(self) -> bool:
        """No sector has a cap-weighted change: the store holds no float shares (a daily file)."""
        return self._sc is not None and len(self._sc.pct_cap) > 0 and bool(np.isnan(self._sc.pct_cap).all())

    def _no_weight_reason(self) -> str:
        return self.tr("No float shares in this store, so no cap-weighted change; see Mean %.")

    def _sector_tip(self, s: int, col: int) -> str | None:
        sc = self._sc
        assert sc is not None
        if col == Col.PCT and np.isnan(sc.pct_cap[s]):
            return self._no_weight_reason()
        if col == Col.LEADER and sc.leader_symbol[s] is not None:
            return self.tr("Leader: {0} {1} {2}").format(
                sc.leader_name[s], sc.leader_symbol[s], _pct(sc.leader_pct[s]))
        if col == Col.STREAK:
            return self.tr("Highest streak among the members: {0}.").format(
                int(sc.max_streak[s]))
        return self.tr("{0}: {1} stocks, {2} up / {3} down; limit-up {4}, limit-down {5}, broken {6}; "
                       "cap-weighted {7}, equal-weighted {8}; turnover {9}").format(
            sc.name[s], int(sc.n[s]), int(sc.up[s]), int(sc.down[s]), int(sc.limit_up[s]),
            int(sc.limit_down[s]), int(sc.broken[s]), _pct(sc.pct_cap[s]), _pct(sc.pct_eq[s]),
            fmt_yi_unit(sc.turnover[s], 1))

    def _stock_data(self, r: int, s: int, col: int, role: int) -> Any:
        """The roles outside the cell tuples (ids, kinds, states, sort keys, tooltips)."""
        st = self._st
        assert st is not None
        if role == SYMBOL_ROLE:
            return str(self._symbols[r])
        if role == SECTOR_ID_ROLE:
            return self._sec_id_list[s]
        if role == NODE_KIND_ROLE:
            return "stock"
        if role == STATE_ROLE:
            return STATE_NAME[int(st.state[r])]
        if role == SORT_ROLE:
            v = self._stock_key(col)[r]
            return None if np.isnan(v) else float(v)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Col.LIMIT:
                return self._badge_tip(r) or None
            return f"{st.name[r]} {self._symbols[r]}"
        return None

    def _badges(self, r: int) -> list[tuple[str, str]]:
        """Limit-marker badges of stock ``r`` as (key, text), state first."""
        st = self._st
        assert st is not None
        state = int(st.state[r])
        out: list[tuple[str, str]] = []
        if state == S_ONE_WORD:
            out.append((BADGE_ONE_WORD, self.tr("One-word")))
        elif state == S_SEALED:
            out.append((BADGE_RESEALED, self.tr("Resealed")) if st.resealed[r]
                       else (BADGE_SEALED, self.tr("Limit-up")))
        elif state == S_BROKEN:
            out.append((BADGE_BROKEN, self.tr("Broken")))
        elif state == S_LIMIT_DOWN:
            out.append((BADGE_LIMIT_DOWN, self.tr("Limit-down")))
        if st.streak[r] >= 2 and state in (S_SEALED, S_ONE_WORD):
            out.append((BADGE_STREAK, self.tr("{0}-day").format(int(st.streak[r]))))
        return out

    def _badge_tip(self, r: int) -> str:
        st = self._st
        assert st is not None
        seal = st.first_seal[r]
        lines: list[str] = []
        for key, _ in self._badges(r):
            if key == BADGE_SEALED:
                lines.append(self.tr("Limit-up (sealed): the last price equals today's limit-up price."))
            elif key == BADGE_ONE_WORD:
                lines.append(self.tr("One-word board: opened at the limit-up price and has "
                                     "traded nowhere else today (O = H = L = last)."))
            elif key == BADGE_RESEALED:
                lines.append(self.tr("Resealed: the seal opened {0} time(s) today and the price "
                                     "is back at the limit-up price.").format(max(int(st.opens[r]), 1)))
            elif key == BADGE_BROKEN:
                lines.append(self.tr("Broken board: touched the limit-up price today but now "
                                     "trades below it."))
            elif key == BADGE_LIMIT_DOWN:
                lines.append(self.tr("Limit-down: the last price equals today's limit-down "
                                     "price."))
                if st.down_streak[r] >= 2:
                    lines.append(self.tr("{0} consecutive trading days at the limit-down price, "
                                         "today included.").format(int(st.down_streak[r])))
                if st.down_first[r]:
                    lines.append(self.tr("First at limit-down at {0}.").format(st.down_first[r]))
            elif key == BADGE_STREAK:
                lines.append(self.tr("{0}-day streak: {0} consecutive trading days closed at the "
                                     "limit-up price, today included.").format(int(st.streak[r])))
        if seal and st.state[r] in (S_SEALED, S_ONE_WORD, S_BROKEN):
            # DESIGN: a one-word seal in the 09:30 slot is the opening auction's (09:25).
            if seal <= "09:25" or (seal == "09:30" and st.state[r] == S_ONE_WORD):
                lines.append(self.tr("First sealed at the opening auction (09:25)."))
            else:
                lines.append(self.tr("First sealed at {0}.").format(seal))
        return "\n".join(lines)


def _spans(groups: np.ndarray, rows: np.ndarray,
           bits: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per run of equal ``groups`` (sorted): group, first and last row, first and last column
    (``bits``: each row's non-zero changed-column mask)."""
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    return (groups[starts], np.minimum.reduceat(rows, starts), np.maximum.reduceat(rows, starts),
            np.minimum.reduceat(FIRST_BIT[bits], starts), np.maximum.reduceat(LAST_BIT[bits], starts))


def _pct(v: float) -> str:
    return fmt_pct(v)


def _price(v: float) -> str:
    return "—" if v is None or math.isnan(v) else f"{v:.2f}"


def _yi(v: float, digits: int) -> str:
    return fmt_yi(v, digits)
