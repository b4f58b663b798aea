"""StoreError, and the English text of every kind of store problem the viewer can meet.

The command line prints these texts; the window shows the same problem in its own language: a
StoreError carries its ``kind`` and the fields of its text, and app.workers.store_messages holds
the same templates for Qt's translation (a test keeps the two lists equal).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "not_found": "{path}: no such store (file not found)",
    "unreadable": "{path}: cannot read the file ({reason})",
    "folder": "{path}: is a folder, not a store file",
    "empty": "{path}: empty file (0 bytes), not a Tidemark store",
    "not_sqlite": "{path}: not a Tidemark store (not an SQLite database file)",
    "truncated": ("{path}: truncated store: {size} of {expected} bytes (an interrupted copy or "
                  "download?); copy it again or rebuild it"),
    "busy": ("{path}: store is busy: another program is writing to it (database is locked); "
             "try again when it has finished"),
    "not_database": "{path}: not a Tidemark store (not an SQLite database: {reason})",
    "damaged": "{path}: the store is damaged ({reason}); restore a copy or rebuild it",
    "io": ("{path}: cannot read the store ({reason}); it may have been truncated or moved, or its "
           "disk removed"),
    "incomplete": "{path}: incomplete Tidemark store ({reason}); rebuild it or import again",
    "readonly": "{path}: the store cannot be written here ({reason})",
    "cannot_open": "{path}: cannot open the store ({reason})",
    "sqlite": "{path}: {reason}",
    "foreign": "{path}: not a Tidemark store (tables not found: {tables})",
    "bad_version": "{path}: schema_version {value} in meta is not a number; not a Tidemark store",
    "no_tables": "{path}: not a Tidemark store (an SQLite database with no tables)",
    "newer": ("{path}: schema version {version} is newer than this Tidemark understands "
              "({supported}); update Tidemark to open it"),
    "older": ("{path}: schema version {version} is older than this Tidemark's ({supported}); run "
              "'tidemark migrate --db {path}' to upgrade it (a backup copy is kept)"),
    "missing_tables": ("{path}: incomplete Tidemark store (missing tables: {tables}); rebuild it "
                       "or import again"),
}


class StoreError(Exception):
    """A store that cannot be used, with a message fit for the user (names the file).

    ``kind`` (a key of MESSAGES) and ``fields`` are set when the error was made with ``of``; other
    StoreErrors (writers, migration) carry their text only."""

    def __init__(self, message: str, *, kind: str | None = None,
                 fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.fields = dict(fields or {})

    @classmethod
    def of(cls, kind: str, **fields: object) -> "StoreError":
        text_fields = {k: str(v) for k, v in fields.items()}
        return cls(MESSAGES[kind].format(**text_fields), kind=kind, fields=text_fields)
