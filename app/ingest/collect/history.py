"""``tidemark collect --history --start D --end D``: daily bars of every stock and the main indices.

Each frame goes through its importer (akshare_stock_hist for ``stock_zh_a_hist``, akshare_index_daily
for ``stock_zh_index_daily``), one security per transaction, so a run stopped half-way keeps what
it wrote and a second run rewrites the same rows (INSERT OR REPLACE). A security whose request
keeps failing is listed at the end, not fatal.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pandas as pd

from app.ingest import akshare_index_daily, akshare_stock_hist, sink
from app.ingest.collect.feeds import FeedError, FeedUnavailable
from app.ingest.collect.lock import hold_store
from app.ingest.collect.minute import INDEX_SYMBOLS
from app.ingest.collect.retry import Retry
from app.ingest.errors import IngestError
from app.ingest.frames import Options, Parsed, Source
from app.store import writers
from app.store.connection import StoreError, open_writer

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class HistorySource(Protocol):
    name: str

    def check(self) -> None: ...

    def stock_list(self) -> pd.DataFrame: ...

    def stock_daily(self, code: str, start: str, end: str) -> pd.DataFrame: ...

    def index_daily(self, symbol: str) -> pd.DataFrame: ...


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _parse(module, frame: pd.DataFrame, name: str) -> Parsed:  # type: ignore[no-untyped-def]
    src = Source(Path(name), frame.to_csv(index=False).encode("utf-8"))
    return module.parse(src, Options())


def _in_range(parsed: Parsed, start: str, end: str) -> dict[str, pd.DataFrame]:
    out = {}
    for kind, f in parsed.frames.items():
        if "date" in f.columns and kind in ("daily", "index_daily"):
            f = f[(f["date"] >= start) & (f["date"] <= end)]
        out[kind] = f
    return out


def _guard(retry: Retry, fn: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    def call() -> pd.DataFrame:
        try:
            return fn()
        except (FeedError, FeedUnavailable):
            raise
        except Exception as exc:  # noqa: BLE001 - akshare raises whatever requests raised
            raise FeedError(" ".join(f"{type(exc).__name__}: {exc}".split())[:160]) from exc
    return retry.call(call)


def backfill(conn: sqlite3.Connection, source: HistorySource, start: str, end: str,
             retry: Retry, log: Callable[[str], None] = _log) -> tuple[int, list[str]]:
    """Write the bars; returns (rows written, securities that failed with why)."""
    failed: list[str] = []
    rows = 0
    listing = _guard(retry, source.stock_list)
    codes = sorted({str(c).strip().zfill(6) for c in listing["代码"]})
    jobs: list[tuple[str, Callable[[], pd.DataFrame], object]] = [
        (sym, (lambda s=sym: source.index_daily(s)), akshare_index_daily) for sym in INDEX_SYMBOLS]
    jobs += [(code, (lambda c=code: source.stock_daily(c, start, end)), akshare_stock_hist)
             for code in codes]
    for n, (key, fetch, module) in enumerate(jobs, 1):
        try:
            frame = _guard(retry, fetch)
            if not len(frame):
                continue
            parsed = _parse(module, frame, f"{key}.csv")
        except (FeedError, IngestError) as exc:
            failed.append(f"{key}: {exc}")
            continue
        with writers.transaction(conn):
            written = sink.write_frames(conn, _in_range(parsed, start, end))
        rows += written.get("daily", 0) + written.get("index_daily", 0)
        if n % 200 == 0 or n == len(jobs):
            log(f"collect --history: {n:,}/{len(jobs):,} securities, {rows:,} daily bars")
    return rows, failed


def run_history(db: str | Path, source: HistorySource, start: str, end: str,
                retry: Retry | None = None, log: Callable[[str], None] = _log) -> int:
    name = f"tidemark collect --history ({source.name})"
    if start > end:
        log(f"{name}: --start {start} is after --end {end}")
        return EXIT_BAD_INPUT
    lock = hold_store(name, source, db, log)
    if lock is None:
        return EXIT_BAD_INPUT
    conn = None
    try:
        conn = open_writer(db)
        rows, failed = backfill(conn, source, start, end, retry or Retry(), log)
    except FeedError as exc:
        log(f"{name}: the stock list could not be fetched: {exc}")
        return EXIT_BAD_INPUT
    except FeedUnavailable as exc:
        log(f"{name}: {exc}")
        return EXIT_BAD_INPUT
    except (StoreError, OSError, sqlite3.Error) as exc:
        log(f"{name}: cannot write {db}: {exc}")
        return EXIT_BAD_INPUT
    finally:
        if conn is not None:
            conn.close()
        lock.release()
    for line in failed[:20]:
        log(f"{name}: failed: {line}")
    more = f" (and {len(failed) - 20} more)" if len(failed) > 20 else ""
    log(f"{name}: {rows:,} daily bars {start}..{end} in {db}; {len(failed)} failed{more}")
    return EXIT_OK
