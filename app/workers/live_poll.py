"""Live polling for the session worker: is the store growing, and is the market open now?

``LivePolling`` is mixed into ``SessionWorker`` (a QObject living on the loader thread); it uses the
worker's connection, loader and signals. The rules are the worker module's docstring's "Live refresh".
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer

from app.config import POLL_INTERVAL_MS
from app.store import queries

IDLE_POLLS = 20                  # polls without a commit before polling stops outside trading hours
BEIJING = ZoneInfo("Asia/Shanghai")
MARKET_WINDOWS = (("09:15", "11:35"), ("12:55", "15:05"))   # Beijing time, with a little grace


def market_open(now: datetime) -> bool:
    """True when ``now`` falls in an XSHG trading day's session hours (Beijing time)."""
    from app.market.calendar import is_trading_day

    local = now.astimezone(BEIJING)
    hm = local.strftime("%H:%M")
    if not any(lo <= hm <= hi for lo, hi in MARKET_WINDOWS):
        return False
    return is_trading_day(local.date())


def beijing_now() -> datetime:
    return datetime.now(BEIJING)


class LivePolling:
    """The poll timer and ``_poll`` of SessionWorker (state lives in the worker's __init__)."""

    def _set_polling(self, on: bool) -> None:
        self._want_polling = on
        self._idle = 0
        if on:
            self._start_timer()
        else:
            self._stop_timer()

    def _start_timer(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(POLL_INTERVAL_MS)
            self._timer.timeout.connect(self._poll)
            self._timer.start()
            self.polling_changed.emit(True)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None
            self.polling_changed.emit(False)

    @property
    def polling(self) -> bool:
        return self._timer is not None

    def _poll(self) -> None:
        """``PRAGMA data_version`` tells whether anyone committed since the last poll; only then
        the indexed max(time) of the newest session. Announce a new minute when the store grew."""
        if self._conn is None or self._loader is None or self._store_moved():
            return
        try:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            if version == self._data_version:
                self._idle += 1
                if self._idle >= IDLE_POLLS and not market_open(self.clock()):
                    self._stop_timer()      # a past session not being written to: stop asking
                return
            self._idle = 0
            dates = queries.sessions(self._conn)
            latest = queries.latest_time(self._conn, dates[-1]) if dates else None
        except sqlite3.Error:
            return  # locked mid-write: try again on the next tick (data_version not yet taken)
        self._data_version = version
        if not dates:
            return
        date = dates[-1]
        if date not in self._latest:
            # A new session began: the worker's caches and the window's session list grow.
            self._latest[date] = None
            self._loader.invalidate()
            self.sessions_ready.emit(dates)
        if latest and latest != self._latest.get(date):
            known = self._latest.get(date)
            self._latest[date] = latest
            if known is not None:
                self._loader.invalidate()
                self.new_minute.emit(date, latest)
