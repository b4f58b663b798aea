"""The session brief as a dock panel: the day's key takeaways as clickable bullets.

``BriefPanel.set_view(view)`` writes the bullets of the shown minute (``app.market.brief``); a click
on a bullet (or Enter on a focused one) emits ``finding_activated(target)`` with
``{'kind': 'index'|'sector'|'stock', 'id': ..., 'time': 'HH:MM'}`` so the window can show what the
bullet talks about. The 中/EN toggle switches the bullets' language without recomputing them.

The bullets themselves are generated sentences in the chosen language (not UI strings); every
other user-visible string goes through ``self.tr()``.

``export_brief`` writes the brief as Markdown and as a PNG of the panel, for the standard export.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (QButtonGroup, QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy,
                               QToolButton, QVBoxLayout, QWidget)

from app.market.brief import BriefItem, brief_markdown, findings
from app.market.brief_findings import Finding
from app.market.brief_text import LANGS, sentence, title
from app.ui import i18n
from app.ui.text_line import TextLine
from app.ui.palette import Palette, cjk_font, palette

# lupdate reads translate("Context", "text") calls with literal arguments.
translate = QCoreApplication.translate

EXPORT_WIDTH = 960
_SIGNED_PCT = re.compile(r"([+\u2212])(\d[\d,]*(?:\.\d+)?)%")


def _rich(text: str, pal: Palette) -> str:
    """Escaped text with signed percentages coloured up/down as the panels colour them."""
    def paint(m: re.Match[str]) -> str:
        colour = pal.up if m.group(1) == "+" else pal.down
        return f"<span style='color:{colour}'>{m.group(0)}</span>"
    return _SIGNED_PCT.sub(paint, html.escape(text, quote=False))


class BriefBullet(QFrame):
    """One bullet: its number, its sentence, a hover highlight, and a click when it has a target.

    Bullets are reused from minute to minute (``set_item``): rebuilding styled widgets for every
    scrubbed minute would cost more than writing the brief.
    """

    activated = Signal(dict)

    def __init__(self, pal: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pal = pal
        self.item: BriefItem | None = None
        self.target: dict | None = None
        self.text = ""
        self._kind: str | None = ""        # the target kind the cursor and tooltip are set for
        self.setObjectName("briefBullet")
        self.setAttribute(Qt.WidgetAttribute.WA_Hover, True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 5, 8, 5)
        lay.setSpacing(6)
        self.number = QLabel(self)
        self.number.setObjectName("briefNumber")
        self.number.setFont(cjk_font(10.0, bold=True))
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        self.number.setFixedWidth(22)
        # A TextLine, not a QLabel: a new minute's sentence is laid out once at the bullet's
        # width, and the list is only relaid out when the sentence needs another height.
        self.label = TextLine(self, font=cjk_font(10.5), colour=pal.foreground, rich=True,
                              wrap=True)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.label.setSizePolicy(policy)
        lay.addWidget(self.number, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.label, 1)

    def set_item(self, number: int, item: BriefItem) -> None:
        """Show ``item`` as bullet ``number``; what did not change is not touched."""
        number_text = f"{number}."
        if self.number.text() != number_text:
            self.number.setText(number_text)
        self.item = item
        target = dict(item.finding.target) if item.finding.target else None
        kind = target.get("kind", "") if target is not None else None
        if kind != self._kind:
            self._kind = kind
            self._set_interaction(kind)
        self.target = target
        self.set_text(item.text)

    def _set_interaction(self, kind: str | None) -> None:
        """Cursor, focus and tooltip of a bullet with a target of ``kind`` (None: no target)."""
        if kind is not None:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            tips = {"index": self.tr("Click to show this index"), "sector": self.tr("Click to show this sector"),
                    "stock": self.tr("Click to show this stock's intraday chart")}
            self.setToolTip(tips.get(kind, ""))
        else:
            self.unsetCursor()
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setToolTip("")

    def set_text(self, text: str) -> None:
        if self.item is not None and self.item.text != text:
            self.item = BriefItem(text, self.item.finding)
        if text == self.text:
            return
        self.text = text
        self.label.setText(_rich(text, self._pal))

    def _activate(self) -> None:
        if self.target is not None:
            self.activated.emit(dict(self.target))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self._activate()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._activate()
            return
        super().keyPressEvent(event)


class BriefPanel(QWidget):
    """The brief of the shown minute: header with the minute and the 中/EN toggle, then bullets."""

    finding_activated = Signal(dict)
    language_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, lang: str | None = None,
                 pal: Palette | None = None, interactive: bool = True) -> None:
        super().__init__(parent)
        lang = lang or i18n.current()        # the interface's language unless asked otherwise
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        self._pal = pal or palette("light")
        self._lang = lang
        self._view: Any = None
        self._session: str | None = None
        self._history: pd.DataFrame | None = None
        self._findings: list[Finding] = []
        self.bullets: list[BriefBullet] = []
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"BriefPanel {{ background: {self._pal.background}; }}")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(4)
        head = QHBoxLayout()
        head.setSpacing(4)
        # A TextLine: the minute in the title changes every minute without relayouting the panel.
        self.title = TextLine(self, font=cjk_font(11.0, bold=True), colour=self._pal.foreground)
        self.title.setText(self.tr("Brief"))
        head.addWidget(self.title, 1)
        self.zh_button = self._tool(self.tr("中"), self.tr("Write the brief in Chinese"))
        self.en_button = self._tool(self.tr("EN"), self.tr("Write the brief in English"))
        self.copy_button = QToolButton(self)
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy as Markdown"))
        self.copy_button.clicked.connect(self.copy_markdown)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for b in (self.zh_button, self.en_button):
            group.addButton(b)
            head.addWidget(b)
        head.addWidget(self.copy_button)
        self.zh_button.setChecked(lang == "zh")
        self.en_button.setChecked(lang == "en")
        self.zh_button.clicked.connect(lambda: self.set_language("zh"))
        self.en_button.clicked.connect(lambda: self.set_language("en"))
        self.controls = [self.zh_button, self.en_button, self.copy_button]
        outer.addLayout(head)

        self.body = QWidget(self)
        self.body.setObjectName("briefBody")
        hover = "#f1f3f4" if self._pal.name == "light" else "#22262d"
        # One style sheet for every bullet (set once: per-widget sheets re-polish on each minute).
        self.body.setStyleSheet(
            f"QWidget#briefBody {{ background: {self._pal.background}; }}"
            f"QWidget#briefBody QLabel {{ color: {self._pal.foreground}; }}"
            f"QLabel#briefNumber {{ color: {self._pal.axis}; }}"
            f"QFrame#briefBullet {{ border-radius: 4px; }}"
            f"QFrame#briefBullet:hover, QFrame#briefBullet:focus {{ background: {hover}; }}")
        self._pool: list[BriefBullet] = []
        self.list_layout = QVBoxLayout(self.body)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(1)
        self.empty = QLabel(self.tr("No data yet: open a session to see its brief"), self.body)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("briefNumber")        # the muted colour
        self.list_layout.addWidget(self.empty)
        self.list_layout.addStretch(1)
        if interactive:
            self.scroll = QScrollArea(self)
            self.scroll.setWidgetResizable(True)
            self.scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll.setWidget(self.body)
            outer.addWidget(self.scroll, 1)
        else:                       # export: every bullet laid out, no scroll bar, no buttons
            self.scroll = None
            outer.addWidget(self.body, 1)
            for b in self.controls:
                b.setVisible(False)

    def _tool(self, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setCheckable(True)
        b.setAutoRaise(True)
        return b

    # -- data ------------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self._lang

    def items(self) -> list[BriefItem]:
        return [b.item for b in self.bullets if b.item is not None]

    def set_history_high(self, history_high: pd.DataFrame | None) -> None:
        """Highest earlier closes per symbol (max_close, days, first_date) for the new-high bullet
        of the current session; forgotten when another session is shown."""
        self._history = history_high
        if self._view is not None:
            self.set_view(self._view, history_high)

    def set_view(self, view: Any, history_high: pd.DataFrame | None = None) -> None:
        """Write the bullets of ``view`` (a SessionView at one minute)."""
        if view is None:
            self._view, self._findings = None, []
            self._rebuild()
            return
        date = str(view.date)
        if history_high is not None:
            self._history = history_high
        elif date != self._session:
            self._history = None
        self._session = date
        self._view = view
        extras = getattr(view, "extras", None) or {}
        pre = extras.get("findings") if isinstance(extras, dict) else None
        # The loader computes the findings on its thread; compute here only for other callers.
        self._findings = list(pre) if pre is not None and history_high is None \
            else findings(view, self._history_for(view))
        self._rebuild()

    def _history_for(self, view: Any) -> pd.DataFrame | None:
        if self._history is not None:
            return self._history
        extras = getattr(view, "extras", None) or {}
        h = extras.get("history_high") if isinstance(extras, dict) else None
        return h if isinstance(h, pd.DataFrame) else None

    def set_language(self, lang: str) -> None:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        self.zh_button.setChecked(lang == "zh")
        self.en_button.setChecked(lang == "en")
        if lang == self._lang:
            return
        self._lang = lang
        for b in self.bullets:
            assert b.item is not None
            b.set_text(sentence(b.item.finding, lang))
        self._set_title()
        self.language_changed.emit(lang)

    def markdown(self) -> str:
        if self._view is None:
            return ""
        return brief_markdown(self._view, self._lang, items=self.items())

    def copy_markdown(self) -> None:
        QGuiApplication.clipboard().setText(self.markdown())

    # -- widgets ---------------------------------------------------------------------------------
    def _set_title(self) -> None:
        if self._view is None:
            self.title.setText(self.tr("Brief"))
            return
        self.title.setText(title(str(self._view.date), str(self._view.time), self._lang))

    def _rebuild(self) -> None:
        """Show ``self._findings``: bullets are reused, and only what changed is written."""
        grow = len(self._pool) < len(self._findings)
        if grow:
            # New bullets: hold the repaints until they are laid out.
            self.setUpdatesEnabled(False)
        try:
            while len(self._pool) < len(self._findings):
                b = BriefBullet(self._pal, self.body)
                b.activated.connect(self.finding_activated)
                self.list_layout.insertWidget(len(self._pool), b)
                self._pool.append(b)
            for i, b in enumerate(self._pool):
                if i < len(self._findings):
                    f = self._findings[i]
                    b.set_item(i + 1, BriefItem(sentence(f, self._lang), f))
                shown = i < len(self._findings)
                if b.isVisibleTo(self.body) != shown:
                    b.setVisible(shown)
            self.bullets = self._pool[:len(self._findings)]
            if self._view is None:
                self.empty.setText(self.tr("No data yet: open a session to see its brief"))
            else:
                self.empty.setText(self.tr("Not enough data at this minute to write a brief"))
            if self.empty.isVisibleTo(self.body) != (not self.bullets):
                self.empty.setVisible(not self.bullets)
            self._set_title()
        finally:
            if grow:
                self.setUpdatesEnabled(True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(440, 360)


# -- export ----------------------------------------------------------------------------------------

def brief_file_name(date: str, time: str, lang: str, ext: str) -> str:
    return f"{date}_{time.replace(':', '')}_brief_{lang}.{ext}"


def export_brief(view: Any, out_dir: Path, lang: str | None = None,
                 history_high: pd.DataFrame | None = None, store_name: str = "",
                 scale: float = 1.0, pal: Palette | None = None) -> list[Path]:
    """Write ``{date}_{HHMM}_brief_{lang}.md`` and ``.png`` (the panel, framed) into ``out_dir``."""
    from app.ui.export.render import ExportFrame, lay_out, save_png

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pal = pal or palette("light")
    lang = lang or i18n.current()
    panel = BriefPanel(lang=lang, pal=pal, interactive=False)
    panel.set_view(view, history_high)
    md = out_dir / brief_file_name(str(view.date), str(view.time), lang, "md")
    md.write_text(brief_markdown(view, lang, items=panel.items()), encoding="utf-8")
    source = translate("BriefExport", "Source: Tidemark store {0} · session {1} · minute {2} · "
                                      "written from the data by templates").format(
        store_name or "—", view.date, view.time)
    frame = ExportFrame(panel, title(str(view.date), str(view.time), lang), source, pal=pal)
    panel.title.setVisible(False)          # the frame carries the title line
    lay_out(frame, QSize(EXPORT_WIDTH, 400))
    height = frame.layout().totalHeightForWidth(EXPORT_WIDTH)
    if height > 0:
        lay_out(frame, QSize(EXPORT_WIDTH, height))
    png = save_png(frame, out_dir / brief_file_name(str(view.date), str(view.time), lang, "png"),
                   scale, pal)
    frame.close()
    frame.deleteLater()
    return [md, png]
