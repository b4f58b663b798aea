"""Per-minute breadth of hand-made cross-sections, and the turnover comparison."""

import math

import numpy as np
import pandas as pd
import pytest

from app.market.breadth_series import (SERIES_COLUMNS, TurnoverComparison, breadth_series,
                                       compare_turnover, session_curves, turnover_at,
                                       turnover_comparison)

DATE = "2026-06-02"
COLS = ["symbol", "board", "name", "list_date", "float_shares", "last", "prev_close",
        "open", "high", "low", "volume", "amount"]


def _cs(rows):
    return pd.DataFrame(rows, columns=COLS).set_index("symbol")


def _minute(main_last, main_high, cum):
    """A six-stock market at one minute; ``cum`` scales the cumulative amounts."""
    return _cs([
        # main board: the only stock that moves between minutes (sealed at 10:00, broken at 11:30)
        ("sh600001", "sse_main", "甲", "2010-01-04", 1e9, main_last, 10.00, 10.00, main_high, 10.00,
         1e6 * cum, 1e7 * cum),
        # suspended all session
        ("sh600002", "sse_main", "乙", "2010-01-04", 1e9, np.nan, 8.00, np.nan, np.nan, np.nan,
         0, 0),
        # ChiNext at +10 %: its band is 20 %, so not limit-up
        ("sz300001", "chinext", "丙", "2015-01-05", 1e9, 11.00, 10.00, 10.00, 11.00, 10.00,
         1e6 * cum, 2e7 * cum),
        # *ST main board at +5 % on 2026-06-02: limit-up (5 % band before 2026-07-06)
        ("sz000003", "szse_main", "*ST丁", "2010-01-04", 1e9, 2.10, 2.00, 2.00, 2.10, 2.00,
         1e6 * cum, 3e6 * cum),
        # down 4 %
        ("sh600006", "sse_main", "戊", "2010-01-04", 1e9, 9.60, 10.00, 10.00, 10.00, 9.50,
         1e6 * cum, 1e7 * cum),
        # flat
        ("sh600005", "sse_main", "己", "2010-01-04", 1e9, 5.00, 5.00, 5.00, 5.05, 4.95,
         1e6 * cum, 5e6 * cum),
    ])


SESSION = {
    "10:00": _minute(11.00, 11.00, 2),     # sealed at 11.00
    "09:30": _minute(10.00, 10.00, 1),     # flat at the open
    "11:30": _minute(10.80, 11.00, 3),     # broken
}


def test_counts_per_minute():
    s = breadth_series(SESSION, DATE)
    assert tuple(s.columns) == SERIES_COLUMNS
    assert list(s["time"]) == ["09:30", "10:00", "11:30"]        # session order, not dict order
    rows = {r.time: r for r in s.itertuples(index=False)}
    r = rows["09:30"]
    assert (r.stocks, r.up, r.down, r.flat, r.suspended) == (6, 2, 1, 2, 1)
    assert (r.limit_up, r.limit_down, r.broken) == (1, 0, 0)     # only the *ST stock
    r = rows["10:00"]
    assert (r.up, r.down, r.flat, r.suspended) == (3, 1, 1, 1)
    assert (r.limit_up, r.limit_down, r.broken) == (2, 0, 0)     # main board sealed + *ST
    r = rows["11:30"]
    assert (r.up, r.down, r.flat, r.suspended) == (3, 1, 1, 1)
    assert (r.limit_up, r.limit_down, r.broken) == (1, 0, 1)     # ChiNext +10 % never counted
    assert list(s["turnover_yuan"]) == pytest.approx([4.8e7, 9.6e7, 1.44e8])
    assert s["up"].dtype == np.int64


def test_accepts_pairs_and_normalises_times():
    s = breadth_series([("0930", SESSION["09:30"]), ("11:30:00", SESSION["11:30"])], DATE)
    assert list(s["time"]) == ["09:30", "11:30"]
    assert breadth_series({}, DATE).columns.tolist() == list(SERIES_COLUMNS)


def test_new_symbols_later_in_the_session_get_their_band():
    late = pd.concat([SESSION["11:30"], _cs([
        ("sz000009", "szse_main", "ST庚", "2010-01-04", 1e9, 4.20, 4.00, 4.00, 4.20, 4.00,
         1e6, 1e6)])])
    s = breadth_series({"09:30": SESSION["09:30"], "11:30": late}, DATE)
    assert list(s["limit_up"]) == [1, 2]
    assert list(s["stocks"]) == [6, 7]


def _frame(times, turnover):
    return pd.DataFrame({"time": times, "turnover_yuan": turnover})


