"""The loader's idle work: the neighbouring minutes' views, prefetching the cube, nearby results.

``IdleWork`` is a part of ``SessionLoader`` (app.session.loader), split off by job: what the worker
runs between requests (``prepare_neighbour``, ``prefetch``) and which kept views and results stay.
"""

from __future__ import annotations

from collections.abc import Callable

from app.market.snapshot import enrich
from app.session.review import SOURCE_QUOTES
from app.session.view import SessionView

RESULTS_RADIUS = 45     # minutes each side of the shown one whose small results are kept / precomputed
# Whole views are kept for the shown minute and its two neighbours: a one-minute step onto a
# prepared neighbour costs the window its paint only (a view is ~2 MB: the enriched frame).
VIEW_RADIUS = 1


class IdleWork:
    """Idle steps and eviction of ``SessionLoader`` (which holds the state they use)."""

    def _keep_view(self, view: SessionView) -> None:
        """Keep ``view`` and drop the kept views more than VIEW_RADIUS minutes from the shown one."""
        self._views[(view.date, view.time, self.focus)] = view
        times = self.times(view.date)
        centre = times.index(self._last_time) if self._last_time in times else len(times) - 1
        near = set(times[max(0, centre - VIEW_RADIUS): centre + VIEW_RADIUS + 1])
        for key in [k for k in self._views if k[0] != view.date or k[1] not in near
                    or k[2] != self.focus]:
            del self._views[key]

    def prepare_neighbour(self) -> bool:
        """Build the whole view of the minute next to the shown one, in the direction of the last
        step first, then on the other side (not behind the newest minute: a live session is
        followed forward). True when one was built, False when both are ready."""
        date, shown = self._date, self._last_time
        if date is None or shown is None:
            return False
        times = self.times(date)
        if shown not in times:
            return False
        i = times.index(shown)
        sides = (self._direction,) if i == len(times) - 1 else (self._direction, -self._direction)
        for step in sides:
            j = i + step
            if 0 <= j < len(times) and (date, times[j], self.focus) not in self._views:
                self._keep_view(self._build(date, times[j], times))
                return True
        return False

    def _evict_results(self, date: str) -> None:
        times = self.times(date)
        centre = times.index(self._last_time) if self._last_time in times else len(times) - 1
        near = set(times[max(0, centre - RESULTS_RADIUS): centre + RESULTS_RADIUS + 1])
        for t in [t for t in self._results if t not in near]:
            del self._results[t]

    def prefetch(self) -> bool:
        """One small step of idle work on the shown session (the worker calls this between
        requests): read a few more minutes into the cube, or precompute the results of a minute
        near the one shown. True while some remain."""
        cube, date, shown = self._cube, self._date, self._last_time
        if cube is None or date is None or cube.date != date:
            return False
        self._prefetch_turn += 1
        todo = self._results_todo(date, shown)
        if not cube.complete() and (todo is None or self._prefetch_turn % 2):
            cube.prefetch(around=shown)
            return True
        if todo is not None:
            times = self.times(date)
            enriched = enrich(self._cross_section(date, todo, times), date, self._limits)
            self._minute_results(date, todo, enriched, SOURCE_QUOTES)
            return True
        # Last, the brief's findings of those minutes, so the brief follows a step at once too.
        brief = self._findings_todo(date, shown)
        if brief is None:
            return False
        view = self._views.get((date, brief, self.focus)) or self._build(date, brief, self.times(date))
        self._findings(view)
        return True

    def _findings_todo(self, date: str, shown: str | None) -> str | None:
        """The minute nearest the shown one with results but no findings for the focus."""
        def wanting(t: str) -> bool:
            res = self._results.get(t)
            return res is not None and self.focus not in res.findings
        return self._nearest(date, shown, wanting)

    def _results_todo(self, date: str, shown: str | None) -> str | None:
        """The minute nearest the shown one (within RESULTS_RADIUS) whose results are missing."""
        return self._nearest(date, shown, lambda t: t not in self._results)

    def _nearest(self, date: str, shown: str | None, wanting: Callable[[str], bool]) -> str | None:
        """The stored minute nearest ``shown`` (within RESULTS_RADIUS, later first on a tie) for
        which ``wanting`` is true."""
        times = self.times(date)
        if shown not in times:
            return None
        centre = times.index(shown)
        for d in range(RESULTS_RADIUS + 1):
            for i in (centre + d, centre - d):
                if 0 <= i < len(times) and wanting(times[i]):
                    return times[i]
        return None
