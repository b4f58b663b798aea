"""The drill-down and the limit list read whole on a laptop screen, in Chinese.

The real main window on the demo at 11:30, fitted to each screen size as a first open is, with the
app's CJK font (the ``qapp`` fixture makes the application as the viewer does): the CPO sector
expanded, its six drill-down columns (名称 涨幅 涨停/跌停 成交额 换手 量比) lie wholly inside the
tree's viewport with their header labels whole, even beside a sort arrow, and the members' figures
fit their cells; the limit list shows code, name, state, 首封时间, 最后封板, 炸板 and N连板 without
scrolling from 1366×768 up.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from app.ui.limit_list_model import LCol
from app.ui.main_window import MainWindow
from app.ui.sector_tree.arrays import Col
from app.ui.sector_tree.roles import NODE_KIND_ROLE
from app.ui.sector_tree.widths import DRILL_DOWN, cell_need, header_need

SIZES = [(1280, 720), (1366, 768), (1600, 1000), (1920, 1080)]
DRILL_DOWN_ZH = ["名称", "涨幅%", "涨停/跌停", "成交额(亿)", "换手", "量比"]
FIGURES = (Col.PCT, Col.AMOUNT, Col.TURNOVER_RATE, Col.VOL_RATIO)
LIST_FIRST = (LCol.CODE, LCol.NAME, LCol.STATE, LCol.FIRST_SEAL, LCol.LAST_SEAL, LCol.OPENS,
              LCol.STREAK)


@pytest.fixture(scope="module", params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def window(request, demo_store, qapp, tmp_path_factory):  # type: ignore[no-untyped-def]
    """One window per size for the module's tests (opening one takes seconds), each a first open:
    settings of its own, so no size restores another's saved layout."""
    from PySide6.QtCore import QSettings
    from pytestqt.qtbot import QtBot

    old = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))
    qtbot = QtBot(request)
    win = MainWindow(demo_store, "2026-06-02", "11:30")
    win.fit_to(QRect(0, 0, *request.param))
    with qtbot.waitSignal(win.view_applied, timeout=60_000):
        win.show()
    qtbot.wait(200)            # the deferred dock sizes and the tabs' refresh
    tree = win.panels.sectors
    assert tree.expand_sector(tree.model.find_sectors("CPO")[0])
    qtbot.wait(50)
    yield win, request.param
    win.close()
    win.deleteLater()
    qtbot.wait(10)
    QSettings.setDefaultFormat(old)


def _inside(header, col: int, width: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    x = header.sectionViewportPosition(col)
    w = header.sectionSize(col)
    assert not header.isSectionHidden(col)
    assert x >= 0 and x + w <= width, (
        f"{header.model().headerData(col, Qt.Orientation.Horizontal)}: {x}..{x + w} "
        f"outside the viewport's {width} px")
    return x, w


def test_drill_down_columns_inside_the_tree(window):  # type: ignore[no-untyped-def]
    win, size = window
    tree = win.panels.sectors.tree
    header = tree.header()
    model = tree.model()
    assert tree.font().family() in {"Noto Sans CJK SC", "Source Han Sans SC",
                                    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"}, tree.font()
    labels = [model.headerData(int(c), Qt.Orientation.Horizontal) for c in DRILL_DOWN]
    assert labels == DRILL_DOWN_ZH                       # the interface is in Chinese
    # In this order from the left, before every other column.
    assert [header.visualIndex(int(c)) for c in DRILL_DOWN] == list(range(6))
    width = tree.viewport().width()
    for col, label in zip(DRILL_DOWN, labels):
        _, w = _inside(header, int(col), width)
        # Not elided: the label fits beside the sort arrow (any column may be the sort key).
        assert header.fontMetrics().horizontalAdvance(label) <= w
        assert header_need(header, label) <= w, f"{label} ({size}): needs {header_need(header, label)}, has {w}"
    assert tree.horizontalScrollBar().value() == 0


def test_members_figures_fit_their_cells(window):  # type: ignore[no-untyped-def]
    win, _ = window
    w = win.panels.sectors
    tree, model = w.tree, w.model
    cpo = model.sector_index(model.find_sectors("CPO")[0])
    assert tree.isExpanded(cpo)
    members = [model.index(r, 0, cpo) for r in range(model.rowCount(cpo))]
    assert len(members) >= 10
    assert all(m.data(NODE_KIND_ROLE) == "stock" for m in members)
    fm = QFontMetrics(tree.font())
    header = tree.header()
    shown = 0
    for m in members:
        for col in FIGURES:
            text = model.index(m.row(), int(col), cpo).data()
            if text:
                shown += 1
                assert cell_need(fm, text) <= header.sectionSize(int(col)), (col, text)
    assert shown >= 3 * len(members)          # the demo's members have these figures
    # The badges the delegate would draw fit the limit column (it drops a badge rather than clip).
    delegate, option = tree.itemDelegate(), _option(tree)
    for m in members:
        idx = model.index(m.row(), int(Col.LIMIT), cpo)
        assert delegate.sizeHint(option, idx).width() <= header.sectionSize(int(Col.LIMIT)), idx.data()


def _option(tree):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QStyleOptionViewItem

    opt = QStyleOptionViewItem()
    opt.initFrom(tree)
    opt.font = tree.font()
    return opt


def test_limit_list_reads_without_scrolling(window):  # type: ignore[no-untyped-def]
    win, size = window
    table = win.panels.limits.table
    header = table.horizontalHeader()
    model = table.model()
    width = table.viewport().width()
    assert model.headerData(LCol.FIRST_SEAL, Qt.Orientation.Horizontal) == "首封时间"
    if size[0] < 1366:
        pytest.skip("below 1366 px the list scrolls sideways for its later columns")
    for col in LIST_FIRST:
        label = model.headerData(col, Qt.Orientation.Horizontal)
        _, w = _inside(header, col, width)
        assert header.fontMetrics().horizontalAdvance(label) <= w, label
    fm = table.fontMetrics()
    for row in range(model.rowCount()):
        for col in LIST_FIRST:
            text = model.index(row, col).data() or ""
            assert fm.horizontalAdvance(text) <= header.sectionSize(col) - 4 or col == LCol.NAME, \
                (col, text)
    # The reason tag is in view too, elided if it must be, its tooltip whole.
    x = header.sectionViewportPosition(LCol.REASON)
    assert x + header.sectionSize(LCol.REASON) <= width
    row = next(r for r in range(model.rowCount()) if model.index(r, LCol.REASON).data())
    reason = model.index(row, LCol.REASON).data()
    assert reason in model.index(row, LCol.REASON).data(Qt.ItemDataRole.ToolTipRole)


def test_sector_rows_show_turnover_rate_and_volume_ratio(window):  # type: ignore[no-untyped-def]
    win, size = window
    if size != SIZES[0]:
        pytest.skip("the same data at every size: checked once")
    model = win.panels.sectors.model
    cpo = model.sector_index(model.find_sectors("CPO")[0])
    row = lambda col: model.index(cpo.row(), int(col), cpo.parent())  # noqa: E731
    assert row(Col.TURNOVER_RATE).data().endswith("%")
    assert float(row(Col.VOL_RATIO).data()) > 0
    # A board counts each of its stocks once, a level-1 industry all of its children's: the
    # members behind the figures are the members the tree counts.
    assert np.array_equal(model._board.members, model._sc.n)
    industries = model.group_index("industry")
    first = model.index(0, 0, industries)
    assert model.hasChildren(first) and model.index(0, 0, first).data(NODE_KIND_ROLE) == "sector"
    assert model.index(0, int(Col.TURNOVER_RATE), industries).data()
