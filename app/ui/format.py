"""Numbers as the interface prints them, in either language, and the up/down colour of a move.

One rule for every panel, chart and the brief, so that a figure reads the same wherever it is:
- signs: '+2.15%' (no space), the Unicode minus '−' (U+2212, as wide as '+'), never '−0.00%'
  (the value is rounded first, then signed; a zero after rounding is unsigned and grey);
- percentages with PCT_DIGITS decimals unless a figure has its own precision below;
- amounts in yuan: '1.81万亿' / '8500亿' / '500万' in Chinese, '1.81tn' / '850.0bn' / '5.00m' in
  English, with the same rounding step in both (0.01万亿 = 0.01tn, 1亿 = 0.1bn, 1万 = 0.01m);
- volumes in lots: '3000万手' / '1.5亿手' in Chinese, '30m lots' / '150m lots' in English.
"""

from __future__ import annotations

import math

from app.config import MAIN_INDICES
from app.market.brief_text import yuan_zh
from app.ui import i18n
from app.ui.palette import GREEN as DOWN_GREEN
from app.ui.palette import GREY as FLAT_GREY
from app.ui.palette import RED as UP_RED

MINUS = "\u2212"
MISSING = "—"
PCT_DIGITS = 2            # an index's, a stock's or a sector's % change
TURNOVER_DIFF_DIGITS = 2  # turnover against the prior session: the strip and the breadth panel

_convention = {"red_up": True}
_INDEX_NAMES = {sym: (zh, en) for sym, zh, en in MAIN_INDICES}


def set_red_up(on: bool) -> None:
    """Colour convention: red up / green down (China) or the reverse."""
    _convention["red_up"] = on


def up_colour() -> str:
    return UP_RED if _convention["red_up"] else DOWN_GREEN


def down_colour() -> str:
    return DOWN_GREEN if _convention["red_up"] else UP_RED


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(float(value))


def _lang(lang: str | None) -> str:
    return lang or i18n.current()


def sign_of(value: float | None, digits: int = PCT_DIGITS) -> int:
    """+1, −1 or 0 for ``value`` as printed with ``digits`` decimals (−0.004 % prints 0.00: 0)."""
    if not _finite(value):
        return 0
    r = round(float(value), digits)  # type: ignore[arg-type]
    return (r > 0) - (r < 0)


def move_colour(value: float | None, digits: int = PCT_DIGITS) -> str:
    """Up, down or grey for a move, judged on the figure as shown (rounded to ``digits``)."""
    s = sign_of(value, digits)
    return FLAT_GREY if s == 0 else (up_colour() if s > 0 else down_colour())


def signed(value: float | None, digits: int = 2, unit: str = "", missing: str = MISSING) -> str:
    """'+2.15' / '−0.05' / '0.00' (rounded, then signed) with ``unit`` appended; thousands
    separated; ``missing`` for None or NaN."""
    if not _finite(value):
        return missing
    text = f"{float(value):+,.{digits}f}"  # type: ignore[arg-type]
    if float(text.replace(",", "")) == 0:
        text = f"{0:.{digits}f}"
    return text.replace("-", MINUS) + unit


def fmt_pct(value: float | None, digits: int = PCT_DIGITS, missing: str = MISSING) -> str:
    """'+2.15%' / '−0.80%' / '0.00%'."""
    return signed(value, digits, "%", missing)


def unsigned_pct(value: float | None, digits: int = PCT_DIGITS, missing: str = MISSING) -> str:
    """'3.20%' for a figure that has no direction (an amplitude, a share)."""
    return missing if not _finite(value) else f"{float(value):.{digits}f}%"  # type: ignore[arg-type]


def minus_ticks(axis) -> None:  # type: ignore[no-untyped-def]
    """Make a pyqtgraph axis print its negative ticks with U+2212 ('−2000', not '-2000')."""
    if getattr(axis, "_unicode_minus", False):
        return
    plain = axis.tickStrings

    def strings(values, scale, spacing):  # type: ignore[no-untyped-def]
        # Only a leading sign: a date tick ('2026-01') keeps its hyphen.
        return [MINUS + t[1:] if t.startswith("-") else t for t in plain(values, scale, spacing)]

    axis.tickStrings = strings
    axis._unicode_minus = True


