"""`tidemark view`: a window where there is a display, the session's screenshots where there is none."""

from __future__ import annotations

import sys
from pathlib import Path

from app.ui.qt_app import has_display


def run_view(db: Path, date: str | None, time: str | None) -> int:
    if not has_display():
        out = Path("screenshots")
        print(f"tidemark: no display found (DISPLAY and WAYLAND_DISPLAY are unset); writing the "
              f"session's screenshots to {out.resolve()} instead", file=sys.stderr)
        from app.commands.export import run_export

        return run_export(db, date, time, out, "png")
    from app.ui.app import run_window

    return run_window(db, date, time)
