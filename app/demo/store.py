"""Write the demo session store (``tidemark demo --db P``).

The whole store is written in one transaction into ``P.tmp`` and then moved over ``P`` with
``os.replace``, so a crash or an error never leaves a half-written store at ``P``.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from app.demo.build import build_demo_model
from app.demo.model import SESSIONS, DemoModel
from app.market.session import session_minutes
from app.store import writers
from app.store.schema import ensure_schema

# Larger pages make the bulk load of ~4 M rows about a quarter faster.
PAGE_SIZE = 16384


def store_sidecars(p: Path) -> list[Path]:
    return [p.with_name(p.name + s) for s in ("-wal", "-shm", "-journal")]


def remove_files(paths: list[Path]) -> None:
    for q in paths:
        try:
            q.unlink()
        except FileNotFoundError:
            pass


def breadth_rows(model: DemoModel, date: str) -> pd.DataFrame:
    """Per-minute breadth of a demo session, all 241 minutes at once.

    The same rules as app.market.snapshot.enrich + app.market.breadth.breadth_counts (fen
    comparisons against the board/date band of app.market.snapshot.limit_table), vectorised over
    [slot, stock]; tests/demo/test_store.py checks it against those functions minute by minute.
    """
    from app.market.limits import limit_fen_arrays
    from app.market.snapshot import limit_table

    s = model.sessions[date]
    cols = np.flatnonzero(s.plan.listed)
    static = model.static_frame(date).iloc[cols]
    lim = limit_table(static, date)
    prev = s.plan.prev_fen[cols]
    up_fen, down_fen = limit_fen_arrays(prev, lim["up_pct"].to_numpy(np.int64),
                                        lim["down_pct"].to_numpy(np.int64))
    live = ~s.plan.suspended[cols] & (prev > 0)
    last = s.last_fen[:, cols]
    high = s.high_fen[:, cols]
    limited = (up_fen > 0) & live
    move = np.where(live, np.sign(last - prev), 0)
    at_up = limited & (last == up_fen)
    at_down = limited & (last == down_fen)
    broken = limited & (high >= up_fen) & ~at_up & ~at_down
    amount = s.amount[:, cols].astype(float)
    return pd.DataFrame({
        "date": date, "time": list(session_minutes()), "stocks": len(cols),
        "up": (move > 0).sum(axis=1), "down": (move < 0).sum(axis=1),
        "flat": (live & (move == 0)).sum(axis=1), "suspended": int((~live).sum()),
        "limit_up": at_up.sum(axis=1), "limit_down": at_down.sum(axis=1),
        "broken": broken.sum(axis=1), "turnover_yuan": amount.sum(axis=1)})


def breadth_rows_reference(model: DemoModel, date: str, slots: list[int]) -> pd.DataFrame:
    """The same rows minute by minute with app.market.breadth_series (slow; for tests)."""
    from app.market.breadth_series import breadth_series

    static = model.static_frame(date)
    a = model.quotes_arrays(date)
    static = static.iloc[a["cols"]]
    times = session_minutes()
    frames = []
    for slot in slots:
        frame = static.copy()
        for c in ("last", "prev_close", "open", "high", "low", "volume", "amount"):
            frame[c] = np.asarray(a[c][slot])
        frames.append((times[slot], frame))
    out = breadth_series(frames, date)
    out.insert(0, "date", date)
    return out


def _small_tables(model: DemoModel) -> list[tuple[str, Callable[[], Any], Any]]:
    return [
        ("stocks", model.stocks_frame, writers.write_stocks),
        ("names", model.names_frame, writers.write_names),
        ("indices", model.indices_frame, writers.write_indices),
        ("index_members", model.index_members_frame, writers.write_index_members),
        ("sectors", model.sectors_frame, writers.write_sectors),
        ("sector_members", model.sector_members_frame, writers.write_sector_members),
        ("index_bars", model.index_bars_frame, writers.write_index_bars),
        ("index_daily", lambda: model.index_daily, writers.write_index_daily),
        *[("breadth_minutes", lambda d=d: breadth_rows(model, d), writers.write_breadth)
          for d in SESSIONS],
        ("meta", model.meta, writers.set_meta),
    ]


def _big_tables(model: DemoModel) -> list[tuple[str, Callable[[], pd.DataFrame], Any]]:
    """The bulk loads: each session's snapshots, then the year of daily bars."""
    return [*[("quotes", lambda d=d: model.quotes_frame(d), writers.write_quotes) for d in SESSIONS],
            ("daily", model.daily_frame, writers.write_daily)]


def _run(conn: sqlite3.Connection, jobs: list[tuple[str, Callable[[], Any], Any]],
         counts: dict[str, int], phases: dict[str, float]) -> None:
    for table, make, write in jobs:
        t = time.perf_counter()
        counts[table] = counts.get(table, 0) + int(write(conn, make()))
        phases[table] = phases.get(table, 0.0) + time.perf_counter() - t


def write_model(conn: sqlite3.Connection, model: DemoModel,
                phases: dict[str, float] | None = None) -> dict[str, int]:
    """Write every table of the model on ``conn``, one after the other (joins the caller's
    transaction). ``phases`` collects seconds per table."""
    counts: dict[str, int] = {}
    phases = {} if phases is None else phases
    _run(conn, _big_tables(model), counts, phases)
    _run(conn, _small_tables(model), counts, phases)
    return counts


def build_demo_store(path: str | os.PathLike[str], model: DemoModel | None = None) -> dict[str, Any]:
    """Generate the demo market and write it to ``path`` atomically; returns a summary
    (rows per table, total rows, seconds, bytes, path, seconds per phase).

    Everything goes into ``path.tmp`` in one transaction, then ``os.replace`` moves it over
    ``path``: a failure at any point leaves no file behind (and an older store at ``path`` intact).
    """
    t0 = time.perf_counter()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    scratch = [tmp, *store_sidecars(tmp)]
    remove_files(scratch)
    phases: dict[str, float] = {}
    if model is None:
        model = build_demo_model()
    phases["model"] = time.perf_counter() - t0
    try:
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            # A private file until the rename: large pages, no journal on disk, no fsync.
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode = MEMORY")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -262144")
            conn.execute("BEGIN")
            ensure_schema(conn)
            counts = write_model(conn, model, phases)
            t = time.perf_counter()
            conn.execute("COMMIT")
            phases["indexes"] = time.perf_counter() - t
            t = time.perf_counter()
            conn.execute("PRAGMA synchronous = NORMAL")
            # Leave the store in WAL mode, as app.store.connection.open_writer keeps it.
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        phases["close"] = time.perf_counter() - t
    except BaseException:
        remove_files(scratch)
        raise
    # Sidecars of an older store at the target would be replayed onto the new file: drop them.
    remove_files(store_sidecars(target))
    os.replace(tmp, target)
    remove_files(store_sidecars(tmp))
    seconds = time.perf_counter() - t0
    return {"path": str(target), "tables": counts, "rows": int(sum(counts.values())),
            "seconds": seconds, "bytes": target.stat().st_size, "phases": phases}


def run_demo(db_path: str) -> int:
    """``tidemark demo --db P``: build the store and print a one-line summary. Exit code."""
    try:
        s = build_demo_store(db_path)
    except (OSError, sqlite3.Error) as exc:
        print(f"tidemark demo: cannot write {db_path}: {exc}", file=sys.stderr)
        return 2
    print(f"demo store {s['path']}: {s['rows']:,} rows in {s['seconds']:.1f} s, "
          f"{s['bytes'] / 1e6:.1f} MB (sessions {', '.join(SESSIONS)})")
    return 0
