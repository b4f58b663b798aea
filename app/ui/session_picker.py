"""Session picker: the store's sessions in a list and on a calendar of XSHG trading days.

Days the exchange was closed are greyed out; days with a stored session are bold; picking a trading
day that the store does not hold says so instead of showing an empty window.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (QCalendarWidget, QComboBox, QHBoxLayout, QMenu, QToolButton,
                               QWidget, QWidgetAction)

from app.market.calendar import is_trading_day


class SessionPicker(QWidget):
    session_picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setMinimumWidth(120)
        self.combo.setToolTip(self.tr("Sessions in the store (latest last)"))
        self.combo.activated.connect(lambda _i: self.session_picked.emit(self.combo.currentText()))
        self.button = QToolButton(self)
        self.button.setText(self.tr("日历"))
        self.button.setToolTip(self.tr("Pick a session on the trading calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked_day)
        menu = QMenu(self.button)
        act = QWidgetAction(menu)
        act.setDefaultWidget(self.calendar)
        menu.addAction(act)
        self.button.setMenu(menu)
        lay.addWidget(self.combo)
        lay.addWidget(self.button)
        self._dates: list[str] = []

    def set_sessions(self, dates: list[str], current: str | None) -> None:
        self._dates = list(dates)
        self.combo.clear()
        self.combo.addItems(self._dates)
        if current in self._dates:
            self.combo.setCurrentText(current)
        if not self._dates:
            return
        first = QDate.fromString(self._dates[0], "yyyy-MM-dd")
        last = QDate.fromString(self._dates[-1], "yyyy-MM-dd")
        self.calendar.setDateRange(first.addMonths(-1), last.addMonths(1))
        self.calendar.setSelectedDate(QDate.fromString(current or self._dates[-1], "yyyy-MM-dd"))
        self._paint_days(first.addMonths(-1), last.addMonths(1))

    def set_current(self, date: str) -> None:
        if date in self._dates:
            self.combo.setCurrentText(date)
            self.calendar.setSelectedDate(QDate.fromString(date, "yyyy-MM-dd"))

    def _paint_days(self, start: QDate, end: QDate) -> None:
        stored = QTextCharFormat()
        bold = QFont()
        bold.setBold(True)
        stored.setFont(bold)
        stored.setBackground(QBrush(QColor("#fff1c2")))
        closed = QTextCharFormat()
        closed.setForeground(QBrush(QColor("#b0b0b0")))
        have = set(self._dates)
        d = start
        while d <= end:
            iso = d.toString("yyyy-MM-dd")
            if iso in have:
                self.calendar.setDateTextFormat(d, stored)
            elif not is_trading_day(iso):
                self.calendar.setDateTextFormat(d, closed)
            d = d.addDays(1)

    def _picked_day(self, day: QDate) -> None:
        iso = day.toString("yyyy-MM-dd")
        if iso in self._dates:
            self.button.menu().hide()
            self.combo.setCurrentText(iso)
            self.session_picked.emit(iso)
        elif not is_trading_day(iso):
            self.calendar.setToolTip(self.tr("{0}: the exchange was closed").format(iso))
        else:
            self.calendar.setToolTip(self.tr("{0}: a trading day, but this store holds no "
                                             "snapshots of it").format(iso))

    def is_stored(self, iso: str) -> bool:
        return iso in self._dates
