"""Several stores open at once: one session list over all of them, switching, refusing, remembering.

Two tiny stores with different sessions and a different number of stocks (so a view tells which
store it came from). QMessageBox.warning is replaced by a recorder, so no modal dialog can block.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QColor

from app.store.connection import open_writer
from app.ui.main_window import MainWindow
from app.ui.window_state import _path_list
from app.ui.session_picker import OTHER_STORE_BG, SHOWN_STORE_BG

MON, TUE = "2026-06-01", "2026-06-02"
LOAD_MS = 30_000
STOCKS = [("sh600001", "甲", 10.0), ("sz000002", "乙", 20.0), ("sh600003", "丙", 30.0)]


pytestmark = pytest.mark.usefixtures("dialogs")   # private settings, recorded dialogs


@pytest.fixture
def window(qtbot):
    """MainWindows on a store, each waited for until it shows a session; closed at the end with
    their loader thread finished."""
    wins: list[MainWindow] = []

    def open_(db: Path, show: bool = False) -> MainWindow:
        win = MainWindow(db)
        wins.append(win)
        if show:
            win.show()
        with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS):
            pass
        return win

    yield open_
    for win in wins:
        win.close()
        assert win.loader.thread.isFinished(), "the loader QThread must be finished after close"
        win.deleteLater()


def tiny_store(path: Path, days: list[str], n_stocks: int) -> Path:
    """A store with ``n_stocks`` stocks and two minutes of each of ``days``."""
    stocks = STOCKS[:n_stocks]
    conn = open_writer(path)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO stocks (symbol, code, market, board, name, list_date, float_shares,"
                     " total_shares) VALUES (?,?,?,?,?,?,?,?)",
                     [(s, s[2:], s[:2], "main", n, "2015-01-05", 1e8, 1e8) for s, n, _ in stocks])
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)",
                     [(d, t, s, p * 1.01, p, p, p * 1.01, p, 100.0, 1000.0)
                      for d in days for t in ("09:30", "09:31") for s, _, p in stocks])
    conn.execute("COMMIT")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    return path


@pytest.fixture
def two_stores(tmp_path) -> tuple[Path, Path]:
    """alpha: Monday only, 2 stocks; beta: Monday and Tuesday, 3 stocks."""
    return (tiny_store(tmp_path / "alpha.sqlite", [MON], 2),
            tiny_store(tmp_path / "beta.sqlite", [MON, TUE], 3))


def add(qtbot, win: MainWindow, path: Path) -> None:
    """Add a store and wait until the window lists it (the worker reads it on its thread)."""
    win.add_store(path)
    qtbot.waitUntil(lambda: any(s == str(path) for _d, s in win.sessions.entries()),
                    timeout=LOAD_MS)


def pick_in_list(qtbot, win: MainWindow, text: str) -> None:
    """Choose an entry of the session list as a user does (the combo's activated signal)."""
    combo = win.sessions.combo
    i = combo.findText(text)
    assert i >= 0, f"{text!r} not in {[combo.itemText(k) for k in range(combo.count())]}"
    date = text.split(" ")[0]
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS,
                          check_params_cb=lambda d, _t: d == date):
        combo.setCurrentIndex(i)
        combo.activated.emit(i)


def texts(win: MainWindow) -> list[str]:
    combo = win.sessions.combo
    return [combo.itemText(i) for i in range(combo.count())]


def background(win: MainWindow, iso: str) -> str:
    win.sessions.button.menu().aboutToShow.emit()      # the calendar is coloured as it opens
    fmt = win.sessions.calendar.dateTextFormat(QDate.fromString(iso, "yyyy-MM-dd"))
    return fmt.background().color().name()


