"""The Sentiment dock's promotion table (晋级率 by tier) and yesterday's limit-ups today."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QVBoxLayout

from app.ui.sentiment.tables import fit_height, make_table, put_cell
from app.ui.sentiment.values import finite, rate, signed_text


class SentimentTiers:
    """The promotion and yesterday tables, mixed into ``SentimentDock`` (which owns the palette and the layout)."""

    def _build_tiers(self, lay: QVBoxLayout) -> None:
        mid = QHBoxLayout()
        mid.setSpacing(6)
        self.promotion = make_table(self, [self.tr("Promotion"), self.tr("Yday"), self.tr("Today"),
                                           self.tr("Promotion rate")], 5)
        self.promotion.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.promotion.setToolTip(self.tr(
            "Promotion rate N→N+1 = stocks at an N-day streak yesterday at N+1 today ÷ those at "
            "N yesterday that trade today, matched by code; a stock "
            "suspended on the previous session is in no tier."))
        fit_height(self.promotion, 5)
        self.yesterday = make_table(self, [self.tr("Yesterday"), self.tr("Count"), self.tr("Mean chg"),
                                           self.tr("Median"), self.tr("Up"), self.tr("Big loss")], 4)
        self.yesterday.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        fit_height(self.yesterday, 4)
        mid.addWidget(self.promotion, 4)
        mid.addWidget(self.yesterday, 6)
        lay.addLayout(mid)

    def _group_label(self, key: str) -> str:
        return {"first": self.tr("First board"), "multi": self.tr("Streaks"), "all": self.tr("Yday limit-ups"),
                "broken": self.tr("Yday broken")}.get(key, key)

    def _set_promotion(self, p: dict[str, Any]) -> None:
        tiers = p.get("tiers", [])
        self.promotion.setRowCount(len(tiers))
        for r, t in enumerate(tiers):
            label = self.tr("Total") if t["tier"] == "all" else t["tier"]
            put_cell(self.promotion, r, 0, label, align_right=False)
            put_cell(self.promotion, r, 1, f"{t['base']}")
            put_cell(self.promotion, r, 2, f"{t['promoted']}")
            value = t.get("rate")
            colour = self._pal.up if finite(value) and value >= 0.5 else None
            put_cell(self.promotion, r, 3, rate(value, 0), colour)
        fit_height(self.promotion, len(tiers))
        self.promotion.setCurrentCell(-1, -1)

    def _set_yesterday(self, y: dict[str, Any]) -> None:
        groups = y.get("groups", [])
        self.yesterday.setRowCount(len(groups))
        drop = y.get("big_drop_pct")
        self.yesterday.horizontalHeaderItem(5).setToolTip(
            self.tr("Big loss: stocks at or below {0}% today").format(drop))
        for r, g in enumerate(groups):
            put_cell(self.yesterday, r, 0, self._group_label(g["group"]), align_right=False)
            put_cell(self.yesterday, r, 1, f"{g['n']}")
            for c, key in ((2, "mean_pct"), (3, "median_pct")):
                v = g.get(key)
                put_cell(self.yesterday, r, c, signed_text(v, 2, "%"),
                         self._pal.colour_for(float(v)) if finite(v) else None)
            put_cell(self.yesterday, r, 4, f"{g['up']}")
            put_cell(self.yesterday, r, 5, f"{g['big_drop']}",
                     self._pal.down if g.get("big_drop") else None)
        fit_height(self.yesterday, len(groups))
        self.yesterday.setCurrentCell(-1, -1)
