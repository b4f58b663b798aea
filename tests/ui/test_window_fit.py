"""The window fits laptop and desktop screens, the chart first, the limit list on the first screen.

Each test opens the main window on the demo at 11:30 constrained to one screen size (offscreen:
``fit_to`` the screen's available geometry, as a first open does) and checks what a user sees.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from app.ui.limit_list_model import KIND_ROLE, SYMBOL_ROLE, LCol
from app.ui.main_window import MainWindow
from app.ui.panels import hidden

pytestmark = pytest.mark.usefixtures("dialogs")   # private settings: a first open every time

SIZES = [(1280, 720), (1366, 768), (1600, 1000), (1920, 1080)]
STORY = ("sh600487", "sh601869")           # 亨通光电, 长飞光纤: sealed at 11:30 on the demo


def _open(qtbot, demo_store, size):  # type: ignore[no-untyped-def]
    win = MainWindow(demo_store, "2026-06-02", "11:30")
    qtbot.addWidget(win)
    win.fit_to(QRect(0, 0, *size))
    with qtbot.waitSignal(win.view_applied, timeout=60_000):
        win.show()
    qtbot.wait(200)            # the deferred dock sizes and the tabs' refresh
    return win


def _on_screen(widget, screen: QRect) -> bool:  # type: ignore[no-untyped-def]
    """Inside its window, and the window no bigger than the screen (offscreen windows sit at a
    frame offset the platform makes up, so positions are taken in the window)."""
    win = widget.window()
    rect = QRect(widget.mapTo(win, QPoint(0, 0)), widget.size())
    return (win.width() <= screen.width() and win.height() <= screen.height()
            and QRect(0, 0, win.width(), win.height()).contains(rect))


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def fitted(request, qtbot, demo_store):  # type: ignore[no-untyped-def]
    win = _open(qtbot, demo_store, request.param)
    yield win, QRect(0, 0, *request.param)
    win.close()


def test_every_dock_and_label_is_on_the_screen(fitted):  # type: ignore[no-untyped-def]
    win, screen = fitted
    assert win.frameGeometry().width() <= screen.width() + 4
    assert win.frameGeometry().height() <= screen.height() + 40
    assert win.width() <= screen.width() and win.height() <= screen.height()
    for key, dock in win._docks.items():
        if hidden(dock.widget()):
            continue                     # a tab behind another: one click away
        assert _on_screen(dock, screen), f"dock {key} leaves the screen: {dock.geometry()}"
    assert _on_screen(win.strip, screen)
    assert _on_screen(win.statusBar(), screen)
    # The index chart keeps priority: it is the tallest and widest panel.
    charts = win.panels.charts
    assert charts.height() >= 0.45 * (win.height() - 150), charts.height()
    assert charts.width() >= 0.55 * win.width()
    for key in ("sectors", "limits", "breadth"):
        assert not hidden(win._docks[key].widget()), f"{key} must show on the first screen"


def test_tile_figures_fit_their_tiles(fitted):  # type: ignore[no-untyped-def]
    win, _ = fitted
    strip = win.strip
    tiles = [*strip._index_tiles.values(), strip.turnover, strip.breadth, strip.limits]
    assert len(tiles) == 8
    for tile in tiles:
        assert tile.isVisible()
        for line in (tile.value, tile.detail):
            text = line.text()
            plain = text if "<" not in text else line._doc.toPlainText()
            need = line.fontMetrics().horizontalAdvance(plain)
            assert need <= line.width(), f"{plain!r} needs {need} px, has {line.width()}"
    assert "2.69%" in strip.turnover.detail.text()      # the key figure is whole


def test_rows_are_not_clipped(fitted):  # type: ignore[no-untyped-def]
    win, _ = fitted
    table = win.panels.limits.table
    tree = win.panels.sectors.tree
    for view in (table, tree):
        fm = view.fontMetrics()
        idx = view.model().index(0, 0)
        assert view.visualRect(idx).height() >= fm.height(), "a row is shorter than its text"
    # Whole rows: the table shows at least eight, the tree at least eight.
    assert table.viewport().height() >= 8 * table.verticalHeader().defaultSectionSize()
    assert tree.viewport().height() >= 8 * tree.visualRect(tree.model().index(0, 0)).height()
    # The state column is wide enough for its longest text.
    model = table.model()
    for row in range(model.rowCount()):
        text = model.index(row, LCol.STATE).data()
        assert table.fontMetrics().horizontalAdvance(text) <= table.columnWidth(LCol.STATE) - 4


def test_story_stocks_at_limit_up_on_the_first_screen(fitted):  # type: ignore[no-untyped-def]
    win, _ = fitted
    table = win.panels.limits.table
    model = table.model()
    viewport = table.viewport().rect()
    seen = {}
    for row in range(model.rowCount()):
        idx = model.index(row, LCol.CODE)
        seen[idx.data(SYMBOL_ROLE)] = (idx.data(KIND_ROLE), model.index(row, LCol.NAME).data(),
                                       viewport.contains(table.visualRect(idx)),
                                       model.index(row, LCol.STATE).data())
    assert seen["sh600487"][:2] == ("limit_up", "亨通光电")
    assert seen["sh601869"][:2] == ("limit_up", "长飞光纤")
    for sym in STORY:
        assert seen[sym][2], f"{sym} is not visible without scrolling"
        assert seen[sym][3] in (model.tr("Limit-up"), model.tr("Re-sealed"), model.tr("One-word"))
    assert not hidden(win._docks["limits"].widget())


def test_sorting_and_selection_sync(qtbot, demo_store):  # type: ignore[no-untyped-def]
    win = _open(qtbot, demo_store, (1366, 768))
    table = win.panels.limits.table
    model = table.model()
    table.sortByColumn(LCol.PCT, Qt.SortOrder.DescendingOrder)
    pct = model.rows()["pct_chg"].to_numpy()
    assert list(pct) == sorted(pct, reverse=True)
    table.sortByColumn(LCol.FIRST_SEAL, Qt.SortOrder.AscendingOrder)
    firsts = [f for f in model.rows()["first_seal"] if f is not None]
    assert firsts == sorted(firsts)

    # A row picked in the list: the chart shows the stock, the tree selects it.
    row = model.row_of("sh600487")
    table.setCurrentIndex(model.index(row, LCol.NAME))
    qtbot.waitUntil(lambda: win.panels.sectors.current_symbol() == "sh600487", timeout=5000)
    assert win.panels.stock == "sh600487"
    # A stock picked in the tree: the list selects its row.
    win.panels.sectors.select_stock("sh601869")
    qtbot.waitUntil(lambda: win.panels.limits.current_symbol() == "sh601869", timeout=5000)
    assert win.panels.stock == "sh601869"
    win.close()


def test_from_1366_the_first_screen_shows_who_carried_the_index(fitted):  # type: ignore[no-untyped-def]
    """The heavy weights are part of the story: from 1366×768 the contributions sit beside the
    counts (not behind a tab), with as many bars as their height holds and a name row each."""
    from app.ui.breadth.concentration_chart import MIN_PER_SIDE, ROW_PX

    win, screen = fitted
    breadth = win.panels.breadth
    if screen.width() < 1366:
        pytest.skip("1280×720: the breadth parts are tabs there")
    assert not breadth.tabbed() and not hidden(breadth.concentration)
    chart = breadth.concentration
    names = chart.bars.names.names()
    assert len(names) >= 2 * MIN_PER_SIDE and names[0] == "中际旭创"
    assert chart.bars.height() >= len(names) * ROW_PX, (chart.bars.height(), len(names))
    # The index chart still has the most room.
    assert win.panels.charts.height() > breadth.height()
