"""What the store holds for one day: its data level (app.market.data_level) and, for a day known
only from its close, its breadth as one end-of-day row."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from app.market.breadth import breadth_counts
from app.market.breadth_series import SERIES_COLUMNS, empty_series
from app.market.data_level import DataLevel, data_level
from app.session.review import NoSessionData, enriched_at
from app.session.source import SessionStore


def day_level(store: SessionStore, date: str, times: Sequence[str] | None = None) -> DataLevel:
    """The data level of ``date``; ``times`` are its stored snapshot times when the caller has them."""
    if times is None:
        times = store.session_times(date)
    return data_level(times, store.has_daily(date), store.has_index_bars(date))


def close_series(store: SessionStore, date: str) -> pd.DataFrame:
    """A daily-only day's breadth as one row at the close (the columns of ``breadth_minutes``):
    the charts then draw the end-of-day state instead of an empty session. Empty when the day
    has minutes (their breadth is per minute) or nothing."""
    if not day_level(store, date).daily_only:
        return empty_series()
    try:
        frame, t, _ = enriched_at(store, date)
    except NoSessionData:
        return empty_series()
    c = breadth_counts(frame)
    row = {"time": t, "stocks": c.stocks, "up": c.up, "down": c.down, "flat": c.flat,
           "suspended": c.suspended, "limit_up": c.limit_up, "limit_down": c.limit_down,
           "broken": c.broken, "turnover_yuan": c.turnover_yuan}
    return pd.DataFrame([row], columns=list(SERIES_COLUMNS))
