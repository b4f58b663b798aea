"""``tidemark demo --live``: a real writer process that replays the demo session minute by minute.

What it does, in order:

1. Generates the demo market (app.demo.model, the same arrays ``tidemark demo`` writes) and
   prepares the *static part* of the store in ``P.live.tmp``: stocks, names, indices, sectors,
   index members, a year of daily bars before the session and the prior session (2026-06-01)
   complete. Nothing of the live session 2026-06-02 is in it, except its first minute (09:30:
   quotes of every listed stock, index bars, breadth), written in the same transaction.
2. Moves that file over ``P`` (``os.replace``; sidecars of an older store there are removed first),
   so a viewer never sees a half-built store, and the store it sees starts at 09:30.
3. Re-opens ``P`` with app.store.connection.open_writer (WAL: viewers read while it writes) and
   appends the remaining minutes, ``speed`` session minutes per wall-clock second (speed 1 = one
   minute a second, 60 = a whole hour a second, 0.5 = one minute every two seconds; the lunch
   break is not waited for: 11:30 is followed by 13:01; a speed faster than the disk allows
   writes as fast as it can, never skipping a minute). Each minute is ONE transaction holding
   the quotes of every listed stock, the five index bars and the breadth row of that minute, so a
   reader sees a minute whole or not at all. The session's daily bars (stocks and indices) are
   written with the 15:00 minute, in its transaction.
4. Prints one line per minute to stderr. Ctrl-C (SIGINT) or SIGTERM stops it between minutes or
   rolls back the minute being written; the store stays valid and holds whole minutes only.

Hooks for tests and benchmarks (not in ``--help``):

- ``TIDEMARK_LIVE_MINUTES=N`` (or ``run_live(..., minutes=N)``): stop after N session minutes
  (09:30 counts as the first; N >= 241 or unset = the whole session).
- ``TIDEMARK_LIVE_BASE=PATH`` (or ``run_live(..., base=PATH)``): instead of writing the static part
  from the model (~30 s), copy an existing demo store (the output of ``tidemark demo``, or the
  static part a previous live run started from) and strip the live session from the copy (~5 s).

Without a base, a demo store of this version already at ``P`` (from ``tidemark demo`` or an
earlier live run) is reused the same way; anything else at ``P`` is replaced by a new store.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from app.demo.build import build_demo_model
from app.demo.model import QUOTE_COLUMNS, DemoModel
from app.demo.store import remove_files, store_sidecars  # one definition of a store's side files
from app.demo.universe_spec import DEMO_DATE
from app.market.session import SLOTS, session_minutes
from app.store import queries, writers
from app.store.connection import StoreError, open_writer

ENV_MINUTES = "TIDEMARK_LIVE_MINUTES"
ENV_BASE = "TIDEMARK_LIVE_BASE"
LIVE_DATE = DEMO_DATE
EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130            # 128 + SIGINT, as shells report a Ctrl-C'd command
# Tables that hold rows of the live session (stripped from the static part).


class _Stopped(Exception):
    """SIGTERM: stop as cleanly as a Ctrl-C."""


@dataclass
class LiveFeed:
    """The live session's rows, ready to be written one slot at a time."""

    date: str
    times: tuple[str, ...]
    symbols: np.ndarray                 # listed stocks (the quotes rows of every minute)
    arrays: dict[str, np.ndarray]       # quote columns as [slot, listed stock]
    index_bars: dict[str, pd.DataFrame]
    breadth: pd.DataFrame               # 241 rows, one per slot
    daily: pd.DataFrame                 # the session's daily bars (written with 15:00)
    index_daily: pd.DataFrame

    @classmethod
    def from_model(cls, model: DemoModel, date: str = LIVE_DATE) -> LiveFeed:
        from app.demo.store import breadth_rows

        a = model.quotes_arrays(date)
        bars = model.index_bars[date]
        return cls(
            date=date, times=session_minutes(), symbols=model.symbols[a["cols"]], arrays=a,
            index_bars={str(t): g.reset_index(drop=True)
                        for t, g in bars.groupby("time", sort=True)},
            breadth=breadth_rows(model, date).reset_index(drop=True),
            daily=model.session_daily(date),
            index_daily=model.index_daily[model.index_daily["date"] == date].reset_index(drop=True))

    def quotes(self, slot: int) -> pd.DataFrame:
        """One minute's cross-section. Same frame as DemoModel.quotes_at(date, slot), which
        recomputes every array per call; here the arrays are computed once."""
        a = self.arrays
        return pd.DataFrame({
            "date": self.date, "time": self.times[slot], "symbol": self.symbols,
            **{c: np.asarray(a[c][slot]) for c in QUOTE_COLUMNS[3:]}})

    def write_minute(self, conn: sqlite3.Connection, slot: int) -> int:
        """Write slot ``slot`` (and the daily bars with the last one) in one transaction."""
        t = self.times[slot]
        with writers.transaction(conn):
            n = writers.write_quotes(conn, self.quotes(slot))
            writers.write_index_bars(conn, self.index_bars[t])
            writers.write_breadth(conn, self.breadth.iloc[[slot]])
            if slot == SLOTS - 1:
                writers.write_daily(conn, self.daily)
                writers.write_index_daily(conn, self.index_daily)
        return n


