"""What the window says about a store it cannot read, in the interface's language.

The store's StoreError names its kind and fields (app.store.errors, English for the command line);
here each kind's template goes through Qt's translation, so the status bar and dialogs of a Chinese
window are Chinese too. The templates equal app.store.errors.MESSAGES (tests/…/test_store_messages).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from app.store.connection import error_of
from app.store.errors import StoreError

CONTEXT = "StoreMessages"

TEMPLATES: dict[str, str] = {
    "not_found": QT_TRANSLATE_NOOP("StoreMessages", "{path}: no such store (file not found)"),
    "unreadable": QT_TRANSLATE_NOOP("StoreMessages", "{path}: cannot read the file ({reason})"),
    "folder": QT_TRANSLATE_NOOP("StoreMessages", "{path}: is a folder, not a store file"),
    "empty": QT_TRANSLATE_NOOP("StoreMessages",
                               "{path}: empty file (0 bytes), not a Tidemark store"),
    "not_sqlite": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: not a Tidemark store (not an SQLite database file)"),
    "truncated": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: truncated store: {size} of {expected} bytes (an interrupted "
        "copy or download?); copy it again or rebuild it"),
    "busy": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: store is busy: another program is writing to it (database is "
        "locked); try again when it has finished"),
    "not_database": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: not a Tidemark store (not an SQLite database: {reason})"),
    "damaged": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: the store is damaged ({reason}); restore a copy or rebuild it"),
    "io": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: cannot read the store ({reason}); it may have been truncated "
        "or moved, or its disk removed"),
    "incomplete": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: incomplete Tidemark store ({reason}); rebuild it or import "
        "again"),
    "readonly": QT_TRANSLATE_NOOP("StoreMessages",
                                  "{path}: the store cannot be written here ({reason})"),
    "cannot_open": QT_TRANSLATE_NOOP("StoreMessages", "{path}: cannot open the store ({reason})"),
    "sqlite": QT_TRANSLATE_NOOP("StoreMessages", "{path}: {reason}"),
    "foreign": QT_TRANSLATE_NOOP("StoreMessages",
                                 "{path}: not a Tidemark store (tables not found: {tables})"),
    "bad_version": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: schema_version {value} in meta is not a number; not a "
        "Tidemark store"),
    "no_tables": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: not a Tidemark store (an SQLite database with no tables)"),
    "newer": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: schema version {version} is newer than this Tidemark "
        "understands ({supported}); update Tidemark to open it"),
    "older": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: schema version {version} is older than this Tidemark's "
        "({supported}); run 'tidemark migrate --db {path}' to upgrade it (a backup copy is kept)"),
    "missing_tables": QT_TRANSLATE_NOOP(
        "StoreMessages", "{path}: incomplete Tidemark store (missing tables: {tables}); rebuild "
        "it or import again"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def user_message(exc: StoreError) -> str:
    """The StoreError in the interface's language; its own (English) text when it has no kind."""
    template = TEMPLATES.get(exc.kind or "")
    if template is None:
        return str(exc)
    return _tr(template).format(**exc.fields)


def locked(path: object) -> str:
    return QCoreApplication.translate(
        "StoreMessages", "{path}: the store is locked by another program (database is locked); "
        "try again when it is done").format(path=path)


def store_failure(path: object, exc: BaseException) -> str:
    """A StoreError or SQLite error met while reading the store at ``path``. A lock gets the
    worker's own line: its retries have already waited for the writer."""
    if isinstance(exc, StoreError):
        if exc.kind == "busy" or (exc.kind is None and "locked" in str(exc)):
            return locked(path)
        return user_message(exc)
    if isinstance(exc, sqlite3.Error):
        return store_failure(path, error_of(Path(str(path)), exc))
    return unexpected(path, exc)


def vanished(path: object) -> str:
    return QCoreApplication.translate(
        "StoreMessages", "{path}: the store file has vanished (deleted or renamed); showing the "
        "last minute loaded — open a store to continue").format(path=path)


def no_store() -> str:
    return QCoreApplication.translate("StoreMessages", "no store is open")


# The parts of the work an unforeseen error is reported from.
BRIEF = QT_TRANSLATE_NOOP("StoreMessages", "brief")
SENTIMENT = QT_TRANSLATE_NOOP("StoreMessages", "sentiment")


def unexpected(path: object, exc: BaseException, part: str = "") -> str:
    """An error nobody foresaw, named by its type (the window carries on); ``part`` is BRIEF or
    SENTIMENT when it came from that part of the work."""
    where = f"{_tr(part)}: " if part else ""
    return QCoreApplication.translate("StoreMessages", "{path}: {where}{kind}: {text}").format(
        path=path, where=where, kind=type(exc).__name__, text=exc)
