"""The session's minute slots on a chart's x axis: the fixed range and 'HH:MM' labels as slots.

x is the slot number (0 = 09:30 … 240 = 15:00, lunch collapsed) and the x range always spans the
whole session, so a morning-only load shows the empty afternoon, as a terminal does.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from app.market.session import SLOTS, normalise_time, slot_of

X_RANGE = (-0.5, SLOTS - 0.5)


@lru_cache(maxsize=2048)
def _slot_of_label(label: str) -> int:
    return slot_of(normalise_time(label))


def to_slots(times: Sequence[str] | Sequence[int] | np.ndarray) -> np.ndarray:
    """Slots of 'HH:MM' labels (or pass slot numbers through), as int64. The labels are the same
    few hundred every minute of a scrub: each is parsed once."""
    arr = list(times)
    if arr and isinstance(arr[0], str):
        return np.fromiter(map(_slot_of_label, arr), dtype=np.int64, count=len(arr))
    return np.asarray(arr, dtype=np.int64)

