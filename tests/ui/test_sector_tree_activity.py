"""The sector tree's 换手 and 量比 cells: values by hand, empty cells with reasons, sorting."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from app.market.sectors import board_summary
from app.market.turnover import activity, minutes_traded, prior_volume
from app.ui.sector_tree import Col, SectorTreeModel
from app.ui.sector_tree.model import SORT_ROLE

DAY = "2026-06-02"
TIP = Qt.ItemDataRole.ToolTipRole
SYMBOLS = ["sh600001", "sh600002", "sh600003", "sh600004", "sh600005"]

FRAME = pd.DataFrame({
    "code": [s[2:] for s in SYMBOLS],
    "name": ["全有", "无股本", "两日史", "新股", "停牌股"],
    "board": "sse_main", "last": [10.5, 10.2, 9.9, 10.0, np.nan], "prev_close": 10.0,
    "pct_chg": [5.0, 2.0, -1.0, 0.0, np.nan], "amount": 1e8, "float_cap": 1e9,
    "suspended": [False, False, False, False, True],
    "state": "none", "at_limit_up": False, "at_limit_down": False,
    "volume": [6_420_000.0, 3_000_000.0, 600_000.0, 800_000.0, 0.0],
    "float_shares": [200_000_000.0, np.nan, 60_000_000.0, 40_000_000.0, 1e8],
}, index=SYMBOLS)
MEMBERS = pd.DataFrame({"sector_id": "BK1", "name": "测试", "kind": "concept", "parent_id": None,
                        "symbol": SYMBOLS})
PRIOR = ["2026-05-26", "2026-05-27", "2026-05-28", "2026-05-29", "2026-06-01"]


def _history() -> pd.DataFrame:
    rows = [(d, "sh600001", v) for d, v in zip(PRIOR, [20e6, 25e6, 27.76e6, 30e6, 36.04e6])]
    rows += [(d, "sh600002", 2e6) for d in PRIOR]
    rows += [(d, "sh600003", v) for d, v in zip(PRIOR[-2:], [500_000.0, 700_000.0])]
    rows += [(d, "sh600005", 1e6) for d in PRIOR]
    return pd.DataFrame(rows, columns=["date", "symbol", "volume"])


def _model(time: str = "10:00", frame: pd.DataFrame = FRAME, with_activity: bool = True):
    model = SectorTreeModel()
    act = activity(frame, prior_volume(_history(), DAY), minutes_traded(time)) if with_activity \
        else None
    model.set_snapshot(frame, board_summary(frame, MEMBERS), MEMBERS, session=DAY, activity=act)
    return model


def _cell(model, name: str, col: Col):
    sector = model.sector_index("BK1")
    for r in range(model.rowCount(sector)):
        if model.index(r, 0, sector).data() == name:
            return model.index(r, col, sector)
    raise AssertionError(name)


def test_a_member_with_volume_float_shares_and_five_sessions(qtbot):
    m = _model()
    # 6,420,000 / 200,000,000 = 3.21 %
    assert _cell(m, "全有", Col.TURNOVER_RATE).data() == "3.21%"
    # (6,420,000 / 30 min) / ((20 + 25 + 27.76 + 30 + 36.04)e6 / 5 / 240) = 214,000 / 115,666.7
    assert _cell(m, "全有", Col.VOL_RATIO).data() == "1.85"
    assert _cell(m, "全有", Col.VOL_RATIO).data(SORT_ROLE) == pytest.approx(1.850144, rel=1e-5)
    tip = _cell(m, "全有", Col.VOL_RATIO).data(TIP)
    assert "30 分钟" in tip and "前 5 个交易日" in tip and "只有" not in tip
    assert "6,420,000" in _cell(m, "全有", Col.TURNOVER_RATE).data(TIP)


def _sector_cell(model, sector_id: str, col: Col):
    sector = model.sector_index(sector_id)
    return model.index(sector.row(), col, sector.parent())


def test_the_sector_row_sums_its_members(qtbot):
    m = _model()
    # 换手: (6.42 + 0.6 + 0.8) M shares of (200 + 60 + 40) M float shares = 2.607 %; 无股本 has no
    # float shares and 停牌股 is suspended: both left out.
    cell = _sector_cell(m, "BK1", Col.TURNOVER_RATE)
    assert cell.data() == "2.61%"
    assert cell.data(SORT_ROLE) == pytest.approx(7.82e6 / 300e6 * 100)
    assert "7,820,000" in cell.data(TIP) and "300,000,000" in cell.data(TIP)
    assert "3" in cell.data(TIP) and "5" in cell.data(TIP)          # 3 of its 5 members
    # 量比 at 10:00: (6.42 + 3 + 0.6) M shares ÷ 30 min over (27.76 + 2 + 0.6) M ÷ 240 = 2.640;
    # 新股 has no earlier bars, 停牌股 is suspended.
    cell = _sector_cell(m, "BK1", Col.VOL_RATIO)
    assert cell.data() == "2.64"
    assert cell.data(SORT_ROLE) == pytest.approx(10.02e6 / 30 / (30.36e6 / 240))
    assert "10,020,000" in cell.data(TIP) and "30 分钟" in cell.data(TIP)


def test_a_sector_of_members_without_the_data_is_empty_with_a_reason(qtbot):
    frame = FRAME.assign(float_shares=np.nan)
    m = _model(frame=frame, with_activity=False)      # no float shares, no earlier sessions
    for col, words in ((Col.TURNOVER_RATE, "流通股本"), (Col.VOL_RATIO, "量比")):
        cell = _sector_cell(m, "BK1", col)
        assert cell.data() == "" and cell.data(SORT_ROLE) is None
        assert words in cell.data(TIP)


def test_sorting_sectors_by_turnover_rate_and_volume_ratio(qtbot):
    members = pd.concat([MEMBERS, pd.DataFrame({"sector_id": "BK2", "name": "单只", "kind": "concept",
                                                "parent_id": None, "symbol": ["sh600001"]})])
    m = SectorTreeModel()
    act = activity(FRAME, prior_volume(_history(), DAY), minutes_traded("10:00"))
    m.set_snapshot(FRAME, board_summary(FRAME, members), members, session=DAY, activity=act)
    group = m.group_index("concept")

    def sectors() -> list[str]:
        return [m.index(r, 0, group).data() for r in range(m.rowCount(group))]

    assert _sector_cell(m, "BK2", Col.TURNOVER_RATE).data() == "3.21%"   # its one member's
    assert _sector_cell(m, "BK2", Col.VOL_RATIO).data() == "1.85"
    m.sort(Col.VOL_RATIO, Qt.SortOrder.DescendingOrder)
    assert sectors() == ["测试", "单只"]          # 2.64, 1.85
    m.sort(Col.TURNOVER_RATE, Qt.SortOrder.DescendingOrder)
    assert sectors() == ["单只", "测试"]          # 3.21 %, 2.61 %
    m.sort(Col.TURNOVER_RATE, Qt.SortOrder.AscendingOrder)
    assert sectors() == ["测试", "单只"]


def test_no_float_shares_is_empty_with_its_reason(qtbot):
    m = _model()
    cell = _cell(m, "无股本", Col.TURNOVER_RATE)
    assert cell.data() == "" and cell.data(SORT_ROLE) is None
    assert "没有流通股本" in cell.data(TIP)
    # its 量比 does not need float shares: (3,000,000 / 30) / (2,000,000 / 240) = 12.00
    assert _cell(m, "无股本", Col.VOL_RATIO).data() == "12.00"


def test_fewer_than_five_sessions_and_none(qtbot):
    m = _model()
    # (600,000 / 30) / (600,000 / 240) = 8.00 from the two sessions there are
    assert _cell(m, "两日史", Col.VOL_RATIO).data() == "8.00"
    assert "只有 2 个" in _cell(m, "两日史", Col.VOL_RATIO).data(TIP)
    assert _cell(m, "新股", Col.VOL_RATIO).data() == ""
    assert "无法计算量比" in _cell(m, "新股", Col.VOL_RATIO).data(TIP)
    assert _cell(m, "新股", Col.TURNOVER_RATE).data() == "2.00%"
    for col in (Col.TURNOVER_RATE, Col.VOL_RATIO):
        assert _cell(m, "停牌股", col).data() == ""
        assert "停牌" in _cell(m, "停牌股", col).data(TIP)


def test_sorting_by_volume_ratio_keeps_the_empty_last(qtbot):
    m = _model()
    sector = m.sector_index("BK1")

    def names() -> list[str]:
        return [m.index(r, 0, sector).data() for r in range(m.rowCount(sector))]

    m.sort(Col.VOL_RATIO, Qt.SortOrder.DescendingOrder)
    assert names()[:3] == ["无股本", "两日史", "全有"]          # 12.00, 8.00, 1.85
    assert set(names()[3:]) == {"新股", "停牌股"}
    m.sort(Col.VOL_RATIO, Qt.SortOrder.AscendingOrder)
    assert names()[:3] == ["全有", "两日史", "无股本"]
    m.sort(Col.TURNOVER_RATE, Qt.SortOrder.DescendingOrder)
    assert names()[:3] == ["全有", "新股", "两日史"]           # 3.21 %, 2.00 %, 1.00 %


def test_a_later_minute_updates_the_cells_in_place(qtbot):
    m = _model()
    changed = []
    m.dataChanged.connect(lambda a, b, *_: changed.append((a.column(), b.column())))
    later = FRAME.assign(volume=FRAME["volume"] * 2)
    m.set_snapshot(later, board_summary(later, MEMBERS), session=DAY,
                   activity=activity(later, prior_volume(_history(), DAY), minutes_traded("10:30")))
    assert _cell(m, "全有", Col.TURNOVER_RATE).data() == "6.42%"
    # twice the volume in twice the minutes: the same ratio
    assert _cell(m, "全有", Col.VOL_RATIO).data() == "1.85"
    assert _sector_cell(m, "BK1", Col.TURNOVER_RATE).data() == "5.21%"     # 15.64 M of 300 M
    assert any(c0 <= Col.TURNOVER_RATE <= c1 for c0, c1 in changed)


def test_without_the_loaders_activity_the_ratio_says_why(qtbot):
    m = _model(with_activity=False)
    assert _cell(m, "全有", Col.TURNOVER_RATE).data() == "3.21%"
    assert _cell(m, "全有", Col.VOL_RATIO).data() == ""
    assert _cell(m, "全有", Col.VOL_RATIO).data(TIP)


def test_headers(qtbot):
    m = _model()
    assert m.headerData(Col.TURNOVER_RATE, Qt.Orientation.Horizontal) == "换手"
    assert m.headerData(Col.VOL_RATIO, Qt.Orientation.Horizontal) == "量比"
    assert "240" in m.headerData(Col.VOL_RATIO, Qt.Orientation.Horizontal, TIP)
