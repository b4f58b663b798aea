"""Streaks (连板数) on hand-made daily histories, and on the real five-day full-market file."""

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
import pytest

from app.market.calendar import trading_days_between
from app.market.limits import Band, limit_prices
from app.market.streaks import STREAK_COLUMNS, all_time_high, daily_limit_flags, streaks

STATIC = pd.DataFrame({
    "board": ["sse_main", "sse_main", "szse_main", "chinext", "sse_main"],
    "name": ["甲", "乙", "*ST丙", "丁", "戊"],
    "list_date": ["2010-01-04"] * 5,
}, index=pd.Index(["sh600001", "sh600002", "sz000003", "sz300004", "sh600005"], name="symbol"))


def up(prev: float, pct: int) -> float:
    return float(limit_prices(str(prev), Band(pct, pct))[0])


def down(prev: float, pct: int) -> float:
    return float(limit_prices(str(prev), Band(pct, pct))[1])


def history(symbol: str, days: list[str], moves: list[str | float], start: float = 10.0,
            pct: int = 10) -> pd.DataFrame:
    """Daily rows: 'U' closes at limit-up, 'D' at limit-down, a float is a % move, None is a
    suspension (no row). prev_close is the previous traded close."""
    rows, prev = [], start
    for d, m in zip(days, moves):
        if m is None:
            continue
        if m == "U":
            close = up(prev, pct)
        elif m == "D":
            close = down(prev, pct)
        else:
            close = float(Decimal(str(prev * (1 + float(m) / 100))).quantize(Decimal("0.01")))
        rows.append({"date": d, "symbol": symbol, "open": prev, "high": max(prev, close),
                     "low": min(prev, close), "close": close, "prev_close": prev,
                     "volume": 1e6, "amount": 1e7})
        prev = close
    return pd.DataFrame(rows)


JUNE = trading_days_between("2026-05-25", "2026-06-05")    # 9 sessions, 2026-06-02 inside


def test_three_sealed_days_make_three():
    d = history("sh600001", JUNE[:5], [1.0, 2.0, "U", "U", "U"])
    r = streaks(d, JUNE[4], STATIC)
    assert tuple(r.columns) == STREAK_COLUMNS
    row = r.loc["sh600001"]
    assert (row.streak, row.prev_streak, row.sealed_today, row.truncated) == (3, 2, True, False)
    assert row.last_date == JUNE[3]


def test_a_day_not_sealed_resets():
    d = history("sh600001", JUNE[:6], ["U", "U", 3.0, "U", "U", "U"])
    assert streaks(d, JUNE[5], STATIC).loc["sh600001", "streak"] == 3
    d = history("sh600001", JUNE[:4], ["U", "U", 3.0, "U"])
    assert streaks(d, JUNE[3], STATIC).loc["sh600001", "streak"] == 1


def test_today_not_sealed_gives_zero_but_keeps_prev_streak():
    d = history("sh600001", JUNE[:5], [0.5, "U", "U", "U", 4.0])
    row = streaks(d, JUNE[4], STATIC).loc["sh600001"]
    assert (row.streak, row.prev_streak, row.sealed_today) == (0, 3, False)


def test_rows_after_the_date_are_ignored():
    d = history("sh600001", JUNE[:6], [0.5, "U", "U", "U", 4.0, "U"])
    assert streaks(d, JUNE[3], STATIC).loc["sh600001", "streak"] == 3


def test_st_band_5pct_before_2026_07_06_and_10pct_after():
    days = trading_days_between("2026-06-29", "2026-07-08")   # 06-29 .. 07-03, 07-06 .. 07-08
    assert days[5] == "2026-07-06"
    # +5 % every day: sealed for an ST stock up to 07-03, not from 07-06 (band 10 %)
    d = history("sz000003", days[:6], ["U"] * 5 + [5.0], start=4.00, pct=5)
    r = streaks(d, "2026-07-03", STATIC).loc["sz000003"]
    assert r.streak == 5
    r = streaks(d, "2026-07-06", STATIC).loc["sz000003"]
    assert (r.streak, r.prev_streak) == (0, 5)
    # the same history ending with a +10 % close on 07-06 continues the streak
    d = pd.concat([history("sz000003", days[:5], ["U"] * 5, start=4.00, pct=5),
                   history("sz000003", days[5:6], ["U"], start=float(d["close"].iloc[4]), pct=10)])
    assert streaks(d, "2026-07-06", STATIC).loc["sz000003", "streak"] == 6
    # a non-ST main-board stock up 5 % is not sealed on either side
    d = history("sh600002", days[:6], [5.0] * 6)
    assert streaks(d, "2026-07-06", STATIC).loc["sh600002", "prev_streak"] == 0


