"""The Sentiment dock's gauge: the stage, the level and each component's bar and value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from app.market.sentiment.gauge import CLIMAX_FROM, EBB_DROP, EBB_FROM, ICE_BELOW, REPAIR_BELOW
from app.ui.palette import cjk_font
from app.ui.sentiment.percentile_bar import PercentileBar
from app.ui.sentiment.values import finite, rate, signed_text


class SentimentGauge:
    """The gauge section, mixed into ``SentimentDock`` (which owns the palette and the layout)."""

    def _build_gauge(self, lay: QVBoxLayout) -> None:
        head = QHBoxLayout()
        head.setSpacing(8)
        self.stage = QLabel(self)
        self.stage.setFont(cjk_font(15, bold=True))
        self.stage.setToolTip(self._stage_rules())
        self.level = QLabel(self)
        self.level.setTextFormat(Qt.TextFormat.RichText)
        self.when = QLabel(self)
        self.when.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.when.setStyleSheet(f"color: {self._pal.axis};")
        head.addWidget(self.stage)
        head.addWidget(self.level, 1)
        head.addWidget(self.when)
        lay.addLayout(head)

        self._labels = self._component_labels()
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        self.component_names: dict[str, QLabel] = {}
        self.component_bars: dict[str, PercentileBar] = {}
        self.component_values: dict[str, QLabel] = {}
        for i, key in enumerate(self._labels):
            row, col = i % 4, (i // 4) * 3
            name = QLabel(self._labels[key], self)
            bar = PercentileBar(self, self._pal)
            value = QLabel("—", self)
            value.setMinimumWidth(110)
            grid.addWidget(name, row, col)
            grid.addWidget(bar, row, col + 1)
            grid.addWidget(value, row, col + 2)
            self.component_names[key], self.component_bars[key] = name, bar
            self.component_values[key] = value
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(4, 1)
        lay.addLayout(grid)

    # -- fixed texts ---------------------------------------------------------------------------------
    def _component_labels(self) -> dict[str, str]:
        return {"limit_ups": self.tr("Limit-ups"), "limit_downs": self.tr("Limit-downs"),
                "highest_board": self.tr("Highest streak"), "break_rate": self.tr("Break rate"),
                "promotion_rate": self.tr("Promotion rate"), "premium": self.tr("Yday limit-up premium"),
                "turnover_change": self.tr("Turnover change")}

    def _stage_names(self) -> dict[str, str]:
        return {"ice": self.tr("Freezing"), "repair": self.tr("Repair"), "ferment": self.tr("Building"),
                "climax": self.tr("Climax"), "ebb": self.tr("Ebbing")}

    def _stage_rules(self) -> str:
        return self.tr(
            "Level = mean heat of the components (each a percentile of this store's own history; "
            "limit-downs and break rate inverted).\nFreezing: level < {0}\nEbbing: previous level ≥ {1} and "
            "today ≥ {2} points lower\nRepair: level < {3}\nBuilding: level < {4}\nClimax: level ≥ {4}"
        ).format(f"{ICE_BELOW:g}", f"{EBB_FROM:g}", f"{EBB_DROP:g}", f"{REPAIR_BELOW:g}",
                 f"{CLIMAX_FROM:g}")

    # -- data ----------------------------------------------------------------------------------------
    def _heat_colour(self, heat: Any) -> str:
        if not finite(heat):
            return self._pal.flat
        return self._pal.up if float(heat) >= 50 else self._pal.down

    def _set_gauge(self, rep: dict[str, Any]) -> None:
        g = rep["gauge"]
        stage = g.get("stage")
        self.stage.setText(self._stage_names().get(stage, "—") if stage else "—")
        hot = stage in ("climax", "ferment")
        cold = stage in ("ice", "ebb")
        colour = self._pal.up if hot else (self._pal.down if cold else self._pal.foreground)
        self.stage.setStyleSheet(f"color: {colour};")
        level = f"{g['level']:.0f}" if finite(g.get("level")) else "—"
        change = g.get("change")
        prev = f"{g['prev_level']:.0f}" if finite(g.get("prev_level")) else "—"
        ch_col = self._pal.colour_for(float(change)) if finite(change) else self._pal.flat
        self.level.setText(self.tr(
            "Sentiment <b>{0}</b>/100 &nbsp;<span style='color:{1}'>{2}</span> "
            "<span style='color:{3}'>(prev {4})</span>").format(
            level, ch_col, signed_text(change, 1), self._pal.axis, prev))
        self.level.setToolTip(self._stage_rules())
        src = self.tr("daily") if rep.get("source") == "daily" else self.tr("intraday")
        self.when.setText(f"{rep.get('date', '')} {rep.get('time', '')} · {src}")
        comps = {c["key"]: c for c in g.get("components", [])}
        for key, name in self._labels.items():
            c = comps.get(key)
            bar, value = self.component_bars[key], self.component_values[key]
            if c is None:
                bar.set_value(None, self._pal.flat)
                value.setText("—")
                continue
            bar.set_value(c.get("percentile"), self._heat_colour(c.get("heat")))
            pct = f"P{c['percentile']:.0f}" if finite(c.get("percentile")) else "P—"
            value.setText(f"{self._component_value(key, c.get('value'))} · {pct}")
            direction = self.tr("higher is hotter") if c.get("direction") == "hot" \
                else self.tr("higher is colder (inverted)")
            tip = self.tr("{0}: {1}\npercentile {2} of {3} past sessions; heat {4}\n{5}").format(
                name, self._component_value(key, c.get("value")),
                f"{c['percentile']:.1f}" if finite(c.get("percentile")) else "—",
                c.get("history_n", 0),
                f"{c['heat']:.1f}" if finite(c.get("heat")) else "—", direction)
            for w in (self.component_names[key], bar, value):
                w.setToolTip(tip)

    def _component_value(self, key: str, v: Any) -> str:
        if not finite(v):
            return "—"
        if key in ("break_rate", "promotion_rate"):
            return rate(v)
        if key == "turnover_change":
            return signed_text(float(v) * 100, 1, "%")
        if key == "premium":
            return signed_text(v, 2, "%")
        return f"{int(round(float(v)))}"
