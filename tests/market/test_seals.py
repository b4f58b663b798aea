"""Seal times on hand-made session panels with known answers (DOMAIN.md §2)."""

import time as _time
from datetime import date

import numpy as np
import pandas as pd
import pytest

from app.market.boards import Board
from app.market.limits import band_for, limit_prices
from app.market.seals import SEAL_COLUMNS, seal_times
from app.market.session import session_minutes, slot_of

MINUTES = list(session_minutes())


def path(*segments: tuple[str, float]) -> list[float]:
    """A price path on the 241-slot grid: each (time, price) holds until the next segment."""
    out = [np.nan] * len(MINUTES)
    for i, (t, p) in enumerate(segments):
        end = slot_of(segments[i + 1][0]) if i + 1 < len(segments) else len(MINUTES)
        for s in range(slot_of(t), end):
            out[s] = p
    return out


def limits(board: str, prev: str, on: str, st: bool = False) -> tuple[float, float]:
    up, down = limit_prices(prev, band_for(Board(board), date.fromisoformat(on), st=st))
    return float(up), float(down)


# symbol: (board, prev_close, st, open, path)
CASES = {
    # one-word board: opened at the limit in the auction and never left
    "sh600001": ("sse_main", "10.00", False, 11.00, path(("09:30", 11.00))),
    # sealed at 10:12 and held
    "sh600002": ("sse_main", "10.00", False, 10.20,
                 path(("09:30", 10.20), ("09:50", 10.60), ("10:12", 11.00))),
    # sealed 10:00, broke 10:40, re-sealed 13:30 (回封)
    "sh600003": ("sse_main", "10.00", False, 10.50,
                 path(("09:30", 10.50), ("10:00", 11.00), ("10:40", 10.85), ("13:30", 11.00))),
    # sealed 09:45, broke 10:30 and never came back (炸板)
    "sz000004": ("szse_main", "10.00", False, 10.10,
                 path(("09:30", 10.10), ("09:45", 11.00), ("10:30", 10.70))),
    # limit-down from 14:00 (float trap: 10.15 × 0.9 = 9.135 → 9.14)
    "sh600005": ("sse_main", "10.15", False, 10.00,
                 path(("09:30", 10.00), ("14:00", 9.14))),
    # ChiNext +10 % all afternoon: not a limit-up on a 20 % board ...
    "sz300006": ("chinext", "10.00", False, 10.00,
                 path(("09:30", 10.00), ("13:01", 11.00))),
    # ... and +20 % is
    "sz300007": ("chinext", "10.00", False, 10.00,
                 path(("09:30", 10.00), ("11:00", 12.00))),
    # ST main board +5 % from 10:00 (sealed on 2026-06-02, not from 2026-07-06)
    "sz000008": ("szse_main", "2.00", True, 2.00, path(("09:30", 2.00), ("10:00", 2.10))),
    # opened at the limit in the auction, broke in the first minute, re-sealed 09:35
    "sh600009": ("sse_main", "10.00", False, 11.00,
                 path(("09:30", 10.95), ("09:35", 11.00))),
    # sealed and opened twice, sealed at the end: opens = 2
    "sh600010": ("sse_main", "20.00", False, 20.00,
                 path(("09:30", 20.00), ("09:40", 22.00), ("09:50", 21.90), ("10:00", 22.00),
                      ("10:10", 21.50), ("14:50", 22.00))),
}


def build(on: str) -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series]:
    panel = pd.DataFrame({s: c[4] for s, c in CASES.items()}, index=MINUTES)
    lim = {s: limits(c[0], c[1], on, c[2]) for s, c in CASES.items()}
    up = pd.Series({s: v[0] for s, v in lim.items()})
    down = pd.Series({s: v[1] for s, v in lim.items()})
    opn = pd.Series({s: c[3] for s, c in CASES.items()})
    return panel, up, down, opn


@pytest.fixture(scope="module")
def full_day() -> pd.DataFrame:
    return seal_times(*build("2026-06-02"))


def test_columns_and_index(full_day):
    assert tuple(full_day.columns) == SEAL_COLUMNS
    assert list(full_day.index) == list(CASES)
    assert full_day.attrs["time"] == "15:00"


def test_sealed_in_the_opening_auction(full_day):
    r = full_day.loc["sh600001"]
    assert (r.first_seal, r.last_seal, r.opens) == ("09:25", "09:25", 0)
    assert r.at_up and not r.resealed and not r.broken
    assert r.up_minutes == 241


def test_sealed_at_10_12(full_day):
    r = full_day.loc["sh600002"]
    assert (r.first_seal, r.last_seal, r.opens, r.at_up) == ("10:12", "10:12", 0, True)


def test_broken_and_resealed(full_day):
    r = full_day.loc["sh600003"]
    assert (r.first_seal, r.last_seal, r.opens) == ("10:00", "13:30", 1)
    assert r.resealed and r.at_up and not r.broken


def test_broken_not_resealed(full_day):
    r = full_day.loc["sz000004"]
    assert (r.first_seal, r.last_seal, r.opens) == ("09:45", "09:45", 1)
    assert r.broken and not r.at_up and not r.resealed
    assert r.up_minutes == slot_of("10:30") - slot_of("09:45")


def test_limit_down_exact_to_the_fen(full_day):
    r = full_day.loc["sh600005"]
    assert (r.first_down, r.last_down, r.down_opens, r.at_down) == ("14:00", "14:00", 0, True)
    assert not r.ever_up and r.first_seal is None


