"""Trading days of the Shanghai exchange (exchange-calendars XSHG): once per process, and kept
in the user's cache between starts."""

from __future__ import annotations

import os
import re
import warnings
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from app.config import cache_dir

CACHE_PREFIX = "xshg-sessions-"
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


@lru_cache(maxsize=1)
def _calendar():  # type: ignore[no-untyped-def]
    import exchange_calendars as xcals  # imported lazily: building the calendar takes ~0.3 s

    # exchange-calendars trips pandas' own deprecation warnings while building; they are not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return xcals.get_calendar("XSHG")


@lru_cache(maxsize=1)
def trading_days() -> np.ndarray:
    """All XSHG sessions as sorted 'YYYY-MM-DD' strings (numpy array of str).

    exchange-calendars is the source. Its list is also kept in the user's cache, keyed by the
    library's version and today's date (the calendar's default range ends a year from today):
    importing the library and building XSHG is ~0.17 s of the viewer's cold start, reading
    the kept list ~2 ms."""
    path = _cache_path()
    days = _read_days(path) if path is not None else None
    if days is None:
        days = np.asarray(_calendar().sessions.strftime("%Y-%m-%d"), dtype=str)
        if path is not None:
            _write_days(path, days)
    return days


def _cache_path() -> Path | None:
    try:
        version = metadata.version("exchange_calendars")
    except metadata.PackageNotFoundError:
        return None
    return cache_dir() / f"{CACHE_PREFIX}{version}-{date.today().isoformat()}.txt"


def _read_days(path: Path) -> np.ndarray | None:
    """The kept list, or None when there is none or it is not a sorted list of ISO dates."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    days = np.asarray(text.split(), dtype=str)
    if len(days) < 2 or not all(_ISO.fullmatch(d) for d in (days[0], days[-1])) \
            or not bool(np.all(days[1:] > days[:-1])):
        return None
    return days


def _write_days(path: Path, days: np.ndarray) -> None:
    """Keep the list (atomically) and drop those of other days or versions; a cache that cannot
    be written only costs the next start its 0.17 s."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text("\n".join(days.tolist()) + "\n", encoding="ascii")
        os.replace(tmp, path)
        for old in path.parent.glob(f"{CACHE_PREFIX}*.txt"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return


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
