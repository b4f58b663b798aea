"""P9: cost independent of history. Cold start, session switch, scrub p95 and the limits report on
a 60-session store against a one-session store (app.bench.many_sessions), measured in one run,
the two stores taking turns; each figure is printed with its ratio (60 / 1), goal ≤ 1.2.

Run as ``python -m app.bench.p9 [--quick]`` (``tidemark bench`` runs it as P9); the stores are
built once in the temp folder and reused while the demo store they come from is unchanged.
``python -m app.bench.p9 scrub DB STEPS`` is the scrub probe, one window per process (P2's
method: a later window in the same process measures slower).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL = 1.2
SESSIONS = 60


def stores(demo: Path) -> tuple[Path, Path]:
    """(one-session store, 60-session store) next to ``demo``, rebuilt when it is newer."""
    from app.bench.many_sessions import build_sessions

    out = []
    for n in (1, SESSIONS):
        path = demo.with_name(f"p9-{n}-sessions.sqlite")
        if not path.exists() or path.stat().st_mtime < demo.stat().st_mtime:
            print(f"bench: building the {n}-session store in {path} …", file=sys.stderr)
            t0 = time.perf_counter()
            build_sessions(demo, path, n)
            print(f"bench: built in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        out.append(path)
    return out[0], out[1]


def _last_date(db: Path) -> str:
    from app.store.connection import open_readonly
    from app.store.queries import sessions

    conn = open_readonly(db)
    try:
        return sessions(conn)[-1]
    finally:
        conn.close()


def cold_start(db: Path) -> float:
    from app.bench.run import _timed_process

    return _timed_process([sys.executable, "-m", "app.bench.probe", "first-paint", str(db)]) * 1000


def session_switch(db: Path) -> float:
    """ms to show the last session at 10:30 in a loader that has shown another session (the
    first of the store; in the one-session store, none: a fresh loader), fresh connection."""
    from app.store.connection import open_readonly
    from app.store.queries import sessions
    from app.session.loader import SessionLoader
    from app.store.reader import StoreReader

    conn = open_readonly(db)
    try:
        loader = SessionLoader(StoreReader(conn))
        dates = sessions(conn)
        if len(dates) > 1:
            loader.load(dates[0], "10:30")
        t0 = time.perf_counter()
        loader.load(dates[-1], "10:30")
        return (time.perf_counter() - t0) * 1000
    finally:
        conn.close()


def report(db: Path) -> float:
    """ms for `tidemark report limits` at 10:30 of the last session, fresh connection."""
    from app.market.reports import limits_report
    from app.store.connection import open_readonly
    from app.session.review import limit_review
    from app.store.reader import StoreReader

    date = _last_date(db)
    t0 = time.perf_counter()
    conn = open_readonly(db)
    try:
        limits_report(limit_review(StoreReader(conn), date, "10:30"), date, "10:30")
    finally:
        conn.close()
    return (time.perf_counter() - t0) * 1000


def scrub(db: Path, steps: int) -> float:
    from app.bench.run import _env

    out = subprocess.run([sys.executable, "-m", "app.bench.p9", "scrub", str(db), str(steps)],
                         check=True, env=_env(), capture_output=True, text=True)
    return float(json.loads(out.stdout.strip().splitlines()[-1])["p95_ms"])


def measure(demo: Path, quick: bool) -> dict[str, dict[str, float]]:
    """{measure: {'one', 'many', 'ratio'}}: medians over runs alternating the two stores."""
    one, many = stores(demo)
    runs = 2 if quick else 5
    steps = 40 if quick else 160
    jobs = {"cold_start_ms": cold_start, "switch_ms": session_switch, "report_ms": report,
            "scrub_p95_ms": lambda db: scrub(db, steps)}
    out: dict[str, dict[str, float]] = {}
    for name, job in jobs.items():
        n = 1 if (name == "scrub_p95_ms" and quick) else runs
        a, b = [], []
        for i in range(n):
            # Alternate which store goes first, so a drift of the machine hits both.
            for db, acc in ((one, a), (many, b)) if i % 2 == 0 else ((many, b), (one, a)):
                acc.append(job(db))
        va, vb = statistics.median(a), statistics.median(b)
        out[name] = {"one": round(va, 2), "many": round(vb, 2), "ratio": round(vb / va, 3)}
    return out


def summary(r: dict[str, dict[str, float]]) -> tuple[float, bool, str]:
    """(worst ratio, all within the goal, the figures as one line)."""
    worst = max(v["ratio"] for v in r.values())
    text = "  ".join(f"{k} {v['many']}/{v['one']} ({v['ratio']}×)" for k, v in r.items())
    return worst, worst <= GOAL, text


def _scrub_probe(db: str, steps: int) -> dict:
    from app.bench.run import p2_scrub

    return {"p95_ms": p2_scrub(Path(db), steps)["value"]}


def main(argv: list[str]) -> int:
    if argv and argv[0] == "scrub":
        print(json.dumps(_scrub_probe(argv[1], int(argv[2]))))
        return 0
    import os
    import tempfile

    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="tidemark-bench-config-")
    from app.bench.run import bench_store

    r = measure(bench_store(False), "--quick" in argv)
    worst, ok, text = summary(r)
    print(f"{'✓' if ok else '✗'} P9 {SESSIONS} sessions vs 1 (60/1): {text}  worst {worst}×  "
          f"goal ≤ {GOAL}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