def test_turnover_comparison_at_the_same_clock_time():
    today = _frame(["09:30", "10:30", "11:30", "13:01"], [1e11, 9e11, 1.81e12, 1.83e12])
    prior = _frame(["09:30", "10:30", "11:30", "15:00"], [1.2e11, 1e12, 1.86e12, 2.9e12])
    c = turnover_comparison(today, prior, "11:30")
    assert isinstance(c, TurnoverComparison)
    assert (c.time, c.today, c.prior) == ("11:30", 1.81e12, 1.86e12)
    assert c.diff_pct == pytest.approx((1.81 / 1.86 - 1) * 100)
    assert c.diff_pct == pytest.approx(-2.688, abs=1e-3)
    # Between rows: both sides are read at today's last row at or before the asked time.
    c = turnover_comparison(today, prior, "11:00")
    assert (c.time, c.today, c.prior) == ("10:30", 9e11, 1e12)
    assert c.diff_pct == pytest.approx(-10.0)
    # The lunch break maps to 11:30; the prior session lacks 13:01, so its 11:30 row is used.
    assert turnover_comparison(today, prior, "12:15").time == "11:30"
    c = turnover_comparison(today, prior, "13:01")
    assert c.prior == 1.86e12


def test_turnover_comparison_without_a_prior_session():
    today = _frame(["09:30", "11:30"], [1e11, 1.81e12])
    for prior in (None, _frame([], []), _frame(["11:30"], [0.0])):
        c = turnover_comparison(today, prior, "11:30")
        assert c.today == 1.81e12 and math.isnan(c.diff_pct)
    c = turnover_comparison(_frame([], []), None, "11:30")
    assert math.isnan(c.today) and c.time == "11:30"
    assert math.isnan(turnover_at(today, "09:25")) is False       # 09:25 clamps to slot 0
    assert turnover_at(today, "09:25") == 1e11


def _series_frame(times, up, down, lu, ld, turnover):
    return pd.DataFrame({"time": times, "up": up, "down": down, "limit_up": lu,
                         "limit_down": ld, "turnover_yuan": turnover})


def test_session_curves_are_slot_ordered_arrays():
    # Out of order, one time in another spelling, and the lunch break (12:00 sits on 11:30's slot).
    frame = _series_frame(["10:30", "09:30", "1300", "11:30", "13:01"],
                          [30, 10, 50, 40, 60], [3, 1, 5, 4, 6], [3, 1, 5, 4, 6],
                          [0, 0, 0, 1, 1], [3e11, 1e11, 5e11, 4e11, 6e11])
    c = session_curves(frame)
    assert c.slots.tolist() == [0.0, 60.0, 120.0, 120.0, 121.0]
    assert c.times == ("09:30", "10:30", "13:00", "11:30", "13:01")    # stable for equal slots
    assert c.advance.tolist() == [9.0, 27.0, 45.0, 36.0, 54.0]
    assert c.turnover.tolist() == [1e11, 3e11, 5e11, 4e11, 6e11]
    assert c.advance_range == (9.0, 54.0) and c.limit_max == 6.0 and c.turnover_max == 6e11
    assert not c.slots.flags.writeable and not c.turnover.flags.writeable
    # A minute is a slice: rows at or before the slot.
    assert [c.upto(s) for s in (-1, 0, 59, 60, 120, 240)] == [0, 1, 1, 2, 4, 5]
    # The row read at a slot is the first of its latest slot, as turnover_comparison reads it.
    assert c.row_at_or_before(120) == 2 and c.row_at_or_before(-1) is None
    assert c.turnover_at(130) == 6e11 and math.isnan(c.turnover_at(-1))


def test_session_curves_of_nothing_and_of_missing_columns():
    for frame in (None, pd.DataFrame(), _frame([], [])):
        c = session_curves(frame)
        assert len(c) == 0 and c.upto(100) == 0 and c.row_at_or_before(100) is None
        assert math.isnan(c.turnover_max) and math.isnan(c.advance_range[0])
    c = session_curves(_frame(["09:30", "10:00"], [1e11, np.nan]))     # turnover only
    assert np.isnan(c.advance).all() and np.isnan(c.limit_up).all()
    assert math.isnan(c.limit_max) and c.turnover_max == 1e11


def test_compare_turnover_on_curves_equals_turnover_comparison():
    today = _frame(["09:30", "10:30", "11:30", "13:01"], [1e11, 9e11, 1.81e12, 1.83e12])
    prior = _frame(["09:30", "10:30", "11:30", "15:00"], [1.2e11, 1e12, 1.86e12, 2.9e12])
    t, p = session_curves(today), session_curves(prior)
    for time in ("09:25", "09:30", "11:00", "11:30", "12:15", "13:01", "14:59", "15:00"):
        assert compare_turnover(t, p, time) == turnover_comparison(today, prior, time)
    c = compare_turnover(t, None, "11:30")
    assert c.today == 1.81e12 and math.isnan(c.prior) and math.isnan(c.diff_pct)
    assert compare_turnover(session_curves(None), p, "11:30").time == "11:30"
