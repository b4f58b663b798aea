"""The limit list panel: the day's limit-up (and 炸板, limit-down) stocks as a sortable table.

Selecting a row selects the stock everywhere (``stock_selected``), as the sector tree does; the
window selects the stock shown here when it is picked elsewhere (``select_stock``, no signal).
Column widths are fixed from the font at construction: a new minute never re-lays out the panel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.market.limit_list import LimitList
from app.ui.limit_list_model import N_LCOLS, SYMBOL_ROLE, LCol, LimitListModel
from app.ui.palette import Palette
from app.ui.sector_tree.widths import scroll_area_chrome

# The widest text each column shows (its header may be wider), for the fixed widths.
# Names of four characters show whole (longer ones elide, their tooltip has them).
_SAMPLES = {LCol.CODE: "688888", LCol.NAME: "中际旭创", LCol.STATE: "回封", LCol.PCT: "+20.00%",
            LCol.FIRST_SEAL: "09:25", LCol.LAST_SEAL: "14:59", LCol.OPENS: "88",
            LCol.STREAK: "8连板", LCol.REASON: "人工智能", LCol.SEAL_AMOUNT: "88.88"}


class LimitListWidget(QWidget):
    """A summary line over the table of one minute's limit list."""

    stock_selected = Signal(str)

    def __init__(self, parent: Any = None, *, colours: Palette | None = None) -> None:
        super().__init__(parent)
        self.model = LimitListModel(self, colours=colours)
        self.summary = QLabel(self)
        self.table = QTableView(self)
        t = self.table
        t.setModel(self.model)
        t.setSortingEnabled(True)
        t.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.setAlternatingRowColors(True)
        t.verticalHeader().setVisible(False)
        fm = t.fontMetrics()
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        t.verticalHeader().setDefaultSectionSize(fm.height() + 6)
        header = t.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        hfm = header.fontMetrics()
        m = self.model
        samples = {c: [text] for c, text in _SAMPLES.items()}
        samples[LCol.STATE] += [m.state_text(k, st, o) for k, st, o in (
            ("limit_up", "sealed", 0.0), ("limit_up", "one_word", 0.0), ("limit_up", "sealed", 1.0),
            ("broken", "broken", 1.0), ("limit_down", "limit_down", 0.0))]
        samples[LCol.STREAK] += [m.streak_text("limit_up", 1.0), m.streak_text("limit_up", 8.0),
                                 m.streak_text("limit_down", 8.0)]
        for col in range(N_LCOLS):
            title = str(m.headerData(col, Qt.Orientation.Horizontal))
            # Room for the header's text and its sort arrow, and for the widest cell.
            width = max(hfm.horizontalAdvance(title) + 22,
                        max(fm.horizontalAdvance(t) for t in samples[LCol(col)]) + 12)
            header.resizeSection(col, width)
        # The reason tag gives way first when the panel is narrow (a laptop screen): it shrinks
        # to what is left beside the columns before it, down to an ellipsis, and elides.
        self._reason_width = header.sectionSize(LCol.REASON)
        self._reason_min = fm.horizontalAdvance("…") + 12
        t.viewport().installEventFilter(self)
        t.selectionModel().currentRowChanged.connect(self._on_current)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.addWidget(self.summary)
        lay.addWidget(t, 1)
        self._selected: str | None = None
        self._summary_key: tuple[int, int, int, bool] | None = None
        self._set_summary(0, 0, 0)

    def columns_need(self) -> int:
        """The panel width at which every column up to N连板 (code, name, state, 涨幅, the seal
        times, 炸板, N连板) shows without scrolling, and the reason tag beside them at least as
        an ellipsis (its tooltip has it)."""
        header = self.table.horizontalHeader()
        return (header.sectionPosition(LCol.STREAK) + header.sectionSize(LCol.STREAK)
                + self._reason_min + scroll_area_chrome(self.table, self))

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_reason()
        return super().eventFilter(watched, event)

    def _fit_reason(self) -> None:
        header = self.table.horizontalHeader()
        before = sum(header.sectionSize(header.logicalIndex(v))
                     for v in range(header.visualIndex(LCol.REASON)))
        left = self.table.viewport().width() - before
        width = max(self._reason_min, min(self._reason_width, left))
        if header.sectionSize(LCol.REASON) != width:
            header.resizeSection(LCol.REASON, width)

    def set_list(self, value: LimitList) -> None:
        """One minute's list; the selected stock stays selected while it is listed."""
        if not self.model.set_list(value):
            return
        kinds = value.rows["kind"].to_numpy(dtype=object) if len(value.rows) else []
        # A daily snapshot knows no seal time: say so once rather than leave the columns blank.
        no_seal_times = bool(len(value.rows)) and bool(value.rows["first_seal"].isna().all())
        self._set_summary(int((kinds == "limit_up").sum()) if len(kinds) else 0,
                          int((kinds == "broken").sum()) if len(kinds) else 0,
                          int((kinds == "limit_down").sum()) if len(kinds) else 0, no_seal_times)
        if self._selected is not None:
            self._select_row(self._selected)

    def _set_summary(self, up: int, broken: int, down: int, no_seal_times: bool = False) -> None:
        if self._summary_key == (up, broken, down, no_seal_times):
            return
        self._summary_key = (up, broken, down, no_seal_times)
        text = self.tr("Limit-up {0} · broken {1} · limit-down {2}").format(up, broken, down)
        if no_seal_times:
            text += self.tr(" · daily data only: no seal times")
        self.summary.setText(text)

    def select_stock(self, symbol: str) -> bool:
        """Select ``symbol``'s row without emitting ``stock_selected``; False when not listed."""
        self._selected = symbol
        return self._select_row(symbol)

    def _select_row(self, symbol: str) -> bool:
        row = self.model.row_of(symbol)
        sel = self.table.selectionModel()
        sel.blockSignals(True)
        try:
            if row < 0:
                sel.clear()
                return False
            idx = self.model.index(row, 0)
            sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(idx)
            return True
        finally:
            sel.blockSignals(False)
            self.table.viewport().update()

    def current_symbol(self) -> str | None:
        idx = self.table.currentIndex()
        return idx.data(SYMBOL_ROLE) if idx.isValid() else None

    def _on_current(self, current: Any, _previous: Any) -> None:
        if not current.isValid():
            return
        symbol = str(current.data(SYMBOL_ROLE))
        self._selected = symbol
        self.stock_selected.emit(symbol)
