"""One collector per store: an exclusive fcntl.flock on ``<store>.collect.lock``.

The kernel drops the lock when the process ends in any way (SIGKILL included), so a restart never
finds a stale lock; the file keeps the holder's pid for the message a second collector prints.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from app.ingest.collect.feeds import FeedUnavailable


class LockHeld(Exception):
    """Another collector writes to this store."""


def lock_path(store: str | os.PathLike[str]) -> Path:
    p = Path(store)
    return p.with_name(p.name + ".collect.lock")


class CollectLock:
    def __init__(self, store: str | os.PathLike[str]) -> None:
        self.store = Path(store)
        self.path = lock_path(store)
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            finally:
                os.close(fd)
            raise LockHeld(f"another collector (pid {holder}) is recording into {self.store} "
                           f"(it holds {self.path}); stop it first") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)      # closing drops the flock; the file stays for the next run
            self._fd = None

    def __enter__(self) -> CollectLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def hold_store(name: str, source: object, db: str | os.PathLike[str],
               log: Callable[[str], None]) -> CollectLock | None:
    """What every collector run does first: check that ``source`` (a feed or history source,
    anything with ``check()``) can answer, then hold ``db``; None (said in one line) when either
    fails, so the caller exits 2 before touching the store."""
    try:
        source.check()  # type: ignore[attr-defined]
    except FeedUnavailable as exc:
        log(f"{name}: {exc}")
        return None
    lock = CollectLock(db)
    try:
        lock.acquire()
    except LockHeld as exc:
        log(f"{name}: {exc}")
        return None
    return lock
