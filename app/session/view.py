"""What a minute of a session shows: the frozen ``SessionView`` and the pieces it is built from.

``SessionView`` is handed to the GUI (frames not mutated after construction); ``IndexSeries`` holds
an index's bars of the session; ``MinuteResults`` are a minute's small results kept around the
shown minute; ``resolve_time`` picks the minute to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from app.market.breadth import BreadthCounts
from app.market.concentration import Concentration
from app.market.data_level import LEVEL_MINUTES, DataLevel
from app.market.session import normalise_time
from app.session.errors import SessionMissing
from app.session.source import SessionStore


def resolve_time(store: SessionStore, date: str, time: str | None) -> str:
    """The snapshot time to show: ``time`` if stored, else the session's last; LookupError if absent."""
    times = store.session_times(date)
    if not times:
        if store.daily_cross_section(date).empty:
            raise SessionMissing("no_session", date=date)
        if time and normalise_time(time) != "15:00":
            raise SessionMissing("daily_only", date=date, time=time)
        return "15:00"
    if time is None:
        return times[-1]
    t = normalise_time(time)
    if t not in times:
        raise SessionMissing("no_minute", date=date, time=t, first=times[0], last=times[-1])
    return t


@dataclass(frozen=True)
class IndexSeries:
    symbol: str
    name: str
    prev_close: float | None
    minutes: pd.DataFrame          # time, open, high, low, close, volume, amount
    daily: pd.DataFrame = field(default_factory=pd.DataFrame)   # daily bars up to the session

    @cached_property
    def arrays(self) -> dict[str, np.ndarray]:
        """The minute bars as arrays ('time' as str), built once: the window slices them for
        every minute of a scrub instead of filtering the frame."""
        m = self.minutes
        out = {"time": np.asarray(m["time"].to_numpy(), dtype=str) if len(m) else
               np.array([], dtype=str)}
        for c in ("open", "high", "low", "close", "volume", "amount"):
            out[c] = m[c].to_numpy(dtype=float) if c in m.columns and len(m) else np.array([])
        return out

    def count_upto(self, time: str | None) -> int:
        """How many minute bars are at or before ``time`` (all of them for None)."""
        times = self.arrays["time"]
        if time is None:
            return len(times)
        return int(np.searchsorted(times, normalise_time(time), side="right"))


@dataclass(frozen=True)
class SessionView:
    """A frozen result handed to the GUI: frames are not mutated after construction."""

    date: str
    time: str
    times: tuple[str, ...]
    prior_date: str | None
    enriched: pd.DataFrame
    counts: BreadthCounts
    review: pd.DataFrame
    series: pd.DataFrame
    prior_series: pd.DataFrame
    membership: pd.DataFrame
    sectors: pd.DataFrame = field(default_factory=pd.DataFrame)
    summary: pd.DataFrame = field(default_factory=pd.DataFrame)   # per-sector board summary
    indices: dict[str, IndexSeries] = field(default_factory=dict)
    concentration: dict[str, Concentration] = field(default_factory=dict)
    extras: dict[str, object] = field(default_factory=dict)
    level: DataLevel = DataLevel(LEVEL_MINUTES)    # what the store holds for the day


@dataclass
class MinuteResults:
    """What one minute's view adds to its cross-section, all small (a few hundred rows): kept for
    the minutes around the one shown, so stepping onto them costs only the cross-section."""

    review: pd.DataFrame
    counts: BreadthCounts
    summary: pd.DataFrame
    concentration: dict[str, Concentration]
    findings: dict[tuple[str, ...], list] = field(default_factory=dict)     # by focus


REVIEW_COLUMNS_IN_VIEW = ("streak", "first_seal", "last_seal", "opens", "resealed")


def no_pause() -> None:
    return None


def add_review_columns(enriched: pd.DataFrame, review: pd.DataFrame) -> None:
    """The review's streak and seal columns on the cross-section (NaN for stocks not in the review,
    as a left join gives), set in place: a join copies the whole frame every minute."""
    pos = enriched.index.get_indexer(review["symbol"])
    ok = pos >= 0
    for c in REVIEW_COLUMNS_IN_VIEW:
        if c not in review.columns:
            continue
        values = review[c].to_numpy()
        full = np.full(len(enriched), np.nan, dtype=float if values.dtype.kind in "iuf" else object)
        full[pos[ok]] = values[ok]
        # An explicit object Series: pandas would otherwise infer its string dtype for seal times.
        enriched[c] = full if full.dtype == float else pd.Series(full, index=enriched.index,
                                                                 dtype=object)
