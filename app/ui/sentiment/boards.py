"""The Sentiment dock's board-strength table: the ten strongest boards, their score and leader."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView, QVBoxLayout

from app.market.sentiment.board_strength import SCORE_WEIGHTS
from app.ui.sentiment.tables import SYMBOL_ROLE, fit_height, make_table, put_cell
from app.ui.sentiment.values import finite, signed_text


class SentimentBoards:
    """The board-strength section, mixed into ``SentimentDock`` (which owns the palette and the layout)."""

    def _build_boards(self, lay: QVBoxLayout) -> None:
        self.boards = make_table(self, [self.tr("Board"), self.tr("Limit-up"), self.tr("Streaks"),
                                        self.tr("Highest"), self.tr("Days"), self.tr("Chg"),
                                        self.tr("Leader"), self.tr("Score")], 10)
        hh = self.boards.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.score_tip = self._score_formula()
        self.boards.horizontalHeaderItem(7).setToolTip(self.score_tip)
        fit_height(self.boards, 10)
        lay.addWidget(self.boards)

    def _score_formula(self) -> str:
        terms = {"limit_ups": self.tr("Limit-ups"), "multi_boards": self.tr("Streak count"),
                 "highest_streak": self.tr("Highest streak"), "days": self.tr("Days running"),
                 "change_pct": self.tr("Chg %")}
        formula = " + ".join(f"{w:g}×{terms[k]}" for k, w in SCORE_WEIGHTS)
        return self.tr("Score = {0}\nDays running: consecutive sessions with a limit-up in the board; "
                       "leader: highest streak, then earliest first seal.").format(formula)

    def _set_boards(self, boards: dict[str, Any]) -> None:
        top = boards.get("top", [])[:10]
        self.boards.setRowCount(len(top))
        for r, row in enumerate(top):
            kind = self.tr("concept") if row.get("kind") == "concept" else self.tr("industry")
            name = put_cell(self.boards, r, 0, f"{row.get('name')} · {kind}", align_right=False)
            name.setToolTip(f"{row.get('sector_id')} ({row.get('kind')})")
            put_cell(self.boards, r, 1, f"{row['limit_ups']}", self._pal.up)
            put_cell(self.boards, r, 2, f"{row['multi_boards']}")
            put_cell(self.boards, r, 3, f"{row['highest_streak']}")
            put_cell(self.boards, r, 4, f"{row['days']}")
            ch = row.get("change_pct")
            put_cell(self.boards, r, 5, signed_text(ch, 2, "%"),
                     self._pal.colour_for(float(ch)) if finite(ch) else None)
            leader = row.get("leader_name") or "—"
            if row.get("leader_streak"):
                leader = self.tr("{0} {1}-day").format(leader, row["leader_streak"])
            lead = put_cell(self.boards, r, 6, leader, align_right=False)
            lead.setData(SYMBOL_ROLE, row.get("leader_symbol"))
            score = put_cell(self.boards, r, 7, f"{row['score']:.1f}" if finite(row.get("score"))
                             else "—")
            score.setToolTip(self.score_tip)
        fit_height(self.boards, max(len(top), 1))
        self.boards.setCurrentCell(-1, -1)
