"""`tidemark migrate --db P`: upgrade a store written by an older Tidemark (app.store.migrate)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.store.connection import StoreError
from app.store.migrate import migrate


def run_migrate(db: Path) -> int:
    """Exit 0 with one line on stdout (migrated, or nothing to do); 2 with one line on stderr."""
    try:
        message = migrate(db)
    except StoreError as exc:
        print(f"tidemark: {exc}", file=sys.stderr)
        return 2
    print(message)
    return 0
