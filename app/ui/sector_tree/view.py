"""The sector tree panel: filter buttons, a code / name / pinyin search box and the tree itself."""

from __future__ import annotations

from typing import Any

import pandas as pd
from PySide6.QtCore import SIGNAL, QModelIndex, QObject, QRect, Qt, Signal
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QStyle, QStyleOptionFocusRect, QToolButton,
                               QTreeView, QVBoxLayout, QWidget)

from app.market.pinyin_index import PinyinIndex, index_for
from app.market.turnover import Activity
from app.market.sectors import SectorPairs, TreeColumns, board_summary, compile_membership
from app.ui import i18n
from app.ui.palette import Palette
from app.ui.sector_tree.delegate import LimitBadgeDelegate
from app.ui.sector_tree.model import (FILTER_ALL, FILTER_BROKEN, FILTER_LIMIT_DOWN, FILTER_LIMIT_UP,
                                      NODE_KIND_ROLE, SECTOR_ID_ROLE, SYMBOL_ROLE, Col,
                                      SectorTreeModel)

# Column widths in average character widths of the view's font (name column is the tree column).
_WIDTHS = {Col.NAME: 13, Col.CODE: 7, Col.PCT: 7.5, Col.EW_LAST: 8, Col.CHANGE: 6.5, Col.LIMIT: 11,
           Col.AMOUNT: 7.5, Col.TURNOVER_RATE: 5.5, Col.VOL_RATIO: 4.5, Col.STREAK: 4,
           Col.FIRST_SEAL: 5.5, Col.LEADER: 14}
# English headers and badges are longer in Latin letters than their Chinese in CJK glyphs.
_WIDTHS_EN = {**_WIDTHS, Col.CODE: 10, Col.EW_LAST: 9.5, Col.LIMIT: 15, Col.AMOUNT: 10.5,
              Col.TURNOVER_RATE: 9.5, Col.VOL_RATIO: 7.5, Col.STREAK: 5.5, Col.FIRST_SEAL: 7}


# The count a filter button has room for from the start (涨停 / 跌停 / 炸板).
WIDEST_BUTTON_COUNT = "888"


