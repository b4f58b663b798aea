"""`tidemark export`: the standard set of charts and panels of a session minute, with no window."""

from __future__ import annotations

import os
import sys
import time as _time
from pathlib import Path

from app.session.loader import SessionLoader
from app.store.connection import StoreError, open_readonly
from app.store.reader import StoreReader


def run_export(db: Path, date: str | None, time: str | None, out: Path, fmt: str = "png",
               scale: float = 1.0, sentiment: bool = True, theme: str | None = None,
               red_up: bool | None = None) -> int:
    """``theme`` / ``red_up`` left as None follow the viewer's View menu (light, red-up before
    any choice)."""
    from app.ui.qt_app import has_display

    if not has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = _time.perf_counter()
    try:
        conn = open_readonly(db)
    except StoreError as exc:
        print(f"tidemark: {exc}", file=sys.stderr)
        return 2
    try:
        loader = SessionLoader(StoreReader(conn))
        if date is None:
            dates = loader.sessions()
            if not dates:
                print(f"tidemark: {db}: the store holds no session", file=sys.stderr)
                return 2
            date = dates[-1]
        try:
            view = loader.with_whole_equal_weight(loader.load(date, time))
        except LookupError as exc:
            print(f"tidemark: {db}: {exc}", file=sys.stderr)
            return 2
        if sentiment:
            from app.session.sentiment_data import sentiment_report

            view.extras["sentiment"] = sentiment_report(loader.store, view.date, view.time)
    finally:
        conn.close()
    from app.ui.appearance import saved_palette, use_palette
    from app.ui.export.standard import export_standard_set
    from app.ui.qt_app import ensure_app

    ensure_app()
    pal = saved_palette(theme, red_up)
    use_palette(pal)
    paths = export_standard_set(view, Path(out), fmt, store_name=Path(db).name, scale=scale,
                                pal=pal)
    for p in paths:
        print(p)
    print(f"tidemark: wrote {len(paths)} {fmt.upper()} files in {_time.perf_counter() - t0:.2f} s "
          f"({pal.name}, {'red' if pal.red_up else 'green'} up)", file=sys.stderr)
    return 0