class _WithoutLiveQuotes(DemoModel):
    """The demo model minus the live session's snapshots (the bulk of what is not needed)."""

    def quotes_frame(self, date: str) -> pd.DataFrame:
        if date == LIVE_DATE:
            return pd.DataFrame(columns=list(QUOTE_COLUMNS))
        return super().quotes_frame(date)


def _build_static(tmp: Path, model: DemoModel) -> None:
    from app.demo.store import build_demo_store

    static = _WithoutLiveQuotes(**{f.name: getattr(model, f.name) for f in fields(model)})
    build_demo_store(tmp, model=static)


def _copy_base(base: Path, tmp: Path) -> None:
    """Copy a demo store file; through SQLite's backup when its WAL holds un-checkpointed pages."""
    if not base.is_file():
        raise StoreError(f"{base}: no such store (live base)")
    wal = base.with_name(base.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        src = sqlite3.connect(f"file:{base}?mode=ro", uri=True)
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    else:
        shutil.copyfile(base, tmp)


def _strip_live_session(conn: sqlite3.Connection, date: str) -> None:
    """Delete every row of ``date`` (inside the caller's transaction): key ranges of the compact
    tables, no index to maintain."""
    writers.delete_session(conn, date)


def _check_base(conn: sqlite3.Connection, feed: LiveFeed, base: Path) -> None:
    """A base store written by another version of the demo model would not join up with the
    session generated now: its prior closes must be the live session's previous closes."""
    before = [d for d in queries.daily_dates(conn) if d < feed.date]
    bars = queries.daily_history(conn, before[-1], 1) if before else None
    stored = (pd.Series(bars["close"].to_numpy(dtype=float), index=bars["symbol"].to_numpy())
              if bars is not None else pd.Series(dtype=float))
    prev = pd.Series(feed.arrays["prev_close"][0], index=feed.symbols, dtype=float)
    common = stored.index.intersection(prev.index)
    bad = int((~np.isclose(stored[common], prev[common], atol=0.005)).sum()) if len(common) else 1
    if not len(common) or bad:
        raise StoreError(f"{base}: not a demo store of this version of Tidemark ({bad:,} of "
                         f"{len(common):,} prior closes differ from the live session's); "
                         "rebuild it with 'tidemark demo'")


def _first_minute(tmp: Path, feed: LiveFeed, base: Path | None = None) -> int:
    """Strip the live session from the static part and write its first minute, atomically."""
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        if base is not None:
            _check_base(conn, feed, base)
        conn.execute("BEGIN")
        _strip_live_session(conn, feed.date)
        writers.set_meta(conn, {"live_date": feed.date})
        n = feed.write_minute(conn, 0)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")    # as open_writer keeps a store
    finally:
        conn.close()
    return n


def make_base(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> Path:
    """Copy the demo store ``src`` to ``dst`` without the live session: a static part that
    ``run_live(..., base=dst)`` copies in a second (for tests and benchmarks)."""
    target = Path(dst)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_files([target, *store_sidecars(target)])
    _copy_base(Path(src), target)
    conn = sqlite3.connect(str(target), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("BEGIN")
        _strip_live_session(conn, LIVE_DATE)
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    return target


def _minutes_cap(minutes: int | None) -> int:
    if minutes is None:
        env = os.environ.get(ENV_MINUTES, "").strip()
        if env:
            try:
                minutes = int(env)
            except ValueError as exc:
                raise ValueError(f"{ENV_MINUTES}={env!r} is not a whole number") from exc
        else:
            minutes = SLOTS
    if minutes < 1:
        raise ValueError(f"minutes must be at least 1, not {minutes}")
    return min(int(minutes), SLOTS)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _on_sigterm(_signum: int, _frame: Any) -> None:
    raise _Stopped()


def prepare_store(db_path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None
                  ) -> tuple[Path, LiveFeed]:
    """Steps 1–2: the static part plus the live session's first minute at ``db_path``.

    The static part comes from ``base``, else from a demo store of this version already at
    ``db_path``, else it is written from the model."""
    target = Path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".live.tmp")
    scratch = [tmp, *store_sidecars(tmp)]
    remove_files(scratch)
    source = Path(base) if base is not None else target if target.is_file() else None
    try:
        model = build_demo_model()
        if source is not None:
            # The copy runs in SQLite / the OS (GIL released) while the feed is prepared.
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-base") as pool:
                copied = pool.submit(_copy_base, source, tmp)
                feed = LiveFeed.from_model(model)
                try:
                    copied.result()
                    _first_minute(tmp, feed, source)
                except (StoreError, OSError, sqlite3.Error) as exc:
                    if base is not None:
                        raise
                    _log(f"tidemark demo --live: not reusing {target} ({exc})")
                    remove_files(scratch)
                    source = None
        if source is None:
            _log(f"tidemark demo --live: writing the static part of {target} …")
            _build_static(tmp, model)
            feed = LiveFeed.from_model(model)
            _first_minute(tmp, feed)
        del model
        remove_files(store_sidecars(target))
        os.replace(tmp, target)
        remove_files(store_sidecars(tmp))
    except BaseException:
        remove_files(scratch)
        raise
    return target, feed


def run_live(db_path: str | os.PathLike[str], speed: float = 1.0, minutes: int | None = None,
             base: str | os.PathLike[str] | None = None) -> int:
    """``tidemark demo --live --db P [--speed N]``: write the demo store's static part to ``P``
    and append the 2026-06-02 session, ``speed`` session minutes per wall-clock second.

    ``minutes`` caps the session minutes written (09:30 included; default: $TIDEMARK_LIVE_MINUTES,
    else all 241). ``base`` (default $TIDEMARK_LIVE_BASE) is an existing demo store to start from
    instead of writing the static part from the model. Returns the exit code: 0 when done,
    2 on bad input or an unusable store, 130 when stopped by Ctrl-C / SIGTERM.
    """
    try:
        speed = float(speed)
        if not np.isfinite(speed) or speed <= 0:
            raise ValueError(
                f"--speed must be a positive number of minutes per second, not {speed}")
        cap = _minutes_cap(minutes)
    except ValueError as exc:
        _log(f"tidemark demo --live: {exc}")
        return EXIT_BAD_INPUT
    if base is None and os.environ.get(ENV_BASE):
        base = os.environ[ENV_BASE]
    old_term = None
    try:
        old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:          # not the main thread (a test calling run_live on a thread)
        old_term = None
    conn: sqlite3.Connection | None = None
    written: str | None = None          # the last minute committed to the store
    try:
        t0 = time.perf_counter()
        target, feed = prepare_store(db_path, base)
        _log(f"live {feed.date} {feed.times[0]}  {len(feed.symbols):,} quotes  store {target} "
             f"ready in {time.perf_counter() - t0:.1f} s; {cap} minute(s) at {speed:g} min/s")
        written = feed.times[0]
        conn = open_writer(target)
        # No fsync at checkpoints: it is most of a minute's cost (each minute dirties about one
        # page of the (symbol, date) quotes index per stock, 40-90 MB of WAL). WAL with
        # synchronous=OFF survives a crash of this process; only a power cut could lose the
        # regenerable demo store.
        conn.execute("PRAGMA synchronous = OFF")
        start = time.monotonic()
        for slot in range(1, cap):
            due = start + slot / speed
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            t = time.perf_counter()
            n = feed.write_minute(conn, slot)
            written = feed.times[slot]
            b = feed.breadth.iloc[slot]
            late = time.monotonic() - due
            _log(f"live {feed.date} {feed.times[slot]}  {n:,} quotes  up {int(b['up']):,} "
                 f"down {int(b['down']):,}  涨停 {int(b['limit_up'])}  "
                 f"{(time.perf_counter() - t) * 1000:.0f} ms"
                 + (f"  ({late:.1f} s behind: writing as fast as it can)" if late > 1 else ""))
        last = feed.times[cap - 1]
        tail = ("session complete (daily bars written)" if cap == SLOTS
                else f"stopped after {cap} minute(s)")
        _log(f"live {feed.date} {last}: {tail}")
        return EXIT_OK
    except (KeyboardInterrupt, _Stopped):
        held = f"; the store holds the session up to {written}" if written else \
            "; nothing was written"
        _log(f"tidemark demo --live: stopped{held}")
        return EXIT_INTERRUPTED
    except (StoreError, OSError, sqlite3.Error) as exc:
        _log(f"tidemark demo --live: cannot write {db_path}: {exc}")
        return EXIT_BAD_INPUT
    finally:
        if conn is not None:
            conn.close()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