class MinuteTreeView(QTreeView):
    """A QTreeView that answers ``dataChanged`` with one coalesced viewport repaint.

    Qt's own handler maps a changed range to a rectangle cell by cell, asking the model for each
    cell's index, parent and visibility: five calls into the Python model per cell, so one
    minute's ranges (a few hundred rows × several columns) cost tens of milliseconds, or ~0.4 s
    when nothing else scheduled a layout. A new minute changes most visible cells anyway, rows
    have uniform heights and the structure only changes through resets and layout changes, so
    repainting the viewport once is all the view needs: the model's ``dataChanged`` is wired
    straight to ``viewport().update`` (C++ to C++, nothing per signal in Python) in place of
    the view's handler. Other listeners of the model keep their connections.

    A re-sort (``layoutChanged``) is laid out at once and keeps the view's geometry, and the
    header, which only cares about columns, no longer re-does its sections for it: a re-sorted
    minute is one paint of the rows.
    """

    _rows_moved_only = False   # set while laying out after a pure re-sort
    paints_rows = True         # False: Qt's own drawRow (a reference for the row painter's tests)
    _DATA_CHANGED = SIGNAL("dataChanged(QModelIndex,QModelIndex,QList<int>)")
    _LAYOUT_SIGNALS = tuple(
        SIGNAL(f"{name}(QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint)")
        for name in ("layoutAboutToBeChanged", "layoutChanged"))

    def setModel(self, model: Any) -> None:  # noqa: N802
        old = self.model()
        if old is not None:
            old.layoutChanged.disconnect(self._lay_out_now)
            old.dataChanged.disconnect(self.viewport().update)
        super().setModel(model)
        if model is not None:
            QObject.disconnect(model, self._DATA_CHANGED, self, None)   # the per-cell handler
            model.dataChanged.connect(self.viewport().update)
            model.layoutChanged.connect(self._lay_out_now)
            # The model's layout changes only re-sort or filter rows. The header's handler is
            # for columns moving: on every re-sort it re-fetches its sections and resets the
            # stretched last one, which then re-grows and repaints that part of the rows again.
            for signal in self._LAYOUT_SIGNALS:
                QObject.disconnect(model, signal, self.header(), None)

    # -- painting rows --------------------------------------------------------------------------
    # Qt's drawRow asks the Python model for every cell's index and calls the delegate with a
    # fresh style option per cell: about two thirds of the tree's paint each minute. A row here
    # is one Python call: the background, Qt's own branch indicator, then each cell's text from
    # the row's cached contents through the delegate's cell painters.

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        pal = self.palette()
        # The colour group Qt's style options use: a window in the background shows the
        # inactive selection colour.
        group = (QPalette.ColorGroup.Disabled if not self.isEnabled() else
                 QPalette.ColorGroup.Active if self.isActiveWindow() else
                 QPalette.ColorGroup.Inactive)
        role = QPalette.ColorRole
        self._row_paint = (pal.brush(group, role.AlternateBase), pal.brush(group, role.Highlight),
                           pal.color(group, role.Text), pal.color(group, role.HighlightedText),
                           self.font(), self.verticalOffset(), self._visible_sections(),
                           self._focus_row(), self._tree_column())
        super().paintEvent(event)

    def _tree_column(self) -> int:
        """The logical column that carries the indentation and the expand arrows."""
        position = self.treePosition()
        return position if position >= 0 else self.header().logicalIndex(0)

    def _focus_row(self) -> int | None:
        """The row (node id) that shows the keyboard focus, as Qt's drawRow decides it."""
        current = self.currentIndex()
        if not (self.allColumnsShowFocus() and current.isValid()
                and (self.hasFocus() or self.viewport().hasFocus())):
            return None
        return current.internalId()

    def _visible_sections(self) -> list[tuple[int, int, int]]:
        """(logical column, viewport x, width) of the columns in view, in visual order."""
        header = self.header()
        width = self.viewport().width()
        out = []
        for visual in range(header.count()):
            col = header.logicalIndex(visual)
            if header.isSectionHidden(col):
                continue
            x, w = header.sectionViewportPosition(col), header.sectionSize(col)
            if w > 0 and x < width and x + w > 0:
                out.append((col, x, w))
        return out

    def drawRow(self, painter: Any, option: Any, index: QModelIndex) -> None:  # noqa: N802
        model = self.model()
        delegate = self.itemDelegate()
        cells = model.cells_at(index) if hasattr(model, "cells_at") else None
        if cells is None or not self.paints_rows or not isinstance(delegate, LimitBadgeDelegate) \
                or not hasattr(self, "_row_paint"):
            super().drawRow(painter, option, index)
            return
        (alternate, highlight, ink, selected_ink, font, offset, sections, focus,
         tree_col) = self._row_paint
        row = option.rect
        y, h = row.y(), row.height()
        selected = self.selectionModel().isSelected(index)
        if selected:
            painter.fillRect(row, highlight)
        elif self.alternatingRowColors() and ((y + offset) // max(h, 1)) % 2:
            painter.fillRect(row, alternate)
        limit = int(Col.LIMIT)
        for col, x, w in sections:
            cell = QRect(x, y, w, h)
            if col == tree_col:     # indentation and Qt's own expand arrow
                indent = (model.depth(index) + int(self.rootIsDecorated())) * self.indentation()
                self.drawBranches(painter, QRect(x, y, indent, h), index)
                cell = QRect(x + indent, y, w - indent, h)
            badges = cells[4][col] if col == limit else None
            if badges is not None:
                delegate.paint_cell_badges(painter, cell, badges, font)
            else:
                delegate.paint_cell_text(painter, cell, cells, col, font,
                                         selected_ink if selected else ink, selected)
        if focus is not None and index.internalId() == focus:
            frame = QStyleOptionFocusRect()
            frame.initFrom(self)
            frame.state |= QStyle.StateFlag.State_KeyboardFocusChange
            frame.backgroundColor = highlight.color() if selected else self.palette().window().color()
            header = self.header()
            frame.rect = QRect(-header.offset(), y, header.length(), h)
            self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, frame, painter)

    def _lay_out_now(self) -> None:
        # Qt defers the new layout to a zero timer; a repaint requested before it fires would
        # run the layout inside paintEvent, whose own update then paints the viewport again.
        # Laying out now keeps a re-sorted minute to one paint.
        self._rows_moved_only = bool(getattr(self.model(), "rows_moved_only", False))
        try:
            self.executeDelayedItemsLayout()
        finally:
            self._rows_moved_only = False

    def updateGeometries(self) -> None:  # noqa: N802
        # After a re-sort every parent keeps its row count, so scroll ranges and the header are
        # as they were: recomputing them repaints the frame, both scroll bars and the header.
        if not self._rows_moved_only:
            super().updateGeometries()


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
        fm = QFontMetrics(self.tree.font())
        widths = _WIDTHS if i18n.current() == "zh" else _WIDTHS_EN
        # A digit's advance, not averageCharWidth: the CJK UI font (WenQuanYi / Noto Sans CJK)
        # reports an average of 9 px against 7 px for a digit, which pushed 换手 and 量比 off a
        # laptop screen's tree.
        unit = fm.horizontalAdvance("0")
        for col, chars in widths.items():
            header.resizeSection(int(col), int(unit * chars * 1.25) + 8)
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
