"""Big breadth numbers (上涨 / 下跌 / 平盘 / 停牌 / 涨停 / 跌停) over a proportional up/flat/down bar."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.market.breadth import BreadthCounts
from app.ui.breadth._style import count_text, default_palette, font, qcolor
from app.ui.text_line import TextLine
from app.ui.palette import Palette

SEGMENTS = ("up", "flat", "down")
WIDEST_COUNT = "8,888"      # four digits: the market has ~5,400 stocks
SMALL_CELLS = ("flat", "suspended", "limit_up", "limit_down", "broken")


class ProportionBar(QWidget):
    """A horizontal bar split red (up) | grey (flat) | green (down) in proportion to the counts."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = pal or default_palette()
        self._counts: dict[str, int] = {k: 0 for k in SEGMENTS}
        self._font = font(8.5, bold=True)         # made once: a new QFont is resolved per paint
        self._label_widths: dict[str, int] = {}
        self.setMinimumHeight(18)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(300, 20)

    def set_counts(self, up: int, flat: int, down: int) -> None:
        counts = {"up": max(int(up), 0), "flat": max(int(flat), 0), "down": max(int(down), 0)}
        if counts == self._counts:
            return
        self._counts = counts
        self.setToolTip(self.tr("Up {0} / flat {1} / down {2}").format(up, flat, down))
        self.update()

    def fractions(self) -> dict[str, float]:
        """Share of up / flat / down among the trading stocks (all 0 when there are none)."""
        total = sum(self._counts.values())
        return {k: (v / total if total else 0.0) for k, v in self._counts.items()}

    def segment_rects(self) -> dict[str, QRectF]:
        """Where each colour is painted, in widget coordinates."""
        w, h = float(self.width()), float(self.height())
        x = 0.0
        out: dict[str, QRectF] = {}
        for key, frac in self.fractions().items():
            out[key] = QRectF(x, 0.0, w * frac, h)
            x += w * frac
        return out

    def segment_colours(self) -> dict[str, str]:
        return {"up": self._pal.up, "flat": self._pal.flat, "down": self._pal.down}

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        rects = self.segment_rects()
        colours = self.segment_colours()
        if not any(r.width() > 0 for r in rects.values()):
            p.fillRect(self.rect(), qcolor(self._pal.grid))
        p.setFont(self._font)
        fracs = self.fractions()
        for key, rect in rects.items():
            if rect.width() <= 0:
                continue
            p.fillRect(rect, qcolor(colours[key]))
            label = f"{fracs[key] * 100:.0f}%"
            width = self._label_widths.get(label)
            if width is None:
                width = self._label_widths[label] = p.fontMetrics().horizontalAdvance(label)
            # Only label a segment the text fits into.
            if rect.width() > width + 8:
                p.setPen(QPen(qcolor("#ffffff")))
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        p.end()


class _Cell(QWidget):
    """A caption over a big number."""

    def __init__(self, caption: str, colour: str, parent: QWidget | None = None,
                 big: float = 17.0) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 0, 2, 0)
        lay.setSpacing(0)
        self.caption = QLabel(caption, self)
        self.caption.setFont(font(9.0))
        self.caption.setStyleSheet(f"color: {colour};")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        lay.addWidget(self.caption)
        # A TextLine: a new count repaints the number without relayouting the strip (text.py).
        self.value = TextLine(self, font=font(big, bold=True), colour=colour)
        # Room for any count up to 9,999 from the start: a count gaining a digit (跌停 9 → 10)
        # widened the cell, and the breadth panel re-laid out and repainted all its charts
        # (~25 ms on the GUI thread in the middle of a live minute).
        self.value.reserve(WIDEST_COUNT)
        self.value.setText("—")
        lay.addWidget(self.value)


class CountsBar(QWidget):
    """上涨 / 下跌 / 平盘 / 停牌 / 涨停 / 跌停 as big numbers above the proportional bar."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = pal = pal or default_palette()
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        spec = (
            ("up", self.tr("Up"), pal.up, 17.0),
            ("down", self.tr("Down"), pal.down, 17.0),
            ("flat", self.tr("Flat"), pal.flat, 13.0),
            ("suspended", self.tr("Suspended"), pal.flat, 13.0),
            ("limit_up", self.tr("Limit-up"), pal.up, 13.0),
            ("limit_down", self.tr("Limit-down"), pal.down, 13.0),
            ("broken", self.tr("Broken"), pal.flat, 13.0),
        )
        self.cells: dict[str, _Cell] = {}
        for col, (key, caption, colour, size) in enumerate(spec):
            cell = _Cell(caption, colour, self, big=size)
            self.cells[key] = cell
            grid.addWidget(cell, 0, col, Qt.AlignmentFlag.AlignBottom)
        grid.setColumnStretch(len(spec), 1)
        self.total = TextLine(self, font=font(8.5), colour=pal.axis,
                              align=Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.total, 0, len(spec),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.bar = ProportionBar(self, pal)
        grid.addWidget(self.bar, 1, 0, 1, len(spec) + 1)

    def set_compact(self, compact: bool) -> None:
        """Only 上涨 and 下跌 over the bar (a narrow panel): 平盘, 停牌, 涨停, 跌停 and 炸板 are
        in the index strip's tiles too, and all seven left the charts beside ~120 px at 1366×768."""
        for key in SMALL_CELLS:
            self.cells[key].setVisible(not compact)

    def compact(self) -> bool:
        return self.cells[SMALL_CELLS[0]].isHidden()

    def set_counts(self, counts: BreadthCounts) -> None:
        for key, cell in self.cells.items():
            cell.value.setText(count_text(getattr(counts, key)))
        self.bar.set_counts(counts.up, counts.flat, counts.down)
        self.total.setText(self.tr("{0} stocks").format(count_text(counts.stocks)))

    def value_text(self, key: str) -> str:
        return self.cells[key].value.text()
