"""Trading days of the Shanghai exchange (exchange-calendars XSHG), cached once per process."""

from __future__ import annotations

import warnings
from datetime import date
from functools import lru_cache

import numpy as np
import pandas as pd


@lru_cache(maxsize=1)
def _calendar():  # type: ignore[no-untyped-def]
    import exchange_calendars as xcals  # imported lazily: building the calendar takes ~0.3 s

    # exchange-calendars trips pandas' own deprecation warnings while building; they are not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return xcals.get_calendar("XSHG")


@lru_cache(maxsize=1)
def trading_days() -> np.ndarray:
    """All XSHG sessions as sorted 'YYYY-MM-DD' strings (numpy array of str)."""
    return np.asarray(_calendar().sessions.strftime("%Y-%m-%d"), dtype=str)


def as_iso(d: date | str | pd.Timestamp) -> str:
    return pd.Timestamp(d).strftime("%Y-%m-%d")


def is_trading_day(d: date | str) -> bool:
    days = trading_days()
    iso = as_iso(d)
    i = int(np.searchsorted(days, iso))
    return i < len(days) and days[i] == iso


def previous_trading_day(d: date | str) -> str | None:
    days = trading_days()
    i = int(np.searchsorted(days, as_iso(d)))
    return str(days[i - 1]) if i > 0 else None


def trading_days_between(start: date | str, end: date | str) -> list[str]:
    """Sessions from start to end inclusive."""
    days = trading_days()
    lo = int(np.searchsorted(days, as_iso(start)))
    hi = int(np.searchsorted(days, as_iso(end), side="right"))
    return [str(x) for x in days[lo:hi]]


def listing_day_numbers(list_dates: pd.Series, on_date: date | str) -> np.ndarray:
    """1-based trading-day count since listing for each list date (0 where unknown or later)."""
    days = trading_days()
    on = int(np.searchsorted(days, as_iso(on_date), side="right"))
    ld = pd.to_datetime(list_dates, errors="coerce", format="mixed")
    iso = ld.dt.strftime("%Y-%m-%d").fillna("9999-12-31").to_numpy(dtype=str)
    start = np.searchsorted(days, iso)
    n = on - start
    n[(iso == "9999-12-31") | (n < 0)] = 0
    return n.astype(np.int64)
