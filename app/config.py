"""Settings and constants shared by the command line and the viewer (no Qt, no SQL)."""

from __future__ import annotations

import os
from pathlib import Path

DEMO_DATE = "2026-06-02"
DEMO_PRIOR_DATE = "2026-06-01"
DEMO_STORY_TIME = "11:30"       # the demo opens where its story is told: the half-day
DEFAULT_INDEX = "sz399006"      # ChiNext: the story's index
MAIN_INDICES: tuple[tuple[str, str, str], ...] = (
    ("sh000001", "上证指数", "SSE Composite"),
    ("sz399001", "深证成指", "SZSE Component"),
    ("sz399006", "创业板指", "ChiNext"),
    ("sh000688", "科创50", "STAR 50"),
    ("sh000300", "沪深300", "CSI 300"),
)
INDEX_SLUGS = {
    "sh000001": "sse", "sz399001": "szse", "sz399006": "chinext", "sh000688": "star50",
    "sh000300": "csi300",
}
REFRESH_COALESCE_MS = 40        # at most one repaint per 40 ms, as PlotJuggler does
POLL_INTERVAL_MS = 500          # live mode: cheap indexed max(time) poll


def cache_dir() -> Path:
    """Where derived data that is cheaper to read than to rebuild lives ($XDG_CACHE_HOME/tidemark)."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tidemark"


def default_store() -> Path:
    """$TIDEMARK_DB, else data/demo.sqlite in a source checkout, else the user's data folder."""
    env = os.environ.get("TIDEMARK_DB")
    if env:
        return Path(env)
    repo_data = Path(__file__).resolve().parents[1] / "data"
    if repo_data.is_dir() and os.access(repo_data, os.W_OK):
        return repo_data / "demo.sqlite"
    base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "tidemark" / "demo.sqlite"


def history_store() -> Path:
    """Where ``tidemark collect`` records: $TIDEMARK_DB, else $XDG_DATA_HOME/tidemark/history.sqlite
    (~/.local/share when XDG_DATA_HOME is unset). Never the demo store: real sessions are kept
    apart from the generated one."""
    env = os.environ.get("TIDEMARK_DB")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tidemark" / "history.sqlite"
