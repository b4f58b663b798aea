"""The demo store: the story read back with plain SQL, determinism, atomic writes, and the writers."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from app.demo import store as demo_store
from app.market.boards import Board
from app.market.limits import band_for, is_st_name, limit_fen, to_fen
from app.store import queries, writers
from app.store.connection import open_readonly
from app.store.schema import TABLES, ensure_schema

DAY, PRIOR = "2026-06-02", "2026-06-01"
# Primary keys (ORDER BY for content hashes).
PK = {"meta": "key", "stocks": "symbol", "names": "symbol, date", "indices": "symbol",
      "index_members": "index_symbol, as_of, symbol", "sectors": "id",
      "sector_members": "sector_id, symbol, as_of", "quotes": "date, time, symbol",
      "daily": "symbol, date", "index_bars": "symbol, date, time", "index_daily": "symbol, date",
      "breadth_minutes": "date, time", "imports": "sha256"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("demo_store") / "demo.sqlite"
    summary = demo_store.build_demo_store(path)
    return path, summary


@pytest.fixture(scope="module")
def small_model():
    """A model of its own, for tests that do not need the written store."""
    from app.demo.build import build_demo_model

    return build_demo_model()


@pytest.fixture(scope="module")
def conn(built):
    c = sqlite3.connect(f"file:{built[0]}?mode=ro", uri=True)
    yield c
    c.close()


def one(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> object:
    return conn.execute(sql, params).fetchone()[0]


def frame(conn: sqlite3.Connection, sql: str, params: tuple = ()) -> pd.DataFrame:
    cur = conn.execute(sql, params)
    return pd.DataFrame.from_records(cur.fetchall(), columns=[d[0] for d in cur.description])


def index_pct(conn, symbol: str, time: str, day: str = DAY) -> float:
    level = one(conn, "SELECT close FROM index_bars WHERE symbol=? AND date=? AND time=?",
                (symbol, day, time))
    prev = one(conn, "SELECT prev_close FROM index_daily WHERE symbol=? AND date=?", (symbol, day))
    return (level / prev - 1) * 100


# ---- the build ------------------------------------------------------------------------------

def test_summary_and_files(built):
    path, s = built
    assert path.exists() and not path.with_name(path.name + ".tmp").exists()
    assert s["rows"] == sum(s["tables"].values())
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert s["tables"]["quotes"] == one(c, "SELECT count(*) FROM quotes")
    finally:
        c.close()
    assert s["bytes"] == path.stat().st_size
    # The brief's budget is 30 s on 2 idle cores; allow for a busy test machine.
    assert s["seconds"] < 90, s["phases"]


def test_opens_read_only_as_a_tidemark_store(built):
    c = open_readonly(built[0])
    try:
        assert one(c, "SELECT value FROM meta WHERE key='schema_version'") == "2"
        assert one(c, "SELECT value FROM meta WHERE key='demo_date'") == DAY
        assert one(c, "PRAGMA journal_mode") == "wal"
        for t in TABLES:
            if t not in ("imports", "quote_extras"):    # no demo stock's open differs by minute
                assert one(c, f"SELECT count(*) FROM {t}") > 0, t
    finally:
        c.close()


def test_board_mix(conn):
    counts = dict(conn.execute("SELECT board, count(*) FROM stocks GROUP BY board").fetchall())
    assert counts.keys() == {"sse_main", "szse_main", "chinext", "star", "bse"}
    assert 1650 <= counts["sse_main"] <= 1750 and 1450 <= counts["szse_main"] <= 1550
    assert 1330 <= counts["chinext"] <= 1430 and 560 <= counts["star"] <= 620
    assert 250 <= counts["bse"] <= 290
    assert one(conn, "SELECT count(*) FROM stocks WHERE board='bse' AND "
                     "(market<>'bj' OR code NOT LIKE '920%')") == 0
    st = one(conn, "SELECT count(*) FROM stocks WHERE name LIKE '%ST%'")
    assert 130 <= st <= 170


def test_full_sessions_of_snapshots(conn):
    for day in (PRIOR, DAY):
        assert one(conn, "SELECT count(DISTINCT time) FROM quotes WHERE date=?", (day,)) == 241
        per_stock = conn.execute("SELECT count(*) FROM quotes WHERE date=? GROUP BY symbol "
                                 "HAVING count(*) <> 241", (day,)).fetchall()
        assert per_stock == []
    assert one(conn, "SELECT count(*) FROM quotes WHERE date=? AND time='11:30' AND last IS NULL",
               (DAY,)) == 10
    assert one(conn, "SELECT max(volume) FROM quotes WHERE date=? AND last IS NULL", (DAY,)) == 0


# ---- the 11:30 story, in plain SQL -------------------------------------------------------------

def test_half_day_indices(conn):
    assert index_pct(conn, "sz399006", "11:30") == pytest.approx(2.15, abs=0.05)
    assert 0.7 <= index_pct(conn, "sh000688", "11:30") <= 1.3
    assert abs(index_pct(conn, "sh000001", "11:30")) <= 0.2
    names = dict(conn.execute("SELECT symbol, name || '|' || name_en FROM indices").fetchall())
    assert names == {"sh000001": "上证指数|SSE Composite", "sz399001": "深证成指|SZSE Component",
                     "sz399006": "创业板指|ChiNext", "sh000688": "科创50|STAR 50",
                     "sh000300": "沪深300|CSI 300"}


def test_half_day_turnover_and_breadth(conn):
    sql = "SELECT sum(amount) FROM quotes WHERE date=? AND time='11:30'"
    today, prior = one(conn, sql, (DAY,)), one(conn, sql, (PRIOR,))
    assert today == pytest.approx(1.81e12, rel=0.01)
    assert today < prior
    down = one(conn, "SELECT count(*) FROM quotes WHERE date=? AND time='11:30' AND last < prev_close",
               (DAY,))
    assert down > 4100
    row = frame(conn, "SELECT * FROM breadth_minutes WHERE date=? AND time='11:30'", (DAY,)).iloc[0]
    assert row["down"] == down and row["turnover_yuan"] == pytest.approx(today)
    assert row["suspended"] == 10 and row["stocks"] == one(
        conn, "SELECT count(*) FROM quotes WHERE date=? AND time='11:30'", (DAY,))
    assert one(conn, "SELECT count(*) FROM breadth_minutes") == 482


def _limit_up_fen(conn, symbol: str, day: str, prev_close: float) -> int:
    board, = conn.execute("SELECT board FROM stocks WHERE symbol=?", (symbol,)).fetchone()
    name = one(conn, "SELECT name FROM names WHERE symbol=? AND date<=? ORDER BY date DESC LIMIT 1",
               (symbol, day))
    band = band_for(Board(board), date.fromisoformat(day), st=is_st_name(name))
    return limit_fen(to_fen(prev_close), band.up_pct, band.down_pct)[0]


def test_leaders_sealed_at_the_exact_limit(conn):
    for sym in ("sh600487", "sh601869"):
        last, prev = conn.execute("SELECT last, prev_close FROM quotes WHERE date=? AND time='11:30' "
                                  "AND symbol=?", (DAY, sym)).fetchone()
        assert to_fen(last) == _limit_up_fen(conn, sym, DAY, prev), sym
    high = one(conn, "SELECT max(high) FROM daily WHERE symbol='sh600487' AND date<?", (DAY,))
    last = one(conn, "SELECT last FROM quotes WHERE symbol='sh600487' AND date=? AND time='11:30'",
               (DAY,))
    assert last > high, "600487 at a new all-time high"
    assert one(conn, "SELECT name FROM stocks WHERE symbol='sh600487'") == "亨通光电"
    assert one(conn, "SELECT name FROM stocks WHERE symbol='sh601869'") == "长飞光纤"


def test_limit_ups_and_downs_from_the_store(conn):
    q = frame(conn, """
        SELECT q.symbol, q.last, q.prev_close, q.open, q.high, s.board, n.name
        FROM quotes q JOIN stocks s USING (symbol)
        JOIN names n ON n.symbol = q.symbol
             AND n.date = (SELECT max(date) FROM names WHERE symbol = q.symbol AND date <= q.date)
        WHERE q.date = ? AND q.time = '11:30' AND q.last IS NOT NULL""", (DAY,))
    d = date.fromisoformat(DAY)
    lu, ld, auction = set(), set(), set()
    for r in q.itertuples():
        band = band_for(Board(r.board), d, st=is_st_name(r.name))
        if band.unlimited or r.name.startswith(("N", "C")):
            continue
        up, down = limit_fen(to_fen(r.prev_close), band.up_pct, band.down_pct)
        assert down <= to_fen(r.last) <= up, r.symbol
        if to_fen(r.last) == up:
            lu.add(r.symbol)
            if to_fen(r.open) == up == to_fen(r.high):
                auction.add(r.symbol)
        elif to_fen(r.last) == down:
            ld.add(r.symbol)
    assert 30 <= len(lu) <= 90 and 10 <= len(ld) <= 60
    assert len(auction) >= 3
    members = frame(conn, "SELECT sector_id, symbol FROM sector_members WHERE sector_id IN "
                          "('bk_cpo','bk_fibre','bk_sports','bk_media')")
    optical = set(members.loc[members["sector_id"].isin(["bk_cpo", "bk_fibre"]), "symbol"])
    sports_media = set(members.loc[members["sector_id"].isin(["bk_sports", "bk_media"]), "symbol"])
    assert len(lu & optical) >= 10
    assert auction & optical
    assert len(ld & sports_media) >= 10


def test_daily_rows_equal_the_close_snapshot(conn):
    for day in (PRIOR, DAY):
        q = queries.quotes_at(conn, day, "15:00")
        d = queries.daily_cross_section(conn, day)
        both = q.index.intersection(d.index)
        assert len(both) == len(d)
        for c in ("last", "open", "high", "low", "prev_close", "volume", "amount"):
            assert (d.loc[both, c].to_numpy() == q.loc[both, c].to_numpy()).all(), c
        traded = one(conn, "SELECT count(*) FROM quotes WHERE date=? AND time='15:00' "
                           "AND last IS NOT NULL", (day,))
        assert one(conn, "SELECT count(*) FROM daily WHERE date=?", (day,)) == traded
    assert one(conn, "SELECT count(DISTINCT date) FROM daily") == 243
    assert one(conn, "SELECT count(DISTINCT date) FROM index_daily") == 243


def test_index_members_and_exact_levels(conn):
    sizes = dict(conn.execute("SELECT index_symbol, count(*) FROM index_members GROUP BY 1").fetchall())
    assert sizes["sz399006"] == 100 and sizes["sh000688"] == 50 and sizes["sz399001"] == 500
    assert sizes["sh000300"] == 300 and sizes["sh000001"] > 2000
    for sym in ("sh000001", "sz399006", "sh000688"):
        div = float(one(conn, "SELECT value FROM meta WHERE key=?", (f"index_divisor:{sym}",)))
        # The minute through the queries (a join with the quotes view would scan it per member).
        q = queries.quotes_at(conn, DAY, "11:30")
        m = queries.index_members(conn, sym, DAY).set_index("symbol")
        px = q["last"].fillna(q["prev_close"]).reindex(m.index)
        total = float((m["weight_shares"] * px).sum())
        level = one(conn, "SELECT close FROM index_bars WHERE symbol=? AND date=? AND time='11:30'",
                    (sym, DAY))
        assert total / div == pytest.approx(level, rel=1e-12)


def test_sectors(conn):
    assert one(conn, "SELECT count(*) FROM sectors WHERE kind='industry' AND parent_id IS NULL") == 31
    assert one(conn, "SELECT name FROM sectors WHERE id='sw801080'") == "电子"
    concepts = {r[0] for r in conn.execute("SELECT name FROM sectors WHERE kind='concept'")}
    assert {"CPO", "光纤", "PCB", "算力", "体育", "传媒"} <= concepts
    assert one(conn, "SELECT count(DISTINCT as_of) FROM sector_members") == 1


def test_breadth_matches_the_viewer_rules(built, conn):
    """The vectorised breadth written by the demo equals app.market.breadth_series minute by minute,
    and writers.materialise_breadth recomputes the same rows from the stored quotes."""
    times = ["09:30", "09:47", "10:30", "11:30", "14:12", "15:00"]
    stored = frame(conn, f"SELECT * FROM breadth_minutes WHERE date=? AND time IN "
                         f"({','.join('?' * len(times))}) ORDER BY time", (DAY, *times))
    mem = sqlite3.connect("file::memory:", uri=True, isolation_level=None)
    mem.execute("ATTACH ? AS src", (f"file:{built[0]}?mode=ro",))
    ensure_schema(mem)
    mem.execute("INSERT INTO stocks SELECT * FROM src.stocks")
    mem.execute("INSERT INTO names SELECT * FROM src.names")
    mem.execute(f"INSERT INTO quotes SELECT * FROM src.quotes WHERE date=? AND time IN "
                f"({','.join('?' * len(times))})", (DAY, *times))
    assert writers.materialise_breadth(mem, DAY) == len(times)
    again = frame(mem, "SELECT * FROM breadth_minutes ORDER BY time")
    pd.testing.assert_frame_equal(again, stored, check_dtype=False)
    mem.close()


def test_fast_breadth_equals_reference_on_the_model(small_model):
    model = small_model
    for day in (PRIOR, DAY):
        fast = demo_store.breadth_rows(model, day)
        slots = [0, 1, 13, 60, 119, 120, 121, 200, 238, 239, 240]
        ref = demo_store.breadth_rows_reference(model, day, slots)
        pd.testing.assert_frame_equal(fast.iloc[slots].reset_index(drop=True), ref,
                                      check_dtype=False)


# ---- determinism and atomic writes ---------------------------------------------------------------

BIG = {"quotes": "count(*), total(last), total(prev_close), total(open), total(high), total(low), "
                 "total(volume), total(amount), count(last)",
       "daily": "count(*), total(open), total(high), total(low), total(close), total(prev_close), "
                "total(volume), total(amount)"}


def _table_digests(path: Path) -> dict[str, str]:
    """Full-content digests of the small tables, column totals of the two big ones."""
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    try:
        for table, pk in PK.items():
            if table in BIG:
                out[table] = repr(c.execute(f"SELECT {BIG[table]} FROM {table}").fetchone())
                continue
            rows = c.execute(f"SELECT * FROM {table} ORDER BY {pk}").fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    finally:
        c.close()
    return out


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.hexdigest()


def test_two_builds_give_identical_stores(built, demo_store):
    """The conftest's session store is built separately: same seed, same tables, same bytes."""
    assert Path(demo_store) != built[0]
    assert _table_digests(Path(demo_store)) == _table_digests(built[0])
    assert _file_digest(Path(demo_store)) == _file_digest(built[0])


