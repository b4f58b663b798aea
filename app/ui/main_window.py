"""The main window: index strip on top, charts in the centre, sector tree, ladder and breadth docks.

Widgets never query the store: the loader worker hands over frozen SessionViews, and repaints are
coalesced (at most one per REFRESH_COALESCE_MS) so a fast scrub paints only the latest minute.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDockWidget, QLabel, QMainWindow, QProgressBar, QSizePolicy,
                               QToolBar, QVBoxLayout, QWidget)

from app.config import DEFAULT_INDEX, REFRESH_COALESCE_MS
from app.ui.appearance import saved_palette, use_palette
from app.ui.brief_panel import BriefPanel
from app.ui.export.actions import add_panel_actions, install_export_menu
from app.ui.index_strip import IndexStrip
from app.ui.panels import Panels
from app.ui.sentiment import SentimentDock
from app.ui.window_fit import arrange_docks, first_geometry, size_docks
from app.ui.window_menus import WindowMenus, _scrolling
from app.ui.window_painting import WindowPainting
from app.ui.window_side import WindowSide
from app.ui.window_state import LAYOUT_VERSION, WindowState
from app.ui.window_stores import WindowStores
from app.workers.worker_thread import WorkerThread

BUSY_INDICATOR_MS = 300


class MainWindow(WindowMenus, WindowStores, WindowPainting, WindowSide, WindowState, QMainWindow):
    """The window: builds the widgets, docks and worker; the mixins add menus, stores, painting,
    the side answers and settings (plain classes, so every signal and slot stays on this QObject)."""

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
