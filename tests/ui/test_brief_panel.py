"""The brief panel: bullets from a view, clicks emit the finding's target, the 中/EN toggle, the
empty state, the export, and the same number formats as the breadth panel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from app.market.breadth import breadth_counts
from app.market.brief import brief, findings
from app.market.brief_text import pct, yuan_zh
from app.market.sectors import board_summary
from app.market.snapshot import enrich
from app.session.view import IndexSeries, SessionView
from app.ui.breadth._style import pct_text, yuan_text
from app.ui.brief_panel import BriefPanel, brief_file_name, export_brief
from app.store.reader import StoreReader

DATE = "2026-06-02"
COLS = ["symbol", "code", "market", "board", "name", "list_date", "float_shares", "last",
        "prev_close", "open", "high", "low", "volume", "amount"]
# (symbol, name, last, in the CPO board) with prev_close 10.00 on a ±10 % board
ROWS = [("sh601869", "长飞光纤", 11.00, True), ("sh600487", "亨通光电", 11.00, True),
        ("sz002281", "光迅科技", 10.50, True), ("sh600498", "烽火通信", 10.40, True),
        ("sz000988", "华工科技", 10.20, True), ("sh601100", "甲", 9.80, False),
        ("sh601101", "乙", 9.70, False), ("sh601102", "丙", 9.60, False)]


def make_view(time: str = "11:30", chinext_close: float = 2043.0) -> SessionView:
    rows = [(s, s[2:], s[:2], "sse_main" if s[:2] == "sh" else "szse_main", n, "2015-01-05", 1e8,
             last, 10.0, 10.0, max(last, 10.0), min(last, 10.0), 1e6, 2e11)
            for s, n, last, _ in ROWS]
    enriched = enrich(pd.DataFrame(rows, columns=COLS).set_index("symbol"), DATE)
    enriched["streak"] = np.where(enriched["at_limit_up"], 1.0, np.nan)
    enriched.loc["sh601869", "streak"] = 2.0
    membership = pd.DataFrame([("bk_cpo", "CPO", "concept", None, s)
                               for s, _n, _l, cpo in ROWS if cpo],
                              columns=["sector_id", "name", "kind", "parent_id", "symbol"])
    mins = pd.DataFrame({"time": ["09:30", time], "open": 2000.0, "high": 2000.0, "low": 2000.0,
                         "close": [2000.0, chinext_close], "volume": 1.0, "amount": 1.0})
    sse = mins.assign(close=[3400.0, 3398.2])
    return SessionView(
        date=DATE, time=time, times=("09:30", time), prior_date=None, enriched=enriched,
        counts=breadth_counts(enriched), review=pd.DataFrame(), series=pd.DataFrame(),
        prior_series=pd.DataFrame(), membership=membership,
        summary=board_summary(enriched, membership),
        indices={"sz399006": IndexSeries("sz399006", "创业板指", 2000.0, mins),
                 "sh000001": IndexSeries("sh000001", "上证指数", 3400.0, sse)})


@pytest.fixture
def panel(qtbot):
    p = BriefPanel()
    qtbot.addWidget(p)
    p.resize(460, 600)
    p.show()
    qtbot.waitExposed(p)
    return p


def test_set_view_shows_one_bullet_per_finding(panel):
    view = make_view()
    panel.set_view(view)
    expected = brief(view, "zh")
    assert len(panel.bullets) == len(findings(view)) == len(expected) >= 4
    assert [b.text for b in panel.bullets] == [i.text for i in expected]
    assert not panel.empty.isVisible()
    assert panel.title.text() == "2026-06-02 11:30 午间要点"
    assert panel.bullets[0].text.startswith("创业板指 +2.15%")


def test_clicking_a_bullet_emits_its_target(panel, qtbot):
    view = make_view()
    panel.set_view(view)
    kinds = set()
    for bullet in panel.bullets:
        target = bullet.item.finding.target
        if target is None:
            with qtbot.assertNotEmitted(panel.finding_activated):
                qtbot.mouseClick(bullet, Qt.MouseButton.LeftButton)
            continue
        with qtbot.waitSignal(panel.finding_activated, timeout=1000) as sig:
            qtbot.mouseClick(bullet.label, Qt.MouseButton.LeftButton)   # the text, not the margin
        assert sig.args == [target]
        kinds.add(target["kind"])
    assert kinds == {"index", "sector", "stock"}
    first = panel.bullets[0]
    assert first.item.finding.target == {"kind": "index", "id": "sz399006", "time": "11:30"}


def test_enter_on_a_focused_bullet_emits(panel, qtbot):
    panel.set_view(make_view())
    bullet = next(b for b in panel.bullets if b.target is not None)
    bullet.setFocus()
    with qtbot.waitSignal(panel.finding_activated, timeout=1000) as sig:
        qtbot.keyClick(bullet, Qt.Key.Key_Return)
    assert sig.args == [bullet.target]


def test_language_toggle_rewrites_the_bullets(panel, qtbot):
    view = make_view()
    panel.set_view(view)
    with qtbot.waitSignal(panel.language_changed, timeout=1000) as sig:
        qtbot.mouseClick(panel.en_button, Qt.MouseButton.LeftButton)
    assert sig.args == ["en"] and panel.lang == "en"
    assert [b.text for b in panel.bullets] == [i.text for i in brief(view, "en")]
    assert panel.title.text() == "Midday brief, 2026-06-02 11:30"
    # a new minute keeps the chosen language
    panel.set_view(make_view(time="10:00", chinext_close=2010.0))
    assert panel.bullets[0].text.startswith("ChiNext led the main indices at +0.50%")
    assert panel.title.text() == "Intraday brief, 2026-06-02 10:00"
    qtbot.mouseClick(panel.zh_button, Qt.MouseButton.LeftButton)
    assert panel.bullets[0].text.startswith("创业板指 +0.50%")


def test_the_panel_follows_the_minute(panel):
    panel.set_view(make_view())
    assert "+2.15%" in panel.bullets[0].text
    panel.set_view(make_view(time="10:00", chinext_close=2010.0))
    assert "+0.50%" in panel.bullets[0].text
    assert all(b.item.finding.target is None or b.item.finding.target["time"] == "10:00"
               for b in panel.bullets)


def test_empty_states(panel):
    assert panel.empty.isVisible() and not panel.bullets
    panel.set_view(make_view())
    panel.set_view(None)
    assert panel.empty.isVisible() and not panel.bullets


def test_copy_as_markdown(panel):
    view = make_view()
    panel.set_view(view)
    panel.copy_markdown()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("## 2026-06-02 11:30 午间要点")
    assert [ln[2:] for ln in text.splitlines() if ln.startswith("- ")] == \
        [b.text for b in panel.bullets]


def test_numbers_use_the_breadth_panels_formats():
    for v in (2.150062, -0.0527, 0.0, -0.004, 12.3456, float("nan")):
        assert pct(v) == pct_text(v)
    for v in (1.81e12, 1.859999e12, 8.5e11, 6.24e10, 3.2e8, 5e6):
        assert yuan_zh(v) == yuan_text(v)


def _ink(img: QImage) -> int:
    """Non-white pixels on a coarse grid: a blank render has none."""
    return sum(img.pixelColor(x, y).lightness() < 200
               for x in range(0, img.width(), 3) for y in range(0, img.height(), 3))


def test_export_writes_markdown_and_png(tmp_path, qtbot):
    view = make_view()
    paths = export_brief(view, tmp_path, "en", store_name="hand.sqlite")
    assert [p.name for p in paths] == [brief_file_name(DATE, "11:30", "en", "md"),
                                       brief_file_name(DATE, "11:30", "en", "png")]
    assert paths[0].name == "2026-06-02_1130_brief_en.md"
    md = paths[0].read_text(encoding="utf-8")
    assert md.startswith("## Midday brief, 2026-06-02 11:30")
    img = QImage(str(paths[1]))
    assert img.width() == 960 and img.height() > 150
    assert _ink(img) > 200


def test_demo_panel_and_export(demo_store, tmp_path, qtbot):
    from app.commands.brief import history_high
    from app.store.connection import open_readonly
    from app.session.loader import SessionLoader

    conn = open_readonly(demo_store)
    try:
        view = SessionLoader(StoreReader(conn)).load("2026-06-02", "11:30")
        lu = list(view.enriched.index[view.enriched["at_limit_up"].to_numpy(dtype=bool)])
        highs = history_high(conn, view.date, lu)
    finally:
        conn.close()
    p = BriefPanel()
    qtbot.addWidget(p)
    p.set_view(view, highs)
    assert p.bullets[0].text.startswith("创业板指 +2.15%")
    assert any("亨通光电" in b.text and "长飞光纤" in b.text for b in p.bullets)
    paths = export_brief(view, tmp_path, "zh", highs, store_name="demo.sqlite")
    assert paths[1].name == "2026-06-02_1130_brief_zh.png"
    assert _ink(QImage(str(paths[1]))) > 500


# -- a minute is cheap: only what changed is touched ---------------------------------------------
class _Events(QObject):
    """Records the events of some types that reach the watched objects."""

    def __init__(self, *types):
        super().__init__()
        self.types = set(types)
        self.seen = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() in self.types:
            self.seen.append((obj, event.type()))
        return False


def _watch(objects, *types):
    QApplication.processEvents()
    spy = _Events(*types)
    for o in objects:
        o.installEventFilter(spy)
    return spy


def test_the_same_minute_again_repaints_and_relayouts_nothing(panel):
    view = make_view()
    panel.set_view(view)
    labels = [b.label for b in panel.bullets]
    spy = _watch([panel, panel.body, *panel.bullets, *labels, panel.title],
                 QEvent.Type.LayoutRequest, QEvent.Type.Paint)
    panel.set_view(make_view())                  # a new view object with the same findings
    QApplication.processEvents()
    assert spy.seen == []
    assert [b.text for b in panel.bullets] == [i.text for i in brief(view, "zh")]


def test_a_new_minute_rewrites_sentences_without_relayout(panel, qtbot):
    panel.set_view(make_view("11:30", chinext_close=2043.0))
    bullets = list(panel.bullets)
    spy = _watch([panel, panel.body, *bullets], QEvent.Type.LayoutRequest)
    panel.set_view(make_view("11:30", chinext_close=2043.2))     # +2.15% → +2.16%
    QApplication.processEvents()
    assert panel.bullets == bullets                                # the same widgets
    assert panel.bullets[0].text.startswith("创业板指 +2.16%")
    assert "+2.16%</span>" in panel.bullets[0].label.text()
    assert spy.seen == []                                          # same heights: no layout
    # A sentence that needs more lines does relayout (so that nothing is clipped).
    label = panel.bullets[0].label
    one = label.height()
    panel.bullets[0].set_text(panel.bullets[0].text * 6)
    QApplication.processEvents()
    assert spy.seen
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()) > 2 * one)


def test_targets_follow_the_minute_on_reused_bullets(panel):
    panel.set_view(make_view("11:30"))
    first = panel.bullets[0]
    panel.set_view(make_view("10:00", chinext_close=2010.0))
    assert panel.bullets[0] is first
    assert first.target == {"kind": "index", "id": "sz399006", "time": "10:00"}
    assert first.toolTip() == "点击查看该指数"
    assert first.focusPolicy() == Qt.FocusPolicy.StrongFocus
