"""The breadth panel maps counts, series and contributions onto its items, and reuses them."""

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from app.market.breadth import BUCKET_ORDER, BreadthCounts
from app.market.concentration import concentration
from app.market.session import slot_of
from app.market.snapshot import enrich
from app.ui.breadth import BreadthPanel
from app.ui.palette import palette

BUCKETS_1130 = dict(zip(BUCKET_ORDER, [60, 14, 26, 132, 918, 70, 2936, 931, 227, 45, 11]))
BUCKETS_1000 = dict(zip(BUCKET_ORDER, [41, 20, 35, 180, 1500, 90, 2600, 700, 150, 30, 4]))


def _counts(buckets, turnover):
    up = sum(buckets[k] for k in BUCKET_ORDER[:5])
    down = sum(buckets[k] for k in BUCKET_ORDER[6:])
    return BreadthCounts(stocks=up + down + buckets["平"] + 30, up=up, down=down,
                         flat=buckets["平"], suspended=30, limit_up=buckets["涨停"],
                         limit_down=buckets["跌停"], broken=12, turnover_yuan=turnover,
                         buckets=dict(buckets))


def _series(times, up, down, lu, ld, turnover):
    n = len(times)
    return pd.DataFrame({"time": times, "stocks": [5400] * n, "up": up, "down": down,
                         "flat": [80] * n, "suspended": [30] * n, "limit_up": lu,
                         "limit_down": ld, "broken": [5] * n, "turnover_yuan": turnover})


TODAY = _series(["09:30", "10:00", "10:30", "11:30", "13:30"], [2600, 2300, 1800, 1163, 1100],
                [2500, 2900, 3500, 4150, 4200], [20, 41, 50, 60, 58], [1, 4, 8, 11, 12],
                [1.2e11, 8e11, 1.1e12, 1.81e12, 2.1e12])
PRIOR = _series(["09:30", "10:00", "10:30", "11:30", "15:00"], [2500] * 5, [2600] * 5,
                [60] * 5, [3] * 5, [1.3e11, 8.5e11, 1.2e12, 1.86e12, 2.95e12])


def _concentration(scale=1.0):
    cols = ["symbol", "board", "name", "list_date", "float_shares", "last", "prev_close", "open",
            "high", "low", "volume", "amount"]
    rows = [("sz300308", "中际旭创", 100.0 * (1 + 0.14 * scale)),
            ("sz300502", "新易盛", 80.0 * (1 + 0.12 * scale)),
            ("sz300750", "宁德时代", 250.0 * (1 + 0.01 * scale)),
            ("sz300059", "东方财富", 20.0 * (1 - 0.02 * scale)),
            ("sz300760", "迈瑞医疗", 200.0 * (1 - 0.03 * scale))]
    prevs = [100.0, 80.0, 250.0, 20.0, 200.0]
    data = [(s, "chinext", n, "2015-01-05", 1e9, round(last, 2), p, p, max(round(last, 2), p),
             min(round(last, 2), p), 1e6, 1e8) for (s, n, last), p in zip(rows, prevs)]
    frame = pd.DataFrame(data, columns=cols).set_index("symbol")
    members = pd.DataFrame({"symbol": frame.index, "weight_shares": [3e9, 3e9, 4e9, 13e9, 1e9]})
    return concentration(members, enrich(frame, "2026-06-02"), 3300.0, index_symbol="sz399006",
                         index_name="创业板指")


@pytest.fixture
def panel(qtbot):
    w = BreadthPanel()
    qtbot.addWidget(w)
    w.resize(900, 700)
    w.show()
    qtbot.waitExposed(w)
    return w


def _item_ids(w):
    d, s, c = w.distribution, w.session, w.concentration.bars
    items = [d.bars, d.labels_item, s.adv_pos, s.adv_neg, s.adv_line, s.limit_up, s.limit_down,
             s.today_turnover, s.prior_turnover, *s.cursors, *s.plots, c.bars, c.labels, c.zero]
    return [id(x) for x in items], len(d.getPlotItem().items), len(s.turn.items)


def test_histogram_heights_and_count_labels(panel):
    counts = _counts(BUCKETS_1130, 1.81e12)
    panel.set_view(counts, TODAY, PRIOR, _concentration(), "11:30")
    heights = panel.distribution.bar_heights()
    assert heights.tolist() == [BUCKETS_1130[k] for k in BUCKET_ORDER]
    assert panel.distribution.count_texts() == [f"{BUCKETS_1130[k]:,}" for k in BUCKET_ORDER]
    assert panel.counts.value_text("up") == "1,150"
    assert panel.counts.value_text("down") == "4,150"
    assert panel.counts.value_text("flat") == "70"
    assert panel.counts.value_text("suspended") == "30"
    assert panel.counts.value_text("limit_up") == "60"
    assert panel.counts.value_text("limit_down") == "11"


