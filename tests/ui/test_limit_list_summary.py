"""The limit list's summary line: counts, and on a daily-only day why the seal columns are empty."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.market.limit_list import LIMIT_LIST_COLUMNS, LimitList
from app.ui.limit_list import LimitListWidget


def _rows(first_seal: list[object]) -> pd.DataFrame:
    n = len(first_seal)
    frame = pd.DataFrame({c: [None] * n for c in LIMIT_LIST_COLUMNS})
    frame["symbol"] = [f"sh60000{i}" for i in range(n)]
    frame["code"] = [f"60000{i}" for i in range(n)]
    frame["name"] = [f"样本{i}" for i in range(n)]
    frame["kind"] = ["limit_up"] * (n - 1) + ["limit_down"]
    frame["state"] = frame["kind"]
    frame["pct_chg"] = [10.0] * (n - 1) + [-10.0]
    frame["opens"] = np.zeros(n)
    frame["streak"] = np.ones(n)
    frame["seal_amount"] = np.full(n, np.nan)
    frame["first_seal"] = first_seal
    frame["last_seal"] = first_seal
    return frame


def test_a_daily_only_list_says_it_has_no_seal_times(qtbot) -> None:
    widget = LimitListWidget()
    qtbot.addWidget(widget)
    widget.set_list(LimitList(_rows([None, None, None])))
    assert widget.summary.text().startswith("涨停 2")
    assert "无封板时间" in widget.summary.text()
    widget.set_list(LimitList(_rows(["09:31", "10:02", None])))   # minutes: seal times known
    assert "无封板时间" not in widget.summary.text()
