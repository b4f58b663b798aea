"""Breadth through a session, one row per minute, and turnover against the prior session.

``breadth_series`` is what writers materialise as the ``breadth_minutes`` table, so the viewer can
draw the session lines without scanning every snapshot of the day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from app.market.breadth import breadth_counts
from app.market.session import normalise_time, slot_of
from app.market.snapshot import enrich, limit_table

SERIES_COLUMNS: tuple[str, ...] = ("time", "stocks", "up", "down", "flat", "suspended", "limit_up",
                                   "limit_down", "broken", "turnover_yuan")
_INT_COLUMNS = SERIES_COLUMNS[1:-1]


def empty_series() -> pd.DataFrame:
    """A breadth frame with the right columns and no rows."""
    out = pd.DataFrame({c: pd.Series(dtype=np.int64) for c in _INT_COLUMNS})
    out.insert(0, "time", pd.Series(dtype=object))
    out["turnover_yuan"] = pd.Series(dtype=float)
    return out


def breadth_series(cross_sections_by_time: Mapping[str, pd.DataFrame]
                   | Iterable[tuple[str, pd.DataFrame]],
                   on_date: date | str) -> pd.DataFrame:
    """Per-minute breadth of a session.

    Parameters
    ----------
    cross_sections_by_time
        ``{time: cross_section}`` (or ``(time, cross_section)`` pairs), each a raw cross-section as
        returned by ``app.store.queries.cross_section`` (indexed by symbol; board, name, list_date,
        float_shares, last, prev_close, open, high, low, volume, amount).
    on_date
        The session date, which decides every stock's limit band.

    Returns
    -------
    DataFrame with columns ``SERIES_COLUMNS``, one row per minute in session order; ``time`` is
    'HH:MM'.
    """
    items = (cross_sections_by_time.items() if isinstance(cross_sections_by_time, Mapping)
             else cross_sections_by_time)
    rows: list[dict[str, object]] = []
    # The band of a stock does not change within a session: compute it once per symbol.
    limits: pd.DataFrame | None = None
    for time, frame in items:
        if limits is None:
            limits = limit_table(frame, on_date)
        else:
            new = frame.index.difference(limits.index)
            if len(new):
                limits = pd.concat([limits, limit_table(frame.loc[new], on_date)])
        c = breadth_counts(enrich(frame, on_date, limits))
        rows.append({"time": normalise_time(time), "stocks": c.stocks, "up": c.up, "down": c.down,
                     "flat": c.flat, "suspended": c.suspended, "limit_up": c.limit_up,
                     "limit_down": c.limit_down, "broken": c.broken,
                     "turnover_yuan": c.turnover_yuan})
    if not rows:
        return empty_series()
    out = pd.DataFrame(rows, columns=list(SERIES_COLUMNS))
    out = out.drop_duplicates("time", keep="last")
    out = out.iloc[np.argsort([slot_of(t) for t in out["time"]], kind="stable")]
    return out.reset_index(drop=True).astype({c: np.int64 for c in _INT_COLUMNS})


@dataclass(frozen=True)
class TurnoverComparison:
    """Cumulative turnover (yuan) today and in the prior session at the same clock time."""

    time: str           # the clock time compared (today's last row at or before the asked time)
    today: float
    prior: float        # NaN when the prior session has no row at or before ``time``
    diff_pct: float     # (today / prior − 1) × 100, NaN when not comparable


def _row_at_or_before(frame: pd.DataFrame | None, time: str) -> pd.Series | None:
    if frame is None or frame.empty:
        return None
    slots = np.array([slot_of(t) for t in frame["time"]])
    target = slot_of(time)
    ok = np.flatnonzero(slots <= target)
    if not len(ok):
        return None
    return frame.iloc[int(ok[np.argmax(slots[ok])])]


def turnover_at(frame: pd.DataFrame | None, time: str) -> float:
    """Cumulative turnover of a breadth frame at ``time`` (its last row at or before it), or NaN."""
    row = _row_at_or_before(frame, time)
    return float(row["turnover_yuan"]) if row is not None else float("nan")


def turnover_comparison(today_frame: pd.DataFrame, prior_frame: pd.DataFrame | None,
                        time: str) -> TurnoverComparison:
    """Today's cumulative turnover at ``time`` against the prior session's at the same clock time.

    When today's frame has no row at ``time`` exactly, its last row before it is used and the prior
    session is read at that row's clock time, so both sides cover the same span of the session.
    """
    row = _row_at_or_before(today_frame, time)
    if row is None:
        return TurnoverComparison(normalise_time(time), float("nan"), float("nan"), float("nan"))
    clock = normalise_time(str(row["time"]))
    today = float(row["turnover_yuan"])
    prior = turnover_at(prior_frame, clock)
    diff = (today / prior - 1.0) * 100.0 if np.isfinite(prior) and prior > 0 else float("nan")
    return TurnoverComparison(clock, today, prior, float(diff))
