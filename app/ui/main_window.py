"""The main window: index strip on top, charts in the centre, sector tree, ladder and breadth docks.

Widgets never query the store: the loader worker hands over frozen SessionViews, and repaints are
coalesced (at most one per REFRESH_COALESCE_MS) so a fast scrub paints only the latest minute.
"""

from __future__ import annotations

import math
import time as _time
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QProgressBar, QScrollArea, QFileDialog, QLabel, QMainWindow,
                               QMessageBox, QSizePolicy, QToolBar, QVBoxLayout, QWidget)

from app.config import DEFAULT_INDEX, MAIN_INDICES, REFRESH_COALESCE_MS
from app.market.session import HALF_DAY_TIME, normalise_time
from app.ui.appearance import save_palette, saved_palette, use_palette
from app.ui import i18n
from app.ui.format import fmt_yuan, index_name
from app.ui.brief_panel import BriefPanel
from app.ui.export.actions import add_panel_actions, install_export_menu
from app.ui.palette import palette
from app.ui.qt_app import freeze_startup_objects
from app.ui.index_strip import IndexStrip
from app.ui.sentiment_dock import SentimentDock
from app.ui.session_picker import SessionPicker
from app.ui.window_fit import arrange_docks, first_geometry, size_docks
from app.ui.panels import Panels, hidden, index_with_data
from app.ui.scrubber import TimeScrubber
from app.workers.session_worker import WorkerThread


# Bump when the set of docks changes: Qt then ignores a saved layout instead of misplacing docks.
LAYOUT_VERSION = 3
BUSY_INDICATOR_MS = 300
STAGE_GAP_MS = 1             # between panels: a real timer, so due timers and input run first
BRIEF_AFTER_PAINT_MS = 100    # after the last stage, once its late paints are done: the worker's
#                               pandas work would otherwise hold the interpreter lock mid-paint


