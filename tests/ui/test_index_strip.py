"""The header strip: figures that grow during a session never move the strip's layout."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.ui.index_strip import IndexStrip


def test_growing_figures_keep_the_strip_layout(qtbot):
    """8190亿 → 1.00万亿, 涨停 9 → 100, 上涨 945 → 1,013: each tile has room for its widest text
    from the start, so the strip (and the charts under it, and a window at its minimum width) is
    never re-laid out in the middle of a live minute."""
    strip = IndexStrip()
    qtbot.addWidget(strip)
    strip.set_index("sz399006", "创业板指", 2229.59, 1.49)
    strip.set_turnover("成交额 at 10:00", 8.19e11, 8.254e11)
    strip.set_breadth(945, 4388, 80, 27)
    strip.set_limits(9, 9, 4)
    strip.show()
    QApplication.processEvents()
    hints = [w.sizeHint().expandedTo(w.minimumSize()) for w in
             (strip, strip.turnover, strip.breadth, strip.limits, strip.index_tile("sz399006"))]
    strip.set_index("sz399006", "创业板指", 12244.07, -12.15)
    strip.set_turnover("成交额 at 11:30", 1.81e12, 1.86e12)
    strip.set_breadth(1013, 4335, 82, 10)
    strip.set_limits(144, 100, 14)
    QApplication.processEvents()
    assert strip.turnover.value.text() == "1.81万亿"
    assert [w.sizeHint().expandedTo(w.minimumSize()) for w in
            (strip, strip.turnover, strip.breadth, strip.limits,
             strip.index_tile("sz399006"))] == hints
