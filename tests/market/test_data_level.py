"""The data level of a day and what a daily bar alone tells about a limit board's openings."""

from __future__ import annotations

from app.market.data_level import (LEVEL_DAILY, LEVEL_MINUTES, LEVEL_NONE, daily_limit_opens,
                                   data_level)


def test_levels_from_what_the_store_holds():
    assert data_level(["09:30", "09:31"], has_daily=True).level == LEVEL_MINUTES
    assert data_level([], has_daily=False, index_minutes=True).level == LEVEL_MINUTES
    # A spot file saved at the close is a daily bar in another dress.
    close = data_level(["15:00"], has_daily=True)
    assert close.level == LEVEL_DAILY and close.daily_only and not close.seal_times_known
    assert data_level([], has_daily=True).level == LEVEL_DAILY
    assert data_level([], has_daily=False).level == LEVEL_NONE
    one = data_level(["10:30"], has_daily=False)
    assert one.level == LEVEL_MINUTES and not one.seal_times_known   # one minute: no seal times
    assert data_level(["09:30", "15:00"], has_daily=True).seal_times_known


def test_openings_from_the_bar_shape():
    assert daily_limit_opens("one_word", True, False) == (0, False)
    assert daily_limit_opens("sealed", True, True) == (1, True)        # T字: opened, re-sealed
    assert daily_limit_opens("broken", False, True) == (1, False)      # 炸板
    assert daily_limit_opens("sealed", False, True) == (None, None)    # opened below: unknown
