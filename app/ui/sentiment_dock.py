"""The Sentiment dock: gauge, 连板天梯 with breaks, promotion, yesterday's limit-ups, boards.

A compact read-only widget fed with the report of ``app.session.sentiment_data.sentiment_report``
(or the ``SentimentResult`` it is made from) by ``set_data``. It never touches the store.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QHeaderView,
                               QLabel, QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from app.market.sentiment import SentimentResult, sentiment_dict
from app.market.sentiment.board_strength import SCORE_WEIGHTS
from app.market.sentiment.gauge import CLIMAX_FROM, EBB_DROP, EBB_FROM, ICE_BELOW, REPAIR_BELOW
from app.ui.format import signed
from app.ui.palette import Palette, cjk_font, palette

ROW_HEIGHT = 18
SYMBOL_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def _finite(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(float(v))


def _signed(v: Any, digits: int = 2, unit: str = "") -> str:
    return signed(v if _finite(v) else None, digits, unit)


def _rate(v: Any, digits: int = 1) -> str:
    return f"{float(v) * 100:.{digits}f}%" if _finite(v) else "—"


class PercentileBar(QWidget):
    """A thin horizontal bar: length = percentile (0–100), colour = hot (up) or cold (down)."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = pal or palette("light")
        self.percentile: float | None = None
        self.colour = self._pal.flat
        self.setMinimumWidth(60)
        self.setFixedHeight(10)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(110, 10)

    def set_value(self, percentile: float | None, colour: str) -> None:
        self.percentile = float(percentile) if _finite(percentile) else None
        self.colour = colour
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.fillRect(r, QColor(self._pal.grid))
        if self.percentile is not None:
            w = r.width() * max(0.0, min(100.0, self.percentile)) / 100.0
            p.fillRect(QRectF(r.left(), r.top(), w, r.height()), QColor(self.colour))
        p.setPen(QPen(QColor(self._pal.axis), 0))
        mid = r.left() + r.width() / 2
        p.drawLine(int(mid), int(r.top()), int(mid), int(r.bottom()))    # the median mark
        p.end()


