"""One language at a time: every text the window shows, in Chinese and in English, holds no words
of the other language (codes, names, units and the language menu's own names aside)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QDockWidget, QLabel, QMenu,
                               QTabBar, QWidget)

from app.ui import i18n
from app.ui.text_line import TextLine

pytestmark = pytest.mark.usefixtures("dialogs")   # private settings, recorded dialogs

LOAD_MS = 30_000
CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09\uff0c\uff1a\uff1b\u3001\u3002]")
WORD = re.compile(r"[A-Za-z]{2,}")
# Tokens a Chinese terminal prints in Latin letters too: indicators, tickers, file types, units.
LATIN_OK = {"MA", "EMA", "CPO", "PCB", "IT", "AI", "EN", "Tidemark", "SQLite", "sqlite", "db",
            "Markdown", "pts", "ms"}
LATIN_OK_RE = re.compile(r"\b(?:E?MA\d+|MA\d+(?:/\d+)*|P\d+|sh\d{6}|sz\d{6}|bj\d{6})\b")
# The language menu names each language in itself; the brief's 中/EN toggle likewise.
OWN_NAMES = {"中文", "English", "中", "EN"}


def _plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", text or ""))


def _axis_texts(ax: pg.AxisItem) -> list[str]:
    out = [ax.labelText or ""]
    levels = getattr(ax, "_tickLevels", None)
    if levels:
        out += [t for level in levels for _, t in level]
        return out
    lo, hi = ax.range
    if hi > lo:
        size = max(ax.height() if ax.orientation in ("left", "right") else ax.width(), 100.0)
        for spacing, values in ax.tickValues(lo, hi, size):
            out += list(ax.tickStrings(values, 1.0, spacing))
    return out


def _model_texts(view: QAbstractItemView, rows: int = 6) -> list[str]:
    model = view.model()
    if model is None:
        return []
    from PySide6.QtCore import QModelIndex

    def columns(parent) -> int:  # type: ignore[no-untyped-def]
        try:
            return model.columnCount(parent)
        except TypeError:      # a list model: one column, its count not callable from Python
            return 1

    out = [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
           for c in range(columns(QModelIndex()))]

    def walk(parent, depth: int) -> None:  # type: ignore[no-untyped-def]
        for r in range(min(model.rowCount(parent), rows)):
            for c in range(columns(parent)):
                idx = model.index(r, c, parent)
                out.append(str(model.data(idx, Qt.ItemDataRole.DisplayRole) or ""))
                out.append(str(model.data(idx, Qt.ItemDataRole.ToolTipRole) or ""))
            if depth < 3:
                walk(model.index(r, 0, parent), depth + 1)
    walk(view.rootIndex(), 0)
    return out


def window_texts(win: QWidget) -> list[str]:
    """Labels, buttons, tabs, dock titles, menus, headers and rows, the status bar, chart
    headers and axes of ``win`` (what is visible in it, even offscreen)."""
    texts = [win.windowTitle()]
    for w in win.findChildren(QWidget):
        if not w.isVisibleTo(win):
            continue
        if isinstance(w, (QLabel, TextLine)):
            texts.append(w.text())
        if isinstance(w, QAbstractButton):
            texts += [w.text(), w.toolTip()]
        if isinstance(w, QDockWidget):
            texts.append(w.windowTitle())
        if isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView):
            texts += _model_texts(w)
        if isinstance(w, pg.GraphicsView):
            for item in w.scene().items():
                if isinstance(item, pg.AxisItem) and item.isVisible():
                    texts += _axis_texts(item)
                elif isinstance(item, pg.TextItem):
                    texts.append(item.toPlainText())

    def menu_texts(menu: QMenu) -> None:
        for act in menu.actions():
            texts.append(act.text())
            if act.menu() is not None:
                menu_texts(act.menu())
    for act in win.menuBar().actions():
        texts.append(act.text())
        if act.menu() is not None:
            menu_texts(act.menu())
    return [_plain(t) for t in texts if t]


def all_texts(win, qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    """``window_texts`` with each tabbed dock raised in turn (the ladder, the limit list, the
    brief and the sentiment gauges share one place), the sentiment dock once its report is in."""
    texts = window_texts(win)
    for name in ("ladder", "limits", "sentiment", "brief"):
        win._docks[name].raise_()
        if name == "sentiment":
            qtbot.waitUntil(lambda: bool(win.sentiment.stage.text()), timeout=LOAD_MS)
        qtbot.wait(50)
        texts += window_texts(win)
    return texts


def names_of(view, db: Path) -> list[str]:  # type: ignore[no-untyped-def]
    """Stock, sector and file names: data, shown as they are in either language."""
    names = set(str(n) for n in view.enriched.get("name", []) if isinstance(n, str))
    if len(view.sectors):
        names |= set(str(n) for n in view.sectors["name"] if isinstance(n, str))
    names |= {db.name, str(db), str(db.parent)}
    return sorted(names, key=len, reverse=True)


def strip(text: str, names: list[str]) -> str:
    for n in names:
        if n and n in text:
            text = text.replace(n, " ")
    return text


@pytest.fixture
def open_window(qtbot, qapp, demo_store):
    """A MainWindow on the demo story's minute with the interface in ``lang``."""
    from app.ui.main_window import MainWindow

    wins = []

    def open_(lang: str) -> MainWindow:
        assert i18n.install(qapp, lang) == lang
        win = MainWindow(demo_store, date="2026-06-02", time="11:30")
        wins.append(win)
        win.resize(1600, 1000)
        with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
            win.show()
        win._docks["brief"].raise_()    # tabbed with the limit list on a short screen: fills when shown
        qtbot.waitUntil(lambda: bool(win.brief.bullets), timeout=LOAD_MS)
        return win

    yield open_
    for win in wins:
        win.close()
        win.deleteLater()
    i18n.install(qapp, "zh")