def test_every_open_store_is_listed_and_picking_switches_store(qtbot, window, two_stores):
    alpha, beta = two_stores
    win = window(alpha)
    assert (win._view.date, win._view.counts.stocks) == (MON, 2)
    assert texts(win) == [MON]                         # one store: no store names in the list
    assert not win.act_close_store.isEnabled()

    add(qtbot, win, beta)
    assert win.sessions.entries() == [(MON, str(alpha)), (MON, str(beta)), (TUE, str(beta))]
    assert texts(win) == [f"{MON} · alpha.sqlite", f"{MON} · beta.sqlite", f"{TUE} · beta.sqlite"]
    assert win.sessions.combo.currentText() == f"{MON} · alpha.sqlite"
    # Adding does not move the view: still the first store's latest session.
    assert (win._view.date, win._view.counts.stocks) == (MON, 2)
    assert background(win, MON) == QColor(SHOWN_STORE_BG).name()
    assert background(win, TUE) == QColor(OTHER_STORE_BG).name()
    assert win.act_close_store.isEnabled()

    # The other store's session: the loader switches to beta and shows its data.
    pick_in_list(qtbot, win, f"{TUE} · beta.sqlite")
    assert (win._view.date, win._view.counts.stocks) == (TUE, 3)
    assert win._db == beta and "beta.sqlite" in win.status.text()
    assert win.sessions.combo.currentText() == f"{TUE} · beta.sqlite"
    assert background(win, TUE) == QColor(SHOWN_STORE_BG).name()
    assert len(win.sessions.entries()) == 3, "switching keeps every store open"

    # Monday on the calendar is in both stores: the one shown (beta) is taken.
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS,
                          check_params_cb=lambda d, _t: d == MON):
        win.sessions.calendar.clicked.emit(QDate(2026, 6, 1))
    assert (win._view.date, win._view.counts.stocks, win._db) == (MON, 3, beta)

    # The same date in the first store: alpha's numbers again.
    pick_in_list(qtbot, win, f"{MON} · alpha.sqlite")
    assert (win._view.date, win._view.counts.stocks, win._db) == (MON, 2, alpha)
    assert "alpha.sqlite" in win.status.text()

    # Close store: alpha goes, the first remaining store (beta) shows its latest session.
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS,
                          check_params_cb=lambda d, _t: d == TUE):
        win.act_close_store.trigger()
    assert (win._view.date, win._view.counts.stocks, win._db) == (TUE, 3, beta)
    assert texts(win) == [MON, TUE]
    assert not win.act_close_store.isEnabled()
    win.act_close_store.trigger()                      # the last store cannot be closed
    assert win._db == beta and texts(win) == [MON, TUE]


@pytest.mark.parametrize("kind", ["missing", "text-file", "no-session", "same-store", "locked"])
def test_a_store_that_cannot_be_added_is_refused_by_name(qtbot, window, dialogs, two_stores,
                                                         tmp_path, kind):
    alpha, beta = two_stores
    win = window(alpha, show=True)
    before = win.sessions.entries()
    bad = tmp_path / f"{kind}.sqlite"
    locker = None
    if kind == "text-file":
        bad.write_text("date,time,symbol,last\n2026-06-02,09:30,sh600001,10.0\n" * 50)
    elif kind == "no-session":
        tiny_store(bad, [], 2)
    elif kind == "same-store":
        bad = alpha.parent / "." / alpha.name           # another spelling of the store shown
    elif kind == "locked":
        tiny_store(bad, [TUE], 2)                        # rollback journal: a writer locks out
        locker = sqlite3.connect(str(bad), isolation_level=None, timeout=5)
        locker.execute("BEGIN EXCLUSIVE")
    try:
        win.add_store(bad)
        expected = {"missing": "找不到数据库（文件不存在）",
                    "text-file": "不是 Tidemark 数据库",
                    "no-session": "数据库中没有交易日",
                    "same-store": "已打开",
                    "locked": "被另一程序锁定"}[kind]
        qtbot.waitUntil(lambda: expected in win.status.text(), timeout=LOAD_MS)
    finally:
        if locker is not None:
            locker.execute("ROLLBACK")
            locker.close()
    assert str(bad) in win.status.text(), "the message names the file"
    if kind == "same-store":
        assert dialogs == []
    else:
        assert len(dialogs) == 1 and str(bad) in dialogs[0] and expected in dialogs[0]
    assert win.sessions.entries() == before and not win.act_close_store.isEnabled()
    assert win.isVisible() and (win._view.date, win._db) == (MON, alpha)
    # The window carries on: it still scrubs, and a good store can still be added and shown.
    with qtbot.waitSignal(win.view_applied, timeout=LOAD_MS,
                          check_params_cb=lambda _d, t: t == "09:30"):
        win.scrubber.slider.setValue(0)
    add(qtbot, win, beta)
    pick_in_list(qtbot, win, f"{TUE} · beta.sqlite")
    assert win._view.counts.stocks == 3
    if kind == "locked":                              # the lock is gone: now it can be added
        add(qtbot, win, bad)
        assert (TUE, str(bad)) in win.sessions.entries()


