"""What the window says about a date or minute the store does not hold, in the interface's language.

app.session.errors.SessionMissing carries its kind and fields (English for the command line); the
same templates go through Qt's translation here (a test keeps them equal to MESSAGES there).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from app.session.errors import SessionMissing

CONTEXT = "SessionMessages"

TEMPLATES: dict[str, str] = {
    "no_session": QT_TRANSLATE_NOOP("SessionMessages", "no session {date} in the store"),
    "daily_only": QT_TRANSLATE_NOOP("SessionMessages",
                                    "{date} has only daily bars; no snapshot at {time}"),
    "no_minute": QT_TRANSLATE_NOOP("SessionMessages",
                                   "no snapshot at {time} on {date} (stored {first}..{last})"),
    "before_first": QT_TRANSLATE_NOOP("SessionMessages",
                                      "no snapshot on {date} at or before {time}"),
    "nothing": QT_TRANSLATE_NOOP("SessionMessages",
                                 "the store has no snapshots and no daily bars for {date}"),
}


def missing(exc: LookupError) -> str:
    """A SessionMissing in the interface's language; any other LookupError's own text."""
    if isinstance(exc, SessionMissing) and exc.kind in TEMPLATES:
        return QCoreApplication.translate(CONTEXT, TEMPLATES[exc.kind]).format(**exc.fields)
    return str(exc)
