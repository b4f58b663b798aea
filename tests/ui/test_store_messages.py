"""The window's store messages: the same problems as the command line's, in the interface language."""

from __future__ import annotations

import sqlite3

import pytest

from app.store.connection import error_of, open_readonly
from app.store.errors import MESSAGES, StoreError
from app.workers import store_messages


def test_the_window_knows_every_kind_the_store_raises():
    assert store_messages.TEMPLATES == MESSAGES


def test_in_english_the_window_says_what_the_command_line_says(interface, tmp_path):
    interface("en")
    bad = tmp_path / "notes.sqlite"
    bad.write_text("not a database\n" * 20)
    with pytest.raises(StoreError) as err:
        open_readonly(bad)
    assert err.value.kind == "not_sqlite"
    assert store_messages.user_message(err.value) == str(err.value)


@pytest.mark.parametrize("kind", sorted(MESSAGES))
def test_every_kind_reads_in_chinese_with_its_fields(interface, kind):
    interface("zh")
    fields = {"path": "/data/x.sqlite", "reason": "disk I/O error", "size": "1,024",
              "expected": "4,096", "tables": "stocks", "value": "'abc'", "version": "7",
              "supported": "2"}
    exc = StoreError.of(kind, **fields)
    line = store_messages.user_message(exc)
    assert line != str(exc), f"{kind} has no Chinese translation"
    assert line.startswith("/data/x.sqlite：")
    for name in fields:
        if "{" + name + "}" in MESSAGES[kind]:
            assert fields[name] in line, (kind, name)


def test_a_lock_and_an_error_without_a_kind(interface, tmp_path):
    interface("zh")
    locked = error_of(tmp_path / "a.sqlite", sqlite3.OperationalError("database is locked"))
    assert locked.kind == "busy"
    assert store_messages.store_failure(tmp_path / "a.sqlite", locked) == \
        f"{tmp_path / 'a.sqlite'}：数据库被另一程序锁定（数据库已锁定）；请待其完成后重试"
    plain = StoreError("/x.sqlite: import failed and was rolled back (boom)")
    assert store_messages.user_message(plain) == str(plain)     # no kind: its own text
    damaged = store_messages.store_failure("/x.sqlite", sqlite3.DatabaseError(
        "database disk image is malformed"))
    assert damaged.startswith("/x.sqlite：数据库已损坏（database disk image is malformed）")
