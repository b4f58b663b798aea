"""Chart indicators: moving averages, the average-price line, percent changes (no Qt)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from app.market import indicators as ind


def test_moving_average_matches_hand_computation() -> None:
    close = np.array([10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 13.0])
    ma3 = ind.moving_average(close, 3)
    assert np.isnan(ma3[:2]).all()
    np.testing.assert_allclose(ma3[2:], [11.0, 12.0, 13.0, 14.0, (14 + 15 + 13) / 3])
    ma5 = ind.moving_average(close, 5)
    assert np.isnan(ma5[:4]).all()
    np.testing.assert_allclose(ma5[4:], [12.0, 13.0, (12 + 13 + 14 + 15 + 13) / 5])


def test_moving_average_shorter_than_window_is_all_nan() -> None:
    assert np.isnan(ind.moving_average([1.0, 2.0], 5)).all()
    assert ind.moving_average([], 5).size == 0


def test_moving_average_nan_only_spoils_its_own_windows() -> None:
    close = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0, 7.0])
    ma2 = ind.moving_average(close, 2)
    assert np.isnan(ma2[[0, 2, 3]]).all()
    np.testing.assert_allclose(ma2[[1, 4, 5, 6]], [1.5, 4.5, 5.5, 6.5])


def test_moving_average_rejects_bad_window() -> None:
    with pytest.raises(ValueError):
        ind.moving_average([1.0], 0)


def test_moving_averages_default_windows() -> None:
    close = np.arange(1.0, 101.0)
    mas = ind.moving_averages(close)
    assert sorted(mas) == [5, 10, 20, 60]
    assert mas[60][59] == pytest.approx(np.mean(close[:60]))
    assert mas[20][-1] == pytest.approx(np.mean(close[-20:]))


@pytest.mark.realdata
def test_ma5_of_sse_composite_on_2023_02_24(realdata) -> None:
    df = pd.read_csv(realdata / "index-daily" / "index_daily_sh000001.csv", dtype={"date": str})
    mas = ind.moving_averages(df["close"].to_numpy())
    i = int(np.flatnonzero(df["date"].to_numpy() == "2023-02-24")[0])
    assert df["close"].iloc[i] == pytest.approx(3267.16)
    # closes of 2023-02-20 .. 2023-02-24, read off the CSV by hand
    assert mas[5][i] == pytest.approx((3290.34 + 3306.52 + 3291.15 + 3287.48 + 3267.16) / 5)


def test_average_price_is_cumulative_amount_over_cumulative_volume() -> None:
    amount = np.array([0.0, 1000.0, 2200.0, 0.0, 3300.0])
    volume = np.array([0.0, 100.0, 200.0, 0.0, 300.0])
    avg = ind.average_price(amount, volume)
    assert math.isnan(avg[0])  # nothing traded yet
    np.testing.assert_allclose(avg[1:], [10.0, 3200 / 300, 3200 / 300, 6500 / 600])


def test_volume_weighted_level_for_an_index() -> None:
    lv = ind.volume_weighted_level([3000.0, 3010.0, 3020.0, 3030.0], [0.0, 100.0, 300.0, 0.0])
    np.testing.assert_allclose(lv, [3000.0, 3010.0, (3010 * 100 + 3020 * 300) / 400,
                                    (3010 * 100 + 3020 * 300) / 400])


def test_average_price_from_cumulative_and_per_minute_roundtrip() -> None:
    cum_vol = np.array([100.0, 300.0, np.nan, 600.0, 550.0])
    minute = ind.per_minute(cum_vol)
    # NaN carries the previous total (no trade); a decrease is clipped, not a negative bar
    np.testing.assert_allclose(minute, [100.0, 200.0, 0.0, 300.0, 0.0])
    avg = ind.average_price_from_cumulative([1000.0, 3100.0], [100.0, 300.0])
    np.testing.assert_allclose(avg, [10.0, 3100 / 300])
    assert ind.per_minute([]).size == 0


def test_pct_change_helpers() -> None:
    np.testing.assert_allclose(ind.pct_change([11.0, 9.0, 10.0], 10.0), [10.0, -10.0, 0.0])
    assert np.isnan(ind.pct_change([1.0], 0.0)).all()
    pct = ind.pct_change_series([10.0, 11.0, 9.9], first_base=8.0)
    np.testing.assert_allclose(pct, [25.0, 10.0, -10.0])
    assert math.isnan(ind.pct_change_series([10.0, 11.0])[0])


def test_direction_against_previous_minute() -> None:
    d = ind.direction([10.0, 10.5, 10.5, 10.2, np.nan, 10.4], first_base=10.1)
    assert d.tolist() == [-1, 1, 0, -1, 0, 0]
    assert ind.direction([5.0, 6.0]).tolist() == [0, 1]


def test_symmetric_range_is_centred_on_base() -> None:
    lo, hi = ind.symmetric_range([101.0, 97.0, np.nan], 100.0, pad=0.0)
    assert (lo, hi) == (97.0, 103.0)
    lo, hi = ind.symmetric_range([100.0], 100.0, min_pct=0.5)
    assert (lo, hi) == pytest.approx((99.5, 100.5))