def test_chinext_judged_by_its_own_band(full_day):
    assert not full_day.loc["sz300006", "ever_up"]
    r = full_day.loc["sz300007"]
    assert (r.first_seal, r.at_up) == ("11:00", True)


def test_st_band_before_and_after_2026_07_06(full_day):
    assert full_day.loc["sz000008", "first_seal"] == "10:00"
    after = seal_times(*build("2026-07-06"))
    assert not after.loc["sz000008", "ever_up"] and after.loc["sz000008", "first_seal"] is None
    # the other stocks do not change
    assert after.loc["sh600003", "last_seal"] == "13:30"


def test_auction_seal_that_broke_at_once(full_day):
    r = full_day.loc["sh600009"]
    assert (r.first_seal, r.last_seal, r.opens, r.resealed) == ("09:25", "09:35", 1, True)


def test_two_openings(full_day):
    r = full_day.loc["sh600010"]
    assert (r.first_seal, r.last_seal, r.opens, r.resealed) == ("09:40", "14:50", 2, True)


def test_point_in_time_sealed_before_the_break_broken_after():
    panel, up, down, opn = build("2026-06-02")
    before = seal_times(panel, up, down, opn, upto="10:29").loc["sz000004"]
    assert before.at_up and not before.broken and before.opens == 0
    at_break = seal_times(panel, up, down, opn, upto="10:30").loc["sz000004"]
    assert at_break.broken and not at_break.at_up and at_break.opens == 1
    # a panel that simply stops at a minute gives the same answer as upto
    stopped = seal_times(panel.loc[:"10:29"], up, down, opn).loc["sz000004"]
    assert stopped.at_up and not stopped.broken
    # the re-sealed stock is broken between 10:40 and 13:30
    mid = seal_times(panel, up, down, opn, upto="11:30")
    assert mid.loc["sh600003", "broken"] and mid.attrs["time"] == "11:30"
    assert mid.loc["sh600002", "at_up"] and mid.loc["sh600010", "opens"] == 2
    early = seal_times(panel, up, down, opn, upto="10:11")
    assert not early.loc["sh600002", "ever_up"]


def test_missing_minutes_carry_forward_and_rows_in_any_order():
    panel, up, down, opn = build("2026-06-02")
    holey = panel.copy()
    holey.loc["10:15":"10:20", "sh600002"] = np.nan      # no snapshot: still sealed
    holey.loc["09:30":"09:40", "sz300007"] = np.nan      # no price yet
    shuffled = holey.sample(frac=1.0, random_state=3)
    r = seal_times(shuffled, up, down, opn)
    assert (r.loc["sh600002", "first_seal"], r.loc["sh600002", "opens"]) == ("10:12", 0)
    assert r.loc["sz300007", "first_seal"] == "11:00"
    pd.testing.assert_frame_equal(r, seal_times(holey, up, down, opn))


def test_unlimited_stock_is_never_at_a_limit():
    panel = pd.DataFrame({"sz301999": path(("09:30", 30.0), ("10:00", 44.0))}, index=MINUTES)
    r = seal_times(panel, pd.Series({"sz301999": np.nan}), pd.Series({"sz301999": np.nan}),
                   pd.Series({"sz301999": 30.0}))
    assert not r.loc["sz301999", "ever_up"] and not r.loc["sz301999", "ever_down"]


def test_first_touch_from_the_high_panel():
    last = pd.DataFrame({"sh600011": path(("09:30", 10.50), ("10:05", 10.98))}, index=MINUTES)
    high = pd.DataFrame({"sh600011": path(("09:30", 10.50), ("10:05", 11.00))}, index=MINUTES)
    r = seal_times(last, pd.Series({"sh600011": 11.0}), pd.Series({"sh600011": 9.0}),
                   pd.Series({"sh600011": 10.5}), high=high).loc["sh600011"]
    assert r.first_seal is None and r.first_touch == "10:05" and not r.broken


def test_empty_panel_up_to_before_the_open():
    panel, up, down, opn = build("2026-06-02")
    r = seal_times(panel, up, down, opn, upto="09:00")
    assert r.loc["sh600001", "first_seal"] == "09:25"   # the auction alone
    assert not r.loc["sh600002", "ever_up"]


def test_full_market_is_fast():
    rng = np.random.default_rng(11)
    n = 5400
    prev = np.round(rng.uniform(2, 80, n), 2)
    up, down = np.round(prev * 1.1, 2), np.round(prev * 0.9, 2)
    walk = np.round(prev * (1 + rng.normal(0, 0.004, (241, n)).cumsum(axis=0)), 2)
    walk = np.clip(walk, down, up)
    walk[:, :200] = up[:200]
    syms = [f"s{i:04d}" for i in range(n)]
    panel = pd.DataFrame(walk, index=MINUTES, columns=syms)
    args = (panel, pd.Series(up, index=syms), pd.Series(down, index=syms),
            pd.Series(walk[0], index=syms))
    best = np.inf
    for _ in range(3):
        t0 = _time.perf_counter()
        r = seal_times(*args)
        best = min(best, _time.perf_counter() - t0)
    assert r["at_up"].sum() >= 200
    assert best < 0.1, f"seal_times took {best * 1000:.0f} ms for 5,400 × 241"
