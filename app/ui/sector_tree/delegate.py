"""Paints the limit column: state badges on stock rows, red/green 涨停/跌停 counts on sector rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.palette import Palette, palette
from app.ui.sector_tree.model import (BADGE_BROKEN, BADGE_LIMIT_DOWN, BADGE_ONE_WORD, BADGE_RESEALED,
                                      BADGE_SEALED, BADGE_STREAK, BADGES_ROLE, Col)

_PAD_X = 4     # text padding inside a badge
_GAP = 3       # between badges
_MARGIN = 3    # cell margin


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
    """Draws ``BADGES_ROLE`` in the limit column; every other cell is painted as usual."""

    def __init__(self, parent: Any = None, *, colours: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = colours or palette("light")
        self._colours = badge_colours(self._pal)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        badges = index.data(BADGES_ROLE) if index.column() == Col.LIMIT else None
        if badges is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(opt.font)
        rect = QRectF(opt.rect).adjusted(_MARGIN, 1, -_MARGIN, -1)  # type: ignore[attr-defined]
        if isinstance(badges, tuple):
            self._paint_counts(painter, rect, opt, *badges)
        else:
            self._paint_badges(painter, rect, opt, badges)
        painter.restore()

    def _paint_badges(self, painter: QPainter, rect: QRectF, opt: QStyleOptionViewItem,
                      badges: list[tuple[str, str]]) -> None:
        fm = QFontMetrics(opt.font)  # type: ignore[attr-defined]
        h = min(rect.height(), fm.height() + 2)
        y = rect.top() + (rect.height() - h) / 2
        total = sum(fm.horizontalAdvance(t) + 2 * _PAD_X for _, t in badges) + _GAP * (len(badges) - 1)
        x = rect.left() + max(0.0, (rect.width() - total) / 2)
        for key, text in badges:
            fill, border, ink = self._colours.get(key, self._colours[BADGE_STREAK])
            w = fm.horizontalAdvance(text) + 2 * _PAD_X
            box = QRectF(x, y, w, h)
            if box.right() > rect.right() + 0.5:
                break  # never draw a clipped badge: the tooltip still lists every state
            painter.setPen(QPen(border, 1))
            painter.setBrush(fill)
            painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            painter.setPen(ink)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
            x += w + _GAP

    def _paint_counts(self, painter: QPainter, rect: QRectF, opt: QStyleOptionViewItem,
                      up: int, down: int) -> None:
        """'5/1' with the limit-up count red and the limit-down count green (grey when zero)."""
        fm = QFontMetrics(opt.font)  # type: ignore[attr-defined]
        parts = [(str(up), QColor(self._pal.up) if up else QColor(self._pal.flat)),
                 ("/", QColor(self._pal.flat)),
                 (str(down), QColor(self._pal.down) if down else QColor(self._pal.flat))]
        total = sum(fm.horizontalAdvance(t) for t, _ in parts)
        x = rect.left() + max(0.0, (rect.width() - total) / 2)
        for text, colour in parts:
            w = fm.horizontalAdvance(text)
            painter.setPen(colour)
            painter.drawText(QRectF(x, rect.top(), w + 1, rect.height()),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
            x += w

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        badges = index.data(BADGES_ROLE) if index.column() == Col.LIMIT else None
        if isinstance(badges, list) and badges:
            fm = QFontMetrics(option.font)  # type: ignore[attr-defined]
            w = sum(fm.horizontalAdvance(t) + 2 * _PAD_X for _, t in badges)
            w += _GAP * (len(badges) - 1) + 2 * _MARGIN
            size.setWidth(max(size.width(), w))
            size.setHeight(max(size.height(), fm.height() + 4))
        return size