def test_histogram_colours_red_up_green_down(panel):
    pal = palette("light")
    cols = panel.distribution.colours
    assert cols[:5] == [pal.up] * 5 and cols[5] == pal.flat and cols[6:] == [pal.down] * 5


def test_proportion_bar_matches_the_counts(panel, qtbot):
    counts = _counts(BUCKETS_1130, 1.81e12)
    panel.set_view(counts, TODAY, PRIOR, None, "11:30")
    bar = panel.counts.bar
    total = counts.up + counts.flat + counts.down
    f = bar.fractions()
    assert f["up"] == pytest.approx(counts.up / total)
    assert f["down"] == pytest.approx(counts.down / total)
    rects = bar.segment_rects()
    assert rects["up"].width() / rects["down"].width() == pytest.approx(counts.up / counts.down)
    assert sum(r.width() for r in rects.values()) == pytest.approx(bar.width())
    # What is painted: red on the left part, green on the right part.
    img = bar.grab().toImage()
    y = img.height() // 2
    left = QColor(img.pixel(2, y)).name()
    right = QColor(img.pixel(img.width() - 3, y)).name()
    pal = palette("light")
    assert left == QColor(pal.up).name() and right == QColor(pal.down).name()


def test_turnover_label_and_concentration_line(panel):
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    title = panel.session.turnover_title
    assert "成交额 1.81万亿" in title
    assert "较昨日同时 \u22122.69%" in title      # the strip's precision
    assert panel.comparison.diff_pct == pytest.approx((1.81 / 1.86 - 1) * 100)
    summary = panel.concentration.summary_text
    assert summary.startswith("创业板指 +")
    assert "成分股等权" in summary and "中位数" in summary and "全市场中位数" in summary
    names = [r.name for r in panel.concentration.bars.rows]
    assert names[0] == "中际旭创" and names[-1] in ("东方财富", "迈瑞医疗")
    # Today's lines stop at the current minute; the prior session runs the whole day.
    x, _ = panel.session.today_turnover.getData()
    assert x.max() == slot_of("11:30")
    px, _ = panel.session.prior_turnover.getData()
    assert px.max() == slot_of("15:00")
    assert all(line.value() == slot_of("11:30") for line in panel.session.cursors)


def test_second_minute_reuses_every_item(panel):
    panel.set_view(_counts(BUCKETS_1000, 8e11), TODAY, PRIOR, _concentration(0.5), "10:00")
    before = _item_ids(panel)
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    assert _item_ids(panel) == before
    assert panel.distribution.bar_heights().tolist() == [BUCKETS_1130[k] for k in BUCKET_ORDER]
    assert "1.81万亿" in panel.session.turnover_title
    assert panel.session.cursors[0].value() == slot_of("11:30")
    x, y = panel.session.adv_line.getData()
    assert y[-1] == 1163 - 4150


def test_without_prior_session_or_index(panel):
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, None, None, "11:30")
    assert panel.session.turnover_title == "成交额 1.81万亿"
    assert panel.session.prior_turnover.getData()[0] is None or \
        len(panel.session.prior_turnover.getData()[0]) == 0
    assert panel.concentration.summary_text == "无指数成分数据"
    assert panel.concentration.bars.rows == ()
    # An empty series (the writer did not materialise breadth_minutes) still draws the rest.
    panel.set_view(_counts(BUCKETS_1000, 8e11), pd.DataFrame(), None, None, "10:00")
    assert panel.distribution.bar_heights().tolist() == [BUCKETS_1000[k] for k in BUCKET_ORDER]
    assert "—" in panel.session.turnover_title


def test_wide_dock_layout_keeps_the_same_widgets(panel, qtbot):
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    before = _item_ids(panel)
    panel.resize(1600, 330)
    qtbot.waitUntil(lambda: panel._wide is True)
    assert _item_ids(panel) == before
    assert np.all(panel.distribution.bar_heights() > 0)


# -- a minute is cheap: only what changed is touched ---------------------------------------------
class _Events(QObject):
    """Counts the events of some types that reach the watched objects."""

    def __init__(self, *types):
        super().__init__()
        self.types = set(types)
        self.seen = []

    def eventFilter(self, obj, event):  # noqa: N802 - Qt override
        if event.type() in self.types:
            self.seen.append((obj, event.type()))
        return False


def _watch(qtbot, objects, *types):
    QApplication.processEvents()
    spy = _Events(*types)
    for o in objects:
        o.installEventFilter(spy)
    return spy


