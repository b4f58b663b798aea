"""`tidemark migrate` from schema v1 (TEXT/REAL quotes and daily) to v2's compact tables: every
row reads back exactly through the views and the queries, real daily bars included; a failure
leaves the v1 store byte for byte as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from app.store import compact, queries
from app.store.connection import StoreError, open_readonly
from app.store.migrate import migrate
from app.store.schema_v1 import ensure_schema as ensure_v1

DAY = "2023-02-24"
TIMES = ("09:30", "09:31", "09:32", "11:30", "13:01", "15:00")
MARKET_DAILY = "market-daily/derived_full_market_daily_2023-02-20_to_2023-02-24.csv"


def _real_daily(realdata: Path) -> pd.DataFrame:
    df = pd.read_csv(realdata / MARKET_DAILY, dtype={"code": str, "market": str})
    return pd.DataFrame({
        "date": pd.to_datetime(df["trade_date"].astype(str)).dt.strftime("%Y-%m-%d"),
        "symbol": df["market"].str.lower() + df["code"].str.zfill(6),
        "open": df["open"], "high": df["high"], "low": df["low"], "close": df["close"],
        "prev_close": df["prev_close"], "volume": df["volume"].astype(float),
        "amount": df["amount_yuan"].round(0)})


def build_v1(path: Path, daily: pd.DataFrame) -> tuple[list[tuple], list[tuple]]:
    """A v1 store as the v1 writers left it (app.store.schema_v1), with minutes of the real
    market's last day derived from its daily bars (a late opener included)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("BEGIN")
    ensure_v1(conn)
    day = daily[daily["date"] == DAY].reset_index(drop=True)
    conn.executemany("INSERT INTO stocks (symbol, code, market, board) VALUES (?, ?, ?, ?)",
                     [(s, s[2:], s[:2], "main") for s in day["symbol"]])
    quotes = []
    for i, t in enumerate(TIMES):
        w = (i + 1) / len(TIMES)
        for r in day.itertuples():
            last = round(r.open + (r.close - r.open) * w, 2)
            opn = None if (r.Index == 0 and i == 0) else r.open     # opens at 09:31
            quotes.append((DAY, t, r.symbol, last, r.prev_close, opn, max(r.high, last),
                           min(r.low, last), float(round(r.volume * w)),
                           float(round(r.amount * w))))
    quotes.append((DAY, "09:30", "sh900901", 0.301, 0.3, 0.3, 0.302, 0.299, 100.0, 30.0))
    conn.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?)", quotes)
    rows = list(daily.itertuples(index=False, name=None))
    conn.executemany("INSERT INTO daily VALUES (?,?,?,?,?,?,?,?,?)", rows)
    conn.execute("COMMIT")
    conn.close()
    return quotes, rows


def _plain(row: tuple) -> tuple:
    return tuple(None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in row)


def _same(a: list[tuple], b: list[tuple]) -> None:
    assert len(a) == len(b)
    key = lambda r: (r[0], r[1], r[2])  # noqa: E731 - the v1 primary key's text columns
    for x, y in zip(sorted(map(_plain, a), key=key), sorted(map(_plain, b), key=key)):
        assert x == y


@pytest.fixture
def v1(realdata, tmp_path):
    path = tmp_path / "v1.sqlite"
    quotes, daily = build_v1(path, _real_daily(realdata))
    return path, quotes, daily


def test_v1_rows_read_back_exactly_after_the_migration(v1):
    path, quotes, daily = v1
    with pytest.raises(StoreError, match="tidemark migrate"):
        open_readonly(path)                  # the viewer never migrates
    message = migrate(path)
    assert "migrated schema version 1 to 2" in message
    assert (path.parent / "v1.sqlite.bak-v1").exists()
    conn = open_readonly(path)
    try:
        got_q = conn.execute("SELECT * FROM quotes").fetchall()
        got_d = conn.execute("SELECT * FROM daily").fetchall()
        # == on floats: the fen (and the B share's thousandths) come back bit for bit
        _same([(*q[:8], float(q[8]), float(q[9])) for q in got_q],
              [tuple(q) for q in quotes])
        _same([(*d[:7], float(d[7]), float(d[8])) for d in got_d], daily)
        late = queries.stock_minutes(conn, DAY, quotes[0][2])     # opens at 09:31
        assert np.isnan(late["open"].iloc[0]) and late["open"].iloc[1] > 0
        assert conn.execute("SELECT count(*) FROM quote_extras").fetchone()[0] >= 1
        assert queries.sessions(conn) == [DAY]
        assert queries.daily_dates(conn) == sorted({d[0] for d in daily})
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def test_a_failed_v1_migration_leaves_the_store_untouched(v1, monkeypatch):
    path, _, _ = v1
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    calls = []

    def fail_second(conn, df):
        calls.append(len(df))
        if len(calls) > 1:
            raise RuntimeError("disk full (simulated)")
        return original(conn, df)

    original = compact.write_quotes
    monkeypatch.setattr(compact, "write_quotes", fail_second)
    monkeypatch.setattr("app.store.migrate_v2.MINUTES_PER_READ", 2)
    with pytest.raises(StoreError, match="rolled back .disk full"):
        migrate(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    with pytest.raises(StoreError, match="schema version 1 is older"):
        open_readonly(path)
