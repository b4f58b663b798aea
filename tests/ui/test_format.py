"""Number rules of app.ui.format in both languages."""

from __future__ import annotations

import pytest

from app.ui import format as fmt


@pytest.mark.parametrize("value, text", [(2.15, "+2.15%"), (-0.8, "\u22120.80%"),
                                         (-0.004, "0.00%"), (0.0, "0.00%"), (None, "—")])
def test_pct_rounds_then_signs(value, text):
    assert fmt.fmt_pct(value) == text


def test_a_zero_after_rounding_is_grey():
    assert fmt.move_colour(-0.004) == fmt.FLAT_GREY
    assert fmt.move_colour(-0.006) == fmt.down_colour()


@pytest.mark.parametrize("value, zh, en", [(1.81e12, "1.81万亿", "1.81tn"),
                                           (8.5e11, "8500亿", "850.0bn"),
                                           (5e6, "500万", "5.00m")])
def test_yuan_in_both_languages(value, zh, en):
    assert fmt.fmt_yuan(value, "zh") == zh
    assert fmt.fmt_yuan(value, "en") == en


def test_axis_units_and_ticks():
    assert fmt.axis_unit(3e7, "zh") == (1e4, "万")
    assert fmt.axis_unit(1.5e8, "zh") == (1e8, "亿")
    assert fmt.axis_unit(3e7, "en") == (1e6, "m")
    assert fmt.yuan_tick(1.5e12, 5e11, "zh") == "1.5万亿"
    assert fmt.yuan_tick(1.5e12, 5e11, "en") == "1.5tn"
    assert fmt.signed(-3322, 0) == "\u22123,322"
