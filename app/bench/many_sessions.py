"""P9's stores: the demo store cut to its last session, and the same with that session copied to
the 59 XSHG trading dates before it (60 sessions), both built in SQL inside the compact tables.

A copy is the source session's rows with the day bits of their keys replaced (quote_minutes and
quote_extras are keyed ``day << 24 | slot << 16 | sid``), so the copy reads back exactly the
source's quotes; quote_sessions, index_bars and breadth_minutes are copied by date. Daily bars
and index daily bars stay as the demo wrote them (a year of them, in both stores alike).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from app.store import codec

MINUTE_TABLES_BY_KEY = ("quote_minutes", "quote_extras")
DATE_TABLES = ("index_bars", "breadth_minutes")


def source_day(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(id) FROM quote_minutes").fetchone()
    if row is None or row[0] is None:
        raise LookupError("the store has no intraday session to copy")
    return int(row[0]) >> codec.DAY_SHIFT


def _keep_only(conn: sqlite3.Connection, day: int) -> None:
    lo, hi = codec.day_range(day)
    for t in MINUTE_TABLES_BY_KEY:
        conn.execute(f"DELETE FROM {t} WHERE id NOT BETWEEN ? AND ?", (lo, hi))
    conn.execute("DELETE FROM quote_sessions WHERE day != ?", (day,))
    for t in DATE_TABLES:
        conn.execute(f"DELETE FROM {t} WHERE date != ?", (codec.date_of(day),))


def _copy_day(conn: sqlite3.Connection, src: int, dst: int) -> None:
    lo, hi = codec.day_range(src)
    shift = (dst - src) << codec.DAY_SHIFT     # moves only the day bits of the key
    conn.execute("INSERT INTO quote_minutes (id, last, high_up, low_down, volume, amount) "
                 "SELECT id + ?, last, high_up, low_down, volume, amount FROM quote_minutes "
                 "WHERE id BETWEEN ? AND ? ORDER BY id", (shift, lo, hi))
    conn.execute("INSERT INTO quote_extras (id, prev_close, open) SELECT id + ?, prev_close, open "
                 "FROM quote_extras WHERE id BETWEEN ? AND ? ORDER BY id", (shift, lo, hi))
    conn.execute("INSERT INTO quote_sessions (day, sid, prev_close, open) "
                 "SELECT ?, sid, prev_close, open FROM quote_sessions WHERE day = ?", (dst, src))
    s, d = codec.date_of(src), codec.date_of(dst)
    for t in DATE_TABLES:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})") if r[1] != "date"]
        sel = ", ".join(cols)
        conn.execute(f"INSERT INTO {t} (date, {sel}) SELECT ?, {sel} FROM {t} WHERE date = ?",
                     (d, s))


def earlier_trading_days(day: int, count: int, days: list[str] | None = None) -> list[int]:
    """The ``count`` XSHG trading days before ``day``, oldest first."""
    if days is None:
        from app.market.calendar import trading_days

        days = [str(x) for x in trading_days()]
    date = codec.date_of(day)
    before = [codec.day_of(x) for x in days if x < date]
    if len(before) < count:
        raise LookupError(f"only {len(before)} XSHG trading days before {date}")
    return before[-count:]


def build_sessions(source: Path, out: Path, sessions: int, days: list[str] | None = None) -> Path:
    """Copy ``source`` to ``out`` holding only its last session, copied to the ``sessions - 1``
    trading days before it (``sessions=1``: the last session alone)."""
    tmp = out.with_suffix(out.suffix + ".part")
    shutil.copyfile(source, tmp)
    conn = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("BEGIN")
        src = source_day(conn)
        _keep_only(conn, src)
        for dst in earlier_trading_days(src, sessions - 1, days) if sessions > 1 else []:
            _copy_day(conn, src, dst)
        conn.execute("COMMIT")
        # Both stores packed alike, so neither one's cost comes from the other's free pages.
        conn.execute("VACUUM")
    finally:
        conn.close()
    tmp.replace(out)
    return out
