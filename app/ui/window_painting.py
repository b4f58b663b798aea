"""Painting one minute in the main window: requests, coalescing, staged panels, the strip."""

from __future__ import annotations

import math
import time as _time

import numpy as np
import pandas as pd
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from app.config import MAIN_INDICES, REFRESH_COALESCE_MS
from app.market.session import HALF_DAY_TIME, normalise_time
from app.ui.format import fmt_yuan, index_name
from app.ui.gap_text import gaps_note, gaps_tooltip
from app.ui.panels import hidden, index_with_data
from app.ui.qt_app import freeze_startup_objects

STAGE_GAP_MS = 1             # between panels: a real timer, so due timers and input run first
BRIEF_AFTER_PAINT_MS = 100    # after the last stage, once its late paints are done: the worker's
#                               pandas work would otherwise hold the interpreter lock mid-paint


class WindowPainting:
    """Painting one minute in the main window, mixed into ``MainWindow`` (which owns the widgets and signals)."""

    def _scrubbed(self, time: str) -> None:
        if self._view is None:
            return
        self._follow_latest = self.scrubber.at_end()
        live = self._live
        if self._follow_latest and live and live[0] == self._view.date and live[1] > time:
            time = live[1]          # back at the end: catch up with what came in meanwhile
        self._request(self._view.date, time)

    def _request(self, date: str, time: str | None) -> None:
        self.status.setText(self.tr("Loading {0} {1}…").format(date, time or ""))
        self.loader.worker.request(date, time)

    def _on_new_minute(self, date: str, latest: str) -> None:
        """Live mode: follow the newest minute unless the user has scrubbed back (or is looking
        at another session)."""
        self._live = (date, latest)
        if self._view is None or (self._follow_latest and self._view.date == date):
            self._live_request = (date, latest)
            # No "Loading…" in the status bar: the minute is on screen within ~0.1 s, and that
            # repaint came while the worker computed it (sharing the interpreter lock).
            self.loader.worker.request(date, latest)
        else:
            self.status.setText(self.tr("New data up to {0} {1} (scrubbed back: not following)")
                                .format(date, latest))

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        if self._view is None and self.isVisible():
            QMessageBox.warning(self, self.tr("Tidemark"), message)

    # -- painting ------------------------------------------------------------------------------
    def _on_view(self, view) -> None:  # type: ignore[no-untyped-def]
        """Paint a view at once when the last paint is at least REFRESH_COALESCE_MS old; else keep
        only the newest and paint it when that time is up (at most one repaint per 40 ms, and no
        added wait for a single step)."""
        if self._closing:        # a view still on its way when the window closed
            return
        self._pending_view = view
        if self._repaint_timer.isActive():
            return
        since = (_time.perf_counter() - self._last_apply_at) * 1000
        if since >= REFRESH_COALESCE_MS:
            self._apply_pending()
        else:
            self._repaint_timer.start(max(1, math.ceil(REFRESH_COALESCE_MS - since)))

    def _apply_pending(self) -> None:
        if self._closing or self._staging:
            return          # a staged paint in progress takes the newest view when it is done
        view, self._pending_view = self._pending_view, None
        if view is None:
            return
        self._last_apply_at = _time.perf_counter()
        live = self._live_request == (view.date, view.time)
        if self._view is None or self._view.date != view.date or not self.isVisible() or not live:
            # A step the user made (or a new session): all at once, the shortest way to the
            # picture they are waiting for.
            self.apply_view(view)
        else:
            self._apply_staged(view)        # a live minute while the user works: never a stall

    def apply_view(self, view) -> None:  # type: ignore[no-untyped-def]
        """Every panel to ``view`` now (tests, exports, a new session)."""
        t0 = _time.perf_counter()
        self._begin_view(view)
        self.panels.show_view(view, self._index)
        self._finish_view(view, (_time.perf_counter() - t0) * 1000)

    def _apply_staged(self, view) -> None:  # type: ignore[no-untyped-def]
        """Every panel to ``view``, one panel per event-loop turn: Qt paints each before the next
        is filled, and timers and input run in between, so a live minute never stalls the thread
        for the whole window's update while the user works."""
        panels = self.panels
        self._pick_index(view)
        stages = [lambda: self._begin_view(view), *panels.stages(view, self._index)]
        self._staging = True
        spent = [0.0]

        def step() -> None:
            if self._closing or self.panels is not panels:
                self._staging = False        # closed, or rebuilt for a theme: it shows itself
                return
            t0 = _time.perf_counter()
            stages.pop(0)()
            spent[0] += (_time.perf_counter() - t0) * 1000
            if stages:
                QTimer.singleShot(STAGE_GAP_MS, step)
                return
            self._staging = False
            self._finish_view(view, spent[0])
            if self._pending_view is not None:
                self._on_view(self._pending_view)

        step()

    def _pick_index(self, view) -> None:  # type: ignore[no-untyped-def]
        """On a new session, select an index that has data (not an empty chart's tab)."""
        if self._view is not None and self._view.date == view.date:
            return
        index = index_with_data(view, self._index)
        if index != self._index:
            self._index = index
            self.loader.worker.set_focus(index)

    def _begin_view(self, view) -> None:  # type: ignore[no-untyped-def]
        self._pick_index(view)
        first = self._view is None or self._view.date != view.date
        self._view = view
        if first or self.scrubber.current() is None:
            self.scrubber.set_times(list(view.times), view.time)
        elif (list(view.times) != self.scrubber._times or self.scrubber.current() != view.time) \
                and not self.scrubber.slider.isSliderDown():
            # The slider shows the minute on screen, also when a view requested before the user
            # moved it (a live minute being followed) lands in between.
            self.scrubber.set_times(list(view.times), view.time)
        self._update_strip(view)

    def _finish_view(self, view, spent_ms: float) -> None:  # type: ignore[no-untyped-def]
        self._refresh_brief()
        if self.isVisible() and not hidden(self._docks["sentiment"]):
            self._sentiment_timer.start()
        if self.panels.stock is not None:
            self.loader.worker.request_stock(view.date, view.time, self.panels.stock)
        self.last_apply_ms = spent_ms
        c = view.counts
        live = ""
        if self._live is not None and self._live[0] == view.date:
            live = self.tr("   live: following") if self._follow_latest else self.tr(
                "   live: data up to {0}; scrubbed back, not following (End follows again)"
            ).format(self._live[1])
        self.status.setText(self.tr("{0}  {1}   stocks {2:,}   store {3}   painted in {4:.0f} ms").format(
            view.date, view.time, c.stocks, self._db.name, self.last_apply_ms)
            + gaps_note(view.extras.get("gaps", ())) + live)
        self.status.setToolTip(gaps_tooltip(view.extras.get("gaps", ())))
        if self.isVisible():
            freeze_startup_objects()
        if "findings" not in view.extras and not hidden(self._docks["brief"]):
            # The brief's findings once this paint is done (timers run after the posted paints).
            QTimer.singleShot(BRIEF_AFTER_PAINT_MS, lambda v=view: self._ask_brief(v))
        self.view_applied.emit(view.date, view.time)

    def _update_strip(self, view) -> None:  # type: ignore[no-untyped-def]
        names = {s: index_name(s) for s, _zh, _en in MAIN_INDICES}
        for sym, series in view.indices.items():
            if sym not in names:
                continue
            last, pct = index_level_at(series, view.time, view.date)
            self.strip.set_index(sym, names[sym], last, pct)
        self.strip.select(self._index)
        c = view.counts
        prior = prior_turnover_at(view.prior_series, view.time)
        label = self.tr("Turnover (half-day)") if normalise_time(view.time) == HALF_DAY_TIME \
            else self.tr("Turnover at {0}").format(view.time)
        self.strip.set_turnover(label, c.turnover_yuan, prior)
        self.strip.set_breadth(c.up, c.down, c.flat, c.suspended)
        self.strip.set_limits(c.limit_up, c.limit_down, c.broken)
        self.strip.setToolTip(self.tr("Turnover {0}").format(fmt_yuan(c.turnover_yuan)))

    def select_stock(self, symbol: str) -> None:
        """Show a stock's intraday chart with its limit lines (loaded by the worker)."""
        if self._view is None:
            return
        self.panels.stock = symbol
        self.panels.select_stock(symbol)
        self.loader.worker.request_stock(self._view.date, self._view.time, symbol)

    def _on_stock(self, symbol: str, minutes) -> None:  # type: ignore[no-untyped-def]
        if self._view is None or symbol != self.panels.stock:
            return
        e = self._view.enriched
        row = e.loc[symbol] if symbol in e.index else None
        name = f"{row['name']} {row['code']}" if row is not None else symbol
        self.panels.show_stock(minutes, row, name)

    def select_index(self, symbol: str) -> None:
        self.panels.stock = None
        self._index = symbol
        self.strip.select(symbol)
        self.loader.worker.set_focus(symbol)
        if self._view is not None:
            self.panels.show_view(self._view, symbol)
            if symbol not in self._view.concentration:    # contributions of the new index
                self._request(self._view.date, self._view.time)


