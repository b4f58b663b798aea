"""XSHG trading days: exchange-calendars' list, kept in the user's cache between starts."""

from __future__ import annotations

import numpy as np
import pytest

from app.market import calendar


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache folder and no list in memory (restored for the tests after)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calendar.trading_days.cache_clear()
    yield tmp_path / "tidemark"
    calendar.trading_days.cache_clear()


def _library_days() -> np.ndarray:
    return np.asarray(calendar._calendar().sessions.strftime("%Y-%m-%d"), dtype=str)


def test_the_kept_list_is_the_library_list_and_is_read_back(fresh, monkeypatch):
    days = calendar.trading_days()
    assert np.array_equal(days, _library_days())
    kept = list(fresh.glob(f"{calendar.CACHE_PREFIX}*.txt"))
    assert len(kept) == 1 and kept[0].read_text(encoding="ascii").split() == days.tolist()
    # The next start reads the list without building the calendar.
    calendar.trading_days.cache_clear()
    monkeypatch.setattr(calendar, "_calendar", lambda: pytest.fail("the calendar was built"))
    again = calendar.trading_days()
    assert np.array_equal(again, days)
    assert calendar.is_trading_day("2026-06-02") and not calendar.is_trading_day("2026-05-01")
    assert calendar.previous_trading_day("2026-06-02") == "2026-06-01"


def test_a_broken_or_stale_list_is_rebuilt_and_others_are_dropped(fresh):
    path = calendar._cache_path()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_text("2026-06-02\n2026-06-01\n", encoding="ascii")          # not sorted
    stale = path.parent / f"{calendar.CACHE_PREFIX}0.0-2000-01-01.txt"
    stale.write_text("2000-01-03\n2000-01-04\n", encoding="ascii")
    days = calendar.trading_days()
    assert np.array_equal(days, _library_days())
    assert path.read_text(encoding="ascii").split() == days.tolist()
    assert not stale.exists()


def test_an_unwritable_cache_only_costs_the_build(fresh, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="ascii")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))        # a file where a folder must go
    assert np.array_equal(calendar.trading_days(), _library_days())
