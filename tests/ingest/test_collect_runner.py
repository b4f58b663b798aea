"""tidemark collect: a replayed recording becomes exactly its rows; resume, retry, missing minutes,
one collector per store, the session clock, the close's daily bars and the --history backfill."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from app.config import history_store
from app.ingest.collect.clock import BEIJING, Due, ReplayClock, SessionClock
from app.ingest.collect.feeds import FeedError, Frames
from app.ingest.collect.history import run_history
from app.ingest.collect.lock import CollectLock, lock_path
from app.ingest.collect.replay_feed import ReplayFeed, read_frame, spot_path
from app.ingest.collect.retry import Retry
from app.ingest.collect.runner import NOT_RUNNING, collect
from app.store import collect_log

DAY = "2026-06-02"


def _run(db: Path, feed, minutes, retry: Retry | None = None, lines=None) -> int:
    log = lines.append if lines is not None else (lambda _m: None)
    return collect(db, feed, ReplayClock(minutes, speed=1e6), retry=retry, log=log)


def _rows(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_a_replay_writes_every_recorded_row_in_the_stores_units(tmp_path, recording):
    root, minutes = recording
    db = tmp_path / "h.sqlite"
    assert _run(db, ReplayFeed(root), minutes) == 0
    times = [t for t, in _rows(db, "SELECT DISTINCT time FROM quotes WHERE date = ? ORDER BY 1",
                                (DAY,))]
    assert times == [t for _, t in minutes]
    assert _rows(db, "SELECT count(*) FROM quotes")[0][0] == 24 * len(minutes)
    # 成交量 in 手 → shares; 成交额 as is; the suspended stock has last NULL and volume 0.
    spot = read_frame(spot_path(root, DAY, "09:32")).set_index("代码")
    got = dict((s, (v, a, last)) for s, v, a, last in _rows(
        db, "SELECT symbol, volume, amount, last FROM quotes WHERE date = ? AND time = '09:32'",
        (DAY,)))
    assert got["sh600519"][0] == spot.loc["600519", "成交量"] * 100
    assert got["sh600519"][1] == pytest.approx(spot.loc["600519", "成交额"])
    assert got["sh600519"][2] == spot.loc["600519", "最新价"]
    assert got["sh603288"][2] is None and got["sh603288"][0] == 0
    assert "bj920018" in got and "sz000001" in got and "sh688981" in got
    # Index bars are per minute: they add up to the recorded cumulative volume.
    idx = read_frame(root / DAY / "0935_stock_zh_index_spot_em.csv").set_index("代码")
    total = _rows(db, "SELECT sum(volume) FROM index_bars WHERE symbol = 'sz399006'")[0][0]
    assert total == pytest.approx(idx.loc["399006", "成交量"] * 100)
    assert _rows(db, "SELECT count(*) FROM breadth_minutes WHERE date = ?", (DAY,))[0][0] == 6
    # A recording that stops before the close is not a closed session: no daily bars.
    assert _rows(db, "SELECT count(*) FROM daily")[0][0] == 0
    assert _rows(db, "PRAGMA integrity_check")[0][0] == "ok"


def test_a_second_run_writes_nothing_twice(tmp_path, recording):
    root, minutes = recording
    db = tmp_path / "h.sqlite"
    assert _run(db, ReplayFeed(root), minutes[:3]) == 0
    before = _rows(db, "SELECT * FROM quotes ORDER BY date, time, symbol")
    lines: list[str] = []
    assert _run(db, ReplayFeed(root), minutes, lines=lines) == 0
    assert "3 minute(s) written" in lines[-1] and "3 already in the store" in lines[-1]
    assert any("resuming after 09:32" in x for x in lines)
    after = _rows(db, "SELECT * FROM quotes ORDER BY date, time, symbol")
    assert after[:len(before)] == before and len(after) == 24 * 6
    # The resumed index bars continue from the stored cumulative volume.
    idx = read_frame(root / DAY / "0935_stock_zh_index_spot_em.csv").set_index("代码")
    total = _rows(db, "SELECT sum(volume) FROM index_bars WHERE symbol = 'sh000300'")[0][0]
    assert total == pytest.approx(idx.loc["000300", "成交量"] * 100)


class Flaky:
    """A replay whose requests for some minutes fail a given number of times."""

    name = "flaky"

    def __init__(self, inner: ReplayFeed, fails: dict[str, int]) -> None:
        self.inner, self.fails = inner, dict(fails)
        self.calls: list[str] = []

    def check(self) -> None:
        self.inner.check()

    def fetch(self, date: str, time: str) -> Frames:
        self.calls.append(time)
        if self.fails.get(time, 0) > 0:
            self.fails[time] -= 1
            raise FeedError("HTTP 502 from the quote server")
        return self.inner.fetch(date, time)


def test_a_failing_request_is_retried_with_back_off_then_the_minute_is_missing(tmp_path,
                                                                            recording):
    root, minutes = recording
    db = tmp_path / "h.sqlite"
    waits: list[float] = []
    feed = Flaky(ReplayFeed(root), {"09:31": 2, "09:33": 99})
    lines: list[str] = []
    assert _run(db, feed, minutes, Retry(attempts=4, first_delay=2, sleep=waits.append),
                lines) == 0
    assert waits == [2, 4, 2, 4, 8]          # 09:31: two failures; 09:33: three, then given up
    assert feed.calls.count("09:31") == 3 and feed.calls.count("09:33") == 4
    times = {t for t, in _rows(db, "SELECT DISTINCT time FROM quotes")}
    assert "09:31" in times and "09:33" not in times
    # Nothing of the missing minute was written, and the log says why.
    for table in ("index_bars", "breadth_minutes"):
        assert not _rows(db, f"SELECT 1 FROM {table} WHERE time = '09:33'")
    conn = sqlite3.connect(db)
    note = collect_log.missing(conn, DAY)
    conn.close()
    assert list(note) == ["09:33"] and "failed 4 times" in note["09:33"] and "502" in note["09:33"]
    assert any("MISSING" in x and "09:33" in x for x in lines)
    # The next minute's index bar takes the volume the missing one would have had.
    idx = read_frame(root / DAY / "0935_stock_zh_index_spot_em.csv").set_index("代码")
    total = _rows(db, "SELECT sum(volume) FROM index_bars WHERE symbol = 'sh000001'")[0][0]
    assert total == pytest.approx(idx.loc["000001", "成交量"] * 100)
    # A later run that gets it records it and clears the note.
    assert _run(db, ReplayFeed(root), minutes) == 0
    conn = sqlite3.connect(db)
    assert collect_log.missing(conn, DAY) == {}
    conn.close()
    assert _rows(db, "SELECT count(*) FROM quotes")[0][0] == 24 * 6


def test_an_unusable_frame_is_a_missing_minute_not_a_half_written_one(tmp_path, recording):
    root, minutes = recording
    bad = spot_path(root, DAY, "09:32")
    read_frame(bad).rename(columns={"代码": "编号"}).to_csv(bad, index=False)
    db = tmp_path / "h.sqlite"
    assert _run(db, ReplayFeed(root), minutes) == 0
    assert not _rows(db, "SELECT 1 FROM quotes WHERE time = '09:32'")
    assert not _rows(db, "SELECT 1 FROM index_bars WHERE time = '09:32'")
    reason = _rows(db, "SELECT reason FROM collect_missing WHERE time = '09:32'")[0][0]
    assert "unusable frame" in reason and "代码" in reason


def test_a_second_collector_on_the_same_store_refuses(tmp_path, recording):
    root, minutes = recording
    db = tmp_path / "h.sqlite"
    lines: list[str] = []
    with CollectLock(db):
        assert _run(db, ReplayFeed(root), minutes, lines=lines) == 2
    assert len(lines) == 1
    assert f"pid {os.getpid()}" in lines[0] and str(lock_path(db)) in lines[0]
    assert not db.exists()                       # refused before touching the store
    assert _run(db, ReplayFeed(root), minutes) == 0   # the lock went with its holder


def test_a_replay_without_a_recording_says_so(tmp_path):
    lines: list[str] = []
    assert _run(tmp_path / "h.sqlite", ReplayFeed(tmp_path / "nothing"), [], lines=lines) == 2
    assert lines == [f"tidemark collect (replay): {tmp_path / 'nothing'}: no such folder "
                     "(--replay wants a recording)"]


class FakeTime:
    def __init__(self, start: datetime) -> None:
        self.t = start
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(s)
        self.t += timedelta(seconds=s)


def test_the_session_clock_follows_xshg_hours():
    ft = FakeTime(datetime(2026, 6, 2, 10, 0, 20, tzinfo=BEIJING))        # a Tuesday
    clock = SessionClock(now=ft.now, sleep=ft.sleep)
    slots = list(clock.slots())
    assert [d.time for d in slots[:2]] == ["09:30", "09:31"] and len(slots) == 241
    assert all(d.passed for d in slots[:30]) and not slots[30].passed   # 10:00, 15 s late
    assert slots[30].time == "10:00" and ft.slept[0] == pytest.approx(45.0)  # on to 10:01:05
    assert slots[-1] == Due("2026-06-02", "15:00") and clock.session_over()
    assert ft.t == datetime(2026, 6, 2, 15, 0, 30, tzinfo=BEIJING)
    # The lunch break is waited through: 11:30 is followed by 13:01.
    i = [d.time for d in slots].index("11:30")
    assert slots[i + 1].time == "13:01"
    sunday = SessionClock(now=lambda: datetime(2026, 6, 7, 10, 0, tzinfo=BEIJING))
    assert sunday.day() is None and list(sunday.slots()) == []
    evening = SessionClock(now=lambda: datetime(2026, 6, 2, 18, 0, tzinfo=BEIJING))
    assert list(evening.slots()) == []


class ClosedClock:
    """A live session whose 15:00 minute never came (the collector stopped at 09:33)."""

    def __init__(self, minutes):
        self.minutes = minutes

    def slots(self):
        for d, t in self.minutes:
            yield Due(d, t)

    def day(self):
        return DAY

    def session_over(self):
        return True


def test_after_the_close_the_days_daily_bars_come_from_the_last_minute(tmp_path, recording):
    root, minutes = recording
    db = tmp_path / "h.sqlite"
    assert collect(db, ReplayFeed(root), ClosedClock(minutes[:4]), log=lambda _m: None) == 0
    daily = {s: (c, v) for s, c, v in _rows(db, "SELECT symbol, close, volume FROM daily")}
    spot = read_frame(spot_path(root, DAY, "09:33")).set_index("代码")
    assert len(daily) == 23 and "sh603288" not in daily          # the suspended stock: no bar
    assert daily["sz300750"] == (spot.loc["300750", "最新价"], spot.loc["300750", "成交量"] * 100)
    assert _rows(db, "SELECT count(*) FROM index_daily WHERE date = ?", (DAY,))[0][0] == 5


def test_slots_that_went_by_unwatched_are_noted_missing(tmp_path, recording):
    root, minutes = recording
    db = tmp_path / "h.sqlite"

    class LateClock(ClosedClock):
        def slots(self):
            yield Due(DAY, "09:30", passed=True)
            yield from (Due(d, t) for d, t in self.minutes[1:3])

        def session_over(self):
            return False

    assert collect(db, ReplayFeed(root), LateClock(minutes), log=lambda _m: None) == 0
    assert _rows(db, "SELECT time, reason FROM collect_missing") == [("09:30", NOT_RUNNING)]
    assert [t for t, in _rows(db, "SELECT DISTINCT time FROM quotes ORDER BY 1")] == \
        ["09:31", "09:32"]


def hist_frame(code: str, closes: list[float], dates: list[str]) -> pd.DataFrame:
    c = np.array(closes)
    prev = np.concatenate([[c[0] - 0.1], c[:-1]])
    return pd.DataFrame({"日期": dates, "股票代码": code, "开盘": c - 0.05, "收盘": c,
                         "最高": c + 0.1, "最低": c - 0.1, "成交量": [1000, 2000, 3000][:len(c)],
                         "成交额": c * 1e5, "振幅": 1.0, "涨跌幅": 0.5,
                         "涨跌额": np.round(c - prev, 2), "换手率": 0.3})


class FakeHistory:
    name = "fake"

    def check(self) -> None:
        pass

    def stock_list(self) -> pd.DataFrame:
        return pd.DataFrame({"代码": ["600000", "300750"], "名称": ["浦发银行", "宁德时代"]})

    def stock_daily(self, code: str, start: str, end: str) -> pd.DataFrame:
        if code == "300750":
            raise ConnectionResetError("peer reset")
        return hist_frame(code, [10.0, 10.2, 10.1], ["2026-05-27", "2026-05-28", "2026-05-29"])

    def index_daily(self, symbol: str) -> pd.DataFrame:
        return pd.DataFrame({"date": ["2026-05-26", "2026-05-27", "2026-05-28"],
                             "open": [3400.0, 3401, 3402], "high": [3410.0, 3411, 3412],
                             "low": [3390.0, 3391, 3392], "close": [3405.0, 3406, 3407],
                             "volume": [1e10, 1.1e10, 1.2e10]})


def test_history_backfills_daily_bars_in_the_range(tmp_path):
    db = tmp_path / "h.sqlite"
    lines: list[str] = []
    assert run_history(db, FakeHistory(), "2026-05-27", "2026-05-28",
                       Retry(attempts=2, sleep=lambda _s: None), log=lines.append) == 0
    rows = _rows(db, "SELECT date, symbol, close, prev_close, volume FROM daily ORDER BY date")
    assert rows == [("2026-05-27", "sh600000", 10.0, 9.9, 100000.0),
                    ("2026-05-28", "sh600000", 10.2, 10.0, 200000.0)]
    idx = _rows(db, "SELECT date, close, prev_close FROM index_daily WHERE symbol = 'sh000001' "
                    "ORDER BY date")
    assert idx == [("2026-05-27", 3406.0, 3405.0), ("2026-05-28", 3407.0, 3406.0)]
    assert any("failed: 300750" in x and "peer reset" in x for x in lines)
    assert "1 failed" in lines[-1]


def test_history_store_is_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("TIDEMARK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert history_store() == tmp_path / "tidemark" / "history.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert history_store() == Path.home() / ".local" / "share" / "tidemark" / "history.sqlite"
    monkeypatch.setenv("TIDEMARK_DB", str(tmp_path / "x.sqlite"))
    assert history_store() == tmp_path / "x.sqlite"


def test_the_live_feed_on_the_session_clock_records_to_the_close(tmp_path, recording):
    """akshare stand-in + the XSHG clock started at 14:56:30: the minutes before are missing
    (not running), 14:57..15:00 are recorded from what the feed answers then, and 15:00 brings
    the daily bars."""
    from app.ingest.collect.akshare_feed import AkshareFeed

    root, minutes = recording
    ft = FakeTime(datetime(2026, 6, 2, 14, 56, 30, tzinfo=BEIJING))
    files = [t for _, t in minutes]

    class Ak:
        def _frame(self, kind: str) -> pd.DataFrame:
            since = (ft.now() - datetime(2026, 6, 2, 14, 56, tzinfo=BEIJING)).seconds // 60
            i = min(since, len(files) - 1)                      # 14:57 → the second file ...
            return read_frame(root / DAY / f"{files[i].replace(':', '')}_{kind}.csv")

        def stock_zh_a_spot_em(self) -> pd.DataFrame:
            return self._frame("stock_zh_a_spot_em")

        def stock_zh_index_spot_em(self, symbol: str) -> pd.DataFrame:
            return self._frame("stock_zh_index_spot_em")

    db = tmp_path / "h.sqlite"
    clock = SessionClock(now=ft.now, sleep=ft.sleep)
    assert collect(db, AkshareFeed(Ak()), clock, Retry(sleep=ft.sleep), log=lambda _m: None) == 0
    recorded = [t for t, in _rows(db, "SELECT DISTINCT time FROM quotes ORDER BY 1")]
    assert recorded == ["14:56", "14:57", "14:58", "14:59", "15:00"]   # 14:56 is 25 s late: kept
    assert _rows(db, "SELECT count(*) FROM collect_missing")[0][0] == 241 - 5
    daily = dict(_rows(db, "SELECT symbol, close FROM daily WHERE date = ?", (DAY,)))
    last = read_frame(spot_path(root, DAY, files[4])).set_index("代码")
    assert len(daily) == 23 and daily["sh600519"] == last.loc["600519", "最新价"]
    assert _rows(db, "SELECT close FROM index_daily WHERE symbol = 'sz399006'")[0][0] == \
        read_frame(root / DAY / f"{files[4].replace(':', '')}_stock_zh_index_spot_em.csv"
                   ).set_index("代码").loc["399006", "最新价"]


def test_a_saved_stock_zh_a_hist_file_imports_by_its_header(tmp_path):
    from app.cli import main

    f = tmp_path / "sz300750.csv"          # an older akshare frame: no 股票代码, the name says
    hist_frame("300750", [200.0, 204.0], ["2026-05-28", "2026-05-29"]).drop(
        columns="股票代码").to_csv(f, index=False)
    db = tmp_path / "h.sqlite"
    assert main(["import", str(f), "--db", str(db)]) == 0
    assert _rows(db, "SELECT date, symbol, close, prev_close, volume FROM daily ORDER BY date") \
        == [("2026-05-28", "sz300750", 200.0, 199.9, 100000.0),
            ("2026-05-29", "sz300750", 204.0, 200.0, 200000.0)]
