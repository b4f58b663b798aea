"""换手 and 量比: the minute count of the grid, the rates, the 5-session average (hand-computed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from app.market.turnover import (NO_FLOAT, NO_HISTORY, NO_VOLUME, OK, SUSPENDED, activity, aligned,
                                 minutes_traded, prior_volume, turnover_rate, volume_ratio)

DAY = "2026-06-02"


@pytest.mark.parametrize("time, minutes", [
    ("09:30", 1),     # the opening auction's print counts as the first minute
    ("09:31", 1),     # and the first bar is still that minute
    ("09:32", 2), ("10:00", 30), ("11:30", 120), ("13:01", 121), ("14:00", 180),
    ("15:00", 240), (None, 240),   # None: a day known only from its daily bar
])
def test_minutes_traded_on_the_241_slot_grid(time, minutes):
    assert minutes_traded(time) == minutes


def test_turnover_rate_is_volume_over_float_shares_in_percent():
    got = turnover_rate(np.array([3_210_000.0, 5.0, 5.0, np.nan]),
                        np.array([100_000_000.0, np.nan, 0.0, 1e6]))
    assert got[0] == pytest.approx(3.21)
    assert np.isnan(got[1:]).all()          # unknown or zero float shares, unknown volume: no value


def test_volume_ratio_by_hand():
    # 1,200,000 shares in 30 minutes = 40,000 a minute; 4,800,000 a day / 240 = 20,000 a minute
    got = volume_ratio(np.array([1_200_000.0, 1.0, 1.0]), 30, np.array([4_800_000.0, np.nan, 0.0]))
    assert got[0] == pytest.approx(2.0)
    assert np.isnan(got[1]) and np.isnan(got[2])
    # at the close the ratio is the day's volume over the average day
    assert volume_ratio(np.array([6e6]), 240, np.array([4e6]))[0] == pytest.approx(1.5)


def _history() -> pd.DataFrame:
    rows = []
    dates = ["2026-05-25", "2026-05-26", "2026-05-27", "2026-05-28", "2026-05-29", "2026-06-01", DAY]
    for d, v in zip(dates, [999, 1000, 2000, 3000, 4000, 5000, 99999]):
        rows.append((d, "sh600001", v))
    for d, v in zip(dates[3:6], [600, 900, 1500]):          # listed three sessions ago
        rows.append((d, "sh600002", v))
    for d, v in zip(dates[1:6], [100, 0, 200, 300, 400]):   # suspended on 05-27
        rows.append((d, "sh600003", v))
    return pd.DataFrame(rows, columns=["date", "symbol", "volume"])


def test_prior_volume_uses_the_5_sessions_before_the_day_only():
    p = prior_volume(_history(), DAY)
    assert p.window == 5
    # 05-26..06-01: (1000 + 2000 + 3000 + 4000 + 5000) / 5; neither 05-25 nor the day itself
    assert p.average["sh600001"] == pytest.approx(3000.0) and p.sessions["sh600001"] == 5
    assert p.average["sh600002"] == pytest.approx(1000.0) and p.sessions["sh600002"] == 3
    # the suspended day (volume 0) is not a session it traded: (100 + 200 + 300 + 400) / 4
    assert p.average["sh600003"] == pytest.approx(250.0) and p.sessions["sh600003"] == 4


def test_no_earlier_session_gives_no_average():
    p = prior_volume(_history(), "2026-05-25")
    assert p.window == 0 and p.average.empty


def test_activity_values_and_reasons():
    frame = pd.DataFrame({
        "volume": [9000.0, 9000.0, 0.0, 500.0, np.nan],
        "float_shares": [300_000.0, np.nan, 1e6, 1e6, 1e6],
        "suspended": [False, False, True, False, False],
    }, index=["sh600001", "sh600002", "sh600003", "sh600004", "sh600005"])
    a = activity(frame, prior_volume(_history(), DAY), minutes_traded("10:00"))
    assert a.turnover[0] == pytest.approx(3.0)                # 9,000 / 300,000
    assert a.ratio[0] == pytest.approx(24.0)                  # (9000 / 30) / (3000 / 240)
    assert a.ratio[1] == pytest.approx(72.0)                  # (9000 / 30) / (1000 / 240)
    assert list(a.turnover_why) == [OK, NO_FLOAT, SUSPENDED, OK, NO_VOLUME]
    assert list(a.ratio_why) == [OK, OK, SUSPENDED, NO_HISTORY, NO_VOLUME]
    assert np.isnan(a.turnover[[1, 2, 4]]).all() and np.isnan(a.ratio[[2, 3, 4]]).all()
    assert list(a.sessions) == [5, 3, 4, 0, 0]
    assert a.turnover[3] == pytest.approx(0.05)


def test_activity_follows_a_reordered_frame():
    frame = pd.DataFrame({"volume": [9000.0, 600.0], "float_shares": [3e5, 6e5]},
                         index=["sh600001", "sh600002"])
    a = activity(frame, prior_volume(_history(), DAY), 30)
    b = aligned(a, pd.Index(["sh600002", "sh600001"]))
    assert b is not None and list(b.turnover) == pytest.approx([0.1, 3.0])
    assert aligned(a, pd.Index(["sh600002", "sh600009"])) is None
