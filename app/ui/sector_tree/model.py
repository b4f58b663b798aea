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

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.market.sectors import KIND_CONCEPT, TreeColumns, sector_columns, stock_columns
from app.market.turnover import FULL_DAY_MINUTES, Activity, aligned
from app.market.turnover import activity as stock_activity
from app.ui.palette import Palette, palette
from app.ui.sector_tree.arrays import N_COLS, Col
from app.ui.sector_tree.cells import SectorTreeCells
from app.ui.sector_tree.layout import SectorTreeLayout
from app.ui.sector_tree.roles import (BADGE_BROKEN, BADGE_LIMIT_DOWN, BADGE_ONE_WORD,
                                      BADGE_RESEALED, BADGE_SEALED, BADGE_STREAK, BADGES_ROLE,
                                      CELL_ROLES, CENTER, FILTER_ALL, FILTER_BROKEN,
                                      FILTER_LIMIT_DOWN, FILTER_LIMIT_UP, FILTERS, FIRST_SECTOR,
                                      GROUP_CONCEPT, GROUP_INDUSTRY, INDEX_CACHE_MAX, LEFT,
                                      NODE_KIND_ROLE, RIGHT, ROLES, SECTOR_ID_ROLE, SORT_ROLE,
                                      STATE_ROLE, SYMBOL_ROLE, ModelIndex)
from app.ui.sector_tree.structure import SectorTreeStructure

# The roles, badge keys and filters are the model's interface: importable from here.
__all__ = ["BADGES_ROLE", "BADGE_BROKEN", "BADGE_LIMIT_DOWN", "BADGE_ONE_WORD", "BADGE_RESEALED",
           "BADGE_SEALED", "BADGE_STREAK", "FILTERS", "FILTER_ALL", "FILTER_BROKEN",
           "FILTER_LIMIT_DOWN", "FILTER_LIMIT_UP", "GROUP_CONCEPT", "GROUP_INDUSTRY",
           "NODE_KIND_ROLE", "SECTOR_ID_ROLE", "SORT_ROLE", "STATE_ROLE", "SYMBOL_ROLE", "Col",
           "SectorTreeModel"]


class SectorTreeModel(SectorTreeCells, SectorTreeLayout, SectorTreeStructure, QAbstractItemModel):
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

    # --- public API ----------------------------------------------------------------------------

    def set_snapshot(self, enriched: pd.DataFrame, summary: pd.DataFrame,
                     membership: pd.DataFrame | None = None, *, session: object = None,
                     columns: TreeColumns | None = None,
                     activity: Activity | None = None) -> None:
        """Show a new minute.

        The same session (same symbols, sectors and membership) updates in place: ``dataChanged``
        for the cells that changed and, when the sort order or the filter's rows move, a layout
        change. A new ``membership`` (or ``session`` key) or a different set of symbols or sectors
        resets the model. ``columns`` is ``app.market.sectors.tree_columns(enriched, summary)``
        when the caller computed it off the GUI thread; otherwise it is computed here.
        ``activity`` (``app.market.turnover.activity``, the loader's) gives 换手 and 量比; without
        it 换手 is computed here and 量比 is empty (no prior sessions' volume to compare with).
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
        act = aligned(activity, enriched.index)
        if act is None:
            act = stock_activity(enriched, None, FULL_DAY_MINUTES)
        if not same:
            self.structure_version += 1
            self.beginResetModel()
            self._act = act
            self._membership = membership
            self._session = session
            self._build(enriched, summary, membership, columns)
            self.endResetModel()
            return
        if columns is None:
            columns = TreeColumns(stock_columns(enriched, self._st), sector_columns(summary, self._sc))
        self._update(columns.stocks, columns.sectors, act)

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
        return self._index_of(FIRST_SECTOR + int(s), column)

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

    # --- node helpers --------------------------------------------------------------------------

    def _index_of(self, node: int, column: int) -> QModelIndex:
        """The current index of a node id (invalid when hidden)."""
        if node <= 0:
            return QModelIndex()
        if node < FIRST_SECTOR:
            row = node - 1
        elif node < self._leaf_base:
            row = self._sec_row_l[node - FIRST_SECTOR]
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
        if node < FIRST_SECTOR:
            return len(self._lay.child_secs.get(node, ()))
        s = node - FIRST_SECTOR
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
        elif node < FIRST_SECTOR or self._sec_has_sub[node - FIRST_SECTOR]:
            kids = self._lay.child_secs.get(node, ())
            if row >= len(kids):
                return QModelIndex()
            child = FIRST_SECTOR + kids[row]
        else:
            off = self._leaf_off_l
            at = off[node - FIRST_SECTOR] + row
            if at >= off[node - FIRST_SECTOR + 1]:
                return QModelIndex()
            child = self._leaf_base + self._leaf_order_l[at]
        idx = self._indexes.get(((child << 20) + row) * N_COLS + column)
        return idx if idx is not None else self._cached_index(row, column, child)

    def _cached_index(self, row: int, column: int, node: int) -> QModelIndex:
        key = ((node << 20) + row) * N_COLS + column   # rows stay below 2**20
        idx = self._indexes.get(key)
        if idx is None:
            if len(self._indexes) >= INDEX_CACHE_MAX:
                self._indexes = {}
            idx = self._indexes[key] = self.createIndex(row, column, node)
        return idx

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = child.internalId()   # 0 for an invalid index
        if node < FIRST_SECTOR:
            return QModelIndex()
        if node < self._leaf_base:
            p = self._sec_parent_l[node - FIRST_SECTOR]
        else:
            p = FIRST_SECTOR + self._pair_sector_l[node - self._leaf_base]
        return self._index_of(p, 0)

    def depth(self, index: ModelIndex) -> int:
        """How many levels are above ``index``'s row (0 for the industry / concept groups): the
        view's row painter indents by it without asking for the parents one by one."""
        node = index.internalId()
        if node >= self._leaf_base:
            node = FIRST_SECTOR + self._pair_sector_l[node - self._leaf_base]
            levels = 1
        else:
            levels = 0
        while node >= FIRST_SECTOR:
            node = self._sec_parent_l[node - FIRST_SECTOR]
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
            return LEFT if section in (Col.NAME, Col.LEADER) else RIGHT if section != Col.LIMIT \
                else CENTER
        return None

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
        slot = CELL_ROLES.get(role)
        if slot is not None:
            cells = self.cells_at(index)
            return None if cells is None else cells[slot][index.column()]
        if role not in ROLES or self._st is None or not index.isValid():
            return None
        node = index.internalId()
        col = index.column()
        if node < FIRST_SECTOR:
            return "group" if role == NODE_KIND_ROLE else None
        if node < self._leaf_base:
            return self._sector_data(node - FIRST_SECTOR, col, role)
        k = node - self._leaf_base
        return self._stock_data(self._pair_stock_l[k], self._pair_sector_l[k], col, role)
