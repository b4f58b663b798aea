"""P9's store builder: 60 sessions on the XSHG trading days up to the source, each reading back the
source session's rows exactly; the one-session store keeps the source alone."""

from __future__ import annotations

import sqlite3

import pandas as pd

from app.bench.many_sessions import build_sessions
from app.market.calendar import trading_days
from app.store import queries, schema, writers

SOURCE, OTHER = "2026-06-02", "2026-06-01"
COLS = "time, symbol, last, prev_close, open, high, low, volume, amount"


def _quotes(date: str, shift: float) -> pd.DataFrame:
    rows = []
    for i, t in enumerate(("09:30", "09:31", "09:32")):
        rows.append((date, t, "sh600000", 10.0 + shift + i * 0.01, 10.0, 10.0, 10.05 + shift,
                     9.98, 1000 * (i + 1), 10010 * (i + 1)))
        # Opens late: NULL last at first, and its open differs at one minute (quote_extras).
        rows.append((date, t, "sz000001", None if i == 0 else 5.5, 5.4, 5.45 if i < 2 else 5.5,
                     5.6, 5.3, 0 if i == 0 else 300, 0 if i == 0 else 1650))
    return pd.DataFrame(rows, columns=["date", "time", "symbol", "last", "prev_close", "open",
                                       "high", "low", "volume", "amount"])


def _store(path) -> None:
    conn = sqlite3.connect(str(path))
    with writers.transaction(conn):
        schema.ensure_schema(conn)
        writers.write_quotes(conn, _quotes(OTHER, 0.5))
        writers.write_quotes(conn, _quotes(SOURCE, 0.0))
        for d in (OTHER, SOURCE):
            writers.write_index_bars(conn, pd.DataFrame(
                {"date": [d], "time": ["09:30"], "symbol": ["sh000001"], "open": [3000.0],
                 "high": [3001.0], "low": [2999.0], "close": [3000.5], "volume": [1e9],
                 "amount": [1e10]}))
            writers.materialise_breadth(conn, d)
    conn.close()


def _rows(conn: sqlite3.Connection, date: str) -> list[tuple]:
    return conn.execute(f"SELECT {COLS} FROM quotes WHERE date = ? ORDER BY time, symbol",
                        (date,)).fetchall()


def _by_date(conn: sqlite3.Connection, table: str, date: str) -> list[tuple]:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "date"]
    return conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE date = ? ORDER BY 1, 2",
                        (date,)).fetchall()


def test_sixty_sessions_copy_the_source_exactly(tmp_path):
    src = tmp_path / "src.sqlite"
    _store(src)
    conn = sqlite3.connect(str(src))
    want = _rows(conn, SOURCE)
    want_index, want_breadth = _by_date(conn, "index_bars", SOURCE), _by_date(conn, "breadth_minutes", SOURCE)
    conn.close()
    assert len(want) == 6 and want != []

    many = build_sessions(src, tmp_path / "many.sqlite", 60)
    conn = sqlite3.connect(str(many))
    dates = queries.sessions(conn)
    xshg = [str(d) for d in trading_days() if str(d) <= SOURCE]
    assert dates == xshg[-60:]
    assert OTHER in dates             # the older session was replaced by a copy of the source
    for d in dates:
        assert _rows(conn, d) == want, d
        assert _by_date(conn, "index_bars", d) == want_index, d
        assert _by_date(conn, "breadth_minutes", d) == want_breadth, d
    conn.close()

    one = build_sessions(src, tmp_path / "one.sqlite", 1)
    conn = sqlite3.connect(str(one))
    assert queries.sessions(conn) == [SOURCE]
    assert _rows(conn, SOURCE) == want
    assert _rows(conn, OTHER) == []
    conn.close()
