"""`tidemark view`: a window where there is a display, the session's screenshots where there is none."""

from __future__ import annotations

import sys
from pathlib import Path

from app.ui.qt_app import has_display


def story_minute(db: Path) -> tuple[str | None, str | None]:
    """The demo store opens on its story's minute (2026-06-02 11:30, the half-day figures);
    any other store on its latest session's last minute."""
    from app.config import DEMO_STORY_TIME
    from app.store.connection import StoreError, open_readonly
    from app.store.queries import meta

    try:
        conn = open_readonly(db)
    except StoreError:
        return None, None            # the window reports the problem itself
    try:
        m = meta(conn)
    finally:
        conn.close()
    if m.get("source") == "demo" and m.get("demo_date"):
        return m["demo_date"], DEMO_STORY_TIME
    return None, None


def run_view(db: Path, date: str | None, time: str | None) -> int:
    if date is None and time is None:
        date, time = story_minute(db)
    if not has_display():
        out = Path("screenshots")
        print(f"tidemark: no display found (DISPLAY and WAYLAND_DISPLAY are unset); writing the "
              f"session's screenshots to {out.resolve()} instead", file=sys.stderr)
        from app.commands.export import run_export

        return run_export(db, date, time, out, "png")
    from app.ui.app import run_window

    return run_window(db, date, time)
