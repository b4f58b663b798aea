"""Session picker: the sessions of every open store in a list and on a calendar of XSHG trading days.

Days the exchange was closed are greyed out; days with a stored session are bold (yellow in the store
shown, blue in another open store); picking a trading day that no open store holds says so instead
of showing an empty window. With more than one store open every list entry names its store file, and
a date held by two stores is listed once per store.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (QCalendarWidget, QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton,
                               QVBoxLayout, QWidget, QWidgetAction)

from app.market.calendar import is_trading_day

SHOWN_STORE_BG = "#fff1c2"       # a session of the store on screen
OTHER_STORE_BG = "#d6e6ff"       # a session of another open store
CLOSED_FG = "#b0b0b0"            # the exchange was closed
DATE_ROLE = Qt.ItemDataRole.UserRole
STORE_ROLE = Qt.ItemDataRole.UserRole + 1


def store_labels(stores: list[str]) -> dict[str, str]:
    """Short names for store paths: the file name, with its folder where two names collide."""
    names = [Path(s).name for s in stores]
    out = {}
    for s, name in zip(stores, names):
        out[s] = name if names.count(name) == 1 else f"{Path(s).parent.name}/{name}"
    return out


class SessionPicker(QWidget):
    session_picked = Signal(str, str)     # (date, store path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setMinimumWidth(120)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(self.tr("Sessions in the open stores (latest last)"))
        self.combo.activated.connect(self._picked_item)
        self.button = QToolButton(self)
        self.button.setText(self.tr("Calendar"))
        self.button.setToolTip(self.tr("Pick a session on the trading calendar"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.popup = QWidget(self)
        pop = QVBoxLayout(self.popup)
        pop.setContentsMargins(4, 4, 4, 4)
        self.calendar = QCalendarWidget(self.popup)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked_day)
        self.legend = QLabel(self.popup)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # Each key looks like a day on the calendar (a bold date on its colour, a grey date).
        self.legend.setText("&nbsp;&nbsp;&nbsp;".join(
            f'<span style="background:{bg}; color:{fg}; font-weight:{weight}">&nbsp;8&nbsp;</span>'
            f"&nbsp;{text}"
            for bg, fg, weight, text in (
                (SHOWN_STORE_BG, "#000000", 700, self.tr("Store shown")),
                (OTHER_STORE_BG, "#000000", 700, self.tr("Other stores")),
                ("transparent", CLOSED_FG, 400, self.tr("Closed")))))
        pop.addWidget(self.calendar)
        pop.addWidget(self.legend)
        menu = QMenu(self.button)
        act = QWidgetAction(menu)
        act.setDefaultWidget(self.popup)
        menu.addAction(act)
        self.button.setMenu(menu)
        # The days are coloured when the calendar is opened: telling trading days from closed
        # ones builds the XSHG calendar, which the loader thread needs for the first view anyway
        # (at start the GUI thread would build it a second time, before asking for that view).
        menu.aboutToShow.connect(self.paint_days)
        self._days_wanted: tuple[QDate, QDate] | None = None
        lay.addWidget(self.combo)
        lay.addWidget(self.button)
        self._entries: list[tuple[str, str]] = []      # (date, store), as listed in the combo
        self._stores: list[str] = []
        self._shown: str = ""
        self._painted: tuple[QDate, QDate] | None = None

    # -- filling -------------------------------------------------------------------------------
    def set_sessions(self, dates: list[str], current: str | None) -> None:
        """One store: its sessions (the store is the one shown)."""
        self.set_stores([("", list(dates))], "", current)

    def set_stores(self, stores: list[tuple[str, list[str]]], shown: str,
                   current: str | None) -> None:
        """Every open store with its sessions (in the order the stores were opened), the store on
        screen and its session on screen."""
        self._stores = [s for s, _ in stores]
        self._shown = shown
        order = {s: i for i, s in enumerate(self._stores)}
        self._entries = sorted(((str(d), s) for s, dates in stores for d in dates),
                               key=lambda e: (e[0], order[e[1]]))
        labels = store_labels(self._stores)
        several = len(self._stores) > 1
        self.combo.clear()
        for date, store in self._entries:
            self.combo.addItem(f"{date} · {labels[store]}" if several else date)
            i = self.combo.count() - 1
            self.combo.setItemData(i, date, DATE_ROLE)
            self.combo.setItemData(i, store, STORE_ROLE)
            if store:
                self.combo.setItemData(i, store, Qt.ItemDataRole.ToolTipRole)
        if not self._entries:
            return
        dates = [d for d, _ in self._entries]
        start = QDate.fromString(dates[0], "yyyy-MM-dd").addMonths(-1)
        end = QDate.fromString(dates[-1], "yyyy-MM-dd").addMonths(1)
        self.calendar.setDateRange(start, end)
        self._days_wanted = (start, end)
        if self.button.menu().isVisible():
            self.paint_days()
        self.set_current(current or self._latest(shown) or dates[-1], shown)

    def set_current(self, date: str, store: str | None = None) -> None:
        """Select the entry of ``date`` in ``store`` (the store shown when None)."""
        store = self._shown if store is None else store
        for i, entry in enumerate(self._entries):
            if entry == (date, store):
                self.combo.setCurrentIndex(i)
                self.calendar.setSelectedDate(QDate.fromString(date, "yyyy-MM-dd"))
                return

    def _latest(self, store: str) -> str | None:
        dates = [d for d, s in self._entries if s == store]
        return dates[-1] if dates else None

    def paint_days(self) -> None:
        """Colour the calendar's days for the stores listed (when it opens; at once if open)."""
        if self._days_wanted is None:
            return
        start, end = self._days_wanted
        self._days_wanted = None
        if self._painted is not None:
            self.calendar.setDateTextFormat(QDate(), QTextCharFormat())   # clears every format
        self._painted = (start, end)
        bold = QFont()
        bold.setBold(True)
        shown = QTextCharFormat()
        shown.setFont(bold)
        shown.setBackground(QBrush(QColor(SHOWN_STORE_BG)))
        other = QTextCharFormat()
        other.setFont(bold)
        other.setBackground(QBrush(QColor(OTHER_STORE_BG)))
        closed = QTextCharFormat()
        closed.setForeground(QBrush(QColor(CLOSED_FG)))
        in_shown = {d for d, s in self._entries if s == self._shown}
        anywhere = {d for d, _ in self._entries}
        d = start
        while d <= end:
            iso = d.toString("yyyy-MM-dd")
            if iso in in_shown:
                self.calendar.setDateTextFormat(d, shown)
            elif iso in anywhere:
                self.calendar.setDateTextFormat(d, other)
            elif not is_trading_day(iso):
                self.calendar.setDateTextFormat(d, closed)
            d = d.addDays(1)

    # -- picking -------------------------------------------------------------------------------
    def _picked_item(self, i: int) -> None:
        if 0 <= i < len(self._entries):
            self.session_picked.emit(*self._entries[i])

    def _picked_day(self, day: QDate) -> None:
        iso = day.toString("yyyy-MM-dd")
        holders = [s for d, s in self._entries if d == iso]
        if holders:
            # A date held by several stores: the store on screen first, else the first opened
            # (the list offers each store's entry).
            store = self._shown if self._shown in holders else holders[0]
            self.button.menu().hide()
            self.set_current(iso, store)
            self.session_picked.emit(iso, store)
        elif not is_trading_day(iso):
            self.calendar.setToolTip(self.tr("{0}: the exchange was closed").format(iso))
        elif len(self._stores) > 1:
            self.calendar.setToolTip(self.tr("{0}: a trading day, but no open store holds "
                                             "snapshots of it").format(iso))
        else:
            self.calendar.setToolTip(self.tr("{0}: a trading day, but this store holds no "
                                             "snapshots of it").format(iso))

    def is_stored(self, iso: str) -> bool:
        return any(d == iso for d, _ in self._entries)

    def entries(self) -> list[tuple[str, str]]:
        """(date, store) of every listed session, in list order."""
        return list(self._entries)