def test_chinese_window_holds_no_english_words(open_window, demo_store, qtbot):
    win = open_window("zh")
    names = names_of(win._view, demo_store)
    bad = []
    for text in all_texts(win, qtbot):
        rest = LATIN_OK_RE.sub(" ", strip(text, names))
        words = [w for w in WORD.findall(rest) if w not in LATIN_OK and w not in OWN_NAMES
                 and w != "English"]
        if words:
            bad.append((text, words))
    assert not bad, f"English in the Chinese interface: {bad[:15]}"
    assert "板块" in [d.windowTitle() for d in win.findChildren(QDockWidget)]


def test_english_window_holds_no_chinese(open_window, demo_store, qtbot):
    win = open_window("en")
    names = names_of(win._view, demo_store)
    bad = []
    for text in all_texts(win, qtbot):
        if text.strip() in OWN_NAMES:
            continue
        rest = strip(text, names).replace("中文", " ")
        if CJK.search(rest):
            bad.append(text)
    assert not bad, f"Chinese in the English interface: {bad[:15]}"
    docks = [d.windowTitle() for d in win.findChildren(QDockWidget)]
    assert "Sectors" in docks and "Limit-up ladder" in docks
    # The brief follows the interface.
    assert win.brief.lang == "en"
    assert win.brief.bullets and win.brief.bullets[0].text.startswith("ChiNext")


def test_the_two_languages_show_the_same_figures(open_window):
    """Same precision in both: the strip's turnover change and the index tiles."""
    zh = open_window("zh")
    zh_detail = zh.strip.turnover.detail.text()
    en = open_window("en")
    en_detail = en.strip.turnover.detail.text()
    figure = re.compile(r"[+\u2212]?\d+\.\d+%")
    assert figure.findall(zh_detail) == figure.findall(en_detail) == ["\u22122.69%"]
    assert "万亿" in zh_detail and "tn" in en_detail