def test_the_open_stores_are_remembered(qtbot, window, two_stores, tmp_path):
    alpha, beta = two_stores
    win = window(alpha)
    add(qtbot, win, beta)
    pick_in_list(qtbot, win, f"{TUE} · beta.sqlite")
    win.close()
    s = QSettings()
    assert s.value("store/open") == [str(alpha), str(beta)]
    assert s.value("store/last") == str(beta)

    # Opened again on one of them: both come back, in the order they were opened, and the
    # window shows the latest session of the store it was opened on.
    again = window(alpha)
    qtbot.waitUntil(lambda: len(again.sessions.entries()) == 3, timeout=LOAD_MS)
    assert texts(again) == [f"{MON} · alpha.sqlite", f"{MON} · beta.sqlite",
                            f"{TUE} · beta.sqlite"]
    assert (again._view.date, again._view.counts.stocks, again._db) == (MON, 2, alpha)
    again.close()

    # A remembered store that has gone is not reopened (and not remembered any more).
    gamma = tiny_store(tmp_path / "gamma.sqlite", [TUE], 1)
    s.setValue("store/open", [str(alpha), str(tmp_path / "gone.sqlite"), str(gamma)])
    third = window(gamma)
    qtbot.waitUntil(lambda: len(third.sessions.entries()) == 2, timeout=LOAD_MS)
    assert third.sessions.entries() == [(MON, str(alpha)), (TUE, str(gamma))]
    assert (third._view.date, third._view.counts.stocks) == (TUE, 1)
    third.close()
    assert QSettings().value("store/open") == [str(gamma), str(alpha)]

    # A store named on its own (not one of the remembered) starts a set of its own.
    other = tiny_store(tmp_path / "other.sqlite", [MON], 1)
    fourth = window(other)
    qtbot.wait(300)                       # time for any (wrong) restore to come back
    assert fourth.sessions.entries() == [(MON, str(other))]
    fourth.close()
    assert _path_list(QSettings().value("store/open")) == [other]
    # As a later run reads it: an INI file gives a one-item list back as a bare string.
    assert _path_list(str(other)) == [other] and _path_list(None) == []


def test_the_calendar_marks_stored_and_closed_days_when_it_opens(qtbot):
    from app.ui.session_picker import CLOSED_FG, SHOWN_STORE_BG, SessionPicker

    picker = SessionPicker()
    qtbot.addWidget(picker)
    picker.set_sessions(["2026-06-01", "2026-06-02"], "2026-06-02")

    def fmt(iso: str):  # type: ignore[no-untyped-def]
        return picker.calendar.dateTextFormat(QDate.fromString(iso, "yyyy-MM-dd"))

    # Not before it opens: colouring asks the XSHG calendar, which the start should not wait for.
    assert fmt("2026-06-02").background().color().name() != SHOWN_STORE_BG
    picker.button.menu().aboutToShow.emit()
    assert fmt("2026-06-02").background().color().name() == SHOWN_STORE_BG
    assert fmt("2026-06-01").font().bold()
    assert fmt("2026-05-31").foreground().color().name() == CLOSED_FG     # a Sunday
    assert fmt("2026-05-01").foreground().color().name() == CLOSED_FG     # Labour Day
    assert fmt("2026-05-29").foreground().color().name() != CLOSED_FG     # a Friday session
