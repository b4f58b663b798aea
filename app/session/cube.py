"""One session's snapshots held as arrays (minute × stock), filled a few minutes at a time.

A scrub step must cost milliseconds, and a per-minute SQL read of 5,400 rows costs ~10-20 ms
(sqlite3 builds a Python object per field). So the loader keeps the session it shows as a cube of
float arrays: a minute asked for is read once (one indexed range of the primary key) and then
sliced for free; ``prefetch`` reads the remaining minutes in small chunks while the worker is idle,
so a chunk never delays the next request by more than a few tens of milliseconds. Live mode
appends minutes with ``extend``: only new rows are read.

Memory: prices are held as int32 thousandths of a yuan (exact for every price with at most three
decimals, which is every A- and B-share price; a column holding anything finer falls back to
float64), volume and amount as float64: ≈ 47 MB for a full session of 5,440 stocks instead of 73 MB
of float64. The loader keeps one session's cube at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from app.market.session import session_minutes
from app.session.source import SessionStore

_SLOT = {t: i for i, t in enumerate(session_minutes())}


def _grid_slot(time: str) -> int | None:
    return _SLOT.get(time)

QUOTE_COLUMNS: tuple[str, ...] = ("last", "prev_close", "open", "high", "low", "volume", "amount")
PRICE_COLUMNS: tuple[str, ...] = ("last", "prev_close", "open", "high", "low")
_MILLS = 1000.0
_NO_PRICE = np.iinfo(np.int32).min          # NaN in the int32 price store
# Sums compared with SQLite's: another summation order differs by ~1e-15 relative, a changed
# price or a trade by far more than this.
FINGERPRINT_RTOL = 1e-12
PREFETCH_MINUTES = 2          # one chunk ≈ 20-50 ms of reading: short enough not to be in the way


class SessionCube:
    """Quotes of ``date`` for the stocks in ``symbols`` (the static table's order)."""

    def __init__(self, store: SessionStore, date: str, symbols: pd.Index,
                 times: Sequence[str]) -> None:
        self.store = store
        self.date = date
        self.symbols = pd.Index(symbols)
        self.times: list[str] = list(times)              # stored minutes, ascending
        self._sid_pos: np.ndarray | None = None          # sid → position in symbols (-1: none)
        # Rows for the whole trading day's grid (and any odd stored minute): in live mode a new
        # minute only fills its row, never reallocates ~50 MB while the window paints.
        self._rows: list[str] = sorted(set(session_minutes()) | set(self.times))
        self._row = {t: i for i, t in enumerate(self._rows)}
        n, m = len(self._rows), len(self.symbols)
        self.columns: dict[str, np.ndarray] = {c: _empty(c, n, m) for c in QUOTE_COLUMNS}
        self.present = np.zeros((n, m), dtype=bool)     # a row is stored for (minute, stock)
        self.loaded = np.zeros(n, dtype=bool)           # read from the store (by row)
        self._stored = np.zeros(n, dtype=bool)          # the store has the minute
        self._stored[[self._row[t] for t in self.times]] = True
        # What was read of each minute (``_fingerprint``): live mode re-reads the newest minute
        # only when the store's rows of it differ from these.
        self._prints: dict[int, tuple[int, float, float, float]] = {}

    # -- reading ---------------------------------------------------------------------------------
    def ensure(self, time: str) -> int:
        """Load ``time`` if needed; its row. KeyError if it is not a stored minute."""
        i = self._row[time]
        if not self._stored[i]:
            raise KeyError(time)
        if not self.loaded[i]:
            self._load([i])
        return i

    def _missing(self) -> np.ndarray:
        return np.flatnonzero(self._stored & ~self.loaded)

    def prefetch(self, around: str | None = None, minutes: int = PREFETCH_MINUTES) -> bool:
        """Load up to ``minutes`` missing minutes nearest to ``around``; True while some remain."""
        missing = self._missing()
        if not len(missing):
            return False
        centre = self._row.get(around, 0) if around else 0
        nearest = missing[np.argsort(np.abs(missing - centre), kind="stable")[:minutes]]
        self._load(sorted(int(i) for i in nearest))
        return bool(len(self._missing()))

    def loaded_times(self) -> list[str]:
        return [self._rows[i] for i in np.flatnonzero(self.loaded & self._stored)]

    def complete(self) -> bool:
        return not len(self._missing())

    def load_all(self, at_most: int) -> bool:
        """Read the stored minutes not yet read when there are at most ``at_most`` of them (a live
        minute or two); True when the cube then holds the whole stored session."""
        missing = self._missing()
        if len(missing) > at_most:
            return False
        if len(missing):
            self._load([int(i) for i in missing])
        return True

    def extend(self, times: Sequence[str]) -> bool:
        """Live mode: the store has more minutes now (they load lazily). The newest minute read
        so far is read again if its stored rows changed since (a writer that commits a minute in
        parts, or rewrites it); True when it did."""
        known = set(self.times)
        new = [t for t in times if t not in known]
        if not new:
            return False
        changed = False
        if self.loaded.any():
            newest = int(np.flatnonzero(self.loaded)[-1])
            if not self._same_rows(newest):
                self.loaded[newest] = False
                changed = True
        self.times = sorted(known | set(new))
        odd = [t for t in new if t not in self._row]
        if odd:                          # a minute off the trading grid: rows are added (rare)
            self._grow(odd)
        self._stored[[self._row[t] for t in new]] = True
        return changed

    def _same_rows(self, i: int) -> bool:
        """The store's rows of minute ``i`` are the ones read (count and column sums, one indexed
        range of the primary key: ~1 ms instead of re-reading 5,400 rows and recomputing)."""
        read = self._prints.get(i)
        if read is None:
            return False
        slot = _grid_slot(self._rows[i])
        if slot is None:
            return False
        row = self.store.minute_fingerprint(self.date, slot)
        return row[0] == read[0] and all(
            np.isclose(a, b, rtol=FINGERPRINT_RTOL, atol=0.0) for a, b in zip(row[1:], read[1:]))

    def _grow(self, odd: list[str]) -> None:
        rows = sorted(set(self._rows) | set(odd))
        order = [self._row.get(t) for t in rows]
        n, m = len(rows), len(self.symbols)
        columns = {c: np.full((n, m), _fill(a), dtype=a.dtype) for c, a in self.columns.items()}
        present = np.zeros((n, m), dtype=bool)
        loaded = np.zeros(n, dtype=bool)
        stored = np.zeros(n, dtype=bool)
        for new_i, old_i in enumerate(order):
            if old_i is not None:
                for c in columns:
                    columns[c][new_i] = self.columns[c][old_i]
                present[new_i] = self.present[old_i]
                loaded[new_i] = self.loaded[old_i]
                stored[new_i] = self._stored[old_i]
        self.columns, self.present, self.loaded, self._stored = columns, present, loaded, stored
        self._rows = rows
        self._row = {t: i for i, t in enumerate(rows)}

    def _load(self, slots: list[int]) -> None:
        grid = [g for g in (_grid_slot(self._rows[i]) for i in slots) if g is not None]
        a = self.store.minute_rows(self.date, grid) if grid else None
        if a is not None and len(a["sid"]):
            times = np.asarray(session_minutes(), dtype=object)[a["slot"]]
            t_idx = np.fromiter((self._row[t] for t in times), dtype=np.int64, count=len(times))
            if self._sid_pos is None or len(self._sid_pos) <= int(a["sid"].max()):
                names = self.store.symbols_by_sid()
                self._sid_pos = self.symbols.get_indexer(pd.Index(names, dtype=object))
            s_idx = self._sid_pos[a["sid"]]
            vals = np.column_stack([a[c] for c in QUOTE_COLUMNS])
            self._prints.update(_fingerprint(t_idx, vals))
            known = s_idx >= 0          # rows of stocks the static table does not list are dropped
            t_idx, s_idx, vals = t_idx[known], s_idx[known], vals[known]
            for k, c in enumerate(QUOTE_COLUMNS):
                self._store(c, t_idx, s_idx, vals[:, k])
            self.present[t_idx, s_idx] = True
        self.loaded[slots] = True

    def _store(self, column: str, t_idx: np.ndarray, s_idx: np.ndarray, v: np.ndarray) -> None:
        target = self.columns[column]
        if target.dtype == np.int32:
            mills = np.rint(np.where(np.isfinite(v), v, 0.0) * _MILLS)
            exact = ~np.isfinite(v) | ((mills / _MILLS == v) & (np.abs(mills) < 2**31 - 1))
            if exact.all():
                target[t_idx, s_idx] = np.where(np.isfinite(v), mills, _NO_PRICE).astype(np.int32)
                return
            # A price finer than a thousandth (or huge): this column keeps float64 from now on.
            target = self.columns[column] = _as_float(target)
        target[t_idx, s_idx] = v

    # -- slicing ---------------------------------------------------------------------------------
    def minute(self, time: str) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """(mask of stocks with a row, {column: float64 values of those stocks}) at ``time``."""
        i = self.ensure(time)
        mask = self.present[i]
        return mask, {c: _as_float(a[i, mask]) for c, a in self.columns.items()}

    def rows_of(self, times: Sequence[str]) -> np.ndarray:
        """Row of each minute (-1 for a minute off the cube's grid)."""
        return np.fromiter((self._row.get(t, -1) for t in times), dtype=np.int64, count=len(times))

    def labels(self, rows: np.ndarray) -> list[str]:
        """The 'HH:MM' minute of each row."""
        return [self._rows[int(i)] for i in rows]

    def n_rows(self) -> int:
        return len(self._rows)

    def stored_rows(self, rows: np.ndarray) -> np.ndarray:
        """Whether the store holds each row's minute (rows from ``rows_of``, all >= 0)."""
        return self._stored[rows]

    def prices(self, column: str, rows: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Float64 ``column`` values (rows × positions), NaN where a stock has no row."""
        block = _as_float(self.columns[column][np.ix_(rows, positions)])
        block = np.array(block, dtype=np.float64, copy=True)
        block[~self.present[np.ix_(rows, positions)]] = np.nan
        return block

    def panels(self, positions: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(last, high) frames time × symbol of the stocks at ``positions`` over the loaded
        minutes where at least one of them has a row: what ``SessionStore.panels`` reads from
        the store, without the query (call when the cube is complete)."""
        rows = np.flatnonzero(self.loaded & self.present[:, positions].any(axis=1))
        index = pd.Index([self._rows[i] for i in rows], name="time")
        cols = self.symbols[positions]
        last = _as_float(self.columns["last"][np.ix_(rows, positions)])
        high = _as_float(self.columns["high"][np.ix_(rows, positions)])
        # A stock without a row at a minute is NaN there, as the pivot of the query gives.
        absent = ~self.present[np.ix_(rows, positions)]
        last[absent] = np.nan
        high[absent] = np.nan
        return (pd.DataFrame(last, index=index, columns=cols),
                pd.DataFrame(high, index=index, columns=cols.copy()))


def _fingerprint(t_idx: np.ndarray, vals: np.ndarray) -> dict[int, tuple[int, float, float, float]]:
    """Per minute read: (rows, total of last, of volume, of amount), as SQLite's total() gives
    them for the same rows (NULL / NaN left out)."""
    slots, inverse = np.unique(t_idx, return_inverse=True)
    counts = np.bincount(inverse)
    sums = [np.bincount(inverse, weights=np.nan_to_num(vals[:, QUOTE_COLUMNS.index(c)], nan=0.0))
            for c in ("last", "volume", "amount")]
    return {int(s): (int(counts[k]), *(float(x[k]) for x in sums)) for k, s in enumerate(slots)}


def _empty(column: str, n: int, m: int) -> np.ndarray:
    if column in PRICE_COLUMNS:
        return np.full((n, m), _NO_PRICE, dtype=np.int32)
    return np.full((n, m), np.nan)


def _fill(a: np.ndarray) -> object:
    return _NO_PRICE if a.dtype == np.int32 else np.nan


def _as_float(a: np.ndarray) -> np.ndarray:
    """Prices back in yuan (mills / 1000 is the double nearest the decimal price, as parsed)."""
    if a.dtype != np.int32:
        return a
    return np.where(a == _NO_PRICE, np.nan, a / _MILLS)
