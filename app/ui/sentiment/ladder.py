"""The Sentiment dock's 连板天梯: one column per streak level, a tile per stock, breaks struck out."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidgetItem, QVBoxLayout

from app.ui.palette import cjk_font
from app.ui.sentiment.tables import ROW_HEIGHT, SYMBOL_ROLE, make_table
from app.ui.sentiment.values import signed_text


class SentimentLadder:
    """The streak-ladder section, mixed into ``SentimentDock`` (which owns the palette and the layout)."""

    def _build_ladder(self, lay: QVBoxLayout) -> None:
        self.ladder_title = QLabel(self)
        self.ladder_title.setFont(cjk_font(9, bold=True))
        lay.addWidget(self.ladder_title)
        self.ladder = make_table(self, [])
        self.ladder.setAlternatingRowColors(False)
        self.ladder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ladder.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ladder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.ladder.setMinimumHeight(6 * ROW_HEIGHT + 24)
        lay.addWidget(self.ladder, 3)

    def _board_type(self, code: str | None) -> str:
        return {"one_word": self.tr("One-word"), "t_word": self.tr("T-board"), "resealed": self.tr("Resealed"),
                "turnover": self.tr("High-turnover")}.get(code or "", "")

    def _level_title(self, level: int, highest: int) -> str:
        base = self.tr("First board") if level == 1 else self.tr("{0}-day").format(level)
        if level == highest and highest > 1:
            base = self.tr("{0} · highest").format(base)
        return base

    def _set_ladder(self, lad: dict[str, Any]) -> None:
        levels = lad.get("levels", [])
        highest = int(lad.get("highest") or 0)
        tiles = lad.get("tiles", [])
        by_level: dict[int, list[dict[str, Any]]] = {int(lv["level"]): [] for lv in levels}
        for t in tiles:
            by_level.setdefault(int(t["level"]), []).append(t)
        order = sorted(by_level, reverse=True)
        n_rows = max((len(v) for v in by_level.values()), default=0)
        self.ladder.clear()
        self.ladder.setColumnCount(len(order))
        self.ladder.setRowCount(n_rows)
        counts = {int(lv["level"]): lv for lv in levels}
        headers = []
        for lv in order:
            c = counts.get(lv, {"sealed": 0, "failed": 0})
            title = self._level_title(lv, highest)
            extra = self.tr(" failed {0}").format(c["failed"]) if c.get("failed") else ""
            if c.get("pending"):
                extra += self.tr(" pending {0}").format(c["pending"])
            headers.append(f"{title} {c['sealed']}{extra}")
        self.ladder.setHorizontalHeaderLabels(headers)
        up, grey = QColor(self._pal.up), QColor(self._pal.flat)
        for col, lv in enumerate(order):
            for row, t in enumerate(by_level[lv]):
                self.ladder.setItem(row, col, self._tile(t, up, grey))
        self.ladder.setCurrentCell(-1, -1)
        self.ladder.clearSelection()
        sealed = sum(int(lv.get("sealed", 0)) for lv in levels)
        failed = sum(int(lv.get("failed", 0)) for lv in levels)
        pending = sum(int(lv.get("pending", 0)) for lv in levels)
        title = self.tr("Streak ladder  limit-up {0} · highest {1}-day · failed {2} (struck out)").format(
            sealed, highest, failed)
        if pending:
            title += self.tr(" · pending {0}").format(pending)
        self.ladder_title.setText(title)

    def _tile(self, t: dict[str, Any], up: QColor, grey: QColor) -> QTableWidgetItem:
        name = t.get("name") or t.get("code") or t.get("symbol")
        if t.get("status") == "pending":
            item = QTableWidgetItem(f"{name} {signed_text(t.get('pct_chg'), 1, '%')}")
            f = QFont(item.font())
            f.setItalic(True)
            item.setFont(f)
            item.setForeground(QBrush(grey))
            tip = self.tr("{0} {1}: {2}-day streak yesterday, not at limit-up yet at this minute; {3}").format(
                name, t.get("code") or "", t.get("prev_streak"), signed_text(t.get("pct_chg"), 2, "%"))
        elif t.get("failed"):
            tag = self.tr("Broken") + " " if t.get("status") == "broken" else ""
            text = f"{name} {tag}{signed_text(t.get('pct_chg'), 1, '%')}"
            item = QTableWidgetItem(text)
            f = QFont(item.font())
            f.setStrikeOut(True)
            item.setFont(f)
            item.setForeground(QBrush(grey))
            status = self.tr("broken board (reached limit-up, not there now)") if t.get("status") == "broken" \
                else self.tr("has not reached limit-up today")
            tip = self.tr("{0} {1}: {2}-day streak yesterday, failed today — {3}; {4}").format(
                name, t.get("code") or "", t.get("prev_streak"), status,
                signed_text(t.get("pct_chg"), 2, "%"))
        else:
            seal = t.get("first_seal") or "--:--"
            item = QTableWidgetItem(f"{name} {seal} {self._board_type(t.get('board_type'))}".strip())
            item.setForeground(QBrush(up))
            if t.get("board_type") == "one_word":
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
            tip = self.tr("{0} {1}: {2}-day streak, first sealed {3}, {4}; {5}").format(
                name, t.get("code") or "", t.get("streak"), seal,
                self._board_type(t.get("board_type")) or "—", signed_text(t.get("pct_chg"), 2, "%"))
        item.setToolTip(tip)
        item.setData(SYMBOL_ROLE, t.get("symbol"))
        return item
