"""``--replay DIR``: a recording of akshare frames played back as if the market sent them.

Layout (what ``tidemark collect --make-demo-replay DIR`` writes, and what a recording of a real
session looks like): ``DIR/YYYY-MM-DD/HHMM_stock_zh_a_spot_em.csv`` with the spot frame as
akshare returns it (``DataFrame.to_csv(index=False)``, columns in Chinese) and, optionally,
``DIR/YYYY-MM-DD/HHMM_stock_zh_index_spot_em.csv`` with the index frame of that minute.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from app.ingest.collect.feeds import FeedError, FeedUnavailable, Frames
from app.market.session import is_trading_minute

SPOT = "stock_zh_a_spot_em"
INDEX = "stock_zh_index_spot_em"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FILE = re.compile(r"(\d{2})(\d{2})_" + SPOT + r"\.csv")


def spot_path(root: Path, date: str, time: str) -> Path:
    return root / date / f"{time.replace(':', '')}_{SPOT}.csv"


def index_path(root: Path, date: str, time: str) -> Path:
    return root / date / f"{time.replace(':', '')}_{INDEX}.csv"


def read_frame(path: Path) -> pd.DataFrame:
    """A recorded frame; codes stay text (000001 is not 1)."""
    return pd.read_csv(path, dtype={"代码": str}, encoding="utf-8")


class ReplayFeed:
    name = "replay"

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def minutes(self) -> list[tuple[str, str]]:
        """(date, time) of every recorded minute, in order."""
        out = []
        if not self.root.is_dir():
            return out
        for day in sorted(p for p in self.root.iterdir() if p.is_dir() and _DAY.fullmatch(p.name)):
            for f in sorted(day.iterdir()):
                m = _FILE.fullmatch(f.name)
                if m and is_trading_minute(f"{m.group(1)}:{m.group(2)}"):
                    out.append((day.name, f"{m.group(1)}:{m.group(2)}"))
        return out

    def check(self) -> None:
        if not self.root.is_dir():
            raise FeedUnavailable(f"{self.root}: no such folder (--replay wants a recording)")
        if not self.minutes():
            raise FeedUnavailable(f"{self.root}: no recorded minutes (expected "
                                  f"YYYY-MM-DD/HHMM_{SPOT}.csv files)")

    def fetch(self, date: str, time: str) -> Frames:
        spot = spot_path(self.root, date, time)
        idx = index_path(self.root, date, time)
        try:
            frame = read_frame(spot)
            index = read_frame(idx) if idx.exists() else pd.DataFrame(columns=["代码"])
        except (OSError, ValueError, pd.errors.ParserError) as exc:
            raise FeedError(f"{spot.name}: {exc}") from exc
        return Frames(frame, index)
