"""The header strip: the five main indices, turnover against the prior session, and breadth.

It is the first thing an analyst reads: on 2026-06-02 it must show ChiNext up 2 % next to a flat
SSE Composite, 1.81 trillion of turnover a little below yesterday's, and four in five stocks down.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from app.ui.format import TURNOVER_DIFF_DIGITS, fmt_pct, fmt_yuan, move_colour
from app.ui.text_line import TextLine


class _Tile(QFrame):
    clicked = Signal()

    def __init__(self, parent: QWidget | None = None, rich: bool = False) -> None:
        super().__init__(parent)
        self._rich = rich
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 3, 8, 3)
        lay.setSpacing(0)
        # Text lines that repaint themselves when a minute changes a figure, without asking the
        # strip (and the charts under it) to lay out again as QLabel.setText does.
        base = self.font()
        big = self.font()
        big.setPointSizeF(big.pointSizeF() * 1.45)
        big.setBold(True)
        ink = self.palette().windowText().color().name()
        self.title = TextLine(self, font=base, colour=ink)
        self.value = TextLine(self, font=big, colour=ink, rich=rich)
        self.detail = TextLine(self, font=base, colour=ink)
        self._selected: bool | None = None
        self._plain_detail = rich            # detail text in the ink colour, not up/down
        for w in (self.title, self.value, self.detail):
            lay.addWidget(w)

    def reserve(self, title: str = "", value: str = "", detail: str = "") -> None:
        """Room for the widest text each line will show, from the start: a figure that grows
        (8190亿 → 1.00万亿, 涨停 9 → 10) then repaints its line only. Growing the tile re-laid out
        the strip and the charts under it, and the whole window when it was at its minimum
        width (~30 ms on the GUI thread in the middle of a live minute)."""
        for line, text in ((self.title, title), (self.value, value), (self.detail, detail)):
            if text:
                line.reserve(text)

    def set_ink(self, colour: str) -> None:
        """The theme's text colour for what is not coloured by a move."""
        self.title.set_colour(colour)
        if self._rich:
            self.value.set_colour(colour)
        if self._plain_detail:
            self.detail.set_colour(colour)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.clicked.emit()
        super().mousePressEvent(event)

    def set_selected(self, on: bool) -> None:
        if on != self._selected:      # a style sheet change re-polishes the tile: only on change
            self._selected = on
            self.setStyleSheet("_Tile { border: 2px solid #d9a400; }" if on else "")


class IndexStrip(QWidget):
    """Tiles for indices, turnover and breadth; clicking an index tile selects it."""

    index_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(4, 2, 4, 2)
        self._lay.setSpacing(6)
        self._index_tiles: dict[str, _Tile] = {}
        self.turnover = _Tile(self)
        self.breadth = _Tile(self, rich=True)
        self.limits = _Tile(self, rich=True)
        # The widest each figure gets (a market of ~5,400 stocks, a turnover under 100万亿).
        self.turnover.reserve(self.tr("Turnover at {0}").format("88:88"), "88.88万亿",
                              self.tr("vs prior session {0} ({1})").format("88.88万亿", "\u221288.88%"))
        self.breadth.reserve(self.tr("Up / down (of {0})").format("8,888"), "8,888 / 8,888",
                             self.tr("Flat {0}  suspended {1}").format(8888, 8888))
        self.limits.reserve(self.tr("Limit-up / limit-down"), "888 / 888", self.tr("Broken boards {0}").format(888))
        self._lay.addStretch(1)
        for t in (self.turnover, self.breadth, self.limits):
            self._lay.addWidget(t)
        self._selected: str | None = None
        self._ink: str | None = None

    def set_ink(self, colour: str) -> None:
        """Text colour of the theme (light or dark) for every tile."""
        self._ink = colour
        for tile in (*self._index_tiles.values(), self.turnover, self.breadth, self.limits):
            tile.set_ink(colour)

    def index_tile(self, symbol: str) -> _Tile:
        tile = self._index_tiles.get(symbol)
        if tile is None:
            tile = _Tile(self)
            tile.reserve(value="88,888.88", detail="+88.88%")
            if self._ink:
                tile.set_ink(self._ink)
            tile.clicked.connect(lambda s=symbol: self.index_clicked.emit(s))
            self._lay.insertWidget(len(self._index_tiles), tile)
            self._index_tiles[symbol] = tile
        return tile

    def set_index(self, symbol: str, name: str, last: float | None, pct: float | None) -> None:
        tile = self.index_tile(symbol)
        tile.title.setText(name)
        colour = move_colour(pct)
        tile.value.set_colour(colour)
        tile.value.setText("—" if last is None else f"{last:,.2f}")
        tile.detail.set_colour(colour)
        tile.detail.setText(fmt_pct(pct))
        tile.set_selected(symbol == self._selected)

    def select(self, symbol: str) -> None:
        self._selected = symbol
        for s, tile in self._index_tiles.items():
            tile.set_selected(s == symbol)

    def set_turnover(self, label: str, today: float, prior: float | None) -> None:
        self.turnover.title.setText(label)
        if today is None or not math.isfinite(today):
            # A file with a blank 成交额 column: unknown, never 0 nor a −100 % change.
            self.turnover.value.setText("—")
            self.turnover.detail.set_colour(self._ink or self.palette().windowText().color().name())
            self.turnover.detail.setText(self.tr("no turnover data"))
            return
        self.turnover.value.setText(fmt_yuan(today))
        if prior:
            diff = (today / prior - 1) * 100
            self.turnover.detail.setText(self.tr("vs prior session {0} ({1})").format(
                fmt_yuan(prior), fmt_pct(diff, TURNOVER_DIFF_DIGITS)))
            self.turnover.detail.set_colour(move_colour(diff, TURNOVER_DIFF_DIGITS))
        else:
            self.turnover.detail.set_colour(self._ink or self.palette().windowText().color().name())
            self.turnover.detail.setText(self.tr("no prior session"))

    def set_breadth(self, up: int, down: int, flat: int, suspended: int) -> None:
        total = up + down + flat + suspended
        self.breadth.title.setText(self.tr("Up / down (of {0})").format(f"{total:,}"))
        self.breadth.value.setText(
            f"<span style='color:{move_colour(1)}'>{up:,}</span> / "
            f"<span style='color:{move_colour(-1)}'>{down:,}</span>")
        self.breadth.detail.setText(self.tr("Flat {0}  suspended {1}").format(flat, suspended))

    def set_limits(self, limit_up: int, limit_down: int, broken: int) -> None:
        self.limits.title.setText(self.tr("Limit-up / limit-down"))
        self.limits.value.setText(
            f"<span style='color:{move_colour(1)}'>{limit_up}</span> / "
            f"<span style='color:{move_colour(-1)}'>{limit_down}</span>")
        self.limits.detail.setText(self.tr("Broken boards {0}").format(broken))
