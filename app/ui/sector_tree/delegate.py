"""Paints the limit column: state badges on stock rows, red/green 涨停/跌停 counts on sector rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QPainter, QPen, QStaticText,
                           QTransform)
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.palette import Palette, palette
from app.ui.sector_tree.model import (BADGE_BROKEN, BADGE_LIMIT_DOWN, BADGE_ONE_WORD, BADGE_RESEALED,
                                      BADGE_SEALED, BADGE_STREAK, BADGES_ROLE, Col)

_PAD_X = 4     # text padding inside a badge
_GAP = 3       # between badges
_MARGIN = 3    # cell margin (each side)
CELL_MARGIN = _MARGIN
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_MARKED = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_MouseOver
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_MARKED_I = _MARKED.value
_SELECTED_I = QStyle.StateFlag.State_Selected.value
_LEFT_I = int(Qt.AlignmentFlag.AlignLeft)
_VCENTER_I = int(Qt.AlignmentFlag.AlignVCenter)
_NAME_COLS = (int(Col.NAME), int(Col.LEADER))


def badges_width(fm: QFontMetrics, texts: list[str]) -> int:
    """The width a cell needs for badges with ``texts`` side by side, margins included."""
    return (sum(fm.horizontalAdvance(t) + 2 * _PAD_X for t in texts)
            + _GAP * max(len(texts) - 1, 0) + 2 * _MARGIN)


def _tint(colour: QColor, towards: QColor, share: float) -> QColor:
    """``colour`` mixed with ``share`` of ``towards``, opaque (readable over a selected row too)."""
    return QColor(round(colour.red() + (towards.red() - colour.red()) * share),
                  round(colour.green() + (towards.green() - colour.green()) * share),
                  round(colour.blue() + (towards.blue() - colour.blue()) * share))


def badge_colours(pal: Palette) -> dict[str, tuple[QColor, QColor, QColor]]:
    """(fill, border, text) per badge key: filled = at a limit, outlined = context."""
    up, down = QColor(pal.up), QColor(pal.down)
    white = QColor("#ffffff")
    pale_up = _tint(up, white, 0.86)
    amber = QColor("#e8590c")
    pale_amber = _tint(amber, white, 0.86)
    return {
        BADGE_SEALED: (up, up, white),
        BADGE_ONE_WORD: (up.darker(150), up.darker(150), white),
        BADGE_RESEALED: (QColor("#c2255c"), QColor("#c2255c"), white),
        BADGE_STREAK: (pale_up, up, up),
        BADGE_BROKEN: (pale_amber, amber, amber),
        BADGE_LIMIT_DOWN: (down, down, white),
    }


class LimitBadgeDelegate(QStyledItemDelegate):
    """Draws ``BADGES_ROLE`` in the limit column and the text of every other cell.

    Qt's own delegate asks the Python model for about ten roles per cell (a C++ → Python call
    each): with every visible cell repainted each minute that was ~11 ms of a 20 ms paint. Here a
    cell costs one call for its row's cached (text, colour, alignment, font) and one drawText.

    Every visible row repaints each minute, so the per-cell work is kept to one model call and
    a few draw calls: texts are laid out once (QStaticText; laying out '5/1' on every paint cost
    more than the rest of the cell), pens and widths are made once per font, and the cell
    background comes from the style directly instead of a copied, re-initialised option (which
    asks the Python model for seven more roles).
    """

    def __init__(self, parent: Any = None, *, colours: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = colours or palette("light")
        self._colours = badge_colours(self._pal)
        self._badge_pens = {key: (QPen(border, 1), fill, QPen(ink))
                            for key, (fill, border, ink) in self._colours.items()}
        self._font: QFont | None = None
        self._fm: QFontMetrics | None = None
        self._texts: dict[Any, tuple[QStaticText, float, float]] = {}
        self._text_fm: dict[str, QFontMetrics] = {}

    # --- cached layouts ------------------------------------------------------------------------

    def _metrics(self, font: QFont) -> QFontMetrics:
        if self._fm is None or font != self._font:
            self._font, self._fm = QFont(font), QFontMetrics(font)
            self._texts = {}
        return self._fm

    def _static(self, key: Any, text: str, rich: bool = False) -> tuple[QStaticText, float, float]:
        """``text`` laid out once for the current font: (layout, width, height)."""
        got = self._texts.get(key)
        if got is None:
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self._font)
            size = static.size()
            got = self._texts[key] = (static, size.width(), size.height())
        return got

    def _counts_text(self, up: int, down: int) -> tuple[QStaticText, float, float]:
        """'5/1' with the limit-up count red and the limit-down count green (grey when zero)."""
        pal = self._pal
        return self._static(
            (up, down),
            f"<span style='color:{pal.up if up else pal.flat}'>{up}</span>"
            f"<span style='color:{pal.flat}'>/</span>"
            f"<span style='color:{pal.down if down else pal.flat}'>{down}</span>", rich=True)

    # --- painting ------------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        # Straight to the Python model: a round trip through QModelIndex.data and a QVariant
        # costs more than the rest of this method.
        col = index.column()
        model = index.model()
        cells = model.cells_at(index) if hasattr(model, "cells_at") else None
        if cells is None:
            super().paint(painter, option, index)
            return
        if col != Col.LIMIT:
            self._paint_text(painter, option, cells, col)
            return
        badges = cells[4][col]
        if badges is None:
            super().paint(painter, option, index)
            return
        if option.state & _MARKED:  # type: ignore[attr-defined]
            # Selection or hover background from the style (nothing to draw otherwise: the
            # view has already painted the row's alternating colour); the text is ours.
            widget = option.widget  # type: ignore[attr-defined]
            style = widget.style() if widget is not None else QApplication.style()
            style.drawPrimitive(_PANEL, option, painter, widget)
        self.paint_cell_badges(painter, option.rect, badges, option.font)  # type: ignore[attr-defined]

    def _paint_text(self, painter: QPainter, option: QStyleOptionViewItem,
                    cells: tuple[tuple[Any, ...], ...], col: int) -> None:
        # Flags as plain ints: an operation on a Qt enum in Python costs microseconds, and this
        # runs for every visible cell every minute.
        state = option.state.value  # type: ignore[attr-defined]
        if state & _MARKED_I:
            widget = option.widget  # type: ignore[attr-defined]
            style = widget.style() if widget is not None else QApplication.style()
            style.drawPrimitive(_PANEL, option, painter, widget)
        selected = bool(state & _SELECTED_I)
        pal = option.palette  # type: ignore[attr-defined]
        self.paint_cell_text(painter, option.rect, cells, col, option.font,  # type: ignore[attr-defined]
                             pal.highlightedText().color() if selected else pal.text().color(),
                             selected)

    def paint_cell_text(self, painter: QPainter, cell: QRect, cells: tuple[tuple[Any, ...], ...],
                        col: int, font: QFont, ink: QColor, selected: bool) -> None:
        """The text of ``cells``' column ``col`` in ``cell`` (the row's own colour and font unless
        ``selected``; ``font`` and ``ink`` are the view's, for cells without their own)."""
        text = cells[0][col]
        if not text:
            return
        font = cells[3][col] or font
        if not selected:
            ink = cells[1][col] or ink
        rect = cell.adjusted(_MARGIN, 0, -_MARGIN, 0)
        if col in _NAME_COLS:       # names can be long; the figures always fit their columns
            fm = self._text_metrics(font)
            if fm.horizontalAdvance(text) > rect.width():
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        align = cells[2][col]
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(rect, (align if align is not None else _LEFT_I) | _VCENTER_I, text)

    def paint_cell_badges(self, painter: QPainter, cell: QRect, badges: Any, font: QFont) -> None:
        """The limit column's contents: a sector's '5/1' counts or a stock's state badges."""
        if not badges:
            return
        fm = self._metrics(font)
        painter.setFont(font)   # the view's own font: nothing to restore
        rect = QRectF(cell).adjusted(_MARGIN, 1, -_MARGIN, -1)
        if isinstance(badges, tuple):
            text, w, h = self._counts_text(*badges)
            painter.drawStaticText(QPointF(rect.left() + max(0.0, (rect.width() - w) / 2),
                                           rect.top() + (rect.height() - h) / 2), text)
        else:
            painter.save()   # pen, brush and antialiasing: the view paints the next cells
            self._paint_badges(painter, rect, fm, badges)
            painter.restore()

    def _text_metrics(self, font: QFont) -> QFontMetrics:
        key = font.key()
        fm = self._text_fm.get(key)
        if fm is None:
            fm = self._text_fm[key] = QFontMetrics(font)
        return fm

    def _paint_badges(self, painter: QPainter, rect: QRectF, fm: QFontMetrics,
                      badges: list[tuple[str, str]]) -> None:
        h = min(rect.height(), fm.height() + 2)
        y = rect.top() + (rect.height() - h) / 2
        texts = [self._static(text, text) for _, text in badges]
        widths = [tw + 2 * _PAD_X for _, tw, _ in texts]
        total = sum(widths) + _GAP * (len(badges) - 1)
        x = rect.left() + max(0.0, (rect.width() - total) / 2)
        painter.setRenderHint(_ANTIALIAS, True)
        for (key, _), (text, tw, th), w in zip(badges, texts, widths):
            if x + w > rect.right() + 0.5:
                break  # never draw a clipped badge: the tooltip still lists every state
            border, fill, ink = self._badge_pens.get(key, self._badge_pens[BADGE_STREAK])
            painter.setPen(border)
            painter.setBrush(fill)
            painter.drawRoundedRect(QRectF(x + 0.5, y + 0.5, w - 1, h - 1), 3, 3)
            painter.setPen(ink)
            painter.drawStaticText(QPointF(x + (w - tw) / 2, y + (h - th) / 2), text)
            x += w + _GAP

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        badges = index.data(BADGES_ROLE) if index.column() == Col.LIMIT else None
        if isinstance(badges, list) and badges:
            fm = self._metrics(option.font)  # type: ignore[attr-defined]
            size.setWidth(max(size.width(), badges_width(fm, [t for _, t in badges])))
            size.setHeight(max(size.height(), fm.height() + 4))
        return size
