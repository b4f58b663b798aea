"""The daily volumes of the sessions before a day, for 量比's 5-session average (one key range)."""

from __future__ import annotations

import sqlite3

import pandas as pd

from app.market.turnover import PRIOR_SESSIONS, PriorVolume, prior_volume
from app.store import codec, compact_daily


def prior_daily_volumes(conn: sqlite3.Connection, day: str, sessions: int = PRIOR_SESSIONS
                        ) -> pd.DataFrame:
    """Long frame (date, symbol, volume) of every stock's daily bars on the last ``sessions``
    stored dates strictly before ``day`` (nothing of ``day`` itself: point in time)."""
    d = codec.day_of(day)
    window = [x for x in compact_daily.daily_days(conn) if x < d][-sessions:]
    rows = compact_daily.rows_between(conn, window[0], window[-1]) if window else []
    return compact_daily.frame(conn, rows, order="date")[["date", "symbol", "volume"]]


def session_prior_volume(conn: sqlite3.Connection, day: str) -> PriorVolume:
    """Each stock's average daily volume over the (up to) 5 sessions before ``day``."""
    return prior_volume(prior_daily_volumes(conn, day), day)