def test_chinext_needs_20pct():
    d = history("sz300004", JUNE[:3], ["U", "U", 10.0], pct=10)
    r = streaks(d, JUNE[2], STATIC).loc["sz300004"]
    assert (r.streak, r.prev_streak) == (0, 0)
    d = history("sz300004", JUNE[:3], ["U", "U", "U"], pct=20)
    assert streaks(d, JUNE[2], STATIC).loc["sz300004", "streak"] == 3


def test_suspension_days_are_skipped():
    d = history("sh600001", JUNE[:6], [0.0, "U", "U", None, None, "U"])
    assert streaks(d, JUNE[5], STATIC).loc["sh600001", "streak"] == 3
    # a suspension recorded as a zero-volume row is skipped the same way
    d = history("sh600001", JUNE[:5], [0.0, "U", "U", 0.0, "U"])
    d.loc[3, "volume"] = 0
    assert streaks(d, JUNE[4], STATIC).loc["sh600001", "streak"] == 3


def test_prev_close_column_is_the_reference_and_missing_falls_back():
    d = history("sh600001", JUNE[:3], [0.0, "U", "U"])
    # ex-dividend on day 3: reference 10.50 instead of the 11.00 close, limit 11.55
    d.loc[2, ["prev_close", "open", "high", "low", "close"]] = [10.50, 11.55, 11.55, 11.55, 11.55]
    assert streaks(d, JUNE[2], STATIC).loc["sh600001", "streak"] == 2
    # no prev_close on day 3: the previous close (11.00) is used, and 11.55 is not its limit
    d.loc[2, "prev_close"] = np.nan
    assert streaks(d, JUNE[2], STATIC).loc["sh600001", "streak"] == 0
    d.loc[2, ["high", "close"]] = [12.10, 12.10]
    flags = daily_limit_flags(d, STATIC)
    assert flags["ref_close"].iloc[2] == 11.00 and flags["limit_up"].iloc[2] == 12.10
    assert streaks(d, JUNE[2], STATIC).loc["sh600001", "streak"] == 2


def test_limit_down_streak_and_flags():
    d = history("sh600005", JUNE[:4], [1.0, "D", "D", "D"])
    r = streaks(d, JUNE[3], STATIC).loc["sh600005"]
    assert (r.down_streak, r.prev_down_streak, r.floored_today, r.streak) == (3, 2, True, 0)
    f = daily_limit_flags(d, STATIC)
    assert f["floored"].tolist() == [False, True, True, True]
    assert not f["sealed"].any()


def test_point_in_time_today_overrides_the_daily_close():
    d = history("sh600001", JUNE[:4], [1.0, "U", "U", "U"])
    today = pd.DataFrame({"at_limit_up": [False, True], "at_limit_down": [False, False]},
                         index=["sh600001", "sh600002"])
    r = streaks(d, JUNE[3], STATIC, today=today)
    assert (r.loc["sh600001", "streak"], r.loc["sh600001", "prev_streak"]) == (0, 2)
    # a stock without history sealed today is day 1, flagged as possibly truncated
    assert r.loc["sh600002", "streak"] == 1 and r.loc["sh600002", "truncated"]


def test_truncated_when_the_run_reaches_the_window_start():
    d = history("sh600001", JUNE[:4], ["U", "U", "U", "U"])
    r = streaks(d, JUNE[3], STATIC).loc["sh600001"]
    assert r.streak == 4 and r.truncated
    d = history("sh600001", JUNE[:4], [1.0, "U", "U", "U"])
    assert not streaks(d, JUNE[3], STATIC).loc["sh600001", "truncated"]


def test_one_word_and_touch_flags():
    d = history("sh600001", JUNE[:3], [1.0, "U", 2.0])
    d.loc[1, ["open", "high", "low"]] = [d.loc[1, "close"]] * 3
    d.loc[2, "high"] = up(d.loc[2, "prev_close"], 10)
    f = daily_limit_flags(d, STATIC)
    assert f["one_word"].tolist() == [False, True, False]
    assert f["touched_up"].tolist() == [False, True, True]
    assert f["sealed"].tolist() == [False, True, False]


def test_unknown_symbols_get_their_board_from_the_prefix():
    d = history("sz300999", JUNE[:2], ["U", "U"], pct=20)
    assert streaks(d, JUNE[1]).loc["sz300999", "streak"] == 2
    d = history("sz300999", JUNE[:2], ["U", "U"], pct=10)
    assert streaks(d, JUNE[1]).loc["sz300999", "streak"] == 0


