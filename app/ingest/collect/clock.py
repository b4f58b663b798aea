"""When each minute is due: XSHG session hours (exchange-calendars trading days, the 241-slot grid)
in Beijing time for a live feed, or a recording's own minutes paced at ``speed`` for a replay.

A slot 'HH:MM' is end-labelled: its snapshot is the market at HH:MM:00, polled POLL_OFFSET_S
seconds later (the close a little later, when the closing auction's prints have settled). Both
clocks take ``now`` and ``sleep`` so tests run them without waiting.
"""

from __future__ import annotations

import time as _time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.market.calendar import is_trading_day
from app.market.session import CLOSE_TIME, session_minutes

BEIJING = ZoneInfo("Asia/Shanghai")
POLL_OFFSET_S = 5.0
CLOSE_SETTLE_S = 30.0
LATE_S = 50.0          # a slot polled later than this after its moment is not that minute any more


@dataclass(frozen=True)
class Due:
    """A slot the runner should record now (``passed``: its moment went by before the collector
    could poll it, so it can only be noted missing)."""

    date: str
    time: str
    passed: bool = False


def _beijing_now() -> datetime:
    return datetime.now(BEIJING)


@dataclass
class SessionClock:
    """Today's XSHG session, slot by slot, as the wall clock reaches each one."""

    now: Callable[[], datetime] = field(default=_beijing_now)
    sleep: Callable[[float], None] = field(default=_time.sleep)

    def moment(self, date: str, time: str) -> datetime:
        hh, mm = int(time[:2]), int(time[3:])
        offset = CLOSE_SETTLE_S if time == CLOSE_TIME else POLL_OFFSET_S
        day = datetime.fromisoformat(date).replace(tzinfo=BEIJING)
        return day + timedelta(hours=hh, minutes=mm, seconds=offset)

    def today(self) -> str:
        return self.now().astimezone(BEIJING).date().isoformat()

    def session_over(self) -> bool:
        return self.now() >= self.moment(self.today(), CLOSE_TIME)

    def day(self) -> str | None:
        """Today, when it is an XSHG trading day."""
        date = self.today()
        return date if is_trading_day(date) else None

    def slots(self) -> Iterator[Due]:
        """Each slot of today's session as it comes due; nothing on a non-trading day or after
        the close (a collector started then has no minute it could still record)."""
        date = self.day()
        if date is None or self.session_over():
            return
        for t in session_minutes():
            at = self.moment(date, t)
            wait = (at - self.now()).total_seconds()
            if wait > 0:
                self.sleep(wait)
            late = (self.now() - at).total_seconds()
            yield Due(date, t, passed=late > LATE_S)


@dataclass
class ReplayClock:
    """A recording's minutes in order, ``speed`` minutes per wall-clock second (as fast as the
    store allows when behind, never skipping one)."""

    minutes: Sequence[tuple[str, str]]
    speed: float = 1.0
    sleep: Callable[[float], None] = field(default=_time.sleep)
    monotonic: Callable[[], float] = field(default=_time.monotonic)

    def slots(self) -> Iterator[Due]:
        start = self.monotonic()
        for i, (date, t) in enumerate(self.minutes):
            wait = start + i / self.speed - self.monotonic()
            if wait > 0:
                self.sleep(wait)
            yield Due(date, t)

    def day(self) -> str | None:
        return self.minutes[-1][0] if self.minutes else None

    def session_over(self) -> bool:
        """A recording that reaches the close is a whole session; a shorter one is not closed."""
        return bool(self.minutes) and self.minutes[-1][1] == CLOSE_TIME
