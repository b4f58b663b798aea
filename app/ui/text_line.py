"""A text line for readouts that change every minute without moving anything else.

QLabel.setText always calls updateGeometry(): the parent's layout runs again on the next event
(measuring every word-wrapped label in it) although nothing moves. ``TextLine`` asks for a layout
only when its text needs another height at its current width, or more width than it was given;
otherwise a new text is one repaint of the line.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (QAbstractTextDocumentLayout, QColor, QFont, QFontMetricsF, QPainter,
                           QPaintEvent, QPalette, QTextDocument, QTextOption)
from PySide6.QtWidgets import QSizePolicy, QWidget

WORD_JOINER = "\u2060"
_MARKUP = re.compile(r"(<[^>]*>|\{[^}]*\})")


def unbroken(text: str) -> str:
    """``text`` that a wrapped line never breaks inside: Chinese breaks between any two
    characters ("全 / 市场中位数"), so every character is joined to the next (U+2060, no width)
    and spaces are non-breaking; HTML tags and ``{0}`` placeholders are left as they are. Join
    such items with ordinary spaces to let the line wrap between them only."""
    parts = _MARKUP.split(text)
    out = [p if _MARKUP.fullmatch(p) else WORD_JOINER.join(p.replace(" ", "\u00a0"))
           for p in parts if p]
    return WORD_JOINER.join(out)


class TextLine(QWidget):
    """Plain or rich text in one colour (spans may colour parts), optionally word-wrapped;
    ``align`` places the text left or right in its box (a wrapped rich text is left-aligned)."""

    def __init__(self, parent: QWidget | None = None, *, font: QFont, colour: str,
                 rich: bool = False, wrap: bool = False,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        super().__init__(parent)
        self.setFont(font)
        self._rich = rich
        self._wrap = wrap
        self._text = ""
        self._doc = QTextDocument(self)
        self._doc.setUndoRedoEnabled(False)
        self._doc.setDocumentMargin(0)
        self._doc.setDefaultFont(font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap if wrap
                           else QTextOption.WrapMode.NoWrap)
        self._doc.setDefaultTextOption(option)
        self._context = QAbstractTextDocumentLayout.PaintContext()
        palette = QPalette(self._context.palette)
        palette.setColor(QPalette.ColorRole.Text, QColor(colour))
        self._context.palette = palette
        self._line = self.fontMetrics().height()
        self._metrics = QFontMetricsF(font)
        self._measured: tuple[tuple[str, int], QSize] = (("", -2), QSize())
        self._colour = QColor(colour)
        self._flags = int(align | Qt.AlignmentFlag.AlignTop) | (
            int(Qt.TextFlag.TextWordWrap) if wrap else 0)
        self._width: int | None = None              # text width the document is laid out at
        self._ideal: tuple[QSize, QSize] | None = None   # size hints of the text, when asked
        self._laid_out = False                      # the layout has seen this line
        self._hints_stale = False                   # a text the layout's cached heights predate
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        policy.setHeightForWidth(wrap)
        self.setSizePolicy(policy)

    # -- text ------------------------------------------------------------------------------------
    def colour(self) -> str:
        return self._colour.name()

    def set_colour(self, colour: str) -> None:
        """The colour of plain text (and of rich text outside coloured spans)."""
        c = QColor(colour)
        if c == self._colour:
            return
        self._colour = c
        palette = QPalette(self._context.palette)
        palette.setColor(QPalette.ColorRole.Text, c)
        self._context.palette = palette
        self.update()

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name, so it drops in
        if text == self._text:
            return
        width = self.width()
        before = self._layout_at(width)
        self._text = text
        if self._rich:
            self._doc.setHtml(text)
        self._ideal = None
        self._width = None
        after = self._layout_at(width)
        # Ask the layout again only when this line would not fit where it is (a width the
        # layout ignores by policy never asks).
        wider = after.width() > width and \
            self.sizePolicy().horizontalPolicy() != QSizePolicy.Policy.Ignored
        if not self._laid_out or after.height() != before.height() or wider:
            self.updateGeometry()
            self._hints_stale = False
        else:
            # The layout keeps the heights it was told for other widths (Qt caches them until
            # updateGeometry): a later resize checks the new text against the new width.
            self._hints_stale = self._wrap
        self.update()

    def _layout_at(self, width: int) -> QSize:
        """Size of the text laid out as it is painted at ``width`` (any width without wrap)."""
        if not self._rich:
            # Plain text is measured and drawn by QPainter, as QLabel does: no document.
            key = (self._text, width if self._wrap else -1)
            if key != self._measured[0]:
                if self._wrap and width > 0:
                    rect = self._metrics.boundingRect(QRectF(0.0, 0.0, float(width), 1e6),
                                                      self._flags, self._text)
                    size = QSize(math.ceil(rect.width()), math.ceil(rect.height()))
                else:
                    size = QSize(math.ceil(self._metrics.horizontalAdvance(self._text)), 0)
                size.setHeight(max(size.height(), self._line))
                self._measured = (key, size)
            return QSize(self._measured[1])
        wanted = width if self._wrap and width > 0 else -1
        if wanted != self._width:
            self._width = wanted
            self._doc.setTextWidth(wanted)
        size = self._doc.size()
        return QSize(math.ceil(size.width()), max(math.ceil(size.height()), self._line))

    def reserve(self, widest: str) -> None:
        """Room for ``widest`` (plain text in this line's font) from the start: a text that later
        grows to that width repaints the line without asking its layout for more room."""
        self.setMinimumWidth(math.ceil(self._metrics.horizontalAdvance(widest)))

    # -- size ------------------------------------------------------------------------------------
    def _sizes(self) -> tuple[QSize, QSize]:
        """(size hint, minimum size hint), computed as QLabel computes them, so that a layout
        treats a TextLine as it treated the QLabel it replaces."""
        if self._ideal is None:
            line = self._layout_at(-1)              # the text on one line
            if not self._wrap:
                self._ideal = (line, QSize(line))
            else:
                hint = self._wrapped_hint()
                narrowest = self._layout_at(1)      # the widest word decides
                least = QSize(narrowest.width(), min(line.height(), hint.height()))
                self._ideal = (hint, least)
        return QSize(self._ideal[0]), QSize(self._ideal[1])

    def _wrapped_hint(self) -> QSize:
        """QLabel's size hint of word-wrapped text: a pleasing block of lines, not one line."""
        if self._rich:
            self._doc.adjustSize()                  # QLabel asks the document for its shape
            size = self._doc.size()
            self._width = None                      # the layout at the painted width is gone
            return QSize(math.ceil(size.width()), max(math.ceil(size.height()), self._line))
        w = round(self._metrics.averageCharWidth() * 80)
        size = self._layout_at(w)
        spacing = self._metrics.lineSpacing()
        if size.height() < 4 * spacing and size.width() > w / 2:
            size = self._layout_at(w // 2)
        if size.height() < 2 * spacing and size.width() > w / 4:
            size = self._layout_at(w // 4)
        return size

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        self._laid_out = True
        return self._sizes()[0]

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self._sizes()[1]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return self._wrap

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._layout_at(width).height()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt
        super().resizeEvent(event)
        if self._hints_stale:
            self._hints_stale = False
            if self._layout_at(event.size().width()).height() > event.size().height():
                self.updateGeometry()       # a line would be cut at this width: lay out again

    # -- paint -----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if not self._text:
            return
        width = self.width()
        height = self._layout_at(width).height()
        p = QPainter(self)
        if not self._rich:
            p.setPen(self._colour)
            p.drawText(QRectF(0.0, max((self.height() - height) / 2.0, 0.0), float(width),
                              float(height)), self._flags, self._text)
            p.end()
            return
        # Vertically centred, as a QLabel draws its text; a line right-aligned in its box.
        x = 0.0
        if self._flags & int(Qt.AlignmentFlag.AlignRight) and not self._wrap:
            x = max(float(width) - self._doc.idealWidth(), 0.0)
        p.translate(QPointF(x, max((self.height() - height) / 2.0, 0.0)))
        ctx = self._context
        ctx.clip = QRectF(-x, 0.0, float(width), float(self.height()))
        p.setClipRect(ctx.clip)
        self._doc.documentLayout().draw(p, ctx)
        p.end()
