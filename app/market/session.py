"""The A-share trading day as a fixed grid of end-labelled minute slots.

The grid has 241 slots, as East Money's 1-minute bars do: slot 0 is 09:30 (the opening-auction
print, stamped 09:25 where a seal time is shown), then 09:31..11:30 and 13:01..15:00. Charts use the
slot number as x so that the lunch break collapses.
"""

from __future__ import annotations

from functools import lru_cache

MORNING_OPEN = 9 * 60 + 30
MORNING_CLOSE = 11 * 60 + 30
AFTERNOON_OPEN = 13 * 60
AFTERNOON_CLOSE = 15 * 60
AUCTION_TIME = "09:25"


def _fmt(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=1)
def session_minutes() -> tuple[str, ...]:
    """All 241 slot labels of a session, in order."""
    morning = [_fmt(m) for m in range(MORNING_OPEN, MORNING_CLOSE + 1)]
    afternoon = [_fmt(m) for m in range(AFTERNOON_OPEN + 1, AFTERNOON_CLOSE + 1)]
    return tuple(morning + afternoon)


@lru_cache(maxsize=1)
def _slot_of() -> dict[str, int]:
    return {t: i for i, t in enumerate(session_minutes())}


SLOTS = 241
HALF_DAY_TIME = "11:30"
CLOSE_TIME = "15:00"


def slot_of(time: str) -> int:
    """Slot index of an 'HH:MM' label; times inside the lunch break map to the 11:30 slot,
    times before the open to slot 0 and after the close to the last slot."""
    t = normalise_time(time)
    idx = _slot_of().get(t)
    if idx is not None:
        return idx
    minutes = int(t[:2]) * 60 + int(t[3:])
    if minutes < MORNING_OPEN:
        return 0
    if minutes <= AFTERNOON_OPEN:
        return _slot_of()[HALF_DAY_TIME]
    return SLOTS - 1


def time_of(slot: int) -> str:
    """'HH:MM' label of a slot (clamped into the grid)."""
    slot = max(0, min(SLOTS - 1, int(slot)))
    return session_minutes()[slot]


def normalise_time(value: str) -> str:
    """Accept 'HH:MM', 'HH:MM:SS', 'HHMM' or 'HHMMSS' and return 'HH:MM'."""
    v = str(value).strip()
    if ":" in v:
        parts = v.split(":")
        h, m = int(parts[0]), int(parts[1])
    else:
        digits = v.zfill(6) if len(v) > 4 else v.zfill(4)
        h, m = int(digits[:2]), int(digits[2:4])
    if not (0 <= h < 24 and 0 <= m < 60):
        raise ValueError(f"not a clock time: {value!r}")
    return f"{h:02d}:{m:02d}"


def is_trading_minute(time: str) -> bool:
    return normalise_time(time) in _slot_of()


# Ticks a terminal puts under an intraday chart; 11:30 and 13:00 share one slot.
INTRADAY_TICKS: tuple[tuple[int, str], ...] = (
    (0, "09:30"),
    (60, "10:30"),
    (120, "11:30/13:00"),
    (180, "14:00"),
    (240, "15:00"),
)
