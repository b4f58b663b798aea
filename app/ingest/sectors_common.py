"""Shared helpers of the sector-membership importers."""

from __future__ import annotations

from datetime import date as _date

from app.ingest.frames import Options, Source
from app.ingest.table import file_date


def as_of(src: Source, opts: Options) -> tuple[str, str]:
    """(as_of date of a membership file, where it came from): the date in the file name, else
    --date, else today. Membership dates need not be trading days (boards are saved at weekends)."""
    d = file_date(src.path)
    if d:
        return d, "the file name"
    if opts.date:
        return opts.date, "--date"
    return (opts.today or _date.today().isoformat()), "today"
