"""Index charts: axes, readouts, y-fit, candle colours and the F5 / index switcher."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage

from app.market.session import SLOTS, session_minutes
from app.ui.charts import ChartStack, IntradayChart, KLineChart, OverlayChart
from app.ui.charts.batched import level_for, make_buckets
from app.ui.charts.change_axis import ChangeAxis
from app.ui.charts.day_axis import TradingDayAxis
from app.ui.charts.intraday_range import EDGE_ROOM, stable_half_range
from app.ui.charts.base_split import split_at_base
from app.ui.charts.kline import VOLUME_HEADROOM, Y_PAD, nice_ceil
from app.ui.charts.time_axis import IntradayTimeAxis, slot_label
from app.ui.palette import CJK_FAMILIES, GREEN, LIGHT, RED, cjk_family, cjk_font, palette

MINUTES = list(session_minutes())


# -- helpers -------------------------------------------------------------------------------------
def _shown(qtbot, widget, size=(1000, 640)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _widget_point(chart, plot, x: float, y: float) -> tuple[int, int]:
    """Pixel of data point (x, y) of ``plot`` in the chart widget's own coordinates."""
    scene_pt = plot.getViewBox().mapViewToScene(pg.Point(x, y))
    view_pt = chart.view.mapFromScene(scene_pt)
    p = chart.view.mapTo(chart, view_pt)
    return p.x(), p.y()


def _close(c: QColor, hex_colour: str, tol: int = 40) -> bool:
    ref = QColor(hex_colour)
    return (abs(c.red() - ref.red()) <= tol and abs(c.green() - ref.green()) <= tol
            and abs(c.blue() - ref.blue()) <= tol)


