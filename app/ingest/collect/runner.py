"""The collector's loop: for each due minute, fetch (with retries), build and write it in ONE
transaction; resume where the store stops; add the day's daily bars after the close.

Guarantees, in the order a minute meets them:
- one collector per store (app.ingest.collect.lock; a second one refuses, exit 2);
- a minute already in the store (a restart mid-session, a replay run twice) is skipped: the
  store's minutes are the key, so no minute is written twice and none is half-written (the
  quotes, index bars, index day so far, breadth and the missing-note go in one transaction;
  a kill at any moment leaves the minutes committed before it);
- a request that keeps failing after the back-off (app.ingest.collect.retry), a frame that does
  not parse, or a slot that went by while no collector ran is noted in collect_missing with the
  reason, and nothing else of that minute is written;
- after the session (the 15:00 minute brings the daily bars with it; without it they are taken
  from the last recorded minute).
"""

from __future__ import annotations

import signal
import sqlite3
import statistics
import sys
import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from app.ingest import sink
from app.ingest.collect.clock import Due
from app.ingest.collect.feeds import Feed, FeedError, FeedUnavailable
from app.ingest.collect.lock import hold_store
from app.ingest.collect.minute import INDEX_SYMBOLS, IndexState, build_minute, daily_from_quotes
from app.ingest.collect.retry import Retry
from app.ingest.errors import IngestError
from app.market.session import CLOSE_TIME
from app.store import collect_log, queries, writers
from app.store.connection import StoreError, open_writer

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
NOT_RUNNING = collect_log.NOT_RUNNING


class Clock(Protocol):
    def slots(self) -> Any: ...

    def day(self) -> str | None: ...

    def session_over(self) -> bool: ...


class _Stopped(Exception):
    """SIGTERM: stop as a Ctrl-C does."""


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass
class Tally:
    written: list[str] = field(default_factory=list)
    skipped: int = 0
    missing: list[str] = field(default_factory=list)
    write_ms: list[float] = field(default_factory=list)

    def line(self) -> str:
        med = f" (median write {statistics.median(self.write_ms):.0f} ms)" if self.write_ms else ""
        return (f"{len(self.written)} minute(s) written{med}, {self.skipped} already in the store, "
                f"{len(self.missing)} missing")


