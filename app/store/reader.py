"""``StoreReader``: one connection's read functions as methods, the data source app.session is given.

The session logic (app.session) knows no SQL; its callers (the worker, the commands, the benchmarks,
the tests) wrap their connection in a StoreReader and hand it over. Its methods are the session's
``SessionStore`` protocol (app/session/source.py); every one returns decoded frames or arrays.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np
import pandas as pd

from app.market.turnover import PriorVolume
from app.store import collect_log, compact, queries, session_reads
from app.store.prior_volume import session_prior_volume


class StoreReader:
    """Read-only access to one store through one connection (use it on the connection's thread)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- sessions and minutes ----------------------------------------------------------------
    def sessions(self) -> list[str]:
        return queries.sessions(self.conn)

    def daily_dates(self) -> list[str]:
        return queries.daily_dates(self.conn)

    def session_times(self, date: str) -> list[str]:
        return queries.session_times(self.conn, date)

    def latest_time(self, date: str) -> str | None:
        return queries.latest_time(self.conn, date)

    def time_at_or_before(self, date: str, time: str) -> str | None:
        return session_reads.time_at_or_before(self.conn, date, time)

    def has_minute(self, date: str, time: str) -> bool:
        return session_reads.has_minute(self.conn, date, time)

    def has_daily(self, date: str) -> bool:
        return session_reads.has_daily(self.conn, date)

    def has_index_bars(self, date: str) -> bool:
        return session_reads.has_index_bars(self.conn, date)

    def count_daily_dates(self, upto: str) -> int:
        return session_reads.count_daily_dates(self.conn, upto)

    # -- cross-sections and panels -------------------------------------------------------------
    def stocks(self, date: str | None = None) -> pd.DataFrame:
        return queries.stocks(self.conn, date)

    def cross_section(self, date: str, time: str, static: pd.DataFrame | None = None
                      ) -> pd.DataFrame:
        return queries.cross_section(self.conn, date, time, static)

    def quotes_at(self, date: str, time: str) -> pd.DataFrame:
        return queries.quotes_at(self.conn, date, time)

    def daily_cross_section(self, date: str) -> pd.DataFrame:
        return queries.daily_cross_section(self.conn, date)

    def panels(self, date: str, symbols: list[str], upto: str | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
        return session_reads.panels_of(self.conn, date, symbols, upto)

    def minute_rows(self, date: str, slots: Sequence[int]) -> dict[str, np.ndarray]:
        return session_reads.minute_rows(self.conn, date, slots)

    def member_rows(self, date: str, symbols: Sequence[str], slots: Sequence[int]
                    ) -> dict[str, np.ndarray]:
        return session_reads.member_rows(self.conn, date, symbols, slots)

    def minute_fingerprint(self, date: str, slot: int) -> tuple[int, float, float, float]:
        return session_reads.minute_fingerprint(self.conn, date, slot)

    def symbols_by_sid(self) -> np.ndarray:
        return compact.symbols_by_sid(self.conn)

    # -- history -------------------------------------------------------------------------------
    def daily_history(self, upto: str, days: int, symbols: list[str] | None = None
                      ) -> pd.DataFrame:
        return queries.daily_history(self.conn, upto, days, symbols)

    def daily_before(self, date: str, sessions: int) -> pd.DataFrame:
        return session_reads.daily_before(self.conn, date, sessions)

    def history_high(self, date: str, symbols: Sequence[str]) -> pd.DataFrame:
        return queries.history_high(self.conn, date, symbols)

    def prior_volume(self, date: str) -> PriorVolume:
        return session_prior_volume(self.conn, date)

    def missing_minutes(self, date: str) -> list[tuple[str, str, str]]:
        return [(t, *collect_log.reason_kind(r)) for t, r in collect_log.missing(self.conn, date).items()]

    # -- sectors and indices -------------------------------------------------------------------
    def sector_membership(self, date: str) -> pd.DataFrame:
        return queries.sector_membership(self.conn, date)

    def sectors(self) -> pd.DataFrame:
        return queries.sectors(self.conn)

    def indices(self) -> pd.DataFrame:
        return queries.indices(self.conn)

    def index_minutes(self, date: str, symbol: str) -> pd.DataFrame:
        return queries.index_minutes(self.conn, date, symbol)

    def index_prev_close(self, date: str, symbol: str) -> float | None:
        return queries.index_prev_close(self.conn, date, symbol)

    def daily_bars(self, symbol: str, upto: str | None = None, index: bool | None = None
                   ) -> pd.DataFrame:
        return queries.daily_bars(self.conn, symbol, upto, index)

    def index_members(self, index_symbol: str, date: str) -> pd.DataFrame:
        return queries.index_members(self.conn, index_symbol, date)

    def breadth_minutes(self, date: str) -> pd.DataFrame:
        return queries.breadth_minutes(self.conn, date)