def parse_signed(text: str) -> float:
    """The number in a label written by ``signed`` / ``fmt_pct`` ('−1.25%' → -1.25)."""
    return float(text.replace(MINUS, "-").replace(",", "").rstrip("%"))


def yuan_en(value: float | None) -> str:
    """1.81e12 → '1.81tn', 8.5e11 → '850.0bn', 5e6 → '5.00m' (the Chinese rounding steps)."""
    if not _finite(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    if abs(v) >= 1e12:
        return f"{v / 1e12:.2f}tn"
    if abs(v) >= 1e8:
        return f"{v / 1e9:.1f}bn"
    if abs(v) >= 1e4:
        return f"{v / 1e6:.2f}m"
    return f"{v:.0f}"


def fmt_yuan(value: float | None, lang: str | None = None) -> str:
    """An amount in yuan: '1.81万亿' / '8500亿' / '500万', or '1.81tn' / '850.0bn' / '5.00m':
    one rule for the strip, the breadth panel and the brief, so a sentence quotes exactly what a
    panel shows."""
    return yuan_zh(value) if _lang(lang) == "zh" else yuan_en(value)


def fmt_yi(value: float | None, digits: int = 1) -> str:
    """An amount in units of 亿 (100 million) yuan without the unit, for a column that names it."""
    return MISSING if not _finite(value) else f"{float(value) / 1e8:.{digits}f}"  # type: ignore[arg-type]


def fmt_yi_unit(value: float | None, digits: int = 1, lang: str | None = None) -> str:
    """The figure of a 亿 column with its unit: '949.1亿', or '94.91bn' (the same step)."""
    if not _finite(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    if _lang(lang) == "zh":
        return f"{v / 1e8:.{digits}f}亿"
    return f"{v / 1e9:.{digits + 1}f}bn"


def fmt_big(value: float | None, decimals: int = 2, lang: str | None = None) -> str:
    """Volume or amount in a readout: '1.23亿' / '4567.89万' / '980', or '123.00m' / '45.68m'."""
    if not _finite(value):
        return "--"
    v = float(value)  # type: ignore[arg-type]
    a = abs(v)
    if _lang(lang) == "zh":
        for step, unit in ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")):
            if a >= step:
                return f"{v / step:.{decimals}f}{unit}"
        return f"{v:.0f}"
    for step, unit in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e4, "k")):
        if a >= step:
            return f"{v / step:.{decimals}f}{unit}"
    return f"{v:.0f}"


def axis_unit(top: float, lang: str | None = None) -> tuple[float, str]:
    """(divisor, unit) of a volume or amount axis whose largest tick is ``top``: 万 / 亿 in
    Chinese, k / m / bn in English."""
    a = abs(top)
    if _lang(lang) == "zh":
        return (1e8, "亿") if a >= 1e8 else ((1e4, "万") if a >= 1e4 else (1.0, ""))
    if a >= 1e9:
        return 1e9, "bn"
    return (1e6, "m") if a >= 1e6 else ((1e3, "k") if a >= 1e4 else (1.0, ""))


def yuan_tick(value: float, spacing: float, lang: str | None = None) -> str:
    """Tick of a turnover axis in yuan: '1.5万亿', '5000亿', '0' / '1.5tn', '500bn', '0'."""
    if value == 0:
        return "0"
    zh = _lang(lang) == "zh"
    if abs(value) >= 1e12 or spacing >= 1e11:
        digits = 1 if spacing >= 1e11 else 2
        return f"{value / 1e12:.{digits}f}" + ("万亿" if zh else "tn")
    if zh:
        return f"{value / 1e8:.0f}亿" if spacing >= 1e8 else f"{value / 1e8:.2f}亿"
    return f"{value / 1e9:.1f}bn" if spacing >= 1e8 else f"{value / 1e9:.3f}bn"


def index_name(symbol: str, fallback: str = "", lang: str | None = None) -> str:
    """A main index's name in the interface's language ('创业板指' / 'ChiNext'); ``fallback``
    (the store's name) for other indices."""
    names = _INDEX_NAMES.get(symbol)
    if names is None:
        return fallback or symbol
    return names[0] if _lang(lang) == "zh" else names[1]
