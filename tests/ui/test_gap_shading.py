"""The 分时 chart never joins its line across minutes without a row: it breaks and shades them."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from app.ui.charts.gap_shading import missing_runs, with_breaks
from app.ui.charts.intraday import IntradayChart


def test_runs_of_missing_slots_between_the_first_and_last_row():
    assert missing_runs(np.array([0, 1, 4, 5, 7])) == [(2, 3), (6, 6)]
    assert missing_runs(np.array([3, 4, 5])) == []        # a late start or early end is no gap
    assert missing_runs(np.array([7])) == []


def test_a_nan_point_sits_inside_each_run():
    x, y = with_breaks(np.array([0, 1, 4]), np.array([10.0, 11.0, 12.0]))
    assert list(x) == [0, 1, 2.5, 4]
    assert np.isnan(y[2]) and list(y[[0, 1, 3]]) == [10.0, 11.0, 12.0]
    x, y = with_breaks(np.array([0, 1, 2]), np.array([1.0, 2.0, 3.0]))
    assert list(x) == [0, 1, 2] and not np.isnan(y).any()


def _regions(chart: IntradayChart) -> list[tuple[float, float]]:
    return sorted(tuple(item.getRegion()) for item in chart.price_plot.items
                  if isinstance(item, pg.LinearRegionItem))


def test_the_chart_breaks_the_line_and_shades_the_gap(qtbot):
    chart = IntradayChart()
    qtbot.addWidget(chart)
    times = ["09:30", "09:31", "09:34", "09:35"]       # 09:32 and 09:33 not recorded
    price = np.array([10.0, 10.2, 10.1, 9.8])
    chart.set_data(times, price, price, np.full(4, 100.0), np.full(4, 1e4), 10.0, "x")
    assert _regions(chart) == [(1.5, 3.5)]      # slots 2 and 3 with their half-slot margins
    assert chart.gaps.runs == [(2, 3)]
    xs, ys = chart.up_curve.getData()
    # No segment of the red line spans the gap: the point between the rows beside it is NaN.
    inside = (xs > 1) & (xs < 4)
    assert inside.any() and np.isnan(ys[inside]).all()
    ax, ay = chart.avg_curve.getData()
    assert np.isnan(ay[(ax > 1) & (ax < 4)]).all()
    # A whole session has no gap: the shading goes.
    chart.set_data(["09:30", "09:31"], price[:2], None, None, None, 10.0, "x")
    assert _regions(chart) == [] and chart.gaps.runs == []
