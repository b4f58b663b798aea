"""Retry a request with exponential back-off; after the last try the caller notes the minute missing."""

from __future__ import annotations

import time as _time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from app.ingest.collect.feeds import FeedError

T = TypeVar("T")


@dataclass
class Retry:
    """``attempts`` tries, waiting ``first_delay`` seconds after the first failure and ``factor``
    times longer after each next one (2, 4, 8 s by default: all within the minute they are for)."""

    attempts: int = 4
    first_delay: float = 2.0
    factor: float = 2.0
    sleep: Callable[[float], None] = field(default=_time.sleep)

    def delays(self) -> list[float]:
        return [self.first_delay * self.factor ** i for i in range(max(0, self.attempts - 1))]

    def call(self, fn: Callable[[], T], on_retry: Callable[[int, FeedError, float], None]
             | None = None) -> T:
        """``fn()``; a FeedError is retried after each delay, the last one is raised."""
        delays = self.delays()
        for attempt in range(len(delays) + 1):
            try:
                return fn()
            except FeedError as exc:
                if attempt == len(delays):
                    raise
                if on_retry is not None:
                    on_retry(attempt + 1, exc, delays[attempt])
                self.sleep(delays[attempt])
        raise AssertionError("unreachable")
