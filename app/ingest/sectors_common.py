"""Shared helpers of the sector-membership importers."""

from __future__ import annotations

import re
from datetime import date as _date

from app.ingest.dates import file_date
from app.ingest.frames import Options, Source

# 'tushare_stock_basic_2025-04.csv': a file saved in a month, its day not stated.
_FILE_MONTH_RE = re.compile(r"(?<!\d)(\d{4})-(\d{2})(?![\d-])")


def file_month(name: str) -> str | None:
    """The first day of the last 'YYYY-MM' month stamp in a file name ('2025-04' → '2025-04-01')."""
    found = None
    for m in _FILE_MONTH_RE.finditer(name):
        year, month = int(m.group(1)), int(m.group(2))
        if 1990 <= year <= 2100 and 1 <= month <= 12:
            found = _date(year, month, 1).isoformat()
    return found


def as_of(src: Source, opts: Options) -> tuple[str, str]:
    """(as_of date of a membership file, where it came from): the date in the file name, else
    --date, else the first day of a month in the file name, else today. Membership dates need not
    be trading days (boards are saved at weekends). A month stamp dates the file at the month's
    start, not today: taken as of today it would postdate every session reviewed with it."""
    d = file_date(src.path)
    if d:
        return d, "the file name"
    if opts.date:
        return opts.date, "--date"
    month = file_month(src.path.name)
    if month:
        return month, f"the month {month[:7]} in the file name, dated its first day"
    return (opts.today or _date.today().isoformat()), "today"
