"""The Sentiment dock widget: assembles its sections and shows one report, or nothing.

A compact read-only widget fed with the report of ``app.session.sentiment_data.sentiment_report``
(or the ``SentimentResult`` it is made from) by ``set_data``. It never touches the store. Each
section (gauge, ladder, tiers, lines, boards) builds and fills its own widgets as a mixin.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.market.sentiment import SentimentResult, sentiment_dict
from app.ui.palette import Palette, cjk_font, palette
from app.ui.sentiment.boards import SentimentBoards
from app.ui.sentiment.gauge import SentimentGauge
from app.ui.sentiment.ladder import SentimentLadder
from app.ui.sentiment.lines import SentimentLines
from app.ui.sentiment.tables import SYMBOL_ROLE
from app.ui.sentiment.tiers import SentimentTiers


class SentimentDock(SentimentGauge, SentimentLadder, SentimentTiers, SentimentLines, SentimentBoards,
                    QWidget):
    """Market sentiment of one session minute. ``set_data(report_or_result)``.

    ``stock_selected(symbol)`` fires when a ladder tile or a board's leader is clicked.
    """

    stock_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, colours: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = colours or palette("light")
        self.report: dict[str, Any] | None = None
        self.setFont(cjk_font(9))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        self._build_gauge(lay)
        self._build_ladder(lay)
        self._build_tiers(lay)        # promotion | yesterday's limit-ups
        self._build_lines(lay)
        self._build_boards(lay)
        for table in (self.ladder, self.boards):
            table.itemClicked.connect(self._picked)
        self._show_empty()

    def set_data(self, data: dict[str, Any] | SentimentResult | None) -> None:
        """Show a sentiment report (dict) or a ``SentimentResult``; None clears the dock."""
        if data is None:
            self.report = None
            self._show_empty()
            return
        rep = sentiment_dict(data) if isinstance(data, SentimentResult) else data
        self.report = rep
        self._set_gauge(rep)
        self._set_ladder(rep["ladder"])
        self._set_promotion(rep["promotion"])
        self._set_yesterday(rep["yesterday"])
        self._set_lines(rep)
        self._set_boards(rep["boards"])

    def show_pending(self, date: str, time: str) -> None:
        """Asked for and not yet come (the first report of a session takes a few seconds: its
        history is read): say so instead of "no session loaded"."""
        if self.report is None:
            self.level.setText(self.tr("computing the sentiment of {0} {1}…").format(date, time))

    def _show_empty(self) -> None:
        self.stage.setText("—")
        self.level.setText(self.tr("no session loaded"))
        self.when.setText("")
        for key in self._labels:
            self.component_bars[key].set_value(None, self._pal.flat)
            self.component_values[key].setText("—")
        self.ladder.setColumnCount(0)
        self.ladder.setRowCount(0)
        self.ladder_title.setText(self.tr("Streak ladder"))
        for t in (self.promotion, self.yesterday, self.boards):
            t.clearContents()
        for label in (self.seal_line, self.auction_line, self.breadth_line):
            label.setText("")

    def _picked(self, item: QTableWidgetItem) -> None:
        sym = item.data(SYMBOL_ROLE)
        if sym:
            self.stock_selected.emit(str(sym))

    # -- for tests and status lines --------------------------------------------------------------
    def stage_text(self) -> str:
        return self.stage.text()

    def ladder_headers(self) -> list[str]:
        return [self.ladder.horizontalHeaderItem(c).text() for c in range(self.ladder.columnCount())]

    def ladder_column(self, col: int) -> list[QTableWidgetItem]:
        out = []
        for r in range(self.ladder.rowCount()):
            item = self.ladder.item(r, col)
            if item is not None:
                out.append(item)
        return out

    def table_text(self, table: QTableWidget) -> list[list[str]]:
        return [[(table.item(r, c).text() if table.item(r, c) else "")
                 for c in range(table.columnCount())] for r in range(table.rowCount())]