def _daily(n: int = 60, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2023-01-02", periods=n).strftime("%Y-%m-%d")
    close = 100 + rng.normal(0, 1, n).cumsum()
    open_ = close + rng.normal(0, 0.8, n)
    high = np.maximum(open_, close) + rng.uniform(0.1, 1.0, n)
    low = np.minimum(open_, close) - rng.uniform(0.1, 1.0, n)
    vol = rng.uniform(1e6, 5e6, n)
    return pd.DataFrame({"date": dates, "open": open_, "high": high, "low": low,
                         "close": close, "volume": vol, "amount": vol * close})


def _intraday_day(n: int = SLOTS, prev: float = 100.0, seed: int = 2):
    rng = np.random.default_rng(seed)
    price = prev + rng.normal(0, 0.1, SLOTS).cumsum()
    vol = rng.uniform(1e4, 5e4, SLOTS).round()
    amount = vol * price
    return MINUTES[:n], price[:n], vol[:n], amount[:n]


# -- palette and fonts ---------------------------------------------------------------------------
def test_palette_convention_switch() -> None:
    red_up = palette("light")
    assert red_up.up == RED and red_up.down == GREEN
    green_up = palette("light", red_up=False)
    assert green_up.up == GREEN and green_up.down == RED
    assert red_up.colour_for(0.0) == red_up.flat
    assert palette("dark").background != LIGHT.background


def test_cjk_font_renders_chinese(qapp) -> None:
    font = cjk_font(10)
    assert font.pointSizeF() == 10
    family = cjk_family()
    if family is None:
        pytest.skip("no CJK font installed")
    assert family in CJK_FAMILIES
    assert QFont(font).family() == family
    assert QFontMetrics(font).inFont("涨")


# -- axes ------------------------------------------------------------------------------------------
def test_intraday_axis_maps_slots_across_the_lunch_break(qapp) -> None:
    axis = IntradayTimeAxis()
    levels = axis.tickValues(-0.5, SLOTS - 0.5, 900)
    assert levels[0][1] == [0.0, 60.0, 120.0, 180.0, 240.0]
    assert axis.tickStrings(levels[0][1], 1.0, levels[0][0]) == [
        "09:30", "10:30", "11:30/13:00", "14:00", "15:00"]
    assert axis.tickStrings(levels[1][1], 1.0, levels[1][0]) == ["", "", "", ""]
    assert [slot_label(s) for s in (1, 119, 121, 239)] == ["09:31", "11:29", "13:01", "14:59"]
    assert slot_label(-1) == "" and slot_label(241) == ""


def test_change_axis_ticks_are_nice_percent_steps_around_the_base(qapp) -> None:
    left, right = ChangeAxis("left", mode="price"), ChangeAxis("right", mode="pct")
    for axis in (left, right):
        axis.set_base(3000.0)
    values = right.tickValues(2940.0, 3060.0, 400)[0][1]
    assert 3000.0 in [round(v, 6) for v in values]
    pcts = right.tickStrings(values, 1.0, 1.0)
    assert "0.00%" in pcts and "+1.00%" in pcts and "\u22121.00%" in pcts   # U+2212
    assert left.tickStrings([3030.0], 1.0, 1.0) == ["3030.00"]
    assert right._sign_of_label("+1.00%") == 1 and left._sign_of_label("2970.00") == -1


def test_change_axis_redraws_its_labels_only_for_another_base(qapp) -> None:
    axis = ChangeAxis("left", mode="price")
    axis.set_base(100.0)
    axis.picture = drawn = object()        # as after a paint
    axis.set_base(100.0)
    assert axis.picture is drawn
    axis.set_base(101.0)                   # another session's previous close: new labels
    assert axis.picture is None and axis.pct_of(101.0) == 0.0
    axis.picture = object()
    axis.set_base(float("nan"))            # no base: a plain axis
    assert axis.picture is None and math.isnan(axis.pct_of(1.0))


def test_trading_day_axis_skips_weekends_because_x_is_the_row(qapp) -> None:
    dates = ["2023-02-15", "2023-02-16", "2023-02-17", "2023-02-20", "2023-02-21"]
    axis = TradingDayAxis()
    axis.set_dates(dates)
    levels = axis.tickValues(-0.5, 4.5, 600)
    assert levels[0][1] == [0.0, 1.0, 2.0, 3.0, 4.0]
    # Friday and Monday are neighbours: no gap, no Saturday label
    assert axis.tickStrings([2.0, 3.0], 1.0, 1.0) == ["02-17", "02-20"]
    assert axis.date_at(3.4) == "2023-02-20" and axis.date_at(7) == ""
    # across New Year the first trading day carries its year
    axis.set_dates(["2022-12-29", "2022-12-30", "2023-01-03", "2023-01-04"])
    axis.tickValues(-0.5, 3.5, 600)
    assert axis.tickStrings([1.0, 2.0, 3.0], 1.0, 1.0) == ["12-30", "2023-01-03", "01-04"]


def test_trading_day_axis_coarsens_to_months_and_years(qapp) -> None:
    dates = list(pd.bdate_range("2015-01-05", "2023-12-29").strftime("%Y-%m-%d"))
    axis = TradingDayAxis()
    axis.set_dates(dates)
    n = len(dates)
    year_rows = axis.tickValues(-0.5, n - 0.5, 800)[0][1]
    labels = axis.tickStrings(year_rows, 1.0, 1.0)
    assert labels and all(len(s) == 4 and s.isdigit() for s in labels)
    assert all(dates[int(r)][:4] == s for r, s in zip(year_rows, labels, strict=True))
    month_rows = axis.tickValues(n - 130, n - 0.5, 900)[0][1]
    months = axis.tickStrings(month_rows, 1.0, 1.0)
    assert months[-1] == "2023-12" and all(dates[int(r)][:7] == m
                                           for r, m in zip(month_rows, months, strict=True))


# -- intraday --------------------------------------------------------------------------------------
def test_split_at_base_inserts_the_crossing() -> None:
    x2, above, below = split_at_base(np.array([0.0, 1.0, 2.0]), np.array([11.0, 9.0, 9.5]), 10.0)
    np.testing.assert_allclose(x2, [0.0, 0.5, 1.0, 2.0])
    np.testing.assert_allclose(above[:2], [11.0, 10.0])
    assert np.isnan(above[2:]).all()
    assert np.isnan(below[0]) and np.allclose(below[1:], [10.0, 9.0, 9.5])


def test_intraday_morning_only_keeps_the_full_session_and_a_symmetric_range(qtbot) -> None:
    times, price, vol, amount = _intraday_day(121)
    chart = _shown(qtbot, IntradayChart())
    chart.set_data(times, price, None, vol, amount, 100.0, "上证指数")
    (x0, x1), (y0, y1) = chart.price_plot.viewRange()
    assert (x0, x1) == (-0.5, SLOTS - 0.5)
    assert chart.volume_plot.viewRange()[0] == [-0.5, SLOTS - 0.5]
    assert (y0 + y1) / 2 == pytest.approx(100.0)
    dev = np.max(np.abs(price - 100.0))
    # The 5 % headroom rounded up to the range's step (0.1 % of the base under 1 %, …).
    assert y1 - 100.0 >= dev * 1.05
    assert y1 - 100.0 == pytest.approx(stable_half_range(dev * 1.05, 100.0) * EDGE_ROOM)
    assert y1 - 100.0 <= dev * 1.05 + 0.5
    # the price line is split at the base line: red part never below, green never above
    _, up_y = chart.up_curve.getData()
    _, down_y = chart.down_curve.getData()
    assert np.nanmin(up_y) >= 100.0 and np.nanmax(down_y) <= 100.0


def test_intraday_range_moves_in_steps_so_a_quiet_minute_keeps_the_axes(qtbot) -> None:
    times, price, vol, amount = _intraday_day(121)
    chart = _shown(qtbot, IntradayChart())
    chart.set_data(times[:100], price[:100], None, vol[:100], amount[:100], 100.0, "上证指数")
    before = chart.price_plot.viewRange()[1]
    ranges: list[object] = []
    chart.price_plot.getViewBox().sigYRangeChanged.connect(lambda *_a: ranges.append(1))
    qtbot.wait(20)       # painted: the axes have drawn their tick labels into pictures
    ticks = (chart.price_axis.picture, chart.pct_axis.picture)
    assert all(p is not None for p in ticks)
    # One more minute well inside the range: the view (and so the axes) do not move, and the
    # axes keep their pictures (re-laying the tick labels out was half the chart's paint).
    quiet = price[:101].copy()
    quiet[100] = 100.0 + (quiet[99] - 100.0) * 0.5
    chart.set_data(times[:101], quiet, None, vol[:101], amount[:101], 100.0, "上证指数")
    qtbot.wait(20)
    assert ranges == [] and chart.price_plot.viewRange()[1] == before
    assert chart.price_axis.picture is ticks[0] and chart.pct_axis.picture is ticks[1]
    # A new extreme beyond the range widens it to the next step.
    wild = quiet.copy()
    wild[100] = 100.0 + (before[1] - 100.0) * 1.5
    chart.set_data(times[:101], wild, None, vol[:101], amount[:101], 100.0, "上证指数")
    assert chart.price_plot.viewRange()[1][1] >= wild[100] and ranges


def test_a_tick_on_the_range_step_keeps_its_label_on_both_axes(qtbot) -> None:
    """A high of +1.8 % makes the range step +2 %: the +2.00 % tick sits near the top edge and
    both its labels (price left, percent right) must be drawn, not dropped as not fitting."""
    from PySide6.QtGui import QPainter, QPixmap

    times, price, vol, amount = _intraday_day(60)
    price = 100.0 + (price - 100.0) / np.max(np.abs(price - 100.0)) * 1.8
    chart = _shown(qtbot, IntradayChart())
    chart.resize(900, 420)
    chart.set_data(times, price, None, vol, amount, 100.0, "创业板指")
    qtbot.wait(20)
    assert chart.price_plot.viewRange()[1][1] == pytest.approx(100.0 + 2.0 * EDGE_ROOM)
    canvas = QPixmap(10, 10)
    painter = QPainter(canvas)
    try:
        labels = {axis: [t for _r, _f, t in axis.generateDrawSpecs(painter)[2]]
                  for axis in (chart.price_axis, chart.pct_axis)}
    finally:
        painter.end()
    assert "102.00" in labels[chart.price_axis] and "+2.00%" in labels[chart.pct_axis]


def test_stable_steps_of_the_intraday_range() -> None:
    assert stable_half_range(0.42, 100.0) == pytest.approx(0.5)     # 0.42 % → 0.5 (0.1 steps)
    assert stable_half_range(2.16, 100.0) == pytest.approx(2.25)    # 0.25 % steps to 3 %
    assert stable_half_range(9.3, 100.0) == pytest.approx(10.0)     # whole per cent beyond 6 %
    assert stable_half_range(0.5, 100.0) == pytest.approx(0.5)      # already on a step


def test_intraday_readout_values(qtbot) -> None:
    times, price, vol, amount = _intraday_day(121)
    avg = np.cumsum(amount) / np.cumsum(vol)
    chart = _shown(qtbot, IntradayChart())
    chart.set_data(times, price, avg, vol, amount, 100.0, "某股份",
                   limit_up=110.0, limit_down=90.0, seal_marks=[(30, "sealed"), (40, "broken")])
    r = chart.readout_at(60.2)
    assert r["time"] == "10:30"
    assert r["price"] == pytest.approx(price[60])
    assert r["pct"] == pytest.approx((price[60] / 100.0 - 1) * 100)
    assert r["avg"] == pytest.approx(avg[60])
    assert (r["volume"], r["amount"]) == (pytest.approx(vol[60]), pytest.approx(amount[60]))
    assert chart.readout_at(120)["time"] == "11:30"
    afternoon = chart.readout_at(121)
    assert afternoon["time"] == "13:01" and math.isnan(afternoon["price"])
    assert chart.readout_at(30)["event"] == "封板" and chart.readout_at(40)["event"] == "炸板"
    assert chart.readout_at(-1) == {} and chart.readout_at(241) == {}
    assert chart.limit_up_line.isVisible() and chart.limit_up_line.value() == 110.0
    assert "某股份" in chart.title_text()


def test_intraday_auction_seal_shows_0925(qtbot) -> None:
    times, price, vol, amount = _intraday_day()
    chart = _shown(qtbot, IntradayChart())
    chart.set_data(times, price, None, vol, amount, 100.0, "x", seal_marks=[("09:30", "sealed")])
    assert chart.readout_at(0)["event_time"] == "09:25"
    with pytest.raises(ValueError):
        chart.set_data(times, price, None, vol, amount, 100.0, "x", seal_marks=[(5, "nope")])


# -- crosshair ------------------------------------------------------------------------------------
def test_crosshair_follows_the_mouse_through_the_signal_proxy(qtbot) -> None:
    times, price, vol, amount = _intraday_day()
    chart = _shown(qtbot, IntradayChart())
    chart.set_data(times, price, None, vol, amount, 100.0, "x")
    vb = chart.price_plot.getViewBox()
    scene_pos = vb.mapViewToScene(pg.Point(100.3, float(price[100])))
    with qtbot.waitSignal(chart.crosshair.moved, timeout=2000) as blocker:
        chart.view.scene().sigMouseMoved.emit(QPointF(scene_pos))
    assert blocker.args == [100]
    assert chart.crosshair.x == 100.0
    assert all(line.isVisible() for line in chart.crosshair._vlines)
    assert "11:10" in chart.readout_text()  # slot 100 = 09:30 + 100 min
    # leaving the view hides it
    chart.crosshair.eventFilter(chart.view.viewport(), QEvent(QEvent.Type.Leave))
    assert not chart.crosshair.visible
    assert not any(line.isVisible() for line in chart.crosshair._vlines)


def test_escape_hides_the_crosshair(qtbot) -> None:
    chart = _shown(qtbot, KLineChart())
    chart.set_data(_daily(), "x")
    chart.activateWindow()
    chart.setFocus()
    qtbot.waitUntil(chart.hasFocus, timeout=2000)
    chart.crosshair.set_position(10, 100.0, 0)
    assert chart.crosshair.visible
    qtbot.keyClick(chart, Qt.Key.Key_Escape)
    assert not chart.crosshair.visible and chart.crosshair.suppressed
    # mouse moves are ignored until the mouse leaves and comes back
    vb = chart.price_plot.getViewBox()
    chart.crosshair._on_mouse_moved((vb.mapViewToScene(pg.Point(20, 100.0)),))
    assert not chart.crosshair.visible


# -- K-line ----------------------------------------------------------------------------------------
def test_kline_readout_and_ma_values(qtbot) -> None:
    df = _daily(80)
    chart = _shown(qtbot, KLineChart())
    chart.set_data(df, "测试")
    i = 30
    r = chart.readout_at(i + 0.4)
    assert r["date"] == df["date"][i]
    assert (r["open"], r["high"], r["low"], r["close"]) == pytest.approx(
        tuple(df.loc[i, ["open", "high", "low", "close"]]))
    assert r["pct"] == pytest.approx((df["close"][i] / df["close"][i - 1] - 1) * 100)
    assert r["volume"] == pytest.approx(df["volume"][i])
    assert r["ma"][5] == pytest.approx(df["close"][i - 4:i + 1].mean())
    assert r["ma"][20] == pytest.approx(df["close"][i - 19:i + 1].mean())
    assert math.isnan(r["ma"][60])
    assert chart.readout_at(80) == {} and math.isnan(chart.readout_at(0)["pct"])
    chart.crosshair.set_position(i, 100.0, 0)
    assert df["date"][i] in chart.readout_text()
    assert f"MA5 {df['close'][i - 4:i + 1].mean():.2f}" in chart.ma_text()


def test_a_narrow_readout_leaves_fields_out_rather_than_cutting_them(qtbot) -> None:
    """The K-line readout is longer than a narrow chart's header: amount and amplitude go first,
    then volume; date and close stay; what is shown fits, and a wider chart shows everything."""
    df = _daily(80)
    chart = _shown(qtbot, KLineChart(), size=(1400, 640))
    chart.set_data(df, "测试")
    label = chart.readout_label
    wide = chart.readout_text()
    assert all(k in wide for k in ("开", "收", "振幅", "量", "额")), wide
    assert label._width_of(wide) <= label.width()
    chart.resize(560, 640)
    qtbot.waitUntil(lambda: "额" not in chart.readout_text())
    narrow = chart.readout_text()
    assert label._width_of(narrow) <= label.width() < label._width_of(wide)
    assert "振幅" not in narrow and df["date"].iloc[-1] in narrow and "收" in narrow
    chart.resize(1400, 640)
    qtbot.waitUntil(lambda: chart.readout_text() == wide)


def test_kline_initial_view_is_the_last_120_bars(qtbot) -> None:
    df = _daily(400)
    chart = _shown(qtbot, KLineChart())
    chart.set_data(df, "x")
    assert chart.visible_rows() == (280, 399)
    vb = chart.price_plot.getViewBox()
    assert vb.state["mouseEnabled"] == [True, False]  # wheel and drag act on x only


def test_kline_y_range_fits_the_visible_bars_after_zoom(qtbot) -> None:
    df = _daily(200)
    # bars outside the window get extreme highs and lows: they must not widen the range
    df.loc[:49, "high"] = 500.0
    df.loc[81:, "low"] = 1.0
    df.loc[81:, "volume"] = 1e9
    chart = _shown(qtbot, KLineChart())
    chart.set_data(df, "x")
    chart.set_x_range(49.6, 80.4)  # rows 50..80
    assert chart.visible_rows() == (50, 80)
    lo = df["low"][50:81].min()
    hi = df["high"][50:81].max()
    pad = (hi - lo) * Y_PAD
    y0, y1 = chart.price_plot.viewRange()[1]
    assert (y0, y1) == (pytest.approx(lo - pad), pytest.approx(hi + pad))
    assert y1 < 500.0 and y0 > 1.0
    v0, v1 = chart.volume_plot.viewRange()[1]
    top = df["volume"][50:81].max()
    assert v0 == 0.0 and v1 == pytest.approx(nice_ceil(top * VOLUME_HEADROOM))
    assert top * VOLUME_HEADROOM <= v1 <= top * VOLUME_HEADROOM * 1.25 and v1 < 1e9
    # the volume pane follows the x range
    assert chart.volume_plot.viewRange()[0] == pytest.approx(chart.price_plot.viewRange()[0])
    # zooming the ViewBox itself (as the wheel does) refits too
    chart.price_plot.getViewBox().scaleBy(x=0.5, center=pg.Point(65, 0))
    i0, i1 = chart.visible_rows()
    y0, y1 = chart.price_plot.viewRange()[1]
    lo, hi = df["low"][i0:i1 + 1].min(), df["high"][i0:i1 + 1].max()
    pad = (hi - lo) * Y_PAD
    assert (y0, y1) == (pytest.approx(lo - pad), pytest.approx(hi + pad))


def test_kline_keyboard_moves_the_crosshair_and_zooms(qtbot) -> None:
    chart = _shown(qtbot, KLineChart())
    chart.set_data(_daily(300), "x")
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.crosshair.x == 299.0  # the first press shows the crosshair on the last bar
    qtbot.keyClick(chart, Qt.Key.Key_Left)
    assert chart.crosshair.x == 298.0
    assert "MA5" in chart.ma_text() and chart.readout_at(298)["date"] in chart.readout_text()
    qtbot.keyClick(chart, Qt.Key.Key_Right)
    assert chart.crosshair.x == 299.0
    before = chart.visible_rows()
    qtbot.keyClick(chart, Qt.Key.Key_Up)  # zoom in, anchored at the right edge
    after = chart.visible_rows()
    assert after[1] == before[1] and after[1] - after[0] < before[1] - before[0]


def test_nice_ceil() -> None:
    assert [nice_ceil(v) for v in (1.0, 1.1, 1.3, 7.0, 8.1, 0.031, 4.2e8)] == [
        1.0, 1.2, 1.5, 8.0, 10.0, pytest.approx(0.04), pytest.approx(5e8)]


def test_candle_colours_red_hollow_up_green_filled_down(qtbot) -> None:
    df = pd.DataFrame({
        "date": ["2023-02-20", "2023-02-21", "2023-02-22"],
        "open": [10.0, 20.0, 15.0], "close": [20.0, 10.0, 15.5],
        "high": [21.0, 21.0, 16.0], "low": [9.0, 9.0, 14.0],
        "volume": [1e6, 2e6, 1e6], "amount": [1.5e7, 3e7, 1.5e7]})
    chart = _shown(qtbot, KLineChart(initial_bars=3))
    chart.set_data(df, "x")
    chart.set_x_range(-0.5, 2.5)
    img: QImage = chart.grab().toImage()
    pal = chart.chart_palette
    # green (down) candle: the body is filled
    gx, gy = _widget_point(chart, chart.price_plot, 1.0, 15.0)
    assert _close(img.pixelColor(gx, gy), pal.down)
    # red (up) candle: hollow inside, red outline somewhere across the body
    rx, ry = _widget_point(chart, chart.price_plot, 0.0, 13.0)
    assert _close(img.pixelColor(rx, ry), pal.background, tol=10)
    left, _ = _widget_point(chart, chart.price_plot, -0.5, 13.0)
    row = [img.pixelColor(x, ry) for x in range(left, rx)]
    assert any(_close(c, pal.up) for c in row)
    assert not any(_close(c, pal.down) for c in row)


def test_level_of_detail_merges_bars_only_below_a_pixel_or_two(qtbot) -> None:
    assert level_for(0.1) == 1 and level_for(0.5) == 1
    assert level_for(3.0) == 8 and level_for(6.0) == 16
    b = make_buckets(10, 4)
    assert b.start.tolist() == [0, 4, 8] and b.size.tolist() == [4, 4, 2]
    df = _daily(3000)
    chart = _shown(qtbot, KLineChart(), size=(900, 500))
    chart.set_data(df, "x")
    chart.set_x_range(-0.5, 2999.5)
    chart.grab()
    k = chart.candles.last_level
    assert k > 1
    buckets, data = chart.candles._level(k)
    assert data.high[1] == pytest.approx(df["high"][k:2 * k].max())
    assert data.low[1] == pytest.approx(df["low"][k:2 * k].min())
    assert data.close[1] == pytest.approx(df["close"][2 * k - 1])


@pytest.mark.realdata
def test_kline_reads_the_sse_history(qtbot, realdata) -> None:
    df = pd.read_csv(realdata / "index-daily" / "index_daily_sh000001.csv", dtype={"date": str})
    chart = _shown(qtbot, KLineChart())
    chart.set_data(df, "上证指数")
    i = int(np.flatnonzero(df["date"].to_numpy() == "2023-02-24")[0])
    assert chart.readout_at(i)["close"] == pytest.approx(3267.16)
    assert chart.visible_rows() == (len(df) - 120, len(df) - 1)


# -- overlay ---------------------------------------------------------------------------------------
def test_overlay_legend_latest_and_spread(qtbot) -> None:
    t = MINUTES
    sse = np.linspace(0, 0.5, SLOTS)
    chinext = np.linspace(0, 2.0, SLOTS)
    star = np.linspace(0, -1.0, 121)
    chart = _shown(qtbot, OverlayChart())
    chart.set_data([("上证指数", t, sse), ("创业板指", t, chinext), ("科创50", t[:121], star)])
    assert chart.latest() == pytest.approx({"上证指数": 0.5, "创业板指": 2.0, "科创50": -1.0})
    assert chart.spread() == ("创业板指", "科创50", pytest.approx(3.0))
    assert chart.colour_of(0) != chart.colour_of(1)
    y0, y1 = chart.plot.viewRange()[1]
    assert y0 == pytest.approx(-y1) and y1 >= 2.0
    r = chart.readout_at(200)
    assert r["time"] == "14:20" and r["values"]["创业板指"] == pytest.approx(chinext[200])
    assert math.isnan(r["values"]["科创50"])
    assert "+2.00%" in chart.legend.text


# -- the stack -------------------------------------------------------------------------------------
def test_f5_toggles_intraday_and_daily(qtbot) -> None:
    stack = _shown(qtbot, ChartStack(), size=(1100, 700))
    times, price, vol, amount = _intraday_day()
    stack.set_intraday(times, price, None, vol, amount, 100.0, "上证指数")
    stack.set_daily(_daily(), "上证指数")
    stack.activateWindow()
    stack.setFocus()
    qtbot.waitUntil(lambda: stack.isActiveWindow(), timeout=2000)
    assert stack.current_page() is stack.intraday
    with qtbot.waitSignal(stack.mode_changed, timeout=1000) as blocker:
        qtbot.keyClick(stack, Qt.Key.Key_F5)
    assert blocker.args == ["daily"]
    assert stack.current_page() is stack.daily and stack.daily.isVisible()
    assert not stack.intraday.isVisible() and stack.daily_button.isChecked()
    qtbot.keyClick(stack, Qt.Key.Key_F5)
    assert stack.mode == "intraday" and stack.current_page() is stack.intraday


def test_overlay_toggle_and_index_buttons(qtbot) -> None:
    stack = _shown(qtbot, ChartStack(), size=(1100, 700))
    with qtbot.waitSignal(stack.mode_changed, timeout=1000) as blocker:
        qtbot.mouseClick(stack.overlay_button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["overlay"] and stack.current_page() is stack.overlay
    stack.toggle_daily()
    assert stack.mode == "daily"
    stack.toggle_daily()
    assert stack.mode == "overlay"  # back to the intraday side, overlay still on
    with qtbot.waitSignal(stack.index_selected, timeout=1000) as blocker:
        qtbot.mouseClick(stack.index_buttons["sz399006"], Qt.MouseButton.LeftButton)
    assert blocker.args == ["sz399006"] and stack.current_symbol == "sz399006"
    with qtbot.assertNotEmitted(stack.index_selected):
        stack.select_index("sh000300")
    assert stack.current_symbol == "sh000300"
    assert [b.text() for b in stack.index_buttons.values()] == [
        "上证指数", "深证成指", "创业板指", "科创50", "沪深300"]


# -- benchmark helper ------------------------------------------------------------------------------
def test_bench_kline_reports_medians_and_p95(qtbot) -> None:
    from app.bench.kline import measure_kline_frames

    out = measure_kline_frames(_daily(600), steps=6, size=(800, 500))
    assert out["bars"] == 600
    for name in ("tidemark", "plain_pyqtgraph"):
        stats = out[name]
        assert set(stats) == {"first_paint_ms", "idle_warm_up_ms", "pan_median_ms",
                              "pan_p95_ms", "zoom_median_ms", "zoom_p95_ms"}
        assert all(v > 0 for k, v in stats.items() if k != "idle_warm_up_ms")
        assert stats["pan_p95_ms"] >= stats["pan_median_ms"]
