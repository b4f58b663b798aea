"""The sector tree's view: a QTreeView that repaints one minute's rows without relayouting them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import SIGNAL, QModelIndex, QObject, QRect, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QTreeView

from app.ui.sector_tree.delegate import LimitBadgeDelegate
from app.ui.sector_tree.model import Col


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
