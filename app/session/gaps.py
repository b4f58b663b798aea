"""Minutes a collector could not record, merged into gaps the screens can show honestly.

A collected session may lack minutes (no collector running, the feed failing, a frame that did not
parse); the collector notes each in the store with its reason. Here consecutive grid minutes of the
same kind become one ``Gap``; the screens draw and name gaps instead of joining across them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.market.session import normalise_time, session_minutes, slot_of


@dataclass(frozen=True)
class Gap:
    first: str          # 'HH:MM', the first minute not recorded
    last: str           # the last one (== first for a single minute)
    minutes: int
    kind: str           # 'not_running', 'request_failed', 'unusable' or 'other'
    detail: str         # the first minute's detail (an error's text), '' when none

    @property
    def first_slot(self) -> int:
        return slot_of(self.first)

    @property
    def last_slot(self) -> int:
        return slot_of(self.last)


def gaps_of(missing: Iterable[tuple[str, str, str]]) -> tuple[Gap, ...]:
    """Gaps from (time, kind, detail) rows: consecutive grid slots of one kind merge (11:30 and
    13:01 are consecutive: the lunch break is not on the grid). Rows off the grid are left out."""
    grid = {t: i for i, t in enumerate(session_minutes())}
    rows = []
    for time, kind, detail in missing:
        try:
            t = normalise_time(time)
        except ValueError:
            continue
        if t in grid:
            rows.append((grid[t], t, kind, detail))
    rows.sort()
    out: list[Gap] = []
    for slot, t, kind, detail in rows:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == kind and slot == prev.last_slot + 1:
            out[-1] = Gap(prev.first, t, prev.minutes + 1, kind, prev.detail)
        else:
            out.append(Gap(t, t, 1, kind, detail))
    return tuple(out)


def gaps_until(gaps: tuple[Gap, ...], time: str) -> tuple[Gap, ...]:
    """The gaps that begin at or before ``time`` (what a screen at that minute has lived through),
    the last one cut at ``time``."""
    t = normalise_time(time)
    if t < session_minutes()[0]:
        return ()           # before the open (slot_of would say the first slot)
    upto = slot_of(t)
    out = []
    for g in gaps:
        if g.first_slot > upto:
            continue
        if g.last_slot > upto:
            g = Gap(g.first, normalise_time(time), upto - g.first_slot + 1, g.kind, g.detail)
        out.append(g)
    return tuple(out)