def test_failed_build_leaves_no_store(tmp_path, monkeypatch, small_model):
    calls = []

    def failing(conn, df):
        calls.append(len(df))
        if len(calls) == 2:   # after the first session's snapshots went in
            raise RuntimeError("disk on fire")
        return writers.write_table(conn, "quotes", df)

    monkeypatch.setattr(writers, "write_quotes", failing)
    target = tmp_path / "demo.sqlite"
    with pytest.raises(RuntimeError, match="disk on fire"):
        demo_store.build_demo_store(target, model=small_model)
    assert len(calls) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_failed_rebuild_keeps_the_old_store(tmp_path, monkeypatch, small_model):
    target = tmp_path / "demo.sqlite"
    target.write_bytes(b"previous store")

    def failing(conn, df):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(writers, "write_quotes", failing)
    with pytest.raises(RuntimeError):
        demo_store.build_demo_store(target, model=small_model)
    assert target.read_bytes() == b"previous store"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite"]


def test_run_demo_prints_one_line(monkeypatch, capsys, tmp_path):
    def fake(path):
        return {"path": str(path), "rows": 3966740, "seconds": 12.34, "bytes": 482_000_000,
                "tables": {}, "phases": {}}

    monkeypatch.setattr(demo_store, "build_demo_store", fake)
    assert demo_store.run_demo(str(tmp_path / "x.sqlite")) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "3,966,740 rows" in out[0] and "12.3 s" in out[0] and "482.0 MB" in out[0]


