"""连板梯队: stocks at the limit-up price in columns by consecutive limit-ups, seal rate on top."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QScrollArea, QVBoxLayout, QWidget)

from app.market.sectors import LadderRow, LadderSnapshot, SealStats, ladder_snapshot
from app.ui.format import fmt_pct
from app.ui.palette import Palette, palette

SYMBOL_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class _LadderColumn(QFrame):
    """One streak level: a title ('3连板 (4)') over the list of its stocks."""

    def __init__(self, parent: QWidget, on_pick: Any) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)
        self.list.currentItemChanged.connect(lambda cur, _prev: cur is not None and on_pick(cur))
        self.shown: tuple[str, tuple[LadderRow, ...]] | None = None   # (title, rows) on screen
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(1)
        lay.addWidget(self.title)
        lay.addWidget(self.list, 1)
        fm = self.list.fontMetrics()
        self.setFixedWidth(fm.horizontalAdvance("中际旭创 09:25 一字") + 28)


class LimitLadderWidget(QWidget):
    """The 连板梯队 of one minute: one column per streak level present, highest first by default.

    ``set_snapshot(enriched)`` takes the enriched cross-section with the review columns (streak,
    first_seal, resealed / opens); without ``streak`` every limit-up counts as 首板. The ladder
    rarely changes from one minute to the next: an unchanged minute touches no widget.
    """

    stock_selected = Signal(str)

    def __init__(self, parent: Any = None, *, colours: Palette | None = None,
                 highest_first: bool = True) -> None:
        super().__init__(parent)
        self._pal = colours or palette("light")
        self._highest_first = highest_first
        self.stats: SealStats | None = None
        self.levels: list[int] = []
        self.snapshot: LadderSnapshot | None = None   # what is on screen
        self.rebuilds = 0    # ladder columns rebuilt so far (a minute that changes nothing adds 0)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setToolTip(self.tr("Seal rate = limit-up / (limit-up + broken), counted in stocks: of the stocks "
                                        "that touched the limit-up price today, the share still sealed."))
        self._columns: list[_LadderColumn] = []
        self._holder = QWidget(self)
        self._row = QHBoxLayout(self._holder)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(3)
        self._row.addStretch(1)
        self._empty = QLabel(self.tr("No stock at limit-up"), self._holder)
        self._row.insertWidget(0, self._empty)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._holder)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.setSpacing(2)
        lay.addWidget(self.summary)
        lay.addWidget(scroll, 1)

    def set_snapshot(self, enriched: pd.DataFrame | None,
                     ladder: LadderSnapshot | None = None) -> None:
        """Show one minute.

        ``ladder`` is ``app.market.sectors.ladder_snapshot(enriched)``: pass it when it was
        computed off the GUI thread (the session loader does); without it the widget computes it
        from ``enriched``. Only what differs from the minute on screen is redrawn.
        """
        if ladder is None:
            if enriched is None:
                raise ValueError("set_snapshot needs the enriched frame or its ladder_snapshot")
            ladder = ladder_snapshot(enriched)
        if ladder == self.snapshot:
            return
        if ladder.stats != self.stats:
            self.stats = ladder.stats
            self._set_summary(ladder.stats)
        if self.snapshot is None or ladder.rows != self.snapshot.rows:
            self._show_rows(ladder)
        self.snapshot = ladder

    def _show_rows(self, ladder: LadderSnapshot) -> None:
        levels = ladder.levels(self._highest_first)
        self.levels = levels
        top = max(levels) if levels else 0
        while len(self._columns) < len(levels):
            col = _LadderColumn(self._holder, self._pick)
            self._row.insertWidget(len(self._columns), col)
            self._columns.append(col)
        for i, col in enumerate(self._columns):
            col.setVisible(i < len(levels))
        self._empty.setVisible(not levels)
        for col, level in zip(self._columns, levels):
            rows = ladder.rows_at(level)
            name = self.tr("First board") if level == 1 else self.tr("{0}-day streak").format(level)
            if level == top and level > 1:
                name = self.tr("{0} · highest").format(name)
            self._fill(col, f"{name} ({len(rows)})", rows)

    def _fill(self, col: _LadderColumn, title: str, rows: tuple[LadderRow, ...]) -> None:
        """Show ``rows`` under ``title`` in ``col``, unless it already does."""
        if col.shown == (title, rows):
            return
        col.shown = (title, rows)
        self.rebuilds += 1
        col.title.setText(title)
        col.list.blockSignals(True)
        col.list.clear()
        up = QColor(self._pal.up)
        for r in rows:
            col.list.addItem(self._item(r, up))
        col.list.blockSignals(False)

    def _item(self, r: LadderRow, up: QColor) -> QListWidgetItem:
        seal = r.first_seal or "--:--"
        tag = ""
        if r.state == "one_word":
            tag = self.tr("One-word")
        elif r.resealed:
            tag = self.tr("Resealed")
        item = QListWidgetItem(f"{r.name} {seal} {tag}".rstrip())
        item.setData(SYMBOL_ROLE, r.symbol)
        item.setForeground(up)
        if r.state == "one_word":
            f = QFont(item.font())
            f.setBold(True)
            item.setFont(f)
        pct = fmt_pct(r.pct_chg)
        item.setToolTip(self.tr("{0} {1}  {2}\nFirst sealed {3}; {4} consecutive limit-up(s).").format(
            r.name, r.code, pct, seal, int(r.streak)))
        return item

    def _set_summary(self, s: SealStats) -> None:
        rate = "—" if np.isnan(s.seal_rate) else f"{s.seal_rate * 100:.1f}%"
        self.summary.setText(self.tr(
            "Limit-up <b style='color:{up}'>{0}</b>&nbsp;&nbsp;broken <b style='color:#e8590c'>{1}</b>"
            "&nbsp;&nbsp;seal rate <b>{2}</b>&nbsp;&nbsp;limit-down <b style='color:{down}'>{3}</b>").format(
            s.limit_up, s.broken, rate, s.limit_down, up=self._pal.up, down=self._pal.down))

    def seal_rate_text(self) -> str:
        """The summary line as plain text (for tests and the status bar)."""
        return re.sub(r"<[^>]+>", "", self.summary.text()).replace("&nbsp;", " ")

    def column_titles(self) -> list[str]:
        return [c.title.text() for c in self._columns if not c.isHidden()]

    def column_items(self, i: int) -> list[str]:
        lst = [c for c in self._columns if not c.isHidden()][i].list
        return [lst.item(j).text() for j in range(lst.count())]

    def _pick(self, item: QListWidgetItem) -> None:
        sym = item.data(SYMBOL_ROLE)
        if sym:
            self.stock_selected.emit(str(sym))
