"""`tidemark view` opens the demo on its story's minute; other stores on their last minute."""

from __future__ import annotations

from app.commands.view import story_minute


def test_demo_opens_on_the_half_day(demo_store):
    assert story_minute(demo_store) == ("2026-06-02", "11:30")


def test_a_bad_or_other_store_gets_no_override(tmp_path):
    assert story_minute(tmp_path / "absent.sqlite") == (None, None)