def test_run_demo_bad_path_exits_2(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert demo_store.run_demo(str(blocker / "sub" / "demo.sqlite")) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot write" in err[0]


# ---- the writers -------------------------------------------------------------------------------

@pytest.fixture
def mem():
    c = sqlite3.connect(":memory:", isolation_level=None)
    ensure_schema(c)
    yield c
    c.close()


def test_writers_are_idempotent_and_store_nan_as_null(mem):
    q = pd.DataFrame({"date": [DAY] * 2, "time": ["09:30", "09:30"], "symbol": ["sh600001", "sh600002"],
                      "last": [10.5, np.nan], "prev_close": [10.0, 8.0], "open": [10.5, np.nan],
                      "high": [10.5, np.nan], "low": [10.5, np.nan], "volume": [100.0, 0.0],
                      "amount": [1050.0, 0.0]})
    assert writers.write_quotes(mem, q) == 2
    assert writers.write_quotes(mem, q) == 2
    assert one(mem, "SELECT count(*) FROM quotes") == 2
    assert one(mem, "SELECT typeof(last) FROM quotes WHERE symbol='sh600002'") == "null"
    q.loc[0, "last"] = 10.6
    writers.write_quotes(mem, q)
    assert one(mem, "SELECT last FROM quotes WHERE symbol='sh600001'") == 10.6


def test_writers_join_an_open_transaction(mem):
    df = pd.DataFrame({"symbol": ["sh600001"], "code": ["600001"], "market": ["sh"],
                       "board": ["sse_main"], "name": [None]})
    mem.execute("BEGIN")
    writers.write_stocks(mem, df)
    writers.set_meta(mem, "source", "test")
    assert mem.in_transaction
    mem.execute("ROLLBACK")
    assert one(mem, "SELECT count(*) FROM stocks") == 0
    writers.write_stocks(mem, df)
    assert not mem.in_transaction
    assert one(mem, "SELECT name IS NULL AND float_shares IS NULL FROM stocks") == 1


def test_writer_rolls_back_its_own_transaction_on_error(mem):
    bad = pd.DataFrame({"date": [DAY, DAY], "symbol": ["sh600001", None], "close": [1.0, 2.0]})
    with pytest.raises(ValueError, match="no symbol"):
        writers.write_daily(mem, bad)
    assert not mem.in_transaction
    assert one(mem, "SELECT count(*) FROM daily") == 0
    with pytest.raises(ValueError, match="required"):
        writers.write_daily(mem, pd.DataFrame({"date": [DAY]}))