def test_the_frames_are_read_once_per_session(panel, monkeypatch):
    import app.ui.breadth.session_lines as session_lines

    calls = []
    real = session_lines.session_curves
    monkeypatch.setattr(session_lines, "session_curves", lambda f: calls.append(f) or real(f))
    panel.set_view(_counts(BUCKETS_1000, 8e11), TODAY, PRIOR, _concentration(0.5), "10:00")
    assert len(calls) == 2                                   # today and the prior session
    prior_x = panel.session.prior_turnover.getData()[0]
    ranges = [p.vb.viewRange() for p in panel.session.plots]
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    assert len(calls) == 2                                   # same frames: nothing re-read
    assert panel.session.prior_turnover.getData()[0] is prior_x
    assert [p.vb.viewRange() for p in panel.session.plots] == ranges   # no axis moved
    x, _ = panel.session.today_turnover.getData()
    assert x.max() == slot_of("11:30") and panel.session.cursors[0].value() == slot_of("11:30")
    # Live mode: the session grew (a new frame, one row longer) and is read again.
    grown = pd.concat([TODAY, _series(["14:00"], [900], [4400], [70], [14], [2.3e12])],
                      ignore_index=True)
    panel.set_view(_counts(BUCKETS_1130, 2.3e12), grown, PRIOR, _concentration(), "14:00")
    assert len(calls) == 3 and calls[-1] is grown
    _, lu = panel.session.limit_up.getData()
    assert lu[-1] == 70
    # Widened to the next nice number above 70 × 1.12 = 78.4.
    assert panel.session.lim.vb.viewRange()[1][1] == pytest.approx(80.0)
    # One more live minute inside that range leaves the axes where they are.
    ranges = [p.vb.viewRange() for p in panel.session.plots]
    more = pd.concat([grown, _series(["14:01"], [880], [4410], [71], [14], [2.31e12])],
                     ignore_index=True)
    panel.set_view(_counts(BUCKETS_1130, 2.31e12), more, PRIOR, _concentration(), "14:01")
    assert [p.vb.viewRange() for p in panel.session.plots] == ranges


def test_a_new_minute_does_not_relayout_the_readouts(panel, qtbot):
    panel.set_view(_counts(BUCKETS_1000, 8e11), TODAY, PRIOR, _concentration(0.5), "10:00")
    c = panel.concentration
    cells = [cell for cell in panel.counts.cells.values()]
    spy = _watch(qtbot, [c, panel.counts, *cells], QEvent.Type.LayoutRequest)
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    QApplication.processEvents()
    assert c.headline.text().startswith("创业板指") and "+" in c.headline.text()
    assert panel.counts.value_text("up") == "1,150"
    assert spy.seen == []
    # A text that needs more room than its line has does ask for a layout.
    c.headline.setText("创业板指 " * 40)
    QApplication.processEvents()
    assert spy.seen


def test_a_count_gaining_a_digit_moves_no_chart(panel, qtbot):
    """跌停 9 → 10, 涨停 99 → 100: the numbers have room for four digits from the start, so the
    panel's charts keep their sizes (a relayout repainted every breadth chart, ~25 ms, in the
    middle of a live minute)."""
    narrow = dict(BUCKETS_1000, 涨停=99, 跌停=9)
    wider = dict(BUCKETS_1000, 涨停=100, 跌停=10)
    panel.resize(700, 700)         # no slack in the counts row
    panel.set_view(_counts(narrow, 8e11), TODAY, PRIOR, _concentration(0.5), "10:00")
    QApplication.processEvents()
    views = [panel.distribution, panel.concentration, *panel.findChildren(type(panel.distribution))]
    sizes = [v.size() for v in views]
    spy = _watch(qtbot, [panel.counts, *panel.counts.cells.values()], QEvent.Type.LayoutRequest)
    panel.set_view(_counts(wider, 8e11), TODAY, PRIOR, _concentration(0.5), "10:01")
    QApplication.processEvents()
    assert panel.counts.value_text("limit_down") == "10"
    assert panel.counts.value_text("limit_up") == "100"
    assert spy.seen == []
    assert [v.size() for v in views] == sizes


def test_histogram_keeps_its_range_for_small_moves(panel):
    d = panel.distribution
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, None, "11:30")
    top = d.getPlotItem().vb.viewRange()[1][1]
    assert top >= 2936 * 1.16                       # the count over the tallest bar fits
    nudged = dict(BUCKETS_1130, **{"0~-3%": 3000})
    panel.set_view(_counts(nudged, 1.82e12), TODAY, PRIOR, None, "11:31")
    assert d.getPlotItem().vb.viewRange()[1][1] == top
    assert d.count_texts()[BUCKET_ORDER.index("0~-3%")] == "3,000"
    assert d.bar_heights()[BUCKET_ORDER.index("0~-3%")] == 3000
    taller = dict(BUCKETS_1130, **{"0~-3%": 4000})
    panel.set_view(_counts(taller, 1.83e12), TODAY, PRIOR, None, "11:32")
    assert d.getPlotItem().vb.viewRange()[1][1] >= 4000 * 1.16
    flat = {k: 10 for k in BUCKET_ORDER}
    panel.set_view(_counts(flat, 1.83e12), TODAY, PRIOR, None, "11:33")
    assert d.getPlotItem().vb.viewRange()[1][1] <= 10 * 1.6           # shrinks back
    # The same buckets again change nothing.
    assert d.labels_item.set_labels(d.labels_item.labels()) is False


