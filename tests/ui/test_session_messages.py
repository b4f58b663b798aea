"""A date or minute the store lacks: the window says it in its language, the CLI in English."""

from __future__ import annotations

import re

import pytest

from app.session.errors import MESSAGES, SessionMissing
from app.session.review import enriched_at
from app.session.view import resolve_time
from app.store.connection import open_readonly
from app.store.reader import StoreReader
from app.workers import session_messages

FIELDS = {"date": "2026-06-09", "time": "10:05", "first": "09:30", "last": "11:30"}


def test_the_window_knows_every_kind_the_session_raises():
    assert session_messages.TEMPLATES == MESSAGES


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_every_kind_reads_in_chinese_with_its_fields(interface, kind):
    interface("zh")
    exc = SessionMissing(kind, **FIELDS)
    line = session_messages.missing(exc)
    assert re.search(r"[\u4e00-\u9fff]", line) and not re.search(r"[a-z]{4,}", line), line
    for name, value in FIELDS.items():
        if "{" + name + "}" in MESSAGES[kind]:
            assert value in line, (kind, name)


def test_the_store_raises_kinds_and_english_says_what_the_cli_says(interface, demo_store):
    interface("en")
    conn = open_readonly(demo_store)
    try:
        store = StoreReader(conn)
        with pytest.raises(SessionMissing) as absent:
            resolve_time(store, "2026-06-09", None)
        with pytest.raises(SessionMissing) as off_grid:
            resolve_time(store, "2026-06-02", "12:00")
        with pytest.raises(SessionMissing) as nothing:
            enriched_at(store, "2026-06-09")
    finally:
        conn.close()
    assert (absent.value.kind, off_grid.value.kind, nothing.value.kind) == \
        ("no_session", "no_minute", "nothing")
    assert str(absent.value) == "no session 2026-06-09 in the store"
    assert off_grid.value.fields["time"] == "12:00" and off_grid.value.fields["first"] == "09:30"
    for exc in (absent.value, off_grid.value, nothing.value):
        assert session_messages.missing(exc) == str(exc)


def test_another_lookup_error_keeps_its_own_text(interface):
    interface("zh")
    assert session_messages.missing(LookupError("odd")) == "odd"
