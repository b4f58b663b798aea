"""Figures of the Sentiment dock as text: a dash for a missing value, signed numbers and rates."""

from __future__ import annotations

import math
from typing import Any

from app.ui.format import signed


def finite(v: Any) -> bool:
    """A real, finite number (not a bool, None or NaN)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(float(v))


def signed_text(v: Any, digits: int = 2, unit: str = "") -> str:
    """'+2.15' / '−0.05' with ``unit``; '—' for anything not a finite number."""
    return signed(v if finite(v) else None, digits, unit)


def rate(v: Any, digits: int = 1) -> str:
    """A fraction as a percentage ('0.625' → '62.5%'); '—' when missing."""
    return f"{float(v) * 100:.{digits}f}%" if finite(v) else "—"
