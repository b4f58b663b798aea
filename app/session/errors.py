"""SessionMissing: a date or minute the store does not hold, with its kind and fields.

The command line prints the English text; the window translates the same kind (app.workers
.session_messages holds the templates for Qt's translation; a test keeps the two lists equal).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "no_session": "no session {date} in the store",
    "daily_only": "{date} has only daily bars; no snapshot at {time}",
    "no_minute": "no snapshot at {time} on {date} (stored {first}..{last})",
    "before_first": "no snapshot on {date} at or before {time}",
    "nothing": "the store has no snapshots and no daily bars for {date}",
}


class SessionMissing(LookupError):
    """What was asked for is not in the store: ``kind`` names which case, ``fields`` its values."""

    def __init__(self, kind: str, **fields: str) -> None:
        super().__init__(MESSAGES[kind].format(**fields))
        self.kind = kind
        self.fields = {k: str(v) for k, v in fields.items()}
