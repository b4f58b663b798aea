"""What the store holds for one day: its data level (app.market.data_level) and, for a day known
only from its close, its breadth as one end-of-day row."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import pandas as pd

from app.market.breadth import breadth_counts
from app.market.breadth_series import SERIES_COLUMNS, empty_series
from app.market.data_level import DataLevel, data_level
from app.store import codec, compact_daily, queries
from app.store.review import NoSessionData, enriched_at


def day_level(conn: sqlite3.Connection, date: str, times: Sequence[str] | None = None) -> DataLevel:
    """The data level of ``date``; ``times`` are its stored snapshot times when the caller has them."""
    if times is None:
        times = queries.session_times(conn, date)
    lo, hi = compact_daily.day_bounds(codec.day_of(date), codec.day_of(date))
    has_daily = conn.execute("SELECT 1 FROM daily_bars WHERE id BETWEEN ? AND ? LIMIT 1",
                             (lo, hi)).fetchone()
    bars = conn.execute("SELECT 1 FROM index_bars WHERE date = ? LIMIT 1", (date,)).fetchone()
    return data_level(times, has_daily is not None, bars is not None)


def close_series(conn: sqlite3.Connection, date: str) -> pd.DataFrame:
    """A daily-only day's breadth as one row at the close (the columns of ``breadth_minutes``):
    the charts then draw the end-of-day state instead of an empty session. Empty when the day
    has minutes (their breadth is per minute) or nothing."""
    if not day_level(conn, date).daily_only:
        return empty_series()
    try:
        frame, t, _ = enriched_at(conn, date)
    except NoSessionData:
        return empty_series()
    c = breadth_counts(frame)
    row = {"time": t, "stocks": c.stocks, "up": c.up, "down": c.down, "flat": c.flat,
           "suspended": c.suspended, "limit_up": c.limit_up, "limit_down": c.limit_down,
           "broken": c.broken, "turnover_yuan": c.turnover_yuan}
    return pd.DataFrame([row], columns=list(SERIES_COLUMNS))