def test_all_time_high():
    d = pd.concat([history("sh600001", JUNE[:5], [5.0, -3.0, 1.0, 2.0, 3.0]),
                   history("sh600002", JUNE[:5], [5.0, -3.0, 1.0, -2.0, 1.0])])
    r = all_time_high(d, ["sh600001", "sh600002", "sh600009"], JUNE[4])
    assert r["ath"].tolist() == [True, False, False]
    assert r.loc["sh600001", "history_days"] == 4 and np.isnan(r.loc["sh600009", "prev_max_close"])
    # an intraday price can be judged instead of the close
    r = all_time_high(d, ["sh600002"], JUNE[4], price=pd.Series({"sh600002": 11.0}))
    assert bool(r.loc["sh600002", "ath"])


# ---- the real five-day file ---------------------------------------------------------------------

REAL_FILE = "market-daily/derived_full_market_daily_2023-02-20_to_2023-02-24.csv"


def _band(symbol: str) -> int:
    code = symbol[2:]
    if symbol.startswith("bj"):
        return 30
    if code.startswith(("300", "301", "688", "689")):
        return 20
    return 10


def _decimal_limit_up(prev: float, pct: int) -> Decimal:
    p = Decimal(str(prev))
    lim = (p * (100 + pct) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return max(lim, p + Decimal("0.01"))


@pytest.fixture(scope="module")
def real_daily(realdata) -> pd.DataFrame:
    path = realdata / REAL_FILE
    if not path.exists():
        pytest.skip(f"{path} is absent")
    raw = pd.read_csv(path, dtype={"code": str, "market": str})
    return pd.DataFrame({"date": raw["trade_date"], "symbol": raw["market"] + raw["code"],
                         "open": raw["open"], "high": raw["high"], "low": raw["low"],
                         "close": raw["close"], "prev_close": raw["prev_close"],
                         "volume": raw["volume"]})


@pytest.mark.realdata
def test_real_file_streaks_on_2023_02_24(real_daily):
    # Independent check with Decimal half-up per row (no names in the file, so no ST bands).
    sealed_dec: dict[tuple[str, str], bool] = {}
    for r in real_daily.itertuples(index=False):
        if not (r.prev_close > 0) or not (r.close > 0) or r.volume == 0:
            continue
        d = f"{str(r.date)[:4]}-{str(r.date)[4:6]}-{str(r.date)[6:]}"
        sealed_dec[(r.symbol, d)] = (Decimal(str(r.close)) ==
                                     _decimal_limit_up(r.prev_close, _band(r.symbol)))
    days = sorted({d for _, d in sealed_dec})
    assert days == ["2023-02-20", "2023-02-21", "2023-02-22", "2023-02-23", "2023-02-24"]
    per_day_dec = {d: sum(v for (s, dd), v in sealed_dec.items() if dd == d) for d in days}

    flags = daily_limit_flags(real_daily)
    per_day = flags[flags["sealed"]].groupby("date").size().reindex(days, fill_value=0).to_dict()
    assert per_day == per_day_dec
    # Figures read off the file (2023-02-20 was a broad up day: 3,997 advancers).
    assert per_day == {"2023-02-20": 39, "2023-02-21": 16, "2023-02-22": 24, "2023-02-23": 23,
                       "2023-02-24": 15}

    r = streaks(real_daily, "2023-02-24")
    assert int(r["sealed_today"].sum()) == per_day["2023-02-24"]
    assert int(r["streak"].max()) == 5
    for sym, row in r[r["streak"] >= 1].iterrows():
        # every day of the counted streak closed at its limit, and the day before it did not
        k = int(row["streak"])
        for j in range(k):
            assert sealed_dec[(sym, days[4 - j])], (sym, days[4 - j])
        if k < 5:
            assert not sealed_dec.get((sym, days[4 - k]), False), sym
    for sym, row in r[r["streak"] >= 2].iterrows():
        assert sealed_dec[(sym, "2023-02-23")], sym
    # prev_streak is the streak the day before, for the stocks that traded that day ...
    prev = streaks(real_daily, "2023-02-23")
    traded = {s for (s, d) in sealed_dec if d == "2023-02-23"}
    both = r.index.intersection(prev.index).intersection(sorted(traded))
    assert (r.loc[both, "prev_streak"] == prev.loc[both, "streak"]).all()
    # ... and suspension days are skipped: sh603655 sealed on 02-22 (27.42 → 30.16), had no bar
    # on 02-23 and carries its one-board streak into 02-24
    assert ("sh603655", "2023-02-23") not in sealed_dec and sealed_dec[("sh603655", "2023-02-22")]
    assert r.loc["sh603655", "prev_streak"] == 1 and r.loc["sh603655", "last_date"] == "2023-02-22"
    # a five-day streak fills the whole window: it may be longer than the file shows
    assert r.loc[r["streak"] == 5, "truncated"].all()