def index_level_at(series, time: str, date: str | None = None  # type: ignore[no-untyped-def]
                   ) -> tuple[float | None, float | None]:
    """An index's level and % change at ``time`` from its minute bars; without any, its daily
    close on ``date`` (a day known only from index_daily)."""
    n = series.count_upto(time) if series.minutes is not None else 0
    if n == 0:
        return daily_level_on(series, date)
    last = float(series.arrays["close"][n - 1])
    pct = (last / series.prev_close - 1) * 100 if series.prev_close else None
    return last, pct


def prior_turnover_at(prior_series, time: str) -> float | None:  # type: ignore[no-untyped-def]
    if prior_series is None or len(prior_series) == 0:
        return None
    times = prior_series["time"].to_numpy()
    n = int(np.searchsorted(times, normalise_time(time), side="right"))
    value = pd.to_numeric(prior_series["turnover_yuan"], errors="coerce").iloc[n - 1] if n else None
    return float(value) if value is not None and np.isfinite(value) else None


def daily_level_on(series, date: str | None) -> tuple[float | None, float | None]:  # type: ignore[no-untyped-def]
    """An index's daily close on ``date`` and its % change from its previous close."""
    daily = series.daily
    if date is None or daily is None or len(daily) == 0 or "date" not in daily.columns:
        return None, None
    rows = daily[daily["date"].astype(str) == date]
    if rows.empty or not np.isfinite(float(rows["close"].iloc[-1])):
        return None, None
    last = float(rows["close"].iloc[-1])
    prev = series.prev_close
    return last, ((last / prev - 1) * 100 if prev else None)
