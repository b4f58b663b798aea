"""Menus, toolbar and actions of the main window: files, view, language, appearance."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QScrollArea, QToolBar, QWidget

from app.ui import i18n
from app.ui.appearance import save_palette, use_palette
from app.ui.brief_panel import BriefPanel
from app.ui.export.actions import add_panel_actions
from app.ui.palette import palette
from app.ui.panels import Panels
from app.ui.scrubber import TimeScrubber
from app.ui.sentiment import SentimentDock
from app.ui.session_picker import SessionPicker


class WindowMenus:
    """Menus, toolbar and actions of the main window, mixed into ``MainWindow`` (which owns the widgets and signals)."""

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


def _scrolling(widget: QWidget) -> QScrollArea:
    """Tall panels (the brief, the sentiment gauges) scroll instead of squeezing their neighbours."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area
