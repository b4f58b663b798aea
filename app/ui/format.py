"""Number formatting as Chinese terminals show it (亿 / 万亿) and the up/down colour of a move."""

from __future__ import annotations

import math

from app.market.brief_text import yuan_zh
from app.ui.palette import GREEN as DOWN_GREEN
from app.ui.palette import GREY as FLAT_GREY
from app.ui.palette import RED as UP_RED

_convention = {"red_up": True}


def set_red_up(on: bool) -> None:
    """Colour convention: red up / green down (China) or the reverse."""
    _convention["red_up"] = on


def up_colour() -> str:
    return UP_RED if _convention["red_up"] else DOWN_GREEN


def down_colour() -> str:
    return DOWN_GREEN if _convention["red_up"] else UP_RED


def move_colour(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == 0:
        return FLAT_GREY
    return up_colour() if value > 0 else down_colour()


def fmt_pct(value: float | None, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:+.{digits}f}%"


def fmt_yuan(value: float | None) -> str:
    """1.81e12 → '1.81万亿', 8.5e11 → '8500亿', 5e6 → '500万': one rule for the strip, the breadth
    panel and the brief, so a sentence quotes exactly what a panel shows."""
    return yuan_zh(value)
