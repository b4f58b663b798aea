"""P8: bytes a full session (5,400 stocks × 241 minutes) costs in the store, schema v2 against
schema v1, both written in the same run from the demo session's quotes.

v1 is written as its writers wrote it (app.store.schema_v1: INSERT OR REPLACE of REAL rows keyed
on TEXT, its (symbol, date) index kept up per row: the baseline) and, as the v1 demo builder
did, with the index built after the load (its most compact form, ``v1_packed``); v2 through
app.store.writers.write_quotes. The figure is the file's growth over the empty store of its
schema (page size 4096, SQLite's default).
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def _grown(path: Path, ddl: Callable[[sqlite3.Connection], None],
           fill: Callable[[sqlite3.Connection], None]) -> int:
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        ddl(conn)
        conn.execute("COMMIT")
        empty = path.stat().st_size
        conn.execute("BEGIN")
        fill(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return path.stat().st_size - empty


def session_bytes() -> dict[str, float]:
    """{'v1', 'v1_packed', 'v2': bytes, 'rows', 'stocks'} for the demo's last session."""
    from app.demo.build import build_demo_model
    from app.demo.model import SESSIONS
    from app.store import schema, schema_v1, writers

    model = build_demo_model()
    frame: pd.DataFrame = model.quotes_frame(SESSIONS[-1])
    cols = schema_v1_columns()

    def v1(conn: sqlite3.Connection, packed: bool) -> None:
        if packed:
            conn.execute("DROP INDEX IF EXISTS quotes_symbol_date")
        conn.executemany(f"INSERT OR REPLACE INTO quotes ({', '.join(cols)}) VALUES "
                         f"({', '.join('?' * len(cols))})",
                         zip(*(frame[c].tolist() for c in cols)))
        conn.execute("CREATE INDEX IF NOT EXISTS quotes_symbol_date ON quotes (symbol, date)")

    with tempfile.TemporaryDirectory() as tmp:
        b1 = _grown(Path(tmp) / "v1.sqlite", schema_v1.ensure_schema, lambda c: v1(c, False))
        b1p = _grown(Path(tmp) / "v1p.sqlite", schema_v1.ensure_schema, lambda c: v1(c, True))
        b2 = _grown(Path(tmp) / "v2.sqlite", schema.ensure_schema,
                    lambda c: writers.write_quotes(c, frame))
    return {"v1": float(b1), "v1_packed": float(b1p), "v2": float(b2), "rows": float(len(frame)),
            "stocks": float(frame["symbol"].nunique())}


def schema_v1_columns() -> tuple[str, ...]:
    return ("date", "time", "symbol", "last", "prev_close", "open", "high", "low", "volume",
            "amount")
