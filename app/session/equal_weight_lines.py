"""The equal-weight (不含加权) lines of the indices in view, kept per session as the cube fills.

Each minute's level is computed once, from the session cube's rows of the index's constituents
(``app.market.equal_weight``), when that minute has been read; a minute read again (live mode)
is computed again. A view asks for the line up to its minute: complete when every one of those
minutes is known, else the caller shows no line yet; the worker's idle work then reads the
constituents' minutes the cube has not read, 30 minutes at a time (instead of waiting the ~12 s
the cube takes to read the whole session), and the window is told once the line is complete.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.market.equal_weight import equal_weight_level, member_changes
from app.market.session import slot_of
from app.session.cube import SessionCube


# Minutes per store read when the cube has not read them yet (~20-60 ms each on a full market).
STORE_CHUNK = 30


class EqualWeightLines:
    """Equal-weight levels of indices, per cube row, for one session's cube."""

    def __init__(self, cube: SessionCube) -> None:
        self.cube = cube
        self._pos: dict[str, np.ndarray] = {}
        self._symbols: dict[str, list[str]] = {}
        self._values: dict[str, np.ndarray] = {}
        self._done: dict[str, np.ndarray] = {}
        self._prev: dict[str, float] = {}
        self._was_loaded = cube.loaded.copy()

    def add(self, symbol: str, members: pd.DataFrame, prev_close: float) -> bool:
        """Track ``symbol`` (its constituents frame with a ``symbol`` column); False when it has
        no constituent in the cube or no previous close."""
        if symbol in self._pos:
            return True
        if members is None or members.empty or not prev_close:
            return False
        syms = members["symbol"].astype(str)
        pos = self.cube.symbols.get_indexer(syms)
        if not (pos >= 0).any():
            return False
        self._pos[symbol] = pos[pos >= 0]
        self._symbols[symbol] = [s for s, p in zip(syms, pos) if p >= 0]
        self._prev[symbol] = float(prev_close)
        self._reset(symbol)
        return True

    def _reset(self, symbol: str) -> None:
        n = self.cube.n_rows()
        self._values[symbol] = np.full(n, np.nan)
        self._done[symbol] = np.zeros(n, dtype=bool)

    def _sync(self, symbol: str) -> None:
        """Forget minutes the cube will read again (live mode: a minute whose rows changed)."""
        cube = self.cube
        if len(self._values[symbol]) != cube.n_rows():   # an odd minute added rows: start over
            self._reset(symbol)
            self._was_loaded = cube.loaded.copy()
            return
        if len(self._was_loaded) == len(cube.loaded):
            self._done[symbol] &= ~(self._was_loaded & ~cube.loaded)

    def _needed(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows of ``times`` on the grid, whether the store has quotes at each of them)."""
        rows = self.cube.rows_of(list(times))
        rows = rows[rows >= 0]
        return rows, self.cube.stored_rows(rows)

    def line(self, symbol: str, times: np.ndarray) -> tuple[np.ndarray, bool]:
        """The levels at ``times`` (the index bars' minutes, ascending) and whether every one of
        them with quotes is known; the others are NaN. Minutes the cube has read are computed
        here (vectorised, a few hundred µs for a minute or two)."""
        cube = self.cube
        self._sync(symbol)
        for other in self._pos:
            if other != symbol:
                self._sync(other)
        self._was_loaded = cube.loaded.copy()
        done, values = self._done[symbol], self._values[symbol]
        all_rows = cube.rows_of(list(times))
        on_grid = all_rows >= 0
        rows = all_rows[on_grid]
        todo = np.unique(rows[cube.loaded[rows] & ~done[rows]])
        if len(todo):
            pos = self._pos[symbol]
            values[todo] = equal_weight_level(cube.prices("last", todo, pos),
                                              cube.prices("prev_close", todo, pos),
                                              self._prev[symbol])
            done[todo] = True
        out = np.full(len(all_rows), np.nan)
        out[on_grid] = np.where(done[rows], values[rows], np.nan)
        stored = cube.stored_rows(rows)
        return out, bool((done[rows] | ~stored).all())

    def fill_from_store(self, symbol: str, times: np.ndarray) -> bool:
        """Compute up to STORE_CHUNK of the earliest minutes of ``times`` that the cube has not
        read, from the store; True when it read some."""
        cube = self.cube
        rows, stored = self._needed(times)
        done = self._done[symbol]
        missing = rows[stored & ~done[rows]]
        if not len(missing):
            return False
        chunk = np.sort(missing)[:STORE_CHUNK]
        labels = cube.labels(chunk)
        slots = [slot_of(t) for t in labels]
        a = cube.store.member_rows(cube.date, self._symbols[symbol], slots)
        change = member_changes(a["last"], a["prev_close"])
        ok = np.isfinite(change)
        total = np.bincount(a["slot"][ok].astype(np.int64), weights=change[ok], minlength=256)
        count = np.bincount(a["slot"][ok].astype(np.int64), minlength=256)
        prev = self._prev[symbol]
        for row, slot in zip(chunk.tolist(), slots):
            n = count[slot] if 0 <= slot < len(count) else 0
            self._values[symbol][row] = prev * (1.0 + total[slot] / n) if n else np.nan
            done[row] = True
        return True


class SessionLines:
    """What the session loader keeps: the lines of its current cube, and the shown minute whose
    line was incomplete when its view was built (the worker reports it once it is complete)."""

    def __init__(self) -> None:
        self._lines: EqualWeightLines | None = None
        self.waiting: tuple[str, str, str] | None = None      # (date, time, index)

    def for_view(self, cube: SessionCube | None, date: str, time: str, indices: dict,
                 members: dict, focus: tuple[str, ...], shown: bool
                 ) -> dict[str, tuple[np.ndarray, bool]]:
        """{index: (levels at its bars up to ``time``, complete)} for the indices in focus."""
        if cube is None or cube.date != date:
            return {}
        if self._lines is None or self._lines.cube is not cube:
            self._lines = EqualWeightLines(cube)
            self.waiting = None
        out: dict[str, tuple[np.ndarray, bool]] = {}
        for sym in focus:
            series = indices.get(sym)
            if series is None or not self._lines.add(sym, members.get(sym), series.prev_close):
                continue
            out[sym] = self._lines.line(sym, series.arrays["time"][:series.count_upto(time)])
            if shown and not out[sym][1]:
                self.waiting = (date, time, sym)
        return out

    def complete(self, cube: SessionCube | None, date: str, time: str, indices: dict,
                 members: dict) -> dict[str, tuple[np.ndarray, bool]]:
        """Every index's line up to ``time``, reading from the store what the cube has not (the
        batch export draws all the indices at once and has no idle time to wait for)."""
        focus = tuple(indices)
        lines = self.for_view(cube, date, time, indices, members, focus, False)
        if self._lines is None:
            return lines
        for sym, (_, done) in lines.items():
            series = indices[sym]
            times = series.arrays["time"][:series.count_upto(time)]
            while not done and self._lines.fill_from_store(sym, times):
                pass
        return self.for_view(cube, date, time, indices, members, focus, False)

    def fill(self, date: str | None, shown: str | None, indices: dict) -> bool:
        """One store read towards the waiting minute's line (idle work); True when it read."""
        w = self.waiting
        if w is None or self._lines is None or (w[0], w[1]) != (date, shown) or w[2] not in indices:
            return False
        series = indices[w[2]]
        return self._lines.fill_from_store(w[2], series.arrays["time"][:series.count_upto(w[1])])

    def completed(self, date: str | None, shown: str | None, indices: dict
                  ) -> tuple[str, str, str, np.ndarray] | None:
        """The waiting minute's line once every minute up to it has been read (once), if that
        minute is still the one shown."""
        w = self.waiting
        if w is None or self._lines is None:
            return None
        if (w[0], w[1]) != (date, shown) or w[2] not in indices:
            self.waiting = None
            return None
        series = indices[w[2]]
        values, complete = self._lines.line(w[2], series.arrays["time"][:series.count_upto(w[1])])
        if not complete:
            return None
        self.waiting = None
        return w[0], w[1], w[2], values