class Collector:
    """Writes minutes into one open store; the loop is in ``run``."""

    def __init__(self, conn: sqlite3.Connection, feed: Feed, retry: Retry,
                 log: Callable[[str], None] = _log) -> None:
        self.conn, self.feed, self.retry, self.log = conn, feed, retry, log
        self.date: str | None = None
        self.have: set[str] = set()
        self.index = IndexState()
        self.tally = Tally()
        self._notes: list[str] = []

    def _start_day(self, date: str) -> None:
        """What the store already holds of ``date``: its minutes, and each index's cumulative
        volume / amount and close at the last of them (the next bar is the difference)."""
        self.date = date
        self.have = set(queries.session_times(self.conn, date))
        self.index.reset(date)
        for sym in INDEX_SYMBOLS:
            bars = queries.index_minutes(self.conn, date, sym)
            if len(bars):
                self.index.cum[sym] = (
                    int(bars["volume"].fillna(0).round().astype("int64").sum()),
                    int((bars["amount"].fillna(0) * 100).round().astype("int64").sum()),
                    float(bars["close"].iloc[-1]))
        if self.have:
            self.log(f"collect {date}: resuming after {max(self.have)} "
                     f"({len(self.have)} minute(s) already in the store)")

    def note_missing(self, date: str, time: str, reason: str) -> None:
        with writers.transaction(self.conn):
            collect_log.note_missing(self.conn, date, time, reason)
        self.tally.missing.append(time)
        self.log(f"collect {date} {time}  MISSING: {reason}")

    def minute(self, due: Due) -> None:
        if due.date != self.date:
            self._start_day(due.date)
        date, time = due.date, due.time
        if time in self.have:
            self.tally.skipped += 1
            return
        if due.passed:
            self.note_missing(date, time, NOT_RUNNING)
            return

        def on_retry(n: int, exc: FeedError, delay: float) -> None:
            self.log(f"collect {date} {time}  try {n} failed ({exc}); again in {delay:g} s")

        try:
            frames = self.retry.call(lambda: self.feed.fetch(date, time), on_retry)
        except FeedError as exc:
            self.note_missing(date, time, collect_log.request_failed(self.retry.attempts, exc))
            return
        saved = dict(self.index.cum)
        try:
            m = build_minute(frames.spot, frames.index, date, time, self.index)
        except IngestError as exc:
            self.index.cum = saved
            self.note_missing(date, time, collect_log.unusable(exc))
            return
        t0 = _time.perf_counter()
        try:
            with writers.transaction(self.conn):
                sink.write_frames(self.conn, m.frames)
                writers.materialise_breadth(self.conn, date, [time])
                collect_log.clear_missing(self.conn, date, time)
        except BaseException:
            self.index.cum = saved      # rolled back: the next minute diffs against the store's
            raise
        ms = (_time.perf_counter() - t0) * 1000
        self.have.add(time)
        self.tally.written.append(time)
        self.tally.write_ms.append(ms)
        # A note repeated every minute (the same suspended stocks) is said once.
        extra = f"  ({'; '.join(m.notes)})" if m.notes and m.notes != self._notes else ""
        self._notes = m.notes
        daily = "  daily bars written" if "daily" in m.frames else ""
        bars = len(m.frames.get("index_bars", ()))
        self.log(f"collect {date} {time}  {m.quotes:,} quotes  {bars} index bars  {ms:.0f} ms"
                 f"{daily}{extra}")

    def close_day(self, date: str | None) -> None:
        """After the session: daily bars from the last recorded minute when 15:00 brought none."""
        if date is None:
            return
        if date != self.date:
            self._start_day(date)
        if not self.have or CLOSE_TIME in self.have:
            return
        if len(queries.daily_cross_section(self.conn, date)):
            return
        last = max(self.have)
        bars = daily_from_quotes(queries.quotes_at(self.conn, date, last), date)
        with writers.transaction(self.conn):
            writers.write_daily(self.conn, bars)
        self.log(f"collect {date}: {len(bars):,} daily bars taken from the {last} minute "
                 f"(15:00 was not recorded)")


def _on_sigterm(_signum: int, _frame: Any) -> None:
    raise _Stopped()


def collect(db: str | Path, feed: Feed, clock: Clock, retry: Retry | None = None,
            log: Callable[[str], None] = _log, started: str | None = None) -> int:
    """Record every minute ``clock`` makes due from ``feed`` into the store ``db``; exit code.
    ``started`` is said once the feed works and the store is held (what is being recorded)."""
    name = f"tidemark collect ({feed.name})"
    lock = hold_store(name, feed, db, log)
    if lock is None:
        return EXIT_BAD_INPUT
    old_term = None
    try:
        old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:              # not the main thread (a test running collect on a thread)
        old_term = None
    conn: sqlite3.Connection | None = None
    col: Collector | None = None
    try:
        conn = open_writer(db)
        collect_log.ensure(conn)
        col = Collector(conn, feed, retry or Retry(), log)
        if started:
            log(f"{name}: {started} into {db}")
        for due in clock.slots():
            col.minute(due)
        if clock.session_over():
            col.close_day(clock.day())
        log(f"{name}: {col.tally.line()}; store {db}")
        return EXIT_OK
    except FeedUnavailable as exc:
        log(f"{name}: {exc}")
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, _Stopped):
        held = f"; the store holds {col.date} up to {max(col.have)}" if col and col.have else ""
        log(f"{name}: stopped{held}")
        return EXIT_INTERRUPTED
    except (StoreError, OSError, sqlite3.Error) as exc:
        log(f"{name}: cannot write {db}: {exc}")
        return EXIT_BAD_INPUT
    finally:
        if conn is not None:
            conn.close()
        lock.release()
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)
