"""A day's data level (minutes / daily only / none), decided from what the store holds: pure rules.

What a panel may show depends on it. A day of minute snapshots has seal times, an intraday line and
per-minute breadth; a day known only from daily bars, or from one snapshot taken at the close (an
East Money spot file saved after 15:00 is a daily bar in another dress), knows the close and the
day's range, never *when* a stock sealed: its seal times stay empty and its charts show the close.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.market.session import CLOSE_TIME, normalise_time

LEVEL_MINUTES = "minutes"
LEVEL_DAILY = "daily"
LEVEL_NONE = "none"
LEVELS = (LEVEL_MINUTES, LEVEL_DAILY, LEVEL_NONE)

# At least this many snapshot times make a day's seal times knowable: with a single snapshot the
# "first seal" would be that snapshot's own time (or the 09:25 auction), an invention.
MIN_SNAPSHOTS_FOR_SEALS = 2


@dataclass(frozen=True)
class DataLevel:
    level: str
    snapshots: int = 0           # snapshot times stored for the day
    index_minutes: bool = False  # any index minute bars for the day

    @property
    def minutes(self) -> bool:
        return self.level == LEVEL_MINUTES

    @property
    def daily_only(self) -> bool:
        return self.level == LEVEL_DAILY

    @property
    def seal_times_known(self) -> bool:
        return self.level == LEVEL_MINUTES and self.snapshots >= MIN_SNAPSHOTS_FOR_SEALS


def data_level(snapshot_times: Sequence[str], has_daily: bool, index_minutes: bool = False
               ) -> DataLevel:
    """The level of one day from its stored snapshot times, whether it has daily bars and whether
    any index has minute bars that day.

    - two or more snapshot times, or index minute bars: minutes;
    - a single snapshot at the close (15:00 or later), or daily bars and no snapshot: daily only;
    - a single intraday snapshot: minutes (one minute of a session, without seal times);
    - nothing: none.
    """
    times = sorted({normalise_time(t) for t in snapshot_times})
    n = len(times)
    if n >= 2 or index_minutes:
        return DataLevel(LEVEL_MINUTES, n, index_minutes)
    if n == 1:
        level = LEVEL_DAILY if times[0] >= CLOSE_TIME else LEVEL_MINUTES
        return DataLevel(level, 1, False)
    return DataLevel(LEVEL_DAILY if has_daily else LEVEL_NONE, 0, False)


def daily_limit_opens(state: str, open_at_limit: bool, low_below_limit: bool) -> tuple[int | None,
                                                                                        bool | None]:
    """(炸板次数, 回封) of a stock at (or broken from) its limit, known from its daily bar alone.

    - 一字 (open = high = low = close = limit): never opened, (0, False);
    - T字 (opened at the limit, traded below it, closed at it): opened at least once and re-sealed,
      (1, True); 1 is a lower bound, the bar cannot tell how many times;
    - 炸板 (reached the limit, closed below): opened at least once, (1, False);
    - any other close at the limit (opened below it): unknown, (None, None): the bar cannot tell a
      stock that sealed once from one that sealed, opened and re-sealed.
    """
    if state == "one_word":
        return 0, False
    if state == "broken":
        return 1, False
    if open_at_limit and low_below_limit:
        return 1, True
    return None, None
