"""What the viewer's queries cost on schema v2, checked with EXPLAIN QUERY PLAN: every read of the
compact tables is a search of a key range or of a list of keys, never a scan of the table (a
scan would grow with the history the store keeps). No secondary index exists: none is needed."""

from __future__ import annotations

import sqlite3

import pandas as pd
import pytest

from app.store import codec, writers
from app.store.schema import ensure_schema

DAY = codec.day_of("2026-06-02")
A, B = codec.slot_range(DAY, 0, 60)
D_A, D_B = DAY << 16, ((DAY + 1) << 16) - 1

# (query as the store modules issue it, parameters, what the plan must say)
PLANS = [
    # one minute / the minutes up to one (queries.quotes_at, quotes_panel, the session cube)
    ("SELECT id, last, high_up, low_down, volume, amount FROM quote_minutes "
     "WHERE id BETWEEN ? AND ?", (A, B), "SEARCH quote_minutes USING INTEGER PRIMARY KEY"),
    # a few stocks' minutes (review.panels_of, stock_minutes)
    ("SELECT id, last, high_up, low_down, volume, amount FROM quote_minutes WHERE id IN "
     "(SELECT value FROM json_each(?)) ORDER BY id", ("[1, 2]",),
     "SEARCH quote_minutes USING INTEGER PRIMARY KEY (rowid=?)"),
    # the sessions and minutes lists, the live poll (one seek each)
    ("SELECT min(id) FROM quote_minutes WHERE id >= ?", (A,),
     "SEARCH quote_minutes USING INTEGER PRIMARY KEY (rowid>?)"),
    ("SELECT max(id) FROM quote_minutes WHERE id BETWEEN ? AND ?", (A, B),
     "SEARCH quote_minutes USING INTEGER PRIMARY KEY"),
    # the session's prev close / open, and the minutes that differ from them
    ("SELECT sid, prev_close, open FROM quote_sessions WHERE day = ?", (DAY,),
     "SEARCH quote_sessions USING PRIMARY KEY (day=?)"),
    ("SELECT id, prev_close, open FROM quote_extras WHERE id BETWEEN ? AND ?", (A, B),
     "SEARCH quote_extras USING INTEGER PRIMARY KEY"),
    # daily bars of a day range (streaks, sentiment history, a daily cross-section) and of a
    # stock (K-line, new highs)
    ("SELECT id, open, high, low, close, prev_close, volume, amount FROM daily_bars "
     "WHERE id BETWEEN ? AND ?", (D_A, D_B), "SEARCH daily_bars USING INTEGER PRIMARY KEY"),
    ("SELECT id, open, high, low, close, prev_close, volume, amount FROM daily_bars WHERE id IN "
     "(SELECT value FROM json_each(?)) ORDER BY id", ("[1]",),
     "SEARCH daily_bars USING INTEGER PRIMARY KEY (rowid=?)"),
    ("SELECT min(id) FROM daily_bars WHERE id >= ?", (D_A,),
     "SEARCH daily_bars USING INTEGER PRIMARY KEY (rowid>?)"),
    ("SELECT sid FROM securities WHERE symbol = ?", ("sh600000",),
     "SEARCH securities USING COVERING INDEX sqlite_autoindex_securities_1 (symbol=?)"),
]


@pytest.fixture(scope="module")
def conn():
    c = sqlite3.connect(":memory:")
    ensure_schema(c)
    writers.write_quotes(c, pd.DataFrame({
        "date": "2026-06-02", "time": ["09:30", "09:31"], "symbol": "sh600000",
        "last": [10.0, 10.1], "prev_close": 10.0, "open": 10.0, "high": 10.1, "low": 10.0,
        "volume": [100, 200], "amount": [1000, 2010]}))
    return c


@pytest.mark.parametrize("sql,params,want", PLANS, ids=[p[2] for p in PLANS])
def test_each_query_searches_a_key(conn, sql, params, want):
    plan = " | ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert want in plan, plan
    assert "SCAN quote_minutes" not in plan and "SCAN daily_bars" not in plan, plan


def test_no_secondary_index_on_the_compact_tables(conn):
    names = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN "
        "('quote_minutes', 'quote_sessions', 'quote_extras', 'daily_bars')")}
    assert names == set()
