"""The sector tree panel: filter buttons, a code / name / pinyin search box and the tree itself."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QToolButton, QVBoxLayout, QWidget)

from app.market.pinyin_index import PinyinIndex, index_for
from app.market.turnover import Activity
from app.market.sectors import SectorPairs, TreeColumns, board_summary, compile_membership
from app.ui import i18n
from app.ui.palette import Palette
from app.ui.sector_tree.delegate import LimitBadgeDelegate
from app.ui.sector_tree.minute_tree_view import MinuteTreeView
from app.ui.sector_tree.model import (FILTER_ALL, FILTER_BROKEN, FILTER_LIMIT_DOWN, FILTER_LIMIT_UP,
                                      NODE_KIND_ROLE, SECTOR_ID_ROLE, SYMBOL_ROLE, Col,
                                      SectorTreeModel)
from app.ui.sector_tree.widths import column_widths, scroll_area_chrome

# The count a filter button has room for from the start (涨停 / 跌停 / 炸板).
WIDEST_BUTTON_COUNT = "888"


class SectorTreeWidget(QWidget):
    """Sectors → stocks with live stats, limit badges, filters and a 键盘精灵-style search.

    Signals
    -------
    stock_selected(str)
        The symbol of the stock row that became current (click, keys or a search jump).
    sector_selected(str)
        The id of the sector row that became current.
    """

    stock_selected = Signal(str)
    sector_selected = Signal(str)

    def __init__(self, parent: Any = None, *, colours: Palette | None = None) -> None:
        super().__init__(parent)
        self._membership: pd.DataFrame | None = None
        self._sectors: pd.DataFrame | None = None
        self._pairs: SectorPairs | None = None
        self._search: PinyinIndex | None = None
        self._matches: list[str] = []
        self._match_at = 0

        self.model = SectorTreeModel(self, colours=colours)
        self.tree = MinuteTreeView(self)
        self.tree.setModel(self.model)
        # One delegate paints every cell from the row's cached contents (badges in the limit
        # column): cheaper than Qt's delegate asking the Python model role by role.
        self.tree.setItemDelegate(LimitBadgeDelegate(self.tree, colours=colours))
        self.tree.setUniformRowHeights(True)   # 27k rows: no per-row size hints
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setIndentation(14)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(int(Col.PCT), Qt.SortOrder.DescendingOrder)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        for col, width in column_widths(self.tree, self.model, i18n.current() != "zh").items():
            header.resizeSection(col, width)
        self.tree.selectionModel().currentChanged.connect(self._on_current)

        self._buttons: dict[str, QToolButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        for mode, text, tip in (
            (FILTER_ALL, self.tr("All"), self.tr("Show every sector and stock.")),
            (FILTER_LIMIT_UP, self.tr("Limit-up"), self.tr("Only stocks at the limit-up price (sealed "
                                                     "or one-word) and their sectors.")),
            (FILTER_LIMIT_DOWN, self.tr("Limit-down"), self.tr("Only stocks at the limit-down price.")),
            (FILTER_BROKEN, self.tr("Broken"), self.tr("Only broken boards: touched limit-up today "
                                                   "but trading below it now.")),
        ):
            b = QToolButton(self)
            if mode != FILTER_ALL:
                # Room for a three-digit count from the start: a count gaining a digit (涨停 9 →
                # 10) widened the button, the dock, and a window at its minimum width with it
                # (~25 ms of relayout and repaint on the GUI thread in a live minute).
                b.setText(f"{text} {WIDEST_BUTTON_COUNT}")
                b.setMinimumWidth(b.sizeHint().width())
            b.setText(text)
            b.setToolTip(tip)
            b.setCheckable(True)
            b.setProperty("filter_label", text)
            b.clicked.connect(lambda _=False, m=mode: self.set_filter(m))
            self._group.addButton(b)
            self._buttons[mode] = b
            bar.addWidget(b)
        self._buttons[FILTER_ALL].setChecked(True)
        bar.addStretch(1)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Code / name / pinyin initials"))
        self.search_box.setToolTip(self.tr("Type a code, a name or pinyin initials; Enter jumps to "
                                           "the next match."))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(170)
        self.search_box.setMaximumWidth(240)
        self.search_box.textEdited.connect(self._on_search_text)
        self.search_box.returnPressed.connect(self._on_search_next)
        self.match_label = QLabel(self)
        bar.addWidget(self.search_box)
        bar.addWidget(self.match_label)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.tree, 1)

    def columns_need(self) -> int:
        """The panel width at which the drill-down columns (名称 … 量比) show whole: the window
        gives the right dock at least this where it can."""
        return self.tree.header().sectionPosition(int(Col.VOL_RATIO)) \
            + self.tree.header().sectionSize(int(Col.VOL_RATIO)) + scroll_area_chrome(self.tree, self)

    # --- data ----------------------------------------------------------------------------------

    def set_snapshot(self, enriched: pd.DataFrame, summary: pd.DataFrame | None = None, *,
                     membership: pd.DataFrame | None = None, sectors: pd.DataFrame | None = None,
                     session: object = None, columns: TreeColumns | None = None,
                     activity: Activity | None = None) -> None:
        """Show one minute. Pass ``membership`` on the first call and on a new session.

        ``summary`` defaults to ``board_summary(enriched, membership, sectors)``; compute it off
        the GUI thread and pass it when you can, and likewise ``columns``
        (``app.market.sectors.tree_columns(enriched, summary)``). ``sectors`` (the store's
        sector table: id, name, kind, parent_id) names the SW level-1 industries, which have no
        direct members and so are absent from ``membership``; without it they are labelled by
        their id. ``activity`` is the loader's 换手 / 量比 (``app.market.turnover.activity``).
        """
        if membership is not None and membership is not self._membership:
            self._membership = membership
            self._pairs = None
        if sectors is not None and sectors is not self._sectors:
            self._sectors = sectors
            self._pairs = None
        if self._membership is None:
            raise ValueError("set_snapshot needs a membership frame the first time")
        if summary is None:
            if self._pairs is None:
                self._pairs = compile_membership(self._membership, self._sectors)
            summary = board_summary(enriched, self._pairs)
        version = self.model.structure_version
        self.model.set_snapshot(enriched, summary, self._membership, session=session,
                                columns=columns, activity=activity)
        if self.model.structure_version != version:
            self._search = None
            self._matches = []
            self.tree.expand(self.model.group_index("industry"))
            self.tree.expand(self.model.group_index("concept"))
        self._update_button_counts()

    def _update_button_counts(self) -> None:
        limit_up, limit_down, broken = self.model.seal_counts()
        for mode, n in ((FILTER_LIMIT_UP, limit_up), (FILTER_LIMIT_DOWN, limit_down),
                        (FILTER_BROKEN, broken)):
            b = self._buttons[mode]
            text = f"{b.property('filter_label')} {n}"
            if b.text() != text:   # setText re-lays the bar out even when nothing changed
                b.setText(text)

    def set_filter(self, mode: str) -> None:
        """'all', 'limit_up', 'limit_down' or 'broken'; the matching button is checked."""
        self.model.set_filter(mode)
        self._buttons[mode].setChecked(True)
        if mode != FILTER_ALL:
            self.tree.expandToDepth(2)  # show the matching stocks, not just their sectors

    # --- navigation ----------------------------------------------------------------------------

    def expand_sector(self, sector_id: str) -> bool:
        idx = self.model.sector_index(sector_id)
        if not idx.isValid():
            return False
        self._expand_to(idx)
        self.tree.expand(idx)
        return True

    def select_sector(self, sector_id: str) -> bool:
        idx = self.model.sector_index(sector_id)
        if not idx.isValid():
            return False
        self._expand_to(idx)
        self.tree.setCurrentIndex(idx)
        self.tree.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtTop)
        return True

    def select_stock(self, symbol: str) -> bool:
        """Make ``symbol``'s first row (its industry, else a concept) current and scroll to it."""
        rows = self.model.stock_indexes(symbol)
        if not rows and self.model.filter_mode() != FILTER_ALL and symbol in self.model.symbols():
            self.set_filter(FILTER_ALL)  # the filter hides it: show everything rather than fail
            rows = self.model.stock_indexes(symbol)
        if not rows:
            return False
        idx = rows[0]
        self._expand_to(idx)
        self.tree.setCurrentIndex(idx)
        self.tree.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def current_symbol(self) -> str | None:
        idx = self.tree.currentIndex()
        return idx.data(SYMBOL_ROLE) if idx.isValid() and idx.data(NODE_KIND_ROLE) == "stock" \
            else None

    def _expand_to(self, idx: QModelIndex) -> None:
        chain = []
        p = idx.parent()
        while p.isValid():
            chain.append(p)
            p = p.parent()
        for p in reversed(chain):
            self.tree.expand(p)

    def _index(self) -> PinyinIndex:
        # Names and codes are fixed within a session: built lazily once, dropped on a reset.
        if self._search is None:
            self._search = index_for(list(self.model.symbols()), self.model.stock_names(),
                                     self.model.stock_codes())
        return self._search

    def jump_to(self, query: str) -> str | None:
        """Select the best match of ``query`` (code, name or pinyin initials); its symbol or None."""
        hits = self._index().search(query, limit=50) if query.strip() else []
        in_tree = self.model.symbols_in_tree()
        self._matches = [s for s in hits if s in in_tree]
        self._match_at = 0
        return self._show_match()

    def _show_match(self) -> str | None:
        if not self._matches:
            self.match_label.setText(self.tr("No match") if self.search_box.text().strip() else "")
            return None
        sym = self._matches[self._match_at % len(self._matches)]
        self.select_stock(sym)
        self.match_label.setText(f"{self._match_at % len(self._matches) + 1}/{len(self._matches)}")
        return sym

    def _on_search_text(self, text: str) -> None:
        self.jump_to(text)

    def _on_search_next(self) -> None:
        if not self._matches:
            self.jump_to(self.search_box.text())
            return
        self._match_at += 1
        self._show_match()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        kind = current.data(NODE_KIND_ROLE)
        if kind == "stock":
            self.stock_selected.emit(str(current.data(SYMBOL_ROLE)))
        elif kind == "sector":
            self.sector_selected.emit(str(current.data(SECTOR_ID_ROLE)))
