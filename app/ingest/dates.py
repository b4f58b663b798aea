"""Dates and clock times from cells and file names, checked against the trading calendar.

Every conversion raises IngestError naming the file, the line, the field and the problem.
"""

from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

import numpy as np

from app.ingest.cells import factorize, first_row, show, take
from app.ingest.errors import IngestError
from app.ingest.table import Table
from app.market.session import is_trading_minute, normalise_time

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]" + _CLOCK + r")?$")
_DATE8_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0)?$")
_STAMP_RE = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{8})[ T](" + _CLOCK + r")$")
_FILE_DATE_RE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")


def iso_date(value: str) -> str | None:
    """'YYYY-MM-DD' from 'YYYY-MM-DD', 'YYYY/M/D', 'YYYYMMDD' (optionally with a 00:00:00 time)."""
    v = value.strip()
    m = _DATE_RE.match(v) or _DATE8_RE.match(v)
    if not m:
        return None
    try:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[str], str, str]:
    from app.market.calendar import trading_days

    days = trading_days()
    return frozenset(str(d) for d in days), str(days[0]), str(days[-1])


def trading_day_problem(iso: str) -> str | None:
    """Why ``iso`` is not a trading day, or None. Outside the calendar's range (it starts in
    2006), weekends are still rejected but holidays cannot be checked."""
    days, first, last = _calendar()
    if first <= iso <= last:
        return None if iso in days else f"{iso} is not a trading day (XSHG calendar)"
    if _date.fromisoformat(iso).weekday() >= 5:
        return f"{iso} is a weekend, not a trading day"
    return None


@lru_cache(maxsize=1)
def _calendar_array() -> np.ndarray:
    from app.market.calendar import trading_days

    return np.asarray(trading_days(), dtype="U10")


def first_non_trading_day(iso: np.ndarray) -> int | None:
    """Index of the first date (ISO strings) that is not a trading day, or None (vectorised
    ``trading_day_problem``)."""
    if not len(iso):
        return None
    a = np.asarray(iso, dtype="U10")
    days = _calendar_array()
    inside = (a >= days[0]) & (a <= days[-1])
    bad = inside & ~np.isin(a, days)
    if (~inside).any():
        # 1970-01-01 was a Thursday: (days since the epoch + 3) % 7 is 0 on Mondays.
        wd = (a[~inside].astype("datetime64[D]").astype(np.int64) + 3) % 7
        bad[~inside] = wd >= 5
    return int(bad.argmax()) if bad.any() else None


def calendar_range() -> tuple[str, str]:
    _, first, last = _calendar()
    return first, last


def date_column(t: Table, key: str, *, trading: bool = True) -> np.ndarray:
    """ISO dates of a column; unparsable or (with ``trading``) non-trading dates are errors."""
    codes, uniques = factorize(t.text(key))
    out = []
    for k, s in enumerate(uniques):   # in order of first appearance: the first error is reported
        iso = iso_date(s)
        if iso is None:
            raise t.error(first_row(codes, k), key, f"{show(s)} is not a date (YYYY-MM-DD or "
                                                 f"YYYYMMDD)")
        if trading:
            problem = trading_day_problem(iso)
            if problem:
                raise t.error(first_row(codes, k), key, problem)
        out.append(iso)
    return take(out, codes)


def stamp_column(t: Table, key: str) -> tuple[np.ndarray, np.ndarray]:
    """(dates, times) from 'YYYY-MM-DD HH:MM[:SS]' stamps; times must be session slots."""
    codes, uniques = factorize(t.text(key))
    dates, times = [], []
    for k, s in enumerate(uniques):
        def err(message: str, k: int = k) -> IngestError:
            return t.error(first_row(codes, k), key, message)
        m = _STAMP_RE.match(s)
        if not m:
            raise err(f"{show(s)} is not a date and time (YYYY-MM-DD HH:MM)")
        iso = iso_date(m.group(1))
        if iso is None:
            raise err(f"{show(s)} has no valid date")
        problem = trading_day_problem(iso)
        if problem:
            raise err(problem)
        try:
            hhmm = normalise_time(m.group(2))
        except ValueError:
            raise err(f"{show(s)} has no valid clock time") from None
        if not is_trading_minute(hhmm):
            raise err(f"{hhmm} is not a minute of the trading session (09:30-11:30, 13:01-15:00)")
        dates.append(iso)
        times.append(hhmm)
    return take(dates, codes), take(times, codes)


def file_date(path: Path) -> str | None:
    """The last valid date in a file name ('..._2026-03-15.csv', 'spot_20260602.csv')."""
    found = None
    for m in _FILE_DATE_RE.finditer(path.name):
        try:
            found = _date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return found



def time_on_grid(value: str) -> str:
    """A clock time snapped to its session slot (15:00:03 -> 15:00, 12:10 -> 11:30)."""
    from app.market.session import slot_of, time_of

    return time_of(slot_of(value))