def _labels_inside(bars):
    """Every value label lies inside the plot (the view box clips what does not)."""
    QApplication.processEvents()              # the view box applies a new range when it paints
    view = bars.getPlotItem().vb.sceneBoundingRect()
    to_scene = bars.labels.sceneTransform()
    rects = [bars.labels.label_rect(lab, to_scene) for lab in bars.labels.labels()]
    return bool(rects) and all(view.contains(r) for r in rects)


def test_contribution_bars_keep_room_for_their_values(panel, qtbot):
    bars = panel.concentration.bars
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    QApplication.processEvents()
    assert list(bars.names.names()) == [r.name for r in bars.rows]
    assert bars.labels.texts()[0].startswith("+") and bars.labels.texts()[-1].startswith("\u2212")
    assert _labels_inside(bars)
    x_range = bars.getPlotItem().vb.viewRange()[0]
    # A slightly different minute keeps the range; a much larger move widens it.
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(1.02), "11:31")
    assert bars.getPlotItem().vb.viewRange()[0] == x_range
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(2.0), "11:32")
    assert bars.getPlotItem().vb.viewRange()[0][1] > x_range[1]
    assert _labels_inside(bars)
    # The room is in pixels: a narrow dock gets a wider range, and the values still fit.
    panel.resize(520, 700)
    qtbot.waitUntil(lambda: bars.getPlotItem().vb.width() < 250)
    QApplication.processEvents()
    assert _labels_inside(bars)


def test_cached_axes_are_drawn_as_vectors_in_an_svg(panel):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator
    from PySide6.QtWidgets import QGraphicsItem

    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    QApplication.processEvents()
    axis = panel.session.turn.getAxis("bottom")
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(panel.size())
    painter = QPainter(gen)
    panel.render(painter, QPoint())
    painter.end()
    svg = bytes(data).decode("utf-8")
    for text in ("09:30", "15:00", "中际旭创", "2,936", "涨停"):
        assert text in svg, text
    assert axis.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache     # restored


def test_a_first_minute_without_series(qtbot):
    w = BreadthPanel()
    qtbot.addWidget(w)
    w.set_view(_counts(BUCKETS_1000, 8e11), None, None, None, "10:00")
    assert w.session.turnover_title == "成交额 —"
    assert len(w.session.today_turnover.getData()[0]) == 0
    assert w.session.lim_title.count("—") == 2
    w.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, None, "11:30")
    assert "1.81万亿" in w.session.turnover_title
    assert w.session.today_turnover.getData()[0].max() == slot_of("11:30")


def test_bucket_names_fit_their_buckets_at_any_width(qtbot):
    """At a laptop's ~27 px a bucket the ranges drop their '%' so neighbours do not run together
    (they did at 1366×768); wide, they keep it; the signs stay either way (issue 22)."""
    from PySide6.QtGui import QFontMetricsF

    from app.ui.breadth.distribution import DistributionChart

    chart = DistributionChart()
    qtbot.addWidget(chart)
    chart.show()
    axis = chart.getPlotItem().getAxis("bottom")
    for width, with_percent in ((300, False), (1000, True)):
        chart.resize(width, 160)
        qtbot.wait(30)
        per_bucket = axis.width() / len(chart.tick_labels)
        metrics = QFontMetricsF(axis.style.get("tickFont") or chart.font())
        assert max(metrics.horizontalAdvance(t) for t in chart.tick_labels) < per_bucket, width
        assert any(t.endswith("%") for t in chart.tick_labels) == with_percent
        assert chart.tick_labels[1].startswith(">+") and chart.tick_labels[9].startswith("<\u2212")


def test_a_narrow_column_drops_the_comparison_rather_than_cut_it(panel, qtbot):
    panel.set_view(_counts(BUCKETS_1130, 1.81e12), TODAY, PRIOR, _concentration(), "11:30")
    lines = panel.session
    for width, whole in ((900, True), (230, False)):
        lines.resize(width, 260)
        qtbot.wait(30)                          # the titles are fitted after the layout ran
        shown = lines.turn.titleLabel.item.toPlainText()
        assert ("较昨日同时" in shown) is whole, (width, shown)
        assert "1.81万亿" in shown                # the figure itself stays
    assert "较昨日同时" in lines.turnover_title   # the whole title is still said
