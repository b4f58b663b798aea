"""Minutes a collector could not record: merged into gaps by hand, read back from a collected store,
and named in the window's status line (never drawn over)."""

from __future__ import annotations

import sqlite3

import pytest

from app.ingest.collect.clock import ReplayClock
from app.ingest.collect.feeds import FeedError
from app.ingest.collect.replay_feed import ReplayFeed
from app.ingest.collect.retry import Retry
from app.ingest.collect.runner import collect
from app.session.gaps import Gap, gaps_of, gaps_until
from app.session.loader import SessionLoader
from app.store import collect_log
from app.store.connection import open_readonly
from app.store.reader import StoreReader
from app.ui.gap_text import gaps_note, gaps_tooltip

DAY = "2026-06-02"


def test_consecutive_minutes_of_one_kind_merge_across_lunch():
    rows = [("13:01", "request_failed", "HTTP 502"), ("11:29", "request_failed", "timeout"),
            ("11:30", "request_failed", "timeout"), ("10:00", "not_running", ""),
            ("10:01", "unusable", "bad column"), ("12:00", "not_running", "")]   # 12:00: off grid
    assert gaps_of(rows) == (
        Gap("10:00", "10:00", 1, "not_running", ""),
        Gap("10:01", "10:01", 1, "unusable", "bad column"),
        Gap("11:29", "13:01", 3, "request_failed", "timeout"),
    )


def test_a_screen_shows_the_gaps_it_has_lived_through():
    gaps = gaps_of([(t, "not_running", "") for t in ("09:30", "09:31", "09:32", "09:40")])
    assert gaps_until(gaps, "09:29") == ()
    assert gaps_until(gaps, "09:31") == (Gap("09:30", "09:31", 2, "not_running", ""),)
    assert [g.minutes for g in gaps_until(gaps, "10:00")] == [3, 1]


def test_the_collectors_reasons_read_back_as_kinds():
    assert collect_log.reason_kind(collect_log.NOT_RUNNING) == ("not_running", "")
    assert collect_log.reason_kind(collect_log.request_failed(4, "HTTP 502: bad gateway")) == \
        ("request_failed", "HTTP 502: bad gateway")
    assert collect_log.reason_kind(collect_log.unusable("spot frame: no 代码 column")) == \
        ("unusable", "spot frame: no 代码 column")
    assert collect_log.reason_kind("the disk was full") == ("other", "the disk was full")


class _FailsAt:
    """The recording, with the feed failing every try at some minutes."""

    def __init__(self, inner: ReplayFeed, times: set[str]) -> None:
        self.inner, self.times = inner, times
        self.name = inner.name

    def check(self) -> None:
        self.inner.check()

    def fetch(self, date: str, time: str):  # type: ignore[no-untyped-def]
        if time in self.times:
            raise FeedError("HTTP 502 from the quote server")
        return self.inner.fetch(date, time)


@pytest.fixture
def collected(tmp_path, recording):
    """A store collected from the recording with the feed down at 09:32 and 09:33."""
    root, minutes = recording
    db = tmp_path / "gaps.sqlite"
    feed = _FailsAt(ReplayFeed(root), {"09:32", "09:33"})
    assert collect(db, feed, ReplayClock(minutes, speed=1e6),
                   retry=Retry(attempts=2, first_delay=0, sleep=lambda _s: None),
                   log=lambda _m: None) == 0
    return db


def test_a_collected_session_carries_its_gaps_to_the_view(collected):
    conn = open_readonly(collected)
    try:
        loader = SessionLoader(StoreReader(conn))
        assert loader.times(DAY) == ("09:30", "09:31", "09:34", "09:35")
        later = loader.load(DAY, "09:35", with_findings=False)
        before = loader.load(DAY, "09:31", with_findings=False)
    finally:
        conn.close()
    (gap,) = later.extras["gaps"]
    assert (gap.first, gap.last, gap.minutes, gap.kind) == ("09:32", "09:33", 2, "request_failed")
    assert "502" in gap.detail and "times" not in gap.detail
    assert before.extras["gaps"] == ()


def test_the_status_line_names_the_gap_in_the_windows_language(interface):
    gaps = (Gap("09:32", "09:33", 2, "request_failed", "HTTP 502"),)
    interface("en")
    assert gaps_note(gaps) == "   not recorded: 09:32–09:33 (the feed failed)"
    assert gaps_tooltip(gaps) == "09:32–09:33: 2 minute(s) not recorded, the feed failed — HTTP 502"
    assert gaps_note(()) == "" and gaps_tooltip(()) == ""
    interface("zh")
    two = gaps + (Gap("10:00", "10:00", 1, "not_running", ""),)
    line = gaps_note(two)
    assert "未记录" in line and "09:32–09:33" in line and "3" in line
    assert "not" not in line and "feed" not in line


def test_the_window_says_so_when_it_shows_the_minute(qtbot, dialogs, collected):
    from app.ui.main_window import MainWindow

    win = MainWindow(collected)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: "09:35" in win.status.text(), timeout=30_000)
    assert "09:32–09:33" in win.status.text()
    assert "HTTP 502" in win.status.toolTip()
    win.close()
