"""What the collector reads from: a Feed hands over one minute's frames in akshare's own shape.

A spot frame is ``stock_zh_a_spot_em`` as akshare returns it (columns in Chinese: 代码, 名称, 最新价,
成交量 in 手, 成交额 in 元, 最高, 最低, 今开, 昨收, 流通市值, 总市值 …); an index frame is
``stock_zh_index_spot_em`` (代码, 名称, 最新价, 成交量, 成交额, 最高, 最低, 今开, 昨收).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import pandas as pd


class FeedError(Exception):
    """One request failed; the collector retries it, then notes the minute missing."""


class FeedUnavailable(Exception):
    """The feed cannot work at all (akshare not installed, no network, no recording): one line,
    exit 2."""


@dataclass(frozen=True)
class Frames:
    """One minute as the source gave it."""

    spot: pd.DataFrame
    index: pd.DataFrame


class Feed(Protocol):
    name: str

    def check(self) -> None:
        """Raise FeedUnavailable when the feed cannot work (before any minute is waited for)."""

    def fetch(self, date: str, time: str) -> Frames:
        """The frames of minute ``time`` of ``date`` (live feeds: now); FeedError on failure."""
