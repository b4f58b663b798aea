"""A store imported from daily-only files (made-up spot snapshots and real realdata files): seal
times stay empty, a T字 opened and re-sealed, a blank 成交额 is unknown, never 0."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import daily_only_files as files  # noqa: E402

from app.ingest.runner import run_import  # noqa: E402
from app.store.connection import open_readonly  # noqa: E402
from app.session.day_level import day_level  # noqa: E402
from app.session.review import breadth_at, limit_review  # noqa: E402
from app.session.loader import SessionLoader  # noqa: E402
from app.store.reader import StoreReader


@pytest.fixture(scope="module")
def daily_store(tmp_path_factory):
    root = tmp_path_factory.mktemp("daily_only")
    db = root / "d.sqlite"
    run_import(files.write_all(root / "files"), db)
    conn = open_readonly(db)
    yield conn
    conn.close()


def test_the_close_snapshot_day_is_daily_only(daily_store):
    level = day_level(StoreReader(daily_store), files.DAY)
    assert level.daily_only and not level.seal_times_known


def test_limit_review_invents_no_seal_time(daily_store):
    r = limit_review(StoreReader(daily_store), files.DAY).set_index("code")
    exp = files.expected_last_day()
    assert set(r.index[r["kind"] == "limit_up"]) == exp["limit_up"]
    assert set(r.index[r["kind"] == "broken"]) == exp["broken"]
    assert set(r.index[r["kind"] == "limit_down"]) == exp["limit_down"]
    assert r["first_seal"].isna().all() and r["last_seal"].isna().all()
    assert r.loc[files.STREAK, "streak"] == 3
    assert (r.loc[files.T_WORD, "opens"], r.loc[files.T_WORD, "resealed"]) == (1, True)
    assert (r.loc[files.ONE_WORD, "opens"], r.loc[files.ONE_WORD, "resealed"]) == (0, False)
    assert r.loc[files.BROKEN, "opens"] == 1
    assert r.loc[files.STREAK, "opens"] is None      # opened below the limit: the bar cannot tell


def test_blank_turnover_is_unknown(daily_store):
    b = breadth_at(StoreReader(daily_store), files.DAY)
    assert math.isnan(b.turnover_yuan)
    assert breadth_at(StoreReader(daily_store), files.PRIOR).turnover_yuan > 0


def test_view_draws_the_close_and_the_prior_close(daily_store):
    view = SessionLoader(StoreReader(daily_store)).load(files.DAY)
    assert view.level.daily_only
    exp = files.expected_last_day()
    assert list(view.series["time"]) == ["15:00"]
    row = view.series.iloc[0]
    assert (row["up"], row["down"], row["limit_up"]) == (exp["up"], exp["down"], 3)
    assert pd.isna(row["turnover_yuan"])      # stored NULL, read as unknown
    assert list(view.prior_series["time"]) == ["15:00"]
    assert view.prior_series["turnover_yuan"].iloc[0] > 0


def test_realdata_daily_csv_day(realdata, tmp_path):
    """The real full-market daily bars of 2023-02-24: daily only, figures as the README states."""
    db = tmp_path / "r.sqlite"
    run_import([realdata / "market-daily" / "derived_full_market_daily_2023-02-20_to_2023-02-24.csv"],
                 db)
    conn = open_readonly(db)
    try:
        assert day_level(StoreReader(conn), "2023-02-24").daily_only
        b = breadth_at(StoreReader(conn), "2023-02-24")
        assert (b.up, b.down, b.flat) == (1766, 3093, 231)
        r = limit_review(StoreReader(conn), "2023-02-24")
        assert len(r) and r["first_seal"].isna().all()
        view = SessionLoader(StoreReader(conn)).load("2023-02-24")
        assert list(view.series["time"]) == ["15:00"] and view.series["up"].iloc[0] == 1766
        assert view.prior_series["up"].iloc[0] == breadth_at(StoreReader(conn), "2023-02-23").up
    finally:
        conn.close()