class MainWindow(QMainWindow):
    view_applied = Signal(str, str)      # (date, time) once every panel shows that minute

    def __init__(self, db: Path, date: str | None = None, time: str | None = None) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Tidemark — A-share session review"))
        screen = self.screen()
        self.setGeometry(first_geometry(screen.availableGeometry() if screen is not None
                                        else QRect(0, 0, 1600, 1000)))
        self._db = Path(db)
        self._want_date = date
        self._want_time = time
        self._view = None
        self._pending_view = None
        self._index = DEFAULT_INDEX
        self._follow_latest = time is None
        self._live: tuple[str, str] | None = None    # (date, newest minute) announced by polling
        self.last_apply_ms = 0.0
        self._last_apply_at = 0.0
        self._staging = False         # a view is being applied panel by panel
        self._live_request: tuple[str, str] | None = None   # the minute live mode asked for
        self._closing = False
        self._brief_view = None       # the shown minute's view with the brief's findings
        self._brief_shown: tuple[str, str] | None = None
        self._brief_asked = None      # the view whose findings were asked for last

        self.pal = saved_palette()
        use_palette(self.pal)
        self.strip = IndexStrip(self)
        self.strip.set_ink(self.pal.foreground)
        self.panels = Panels(self, self.pal)
        central = QWidget(self)
        lay = QVBoxLayout(central)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.panels.charts, 1)
        self.setCentralWidget(central)
        self._docks: dict[str, QDockWidget] = {}
        self._add_dock("sectors", self.tr("Sectors"), self.panels.sectors,
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("limits", self.tr("Limit list"), self.panels.limits,
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("ladder", self.tr("Limit-up ladder"), self.panels.ladder,
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self._add_dock("breadth", self.tr("Breadth"), self.panels.breadth,
                       Qt.DockWidgetArea.BottomDockWidgetArea)
        self.brief = BriefPanel(self, pal=self.pal)
        self._add_dock("brief", self.tr("Brief"), _scrolling(self.brief),
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.sentiment = SentimentDock(self, colours=self.pal)
        self._add_dock("sentiment", self.tr("Sentiment"), _scrolling(self.sentiment),
                       Qt.DockWidgetArea.RightDockWidgetArea)
        self._sized = False

        self._build_toolbar()
        # The strip spans the whole width above the chart and the docks (in the central widget
        # its tiles made the chart column ~1,100 px wide at least: no laptop screen had room).
        self.addToolBarBreak()
        strip_bar = QToolBar(self.tr("Indices"), self)
        strip_bar.setObjectName("toolbar_strip")
        strip_bar.setMovable(False)
        strip_bar.setFloatable(False)
        strip_bar.addWidget(self.strip)
        self.addToolBar(strip_bar)
        self.fit_to(self.geometry())
        self._build_menus()
        install_export_menu(self, lambda: self.panels.charts, self.export_labels, self._palette)
        for key, dock in self._docks.items():
            add_panel_actions(self, dock.widget(), key, self.export_labels, self._palette)
        self.status = QLabel(self)
        # A longer message clips rather than widening a window at its minimum width (which re-lays
        # out every panel).
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.status, 1)
        # A busy bar for loads that take longer than 300 ms (short ones would only flicker).
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        self.statusBar().addPermanentWidget(self.busy)
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_INDICATOR_MS)
        self._busy_timer.timeout.connect(lambda: self.busy.setVisible(True))

        self._repaint_timer = QTimer(self)
        # Precise: a coarse timer may fire up to 5 % early, and the next paint then began 38 ms
        # after the last one instead of at least REFRESH_COALESCE_MS.
        self._repaint_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.setInterval(REFRESH_COALESCE_MS)
        self._repaint_timer.timeout.connect(self._apply_pending)

        self.loader = WorkerThread()
        w = self.loader.worker
        w.sessions_ready.connect(self._on_sessions)
        w.view_ready.connect(self._on_view)
        w.brief_ready.connect(self._on_brief)
        # One slot for every failure, so a refusal of a store being added sets the status bar and
        # shows its one dialog in the same call (two slots raced: the dialog could come late).
        w.failed.connect(self._on_worker_failed)
        w.new_minute.connect(self._on_new_minute)
        self.strip.index_clicked.connect(self.select_index)
        self.panels.index_selected.connect(self.select_index)
        self.panels.stock_selected.connect(self.select_stock)
        w.stock_ready.connect(self._on_stock)
        w.busy_changed.connect(self._on_busy)
        w.sentiment_ready.connect(self._on_sentiment)
        w.equal_weight_ready.connect(self._on_equal_weight)
        self.brief.finding_activated.connect(self._on_finding)
        self.sentiment.stock_selected.connect(self.select_stock)
        self._docks["sentiment"].visibilityChanged.connect(lambda _v: self._sentiment_timer.start())
        # Deferred: when a tab is raised Qt signals before the dock's region is on screen. The
        # window is the timers' context: a window deleted meanwhile (docks hide as it goes)
        # cancels them instead of calling into deleted widgets.
        for key in ("ladder", "limits"):
            self._docks[key].visibilityChanged.connect(
                lambda _v: QTimer.singleShot(0, self, lambda: self.panels.refresh_hidden()))
        self._docks["brief"].visibilityChanged.connect(
            lambda _v: QTimer.singleShot(0, self, lambda: self._refresh_brief(ask=True)))
        self._sentiment_timer = QTimer(self)
        self._sentiment_timer.setSingleShot(True)
        self._sentiment_timer.setInterval(400)   # only once a scrub settles: it costs ~0.5 s
        self._sentiment_timer.timeout.connect(self._request_sentiment)
        self._restore_settings()
        w.set_focus(self._index)    # the index restored: its contributions from the first view on
        w.open_store(self._db)
        w.set_polling(True)

    # -- construction --------------------------------------------------------------------------
    def fit_to(self, available: QRect) -> None:
        """Size the window and place its docks for a screen with ``available`` geometry (a
        first open; tests use it for each screen size)."""
        self.setGeometry(first_geometry(available))
        arrange_docks(self, self._docks, self.height())
        if self.isVisible():
            size_docks(self, self._docks)

    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self._docks[key] = dock

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Session"), self)
        bar.setObjectName("toolbar_session")
        self.addToolBar(bar)
        bar.addWidget(QLabel(self.tr(" Session ")))
        self.sessions = SessionPicker(self)
        self.session_box = self.sessions.combo
        self.sessions.session_picked.connect(self._pick_session)
        bar.addWidget(self.sessions)
        bar.addSeparator()
        self.scrubber = TimeScrubber(self)
        self.scrubber.time_changed.connect(self._scrubbed)
        bar.addWidget(self.scrubber)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_act = QAction(self.tr("&Open store…"), self)
        open_act.setShortcut(QKeySequence.StandardKey.Open)
        open_act.triggered.connect(self._open_dialog)
        file_menu.addAction(open_act)
        add_act = QAction(self.tr("&Add store…"), self)
        add_act.setShortcut(QKeySequence("Ctrl+Shift+O"))
        add_act.setToolTip(self.tr("Open another store beside those already open; the session "
                                   "list shows the sessions of every open store"))
        add_act.triggered.connect(self._add_dialog)
        file_menu.addAction(add_act)
        self.act_close_store = QAction(self.tr("&Close store"), self)
        self.act_close_store.setToolTip(self.tr("Close the store shown (when several are open)"))
        self.act_close_store.setEnabled(False)
        self.act_close_store.triggered.connect(self.close_store)
        file_menu.addAction(self.act_close_store)
        file_menu.addSeparator()
        quit_act = QAction(self.tr("&Quit"), self)
        quit_act.setShortcut(QKeySequence.StandardKey.Quit)
        quit_act.triggered.connect(self.close)
        file_menu.addAction(quit_act)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for dock in self._docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        self.act_green_up = QAction(self.tr("Green up / red down (international colours)"), self)
        self.act_green_up.setCheckable(True)
        self.act_green_up.setChecked(not self.pal.red_up)
        self.act_green_up.toggled.connect(lambda on: self.set_appearance(self.pal.name, not on))
        self.act_dark = QAction(self.tr("Dark theme"), self)
        self.act_dark.setCheckable(True)
        self.act_dark.setChecked(self.pal.name == "dark")
        self.act_dark.toggled.connect(
            lambda on: self.set_appearance("dark" if on else "light", self.pal.red_up))
        view_menu.addAction(self.act_green_up)
        view_menu.addAction(self.act_dark)
        self._add_language_menu(view_menu)

    def _add_language_menu(self, view_menu) -> None:  # type: ignore[no-untyped-def]
        """View → Language: kept in QSettings; the interface is built in one language, so the
        choice applies on the next start (the status bar says so)."""
        menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        # Each language under its own name, as language menus do.
        for lang, label in (("zh", "中文"), ("en", "English")):
            act = QAction(label, self)
            act.setCheckable(True)
            act.setChecked(lang == (i18n.saved_lang() or i18n.current()))
            act.triggered.connect(lambda _=False, code=lang: self.choose_language(code))
            group.addAction(act)
            menu.addAction(act)
            self.language_actions[lang] = act

    def choose_language(self, lang: str) -> None:
        """Keep ``lang`` for the next start."""
        i18n.save_lang(lang)
        if lang == i18n.current():
            self.status.setText(self.tr("The interface is already in this language"))
        else:
            self.status.setText(self.tr("Language saved: restart Tidemark to apply it"))

    # -- store and session ---------------------------------------------------------------------
    def open_store(self, path: Path) -> None:
        """Open one store in place of every open one (File → Open store…)."""
        self._db = Path(path)
        self._stores = [self._db]
        self._sessions_of = {}
        self._view = None
        self._want_date = None
        self._follow_latest = True
        self._live = None
        self.act_close_store.setEnabled(False)
        self.loader.worker.open_store(self._db)

    def _open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a Tidemark store"),
                                              str(self._db.parent), self.tr("SQLite (*.sqlite *.db)"))
        if path:
            self.open_store(Path(path))

    def _add_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add Tidemark stores"),
                                                str(self._db.parent),
                                                self.tr("SQLite (*.sqlite *.db)"))
        for path in paths:
            self.add_store(Path(path))

    def add_store(self, path: Path, *, asked: bool = True) -> None:
        """Add a store beside the open ones (File → Add store…): the worker reads its sessions on
        its own thread; the view stays where it is until one of them is picked. ``asked`` is False
        for stores restored from the settings (a refusal then only goes to the status bar)."""
        path = Path(path)
        if any(_same_file(path, p) for p in [*self._stores, *map(Path, self._adding)]):
            self.status.setText(self.tr("{0} is already open").format(path))
            return
        self._adding[str(path)] = asked
        self.status.setText(self.tr("Reading the sessions of {0}…").format(path))
        self.loader.worker.list_sessions(path)

    def _on_store_sessions(self, path: str, dates: list) -> None:
        asked = self._adding.pop(path, None)
        if asked is None:
            return                        # not ours (a request the window no longer waits for)
        if not dates:
            self._refuse_store(self.tr("{0}: the store holds no session").format(path), asked)
            return
        store = Path(path)
        self._stores.append(store)
        self._sessions_of[store] = [str(d) for d in dates]
        self._refresh_picker()
        if asked:
            self.status.setText(self.tr("Added {0}: {1} sessions, {2} to {3}; pick one in the "
                                        "session list").format(store.name, len(dates), dates[0],
                                                               dates[-1]))

    def _on_worker_failed(self, message: str) -> None:
        """``failed`` from the worker: either a store being added could not be read (worker
        messages start with the store's path, which is how a refusal is told) or the loader
        failed on the store shown."""
        for path in list(self._adding):
            # "path: …" in English, "path：…" (full-width colon) in Chinese.
            if message.startswith(path) and message[len(path):len(path) + 1] in (":", "："):
                self._refuse_store(message, self._adding.pop(path))
                return
        self._on_failed(message)

    def _refuse_store(self, message: str, asked: bool) -> None:
        text = self.tr("Store not added: {0}").format(message)
        self.status.setText(text)
        # Stores restored from the settings only get the status bar.
        if asked and self.isVisible():
            QMessageBox.warning(self, self.tr("Tidemark"), text)

    def close_store(self) -> None:
        """Close the store shown (File → Close store) and show the first open store's latest
        session; the last open store stays (File → Open store… replaces it)."""
        if len(self._stores) < 2:
            return
        gone = self._db
        self._stores = [p for p in self._stores if p != gone]
        self._sessions_of.pop(gone, None)
        self._switch_store(self._stores[0], None)
        self._refresh_picker()
        self.status.setText(self.tr("Closed {0}; opening {1}…").format(gone.name,
                                                                       self._stores[0].name))

    def _switch_store(self, path: Path, date: str | None) -> None:
        """Point the loader at another open store (as open_store does, keeping the list of open
        stores) and show ``date`` of it (its latest session when None)."""
        self._db = path
        self._view = None
        self._want_date = date
        self._want_time = None
        self._follow_latest = True
        self._live = None
        self.status.setText(self.tr("Opening {0} {1}…").format(path.name, date or ""))
        self.loader.worker.open_store(path)

    def _refresh_picker(self, current: str | None = None) -> None:
        if current is None and self._view is not None:
            current = self._view.date
        self.sessions.set_stores([(str(p), self._sessions_of.get(p, [])) for p in self._stores],
                                 str(self._db), current)
        self.act_close_store.setEnabled(len(self._stores) > 1)

    def _on_sessions(self, dates: list) -> None:
        # The loader's store: the one shown (switching stores goes through the loader too).
        dates = [str(d) for d in dates]
        if self._db not in self._stores:
            self._stores.append(self._db)
        self._sessions_of[self._db] = dates
        current = self._view.date if self._view is not None else self._want_date
        self._refresh_picker(current)
        if not dates:
            self._on_failed(self.tr("{0}: the store holds no session").format(self._db))
            return
        # The default is the latest session of the store shown, which at start is the first
        # store opened (not the newest session of all open stores): adding a store, or one
        # restored from the settings, never moves the view away from the store the user opened.
        date = self._want_date if self._want_date in dates else dates[-1]
        self.sessions.set_current(date, str(self._db))
        self._request(date, self._want_time)

    def _pick_session(self, date: str, store: str = "") -> None:
        target = next((p for p in self._stores if str(p) == store), None)
        if target is not None and target != self._db:
            self._switch_store(target, date)
            return
        self._follow_latest = True
        self._request(date, None)

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
            view.date, view.time, c.stocks, self._db.name, self.last_apply_ms) + live)
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

    def set_appearance(self, theme: str, red_up: bool) -> None:
        """Switch theme and up/down colours for every panel at once (and so for their exports):
        the panels are rebuilt with the new palette and shown at the same minute."""
        pal = palette(theme, red_up=red_up)
        if pal == self.pal:
            return
        self.pal = pal
        save_palette(pal)
        use_palette(pal)
        self.strip.set_ink(pal.foreground)
        old = self.panels
        self.panels = Panels(self, pal)
        self.panels.stock = old.stock
        self.panels.index_selected.connect(self.select_index)
        self.panels.stock_selected.connect(self.select_stock)
        lay = self.centralWidget().layout()
        lay.replaceWidget(old.charts, self.panels.charts)
        for key, widget in (("sectors", self.panels.sectors), ("ladder", self.panels.ladder),
                            ("breadth", self.panels.breadth), ("limits", self.panels.limits)):
            self._docks[key].setWidget(widget)
            add_panel_actions(self, widget, key, self.export_labels, self._palette)
        brief = BriefPanel(self, pal=pal)
        brief.finding_activated.connect(self._on_finding)
        self._docks["brief"].setWidget(_scrolling(brief))
        self.brief = brief
        self._brief_shown = None
        sentiment = SentimentDock(self, colours=pal)
        sentiment.stock_selected.connect(self.select_stock)
        self._docks["sentiment"].setWidget(_scrolling(sentiment))
        self.sentiment = sentiment
        for w in (old.charts, old.sectors, old.ladder, old.breadth, old.limits):
            w.deleteLater()
        old.deleteLater()
        if self._view is not None:
            self.apply_view(self._view)

    def _on_finding(self, target: dict) -> None:
        """A brief bullet clicked: show what it speaks of, at its minute."""
        kind, ident = target.get("kind"), str(target.get("id"))
        if kind == "index":
            self.select_index(ident)
        elif kind == "stock":
            self.select_stock(ident)
        elif kind == "sector":
            self.panels.sectors.select_sector(ident)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.setVisible(False)

    def _ask_brief(self, view) -> None:  # type: ignore[no-untyped-def]
        if self._closing or self._view is not view or self._brief_asked is view:
            return          # moved on (the newer minute asks for its own), or asked already
        self._brief_asked = view
        self.loader.worker.request_brief(view)

    def _on_brief(self, view) -> None:  # type: ignore[no-untyped-def]
        """The worker's second answer for a minute: the same view with the brief's findings."""
        if self._closing:
            return
        self._brief_view = view
        self._refresh_brief()

    def _refresh_brief(self, ask: bool = False) -> None:
        """The brief follows the minute while it is in view (it is a tab beside the ladder). Its
        findings come from the worker right after the minute itself; until then the brief keeps
        the previous minute's text rather than computing them on this thread."""
        v = self._view
        if v is None or hidden(self._docks["brief"]):
            return
        b = self._brief_view
        if "findings" in v.extras:
            source = v
        elif b is not None and (b.date, b.time) == (v.date, v.time):
            source = b
        else:
            if ask:          # the tab was raised after the minute was painted: ask now
                self._ask_brief(v)
            return
        if self._brief_shown != (v.date, v.time):
            self.brief.set_view(source)
            self._brief_shown = (v.date, v.time)

    def _request_sentiment(self) -> None:
        if self._view is not None and self.isVisible() and not hidden(self._docks["sentiment"]):
            self.loader.worker.request_sentiment(self._view.date, self._view.time)

    def _on_sentiment(self, date: str, time: str, report) -> None:  # type: ignore[no-untyped-def]
        if self._view is not None and (date, time) == (self._view.date, self._view.time):
            self.sentiment.set_data(report)

    def _on_equal_weight(self, date: str, time: str, symbol: str, values) -> None:  # type: ignore[no-untyped-def]
        v = self._view
        if v is not None and (v.date, v.time) == (date, time):
            self.panels.show_equal_weight(v, symbol, values)

    def _palette(self):  # type: ignore[no-untyped-def]
        """The palette exports are drawn in (the panels are rebuilt when it changes)."""
        return self.pal

    def export_labels(self) -> tuple[str, str]:
        """Title and source lines of a window export: what is shown, when, from where."""
        v = self._view
        subject = self.panels.stock or dict((s, n) for s, n, _ in MAIN_INDICES).get(self._index, "")
        if v is None:
            return subject, self.tr("Source: Tidemark store {0}").format(self._db.name)
        return (f"{subject} · {v.date} {v.time}",
                self.tr("Source: Tidemark store {0} · session {1} · minute {2}").format(
                    self._db.name, v.date, v.time))

    # -- persistence ---------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = QSettings()
        geo = s.value("window/geometry")
        state = s.value("window/state")
        if geo is not None:
            self.restoreGeometry(geo)
        if state is not None:
            self.restoreState(state, LAYOUT_VERSION)
        idx = s.value("view/index")
        if isinstance(idx, str) and idx:
            self._index = idx
        self._restore_stores(s)

    def _restore_stores(self, s: QSettings) -> None:
        """The open stores: the window's own first, then those remembered in "store/open"."""
        self._stores: list[Path] = [self._db]
        self._sessions_of: dict[Path, list[str]] = {}
        self._adding: dict[str, bool] = {}        # path -> asked by the user (not restored)
        w = self.loader.worker
        w.store_sessions.connect(self._on_store_sessions)
        remembered = _path_list(s.value("store/open"))
        # The remembered set comes back only when the window opens on one of its stores: a store
        # named explicitly (tidemark view --db other) starts a set of its own.
        if not any(_same_file(self._db, p) for p in remembered):
            return
        for p in remembered:
            if _same_file(self._db, p):
                continue
            if p.exists():
                self.add_store(p, asked=False)
            else:
                self.status.setText(self.tr("{0}: no longer there; not reopened").format(p))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._sized and not QSettings().value("window/state"):
            # Dock sizes only take once the window has its real size.
            self._sized = True
            QTimer.singleShot(0, self, lambda: size_docks(self, self._docks))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._closing = True
        s = QSettings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(LAYOUT_VERSION))
        s.setValue("view/index", self._index)
        s.setValue("store/last", str(self._db))
        s.setValue("store/open", [str(p) for p in self._stores if self._sessions_of.get(p)])
        self._repaint_timer.stop()
        self.loader.stop()
        super().closeEvent(event)


def _path_list(value: object) -> list[Path]:
    """A QSettings list of paths (an INI file gives back a one-item list as a plain string)."""
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, (list, tuple)):
        return []
    return [Path(str(v)) for v in value if v]


def _same_file(a: Path, b: Path) -> bool:
    return a == b or a.resolve() == b.resolve()


def _scrolling(widget: QWidget) -> QScrollArea:
    """Tall panels (the brief, the sentiment gauges) scroll instead of squeezing their neighbours."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


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
