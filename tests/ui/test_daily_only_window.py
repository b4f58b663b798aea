"""A daily-only day in the window: an index with data is picked, the strip reads its daily close,
the chart opens on 日K and an unknown 成交额 reads as such."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import daily_only_files as files  # noqa: E402

from app.ingest.runner import run_import  # noqa: E402
from app.store.connection import open_readonly  # noqa: E402
from app.session.loader import SessionLoader  # noqa: E402
from app.ui.index_strip import IndexStrip  # noqa: E402
from app.ui.window_painting import daily_level_on, index_level_at  # noqa: E402
from app.ui.panels import Panels, index_with_data  # noqa: E402
from app.store.reader import StoreReader


@pytest.fixture(scope="module")
def view(tmp_path_factory):
    root = tmp_path_factory.mktemp("daily_window")
    run_import(files.write_all(root / "files"), root / "d.sqlite")
    conn = open_readonly(root / "d.sqlite")
    try:
        yield SessionLoader(StoreReader(conn)).load(files.DAY)
    finally:
        conn.close()


def test_index_and_level_from_daily_bars(view):
    assert index_with_data(view, "sz399006") == "sh000001"     # no ChiNext in the store
    assert index_with_data(view, "sz399001") == "sz399001"
    last, pct = index_level_at(view.indices["sh000001"], view.time, view.date)
    level, moves = files.INDICES["sh000001"]
    closes = [level]
    for m in moves:
        closes.append(round(closes[-1] * (1 + m / 100), 2))
    assert last == pytest.approx(closes[-1]) and pct == pytest.approx(moves[-1], abs=0.01)
    assert daily_level_on(view.indices["sh000001"], "2030-01-02") == (None, None)


def test_panels_open_on_daily_k(qtbot, view):
    panels = Panels()
    qtbot.addWidget(panels.charts)
    panels.show_view(view, "sh000001")
    assert panels.charts.mode == "daily"


def test_strip_says_no_turnover_data(qtbot, view):
    strip = IndexStrip()
    qtbot.addWidget(strip)
    strip.set_turnover("15:00", view.counts.turnover_yuan, 1e9)
    assert strip.turnover.value.text() == "—"
    assert strip.turnover.detail.text() in ("no turnover data", "无成交额数据")   # zh when loaded
