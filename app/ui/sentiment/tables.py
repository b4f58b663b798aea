"""The Sentiment dock's read-only tables: their common look, fitted heights and filled cells."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTableWidget, QTableWidgetItem, QWidget

ROW_HEIGHT = 18
SYMBOL_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def make_table(parent: QWidget, headers: list[str], rows: int = 0) -> QTableWidget:
    t = QTableWidget(rows, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    t.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
    t.horizontalHeader().setMinimumSectionSize(24)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    t.setWordWrap(False)
    t.setShowGrid(False)
    t.setAlternatingRowColors(True)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setFrameShape(QFrame.Shape.StyledPanel)
    t.setFocusPolicy(Qt.FocusPolicy.NoFocus)      # read-only: no focus frame on a cell
    return t


def fit_height(t: QTableWidget, rows: int) -> None:
    t.setFixedHeight(t.horizontalHeader().sizeHint().height() + rows * ROW_HEIGHT + 4)


def put_cell(table: QTableWidget, row: int, col: int, text: str,
             colour: str | None = None, align_right: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour:
        item.setForeground(QBrush(QColor(colour)))
    table.setItem(row, col, item)
    return item
