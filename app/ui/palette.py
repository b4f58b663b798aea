"""Colours and fonts shared by every widget.

China convention: red is up, green is down (``Palette.red_up``); ``with_convention(False)`` swaps
them for users who want green-up. Fonts come from a CJK fallback list so that 涨停 / 上证指数 render
on Linux, Windows and macOS alike.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QFontDatabase

RED = "#e03b3b"
GREEN = "#1f9d55"
GREY = "#8a8a8a"

CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
)


@dataclass(frozen=True)
class Palette:
    """One theme's colours as '#rrggbb' strings.

    ``red`` and ``green`` are the raw hues; charts ask for ``up`` / ``down`` so the convention can
    be switched in one place.
    """

    name: str
    background: str
    foreground: str
    axis: str
    grid: str
    red: str = RED
    green: str = GREEN
    flat: str = GREY
    base_line: str = GREY
    avg_line: str = "#e6a700"
    crosshair: str = "#7f7f7f"
    limit_line: str = "#b04ad6"
    ma: tuple[str, str, str, str] = ("#3a3a3a", "#e6a700", "#c038c0", "#2f7ed8")
    # Overlay lines in the order 上证指数, 深证成指, 创业板指, 科创50, 沪深300: SSE blue against
    # ChiNext orange is the pair analysts compare most, so those two get the most distinct hues.
    series: tuple[str, ...] = ("#2f7ed8", "#8e44ad", "#f28e2b", "#17becf", "#8c564b", "#e377c2")
    red_up: bool = True

    @property
    def up(self) -> str:
        return self.red if self.red_up else self.green

    @property
    def down(self) -> str:
        return self.green if self.red_up else self.red

    def colour_for(self, change: float) -> str:
        """Up, down or flat colour for a signed change (NaN counts as flat). Judged on the change
        as printed (two decimals): '0.00%' is grey even when the value was −0.004."""
        rounded = round(change, 2) if change == change else 0.0
        if rounded > 0:
            return self.up
        if rounded < 0:
            return self.down
        return self.flat

    def qcolor(self, name: str, alpha: int = 255) -> QColor:
        """A field (``"up"``, ``"grid"``, …) as a QColor with the given alpha."""
        c = QColor(getattr(self, name))
        c.setAlpha(alpha)
        return c

    def with_convention(self, red_up: bool) -> Palette:
        return replace(self, red_up=red_up)


LIGHT = Palette(name="light", background="#ffffff", foreground="#1e1e1e", axis="#555555",
                grid="#e6e6e6")
DARK = Palette(name="dark", background="#111317", foreground="#e6e6e6", axis="#a0a0a0",
               grid="#2a2d33", red="#ff4d4d", green="#28c76f", flat="#9a9a9a",
               base_line="#9a9a9a", avg_line="#f5c518", crosshair="#9a9a9a",
               limit_line="#d17bf0",
               ma=("#e6e6e6", "#f5c518", "#e055e0", "#4aa3ff"),
               series=("#4aa3ff", "#c08cff", "#ffa94d", "#3dd6e0", "#c49c94", "#f7b6d2"))


def palette(theme: str = "light", *, red_up: bool = True) -> Palette:
    """The palette of a theme name ('light' or 'dark') with the chosen up/down convention."""
    base = DARK if theme == "dark" else LIGHT
    return base if red_up == base.red_up else base.with_convention(red_up)


@lru_cache(maxsize=1)
def cjk_family() -> str | None:
    """First installed family of ``CJK_FAMILIES`` (needs a QGuiApplication), or None."""
    installed = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    return None


def cjk_font(size: float = 9.0, *, bold: bool = False) -> QFont:
    """A QFont of ``size`` points in the first available CJK family.

    Falls back to the application's default family (with the CJK list as Qt substitutes) when none
    of them is installed, so Chinese still renders wherever the system can.
    """
    family = cjk_family()
    font = QFont()
    if family is not None:
        font.setFamily(family)
    font.setFamilies(list(dict.fromkeys([*([family] if family else []), *CJK_FAMILIES])))
    font.setPointSizeF(float(size))
    font.setBold(bold)
    return font
