"""`tidemark report brief`: the session brief of one minute as Markdown bullets or JSON.

Exit 0 with the brief on stdout; exit 2 with one line on stderr when the store, the session, the
minute or the language is not usable.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from app.market.brief import LANGS, brief_json, brief_markdown
from app.session.loader import SessionLoader
from app.store.queries import history_high  # noqa: F401 - re-exported
from app.store.connection import StoreError, open_readonly
from app.store.reader import StoreReader

_CHUNK = 500      # symbols per IN (...) list, well under SQLite's variable limit


def _fail(message: str) -> int:
    print(f"tidemark: {message}", file=sys.stderr)
    return 2


def run_brief(db: Path | str, date: str | None, time: str | None, lang: str | None = None,
              as_json: bool = False) -> int:
    """Print the brief of ``date`` at ``time`` (the session's last stored minute when None), in
    ``lang`` or, when None, the interface's language (app.ui.i18n: --lang, TIDEMARK_LANG, the
    View → Language choice, the locale)."""
    if lang is None:
        from app.ui.i18n import resolve

        lang = resolve()
    if lang not in LANGS:
        return _fail(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    try:
        conn = open_readonly(db)
    except StoreError as exc:
        return _fail(str(exc))
    try:
        loader = SessionLoader(StoreReader(conn))
        if date is None:
            dates = loader.sessions()
            if not dates:
                return _fail(f"{db}: the store holds no session")
            date = dates[-1]
        try:
            view = loader.load(date, time)
        except (LookupError, ValueError) as exc:
            return _fail(f"{db}: {exc}")
        e = view.enriched
        limit_ups = list(e.index[e["at_limit_up"].fillna(False).to_numpy(dtype=bool)]) \
            if "at_limit_up" in e.columns else []
        highs = history_high(conn, view.date, limit_ups) if limit_ups else None
    except sqlite3.DatabaseError as exc:
        return _fail(f"{db}: cannot read the store ({exc})")
    finally:
        conn.close()
    text = brief_json(view, lang, highs) if as_json else brief_markdown(view, lang, highs)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