def _table(parent: QWidget, headers: list[str], rows: int = 0) -> QTableWidget:
    t = QTableWidget(rows, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    t.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
    t.horizontalHeader().setMinimumSectionSize(24)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    t.setWordWrap(False)
    t.setShowGrid(False)
    t.setAlternatingRowColors(True)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setFrameShape(QFrame.Shape.StyledPanel)
    t.setFocusPolicy(Qt.FocusPolicy.NoFocus)      # read-only: no focus frame on a cell
    return t


def _fit_height(t: QTableWidget, rows: int) -> None:
    t.setFixedHeight(t.horizontalHeader().sizeHint().height() + rows * ROW_HEIGHT + 4)


class SentimentDock(QWidget):
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

        # -- gauge ---------------------------------------------------------------------------------
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

        # -- ladder with breaks -------------------------------------------------------------------
        self.ladder_title = QLabel(self)
        self.ladder_title.setFont(cjk_font(9, bold=True))
        lay.addWidget(self.ladder_title)
        self.ladder = _table(self, [])
        self.ladder.setAlternatingRowColors(False)
        self.ladder.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ladder.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.ladder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.ladder.setMinimumHeight(6 * ROW_HEIGHT + 24)
        lay.addWidget(self.ladder, 3)

        # -- promotion | yesterday's limit-ups ----------------------------------------------------
        mid = QHBoxLayout()
        mid.setSpacing(6)
        self.promotion = _table(self, [self.tr("Promotion"), self.tr("Yday"), self.tr("Today"),
                                       self.tr("Promotion rate")], 5)
        self.promotion.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.promotion.setToolTip(self.tr(
            "Promotion rate N→N+1 = stocks at an N-day streak yesterday at N+1 today ÷ those at "
            "N yesterday that trade today, matched by code; a stock "
            "suspended on the previous session is in no tier."))
        _fit_height(self.promotion, 5)
        self.yesterday = _table(self, [self.tr("Yesterday"), self.tr("Count"), self.tr("Mean chg"),
                                       self.tr("Median"), self.tr("Up"), self.tr("Big loss")], 4)
        self.yesterday.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        _fit_height(self.yesterday, 4)
        mid.addWidget(self.promotion, 4)
        mid.addWidget(self.yesterday, 6)
        lay.addLayout(mid)

        self.seal_line = QLabel(self)
        self.auction_line = QLabel(self)
        self.breadth_line = QLabel(self)
        for label in (self.seal_line, self.auction_line, self.breadth_line):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            lay.addWidget(label)
        self.breadth_line.setToolTip(self.tr(
            "A/D line = cumulative advancers − decliners; McClellan = EMA19 − EMA39 of 1000×(adv−dec)/"
            "(adv+dec); above MA = % of trading stocks closing above their n-day average; "
            "highs − lows = stocks at a new n-day closing high minus those at a new low."))

        # -- board strength ------------------------------------------------------------------------
        self.boards = _table(self, [self.tr("Board"), self.tr("Limit-up"), self.tr("Streaks"),
                                    self.tr("Highest"), self.tr("Days"), self.tr("Chg"),
                                    self.tr("Leader"), self.tr("Score")], 10)
        hh = self.boards.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.score_tip = self._score_formula()
        self.boards.horizontalHeaderItem(7).setToolTip(self.score_tip)
        for table in (self.ladder, self.boards):
            table.itemClicked.connect(self._picked)
        _fit_height(self.boards, 10)
        lay.addWidget(self.boards)
        self._show_empty()

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

    def _score_formula(self) -> str:
        terms = {"limit_ups": self.tr("Limit-ups"), "multi_boards": self.tr("Streak count"),
                 "highest_streak": self.tr("Highest streak"), "days": self.tr("Days running"),
                 "change_pct": self.tr("Chg %")}
        formula = " + ".join(f"{w:g}×{terms[k]}" for k, w in SCORE_WEIGHTS)
        return self.tr("Score = {0}\nDays running: consecutive sessions with a limit-up in the board; "
                       "leader: highest streak, then earliest first seal.").format(formula)

    def _board_type(self, code: str | None) -> str:
        return {"one_word": self.tr("One-word"), "t_word": self.tr("T-board"), "resealed": self.tr("Resealed"),
                "turnover": self.tr("High-turnover")}.get(code or "", "")

    def _group_label(self, key: str) -> str:
        return {"first": self.tr("First board"), "multi": self.tr("Streaks"), "all": self.tr("Yday limit-ups"),
                "broken": self.tr("Yday broken")}.get(key, key)

    def _level_title(self, level: int, highest: int) -> str:
        base = self.tr("First board") if level == 1 else self.tr("{0}-day").format(level)
        if level == highest and highest > 1:
            base = self.tr("{0} · highest").format(base)
        return base

    # -- data ----------------------------------------------------------------------------------------
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

    def _heat_colour(self, heat: Any) -> str:
        if not _finite(heat):
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
        level = f"{g['level']:.0f}" if _finite(g.get("level")) else "—"
        change = g.get("change")
        prev = f"{g['prev_level']:.0f}" if _finite(g.get("prev_level")) else "—"
        ch_col = self._pal.colour_for(float(change)) if _finite(change) else self._pal.flat
        self.level.setText(self.tr(
            "Sentiment <b>{0}</b>/100 &nbsp;<span style='color:{1}'>{2}</span> "
            "<span style='color:{3}'>(prev {4})</span>").format(
            level, ch_col, _signed(change, 1), self._pal.axis, prev))
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
            pct = f"P{c['percentile']:.0f}" if _finite(c.get("percentile")) else "P—"
            value.setText(f"{self._component_value(key, c.get('value'))} · {pct}")
            direction = self.tr("higher is hotter") if c.get("direction") == "hot" \
                else self.tr("higher is colder (inverted)")
            tip = self.tr("{0}: {1}\npercentile {2} of {3} past sessions; heat {4}\n{5}").format(
                name, self._component_value(key, c.get("value")),
                f"{c['percentile']:.1f}" if _finite(c.get("percentile")) else "—",
                c.get("history_n", 0),
                f"{c['heat']:.1f}" if _finite(c.get("heat")) else "—", direction)
            for w in (self.component_names[key], bar, value):
                w.setToolTip(tip)

    def _component_value(self, key: str, v: Any) -> str:
        if not _finite(v):
            return "—"
        if key in ("break_rate", "promotion_rate"):
            return _rate(v)
        if key == "turnover_change":
            return _signed(float(v) * 100, 1, "%")
        if key == "premium":
            return _signed(v, 2, "%")
        return f"{int(round(float(v)))}"

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
            item = QTableWidgetItem(f"{name} {_signed(t.get('pct_chg'), 1, '%')}")
            f = QFont(item.font())
            f.setItalic(True)
            item.setFont(f)
            item.setForeground(QBrush(grey))
            tip = self.tr("{0} {1}: {2}-day streak yesterday, not at limit-up yet at this minute; {3}").format(
                name, t.get("code") or "", t.get("prev_streak"), _signed(t.get("pct_chg"), 2, "%"))
        elif t.get("failed"):
            tag = self.tr("Broken") + " " if t.get("status") == "broken" else ""
            text = f"{name} {tag}{_signed(t.get('pct_chg'), 1, '%')}"
            item = QTableWidgetItem(text)
            f = QFont(item.font())
            f.setStrikeOut(True)
            item.setFont(f)
            item.setForeground(QBrush(grey))
            status = self.tr("broken board (reached limit-up, not there now)") if t.get("status") == "broken" \
                else self.tr("has not reached limit-up today")
            tip = self.tr("{0} {1}: {2}-day streak yesterday, failed today — {3}; {4}").format(
                name, t.get("code") or "", t.get("prev_streak"), status,
                _signed(t.get("pct_chg"), 2, "%"))
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
                self._board_type(t.get("board_type")) or "—", _signed(t.get("pct_chg"), 2, "%"))
        item.setToolTip(tip)
        item.setData(SYMBOL_ROLE, t.get("symbol"))
        return item

    def _cell(self, table: QTableWidget, row: int, col: int, text: str,
              colour: str | None = None, align_right: bool = True) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if align_right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if colour:
            item.setForeground(QBrush(QColor(colour)))
        table.setItem(row, col, item)
        return item

    def _set_promotion(self, p: dict[str, Any]) -> None:
        tiers = p.get("tiers", [])
        self.promotion.setRowCount(len(tiers))
        for r, t in enumerate(tiers):
            label = self.tr("Total") if t["tier"] == "all" else t["tier"]
            self._cell(self.promotion, r, 0, label, align_right=False)
            self._cell(self.promotion, r, 1, f"{t['base']}")
            self._cell(self.promotion, r, 2, f"{t['promoted']}")
            rate = t.get("rate")
            colour = self._pal.up if _finite(rate) and rate >= 0.5 else None
            self._cell(self.promotion, r, 3, _rate(rate, 0), colour)
        _fit_height(self.promotion, len(tiers))
        self.promotion.setCurrentCell(-1, -1)

    def _set_yesterday(self, y: dict[str, Any]) -> None:
        groups = y.get("groups", [])
        self.yesterday.setRowCount(len(groups))
        drop = y.get("big_drop_pct")
        self.yesterday.horizontalHeaderItem(5).setToolTip(
            self.tr("Big loss: stocks at or below {0}% today").format(drop))
        for r, g in enumerate(groups):
            self._cell(self.yesterday, r, 0, self._group_label(g["group"]), align_right=False)
            self._cell(self.yesterday, r, 1, f"{g['n']}")
            for c, key in ((2, "mean_pct"), (3, "median_pct")):
                v = g.get(key)
                self._cell(self.yesterday, r, c, _signed(v, 2, "%"),
                           self._pal.colour_for(float(v)) if _finite(v) else None)
            self._cell(self.yesterday, r, 4, f"{g['up']}")
            self._cell(self.yesterday, r, 5, f"{g['big_drop']}",
                       self._pal.down if g.get("big_drop") else None)
        _fit_height(self.yesterday, len(groups))
        self.yesterday.setCurrentCell(-1, -1)

    def _set_lines(self, rep: dict[str, Any]) -> None:
        s = rep["promotion"]["seal"]
        self.seal_line.setText(self.tr(
            "Seal rate <b style='color:{0}'>{1}</b> · break rate <b>{2}</b> "
            "(limit-up {3} / touched {4} / broken {5})").format(
            self._pal.up, _rate(s.get("seal_rate")), _rate(s.get("break_rate")), s.get("limit_up"),
            s.get("touched"), s.get("broken")))
        a = rep["auction"]
        if not a.get("available"):
            self.auction_line.setText(self.tr("Auction: no 09:30 opening-auction data"))
            self.auction_line.setToolTip(a.get("reason") or "")
        else:
            parts = []
            for key, label in (("yesterday_limit_up", self.tr("Yesterday's limit-ups")),
                               ("today_limit_up", self.tr("Today's limit-ups"))):
                g = a["groups"].get(key) or {}
                mean = g.get("mean_pct")
                col = self._pal.colour_for(float(mean)) if _finite(mean) else self._pal.flat
                parts.append(self.tr("{0} <b style='color:{1}'>{2}</b> amount ratio {3}").format(
                    label, col, _signed(mean, 2, "%"), _rate(g.get("amount_ratio"), 1)))
            self.auction_line.setText(self.tr("Auction ") + " · ".join(parts))
            self.auction_line.setToolTip(self.tr(
                "From the 09:30 opening-auction print: auction change = open vs prev close; "
                "amount ratio = summed auction amount ÷ the same stocks' amount on the previous session."))
        b = rep["breadth"]
        if not b.get("date"):
            self.breadth_line.setText(self.tr("Breadth: —"))
            return
        ma = b.get("above_ma", {})
        hl = b.get("nh_nl", {})

        def num(v: Any, digits: int = 0) -> str:
            return f"{float(v):.{digits}f}" if _finite(v) else "—"

        mc = b.get("mcclellan")
        mc_col = self._pal.colour_for(float(mc)) if _finite(mc) else self._pal.flat
        self.breadth_line.setText(self.tr(
            "Adv/dec <span style='color:{0}'>{1}</span>/<span style='color:{2}'>{3}</span> · "
            "A/D line {4} · McClellan <b style='color:{5}'>{6}</b> · above MA20/50/200 {7}/{8}/{9}% · "
            "highs − lows 20d {10} 60d {11} 250d {12}").format(
            self._pal.up, num(b.get("adv")), self._pal.down, num(b.get("dec")), num(b.get("ad_line")),
            mc_col, _signed(mc, 1), num(ma.get("20")), num(ma.get("50")), num(ma.get("200")),
            _signed(hl.get("20"), 0), _signed(hl.get("60"), 0), _signed(hl.get("250"), 0)))

    def _set_boards(self, boards: dict[str, Any]) -> None:
        top = boards.get("top", [])[:10]
        self.boards.setRowCount(len(top))
        for r, row in enumerate(top):
            kind = self.tr("concept") if row.get("kind") == "concept" else self.tr("industry")
            name = self._cell(self.boards, r, 0, f"{row.get('name')} · {kind}", align_right=False)
            name.setToolTip(f"{row.get('sector_id')} ({row.get('kind')})")
            self._cell(self.boards, r, 1, f"{row['limit_ups']}", self._pal.up)
            self._cell(self.boards, r, 2, f"{row['multi_boards']}")
            self._cell(self.boards, r, 3, f"{row['highest_streak']}")
            self._cell(self.boards, r, 4, f"{row['days']}")
            ch = row.get("change_pct")
            self._cell(self.boards, r, 5, _signed(ch, 2, "%"),
                       self._pal.colour_for(float(ch)) if _finite(ch) else None)
            leader = row.get("leader_name") or "—"
            if row.get("leader_streak"):
                leader = self.tr("{0} {1}-day").format(leader, row["leader_streak"])
            lead = self._cell(self.boards, r, 6, leader, align_right=False)
            lead.setData(SYMBOL_ROLE, row.get("leader_symbol"))
            score = self._cell(self.boards, r, 7, f"{row['score']:.1f}" if _finite(row.get("score"))
                               else "—")
            score.setToolTip(self.score_tip)
        _fit_height(self.boards, max(len(top), 1))
        self.boards.setCurrentCell(-1, -1)

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
