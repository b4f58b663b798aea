"""``SessionStore``: what the session logic reads from a store, named without SQL or the store.

app.store.reader.StoreReader implements it over a connection; app.session never imports app.store
(nor sqlite3), so a loader, cube or review is handed an object with these methods by its caller.
Frames and arrays come back decoded: dates 'YYYY-MM-DD', minutes 'HH:MM' (or grid slots), yuan.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import pandas as pd

from app.market.turnover import PriorVolume

class SessionStore(Protocol):
    """The reads a session needs (see app.store.queries / app.store.session_reads for each)."""

    # -- sessions and minutes ----------------------------------------------------------------
    def sessions(self) -> list[str]:
        ...

    def daily_dates(self) -> list[str]:
        ...

    def session_times(self, date: str) -> list[str]:
        ...

    def latest_time(self, date: str) -> str | None:
        ...

    def time_at_or_before(self, date: str, time: str) -> str | None:
        ...

    def has_minute(self, date: str, time: str) -> bool:
        ...

    def has_daily(self, date: str) -> bool:
        ...

    def has_index_bars(self, date: str) -> bool:
        ...

    def count_daily_dates(self, upto: str) -> int:
        ...

    # -- cross-sections and panels -------------------------------------------------------------
    def stocks(self, date: str | None = None) -> pd.DataFrame:
        ...

    def cross_section(self, date: str, time: str, static: pd.DataFrame | None = None
                      ) -> pd.DataFrame:
        ...

    def quotes_at(self, date: str, time: str) -> pd.DataFrame:
        ...

    def daily_cross_section(self, date: str) -> pd.DataFrame:
        ...

    def panels(self, date: str, symbols: list[str], upto: str | None = None
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
        ...

    def minute_rows(self, date: str, slots: Sequence[int]) -> dict[str, np.ndarray]:
        ...

    def member_rows(self, date: str, symbols: Sequence[str], slots: Sequence[int]
                    ) -> dict[str, np.ndarray]:
        ...

    def minute_fingerprint(self, date: str, slot: int) -> tuple[int, float, float, float]:
        ...

    def symbols_by_sid(self) -> np.ndarray:
        ...

    # -- history -------------------------------------------------------------------------------
    def daily_history(self, upto: str, days: int, symbols: list[str] | None = None
                      ) -> pd.DataFrame:
        ...

    def daily_before(self, date: str, sessions: int) -> pd.DataFrame:
        ...

    def history_high(self, date: str, symbols: Sequence[str]) -> pd.DataFrame:
        ...

    def prior_volume(self, date: str) -> PriorVolume:
        ...

    def missing_minutes(self, date: str) -> list[tuple[str, str, str]]:
        """(time, kind, detail) of the minutes a collector noted it could not record."""
        ...

    # -- sectors and indices -------------------------------------------------------------------
    def sector_membership(self, date: str) -> pd.DataFrame:
        ...

    def sectors(self) -> pd.DataFrame:
        ...

    def indices(self) -> pd.DataFrame:
        ...

    def index_minutes(self, date: str, symbol: str) -> pd.DataFrame:
        ...

    def index_prev_close(self, date: str, symbol: str) -> float | None:
        ...

    def daily_bars(self, symbol: str, upto: str | None = None, index: bool | None = None
                   ) -> pd.DataFrame:
        ...

    def index_members(self, index_symbol: str, date: str) -> pd.DataFrame:
        ...

    def breadth_minutes(self, date: str) -> pd.DataFrame:
        ...
