"""The index chart area: a row of index buttons and view toggles above the three charts.

F5 toggles intraday ↔ daily (as terminals do); the 叠加 toggle swaps the intraday chart for the
overlay chart. The stack only shows what it is given (``set_intraday``, ``set_daily``,
``set_overlay``) and reports the user's choices through ``index_selected`` and ``mode_changed``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QButtonGroup, QFrame, QHBoxLayout, QStackedWidget, QToolButton,
                               QVBoxLayout, QWidget)

from app.config import MAIN_INDICES
from app.ui.charts.intraday import IntradayChart
from app.ui.charts.kline import KLineChart
from app.ui.charts.overlay import OverlayChart, Series
from app.ui.format import index_name
from app.ui.palette import LIGHT, Palette, cjk_font

# The switcher's indices; their names in the interface's language come from app.config.
INDEX_CHOICES: tuple[tuple[str, str], ...] = tuple((s, en) for s, _zh, en in MAIN_INDICES)
MODES = ("intraday", "daily", "overlay")


class ChartStack(QWidget):
    """Index switcher + intraday / daily / overlay pages.

    Signals
    -------
    index_selected(str)
        The user picked an index button; carries its symbol ('sh000001').
    mode_changed(str)
        The visible page changed: 'intraday', 'daily' or 'overlay'.
    """

    index_selected = Signal(str)
    mode_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, pal: Palette = LIGHT) -> None:
        super().__init__(parent)
        self._pal = pal
        self._daily = False
        self._mode = "intraday"
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = cjk_font(9.5)

        bar = QFrame(self)
        bar.setObjectName("chartBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 4, 6, 4)
        row.setSpacing(4)
        self.index_group = QButtonGroup(self)
        self.index_group.setExclusive(True)
        self.index_buttons: dict[str, QToolButton] = {}
        for symbol, name in INDEX_CHOICES:
            button = self._button(index_name(symbol, name), font, checkable=True)
            button.setToolTip(symbol)
            self.index_group.addButton(button)
            self.index_buttons[symbol] = button
            row.addWidget(button)
            button.clicked.connect(lambda _=False, s=symbol: self._on_index_clicked(s))
        row.addStretch(1)
        self.intraday_button = self._button(self.tr("Intraday"), font, checkable=True)
        self.daily_button = self._button(self.tr("Daily"), font, checkable=True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        for b in (self.intraday_button, self.daily_button):
            self.mode_group.addButton(b)
            row.addWidget(b)
        self.intraday_button.setChecked(True)
        self.intraday_button.setToolTip(self.tr("Switch intraday / daily K-line (F5)"))
        self.daily_button.setToolTip(self.tr("Switch intraday / daily K-line (F5)"))
        self.overlay_button = self._button(self.tr("Overlay"), font, checkable=True)
        self.overlay_button.setToolTip(self.tr("Overlay several indices on the intraday chart"))
        row.addWidget(self.overlay_button)
        self.intraday_button.clicked.connect(lambda: self._set_daily(False))
        self.daily_button.clicked.connect(lambda: self._set_daily(True))
        self.overlay_button.toggled.connect(lambda _checked: self._apply())

        self.intraday = IntradayChart(pal=pal)
        self.daily = KLineChart(pal=pal)
        self.overlay = OverlayChart(pal=pal)
        self.pages = QStackedWidget(self)
        for page in (self.intraday, self.daily, self.overlay):
            self.pages.addWidget(page)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(bar)
        lay.addWidget(self.pages, 1)

        self.f5 = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        self.f5.setContext(Qt.ShortcutContext.WindowShortcut)
        self.f5.activated.connect(self.toggle_daily)
        self.index_buttons[INDEX_CHOICES[0][0]].setChecked(True)

    @staticmethod
    def _button(text: str, font: Any, *, checkable: bool) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setFont(font)
        b.setCheckable(checkable)
        b.setAutoRaise(True)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return b

    # -- state -------------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        """'intraday', 'daily' or 'overlay'."""
        return self._mode

    @property
    def current_symbol(self) -> str:
        for symbol, button in self.index_buttons.items():
            if button.isChecked():
                return symbol
        return INDEX_CHOICES[0][0]

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def select_index(self, symbol: str) -> None:
        """Check ``symbol``'s button without emitting ``index_selected`` (the app's own change)."""
        button = self.index_buttons.get(symbol)
        if button is None:
            raise KeyError(f"no index button for {symbol!r}")
        button.setChecked(True)

    def set_mode(self, mode: str) -> None:
        """Show 'intraday', 'daily' or 'overlay' (emits ``mode_changed`` when it changes)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self._daily = mode == "daily"
        if mode != "daily":
            self.overlay_button.setChecked(mode == "overlay")
        self._apply()

    def toggle_daily(self) -> None:
        """F5: intraday (or overlay) ↔ daily."""
        self._set_daily(not self._daily)

    def _set_daily(self, daily: bool) -> None:
        self._daily = daily
        self._apply()

    def _apply(self) -> None:
        if self._daily:
            mode, page = "daily", self.daily
        elif self.overlay_button.isChecked():
            mode, page = "overlay", self.overlay
        else:
            mode, page = "intraday", self.intraday
        (self.daily_button if self._daily else self.intraday_button).setChecked(True)
        self.pages.setCurrentWidget(page)
        if mode != self._mode:
            self._mode = mode
            self.mode_changed.emit(mode)

    def _on_index_clicked(self, symbol: str) -> None:
        self.index_selected.emit(symbol)

    # -- data --------------------------------------------------------------------------------------
    def set_intraday(self, *args: Any, **kwargs: Any) -> None:
        """Forwarded to ``IntradayChart.set_data``."""
        self.intraday.set_data(*args, **kwargs)

    def set_daily(self, df: pd.DataFrame, title: str = "") -> None:
        """Forwarded to ``KLineChart.set_data``."""
        self.daily.set_data(df, title)

    def set_overlay(self, series: Sequence[Series], title: str = "") -> None:
        """Forwarded to ``OverlayChart.set_data``."""
        self.overlay.set_data(series, title)
