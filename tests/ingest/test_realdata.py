"""Importing the real public files in ../shared/realdata and reading the README's figures back."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from app.ingest.errors import IngestError
from app.ingest.runner import run_import
from app.market.boards import UnknownCode, board_of, market_of_stock_code

pytestmark = pytest.mark.realdata


def _q(db: Path, sql: str, *params):  # type: ignore[no-untyped-def]
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def store(realdata: Path, tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """One store holding every real file except the two with known defects (tested below)."""
    db = tmp_path_factory.mktemp("real") / "real.sqlite"
    index_csvs = sorted(p for p in (realdata / "index-daily").glob("*.csv")
                        if p.name != "index_daily_sh000688.csv")
    summary = run_import([realdata / "tdx", realdata / "market-daily", *index_csvs,
                          realdata / "sectors" / "csrc_industry_baostock_2026-03-09.csv",
                          realdata / "sectors" / "tushare_stock_basic_2025-04.csv"], db)
    assert summary.already == 0 and summary.skipped == 0
    assert summary.imported == 18 + 1 + len(index_csvs) + 2
    return db


def test_tdx_index_day_closes(store: Path) -> None:
    rows = dict(_q(store, "SELECT symbol, close FROM index_daily WHERE date = '2023-02-24' AND "
                          "symbol IN ('sh000001', 'sz399006')"))
    assert rows == {"sh000001": pytest.approx(3267.16, abs=1e-9),
                    "sz399006": pytest.approx(2428.94, abs=1e-9)}


def test_tdx_day_files_decoded(realdata: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    run_import([realdata / "tdx" / "index" / "sh000001.day", realdata / "tdx" / "stock"], db)
    # 1,817 records each, 2015-09-02 → 2023-02-24 (README); stocks to daily, indices to index_daily.
    assert _q(db, "SELECT count(*), min(date), max(date) FROM index_daily") == [
        (1817, "2015-09-02", "2023-02-24")]
    per = dict(_q(db, "SELECT symbol, count(*) FROM daily GROUP BY symbol"))
    assert per["sh600519"] == 1817 and per["sz000001"] == 1817 and len(per) == 7
    assert _q(db, "SELECT board FROM stocks WHERE symbol = 'bj430047'") == [("bse",)]
    # prev_close is the previous record's close.
    (c0,), = _q(db, "SELECT close FROM daily WHERE symbol='sh600519' AND date='2023-02-23'")
    (p1,), = _q(db, "SELECT prev_close FROM daily WHERE symbol='sh600519' AND date='2023-02-24'")
    assert c0 == p1 == 1818.00
    # Index volume is in lots in TDX .day and stored in shares (×100).
    (vol,), = _q(db, "SELECT volume FROM index_daily WHERE symbol='sh000001' AND date='2023-02-24'")
    assert vol == 234_206_306 * 100


def test_lc5_index_bars(store: Path) -> None:
    bars = _q(store, "SELECT date, time, close FROM index_bars WHERE symbol = 'sh000001' "
                     "ORDER BY date, time")
    assert len(bars) == 7692
    assert bars[0] == ("2015-07-03", "09:35", 3811.20)
    assert bars[-1][0] == "2016-03-02"


def test_index_daily_csvs(store: Path) -> None:
    assert _q(store, "SELECT count(*), min(date) FROM index_daily WHERE symbol = 'sh000001' AND "
                     "date < '2015-09-02'")[0][1] == "1990-12-19"
    # The CSV and the TDX file agree on 2023-02-24 (both were imported; the later one wins).
    assert _q(store, "SELECT close FROM index_daily WHERE symbol='sh000001' AND "
                     "date='2023-02-24'") == [(3267.16,)]


def test_index_daily_csv_sse_rows(realdata: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    s = run_import([realdata / "index-daily" / "index_daily_sh000001.csv"], db)
    assert s.files[0].rows == 8635
    assert _q(db, "SELECT count(*), min(date), max(date) FROM index_daily") == [
        (8635, "1990-12-19", "2026-05-08")]


def test_index_daily_csv_conflicting_duplicate_is_refused(realdata: Path, tmp_path: Path) -> None:
    # index_daily_sh000688.csv repeats 2025-04-18 with a different volume: we do not guess which.
    db = tmp_path / "x.sqlite"
    with pytest.raises(IngestError) as e:
        run_import([realdata / "index-daily" / "index_daily_sh000688.csv"], db)
    assert e.value.line == 1285 and e.value.field == "date"
    assert "line 1284" in str(e.value)
    assert not db.exists()


def test_full_market_daily_breadth(store: Path, realdata: Path) -> None:
    counts = _q(store, """
        SELECT date, count(*),
               sum(round(close * 100) > round(prev_close * 100)),
               sum(round(close * 100) < round(prev_close * 100)),
               sum(round(close * 100) = round(prev_close * 100))
        FROM daily WHERE prev_close IS NOT NULL AND date BETWEEN '2023-02-20' AND '2023-02-24'
        GROUP BY date""")
    by = {d: rest for d, *rest in counts}
    assert by["2023-02-24"] == [5090, 1766, 3093, 231]
    assert by["2023-02-20"][1:] == [3997, 977, 113]
    assert _q(store, "SELECT count(*) FROM daily WHERE date BETWEEN '2023-02-20' AND "
                     "'2023-02-24'")[0][0] >= 25449 - 6  # 25,449 rows (+ the TDX stock files)


def test_baostock_industry(store: Path, realdata: Path) -> None:
    path = realdata / "sectors" / "csrc_industry_baostock_2026-03-09.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 5507
    with_industry = [r for r in rows if r["industry"]]
    assert _q(store, "SELECT rows FROM imports WHERE format = 'baostock_industry'") == [(5507,)]
    assert _q(store, "SELECT count(*) FROM sector_members WHERE sector_id LIKE 'csrc:%'")[0][0] \
        == len(with_industry)
    assert _q(store, "SELECT name, parent_id, kind FROM sectors WHERE id = 'csrc:J66'") == [
        ("货币金融服务", "csrc:J", "industry")]
    assert _q(store, "SELECT name FROM sectors WHERE id = 'csrc:J'") == [("金融业",)]
    assert _q(store, "SELECT sector_id, as_of FROM sector_members WHERE symbol = 'sh600000' AND "
                     "sector_id LIKE 'csrc:%'") == [("csrc:J66", "2026-03-09")]


def test_tushare_stock_basic(store: Path) -> None:
    assert _q(store, "SELECT rows FROM imports WHERE format = 'tushare_stock_basic'") == [(5409,)]
    assert _q(store, "SELECT count(*) FROM sector_members WHERE sector_id LIKE 'ts:%'") == [(5409,)]
    assert _q(store, "SELECT name, list_date, industry FROM stocks WHERE symbol = 'sz000001'") == [
        ("平安银行", "1991-04-03", "银行")]
    assert _q(store, "SELECT count(*) FROM stocks WHERE list_date IS NOT NULL")[0][0] >= 5409


def test_eastmoney_boards(realdata: Path, tmp_path: Path) -> None:
    path = realdata / "sectors" / "eastmoney_board_membership_2026-03-15.csv"
    db = tmp_path / "em.sqlite"
    # Line 4539 is 201872 招港B, an SZSE B-share (201xxx): it must place on the B-share board.
    assert board_of("sz", "201872").value == "b_share"
    s = run_import([path], db)
    assert s.files[0].rows == 60062
    assert _q(db, "SELECT count(*) FROM sectors WHERE source = 'eastmoney'") == [(469,)]
    assert _q(db, "SELECT count(DISTINCT symbol), count(*) FROM sector_members") == [(5566, 60062)]
    assert _q(db, "SELECT DISTINCT as_of FROM sector_members") == [("2026-03-15",)]
