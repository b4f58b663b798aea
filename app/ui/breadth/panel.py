"""The breadth and concentration panel: how broad was the move?

One look must answer whether an index's rise was carried by the market or by a few heavy weights:
the counts and the histogram show how many stocks rose, the session lines how that developed and
whether turnover kept up, the contribution bars who moved the index.

Every child item is created once; ``set_view`` for another minute only feeds new data to them.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QTabWidget, QWidget

from app.market.breadth import BreadthCounts
from app.market.breadth_series import TurnoverComparison
from app.market.concentration import Concentration
from app.ui.breadth._style import default_palette
from app.ui.breadth.concentration_chart import ConcentrationChart
from app.ui.breadth.counts import CountsBar
from app.ui.breadth.distribution import DistributionChart
from app.ui.breadth.session_lines import SessionLines
from app.ui.palette import Palette

# Wider than this ratio (a bottom dock), the four parts sit side by side instead of in a 2×2 grid.
WIDE_RATIO = 2.2
# Shorter than this, the parts are tabs: the counts beside the distribution, the contributions, the
# session lines, each given the whole panel. Above it they sit side by side — on a 1366×768 laptop
# too (~200 px), where the contributions show as many bars as fit (ConcentrationChart.
# rows_per_side) rather than hide who carried the index behind a tab.
TABS_BELOW = 185
# Side by side but narrower than this (the left column of a 1366×768 window), the counts keep only
# 上涨 and 下跌 so that the contributions and the session lines get room for their figures.
COMPACT_BELOW = 1000


class BreadthPanel(QWidget):
    """Counts, distribution, session lines and index concentration at one minute."""

    def __init__(self, parent: QWidget | None = None, pal: Palette | None = None) -> None:
        super().__init__(parent)
        self._pal = pal = pal or default_palette()
        # The background from the palette, not a style sheet: a sheet on the panel puts every
        # child under QStyleSheetStyle and repaints the sheet under each readout every minute.
        background = self.palette()
        background.setColor(QPalette.ColorRole.Window, QColor(pal.background))
        self.setPalette(background)
        self.setAutoFillBackground(True)
        self.counts = CountsBar(self, pal)
        self.distribution = DistributionChart(self, pal)
        self.concentration = ConcentrationChart(self, pal)
        self.session = SessionLines(self, pal)
        # The charts' columns are shared by the stretch factors alone, never by their readouts'
        # text widths: a headline a few pixels wider re-laid out the panel and repainted every
        # chart in it (~25 ms on the GUI thread during a live minute). The counts keep their
        # width (their numbers have room for four digits).
        for chart in (self.distribution, self.concentration, self.session):
            policy = chart.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            chart.setSizePolicy(policy)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setSpacing(6)
        self._wide: bool | None = None
        self._tabs: QTabWidget | None = None
        self._arrange(False)
        self.time: str | None = None
        self.comparison: TurnoverComparison | None = None

    # -- layout ----------------------------------------------------------------------------------
    def _arrange(self, wide: bool | str) -> None:
        """``wide``: True side by side, False a 2×2 grid, "tabs" one part per tab."""
        if wide == self._wide:
            return
        g = self._grid
        for w in (self.counts, self.distribution, self.concentration, self.session):
            g.removeWidget(w)
        if self._tabs is not None:
            g.removeWidget(self._tabs)
            for w in (self.counts, self.distribution, self.concentration, self.session):
                w.setParent(self)
                w.show()
            self._tabs.deleteLater()
            self._tabs = None
        for i in range(4):
            g.setRowStretch(i, 0)
            g.setColumnStretch(i, 0)
        if wide == "tabs":
            self._tabs = self._tabbed()
            g.addWidget(self._tabs, 0, 0)
            g.setRowStretch(0, 1)
            g.setColumnStretch(0, 1)
            for w in (self.counts, self.distribution):
                w.show()
        elif wide:
            g.addWidget(self.counts, 0, 0)
            g.addWidget(self.distribution, 1, 0)
            g.addWidget(self.concentration, 0, 1, 2, 1)
            g.addWidget(self.session, 0, 2, 2, 1)
            g.setRowStretch(1, 1)
            g.setColumnStretch(0, 4)
            g.setColumnStretch(1, 4)    # the contributions' names and figures need the room
            g.setColumnStretch(2, 3)
        else:
            g.addWidget(self.counts, 0, 0, 1, 2)
            g.addWidget(self.distribution, 1, 0)
            g.addWidget(self.concentration, 1, 1)
            g.addWidget(self.session, 2, 0, 1, 2)
            g.setRowStretch(1, 5)
            g.setRowStretch(2, 6)
            g.setColumnStretch(0, 11)
            g.setColumnStretch(1, 9)
        self._wide = wide

    def _tabbed(self) -> QTabWidget:
        tabs = QTabWidget(self)
        tabs.setDocumentMode(True)
        first = QWidget(tabs)
        # Side by side: below the counts the histogram kept ~25 px for its bars.
        lay = QHBoxLayout(first)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(self.counts, 1)
        lay.addWidget(self.distribution, 1)
        tabs.addTab(first, self.tr("Breadth"))
        tabs.addTab(self.concentration, self.tr("Contributions"))
        tabs.addTab(self.session, self.tr("Session lines"))
        return tabs

    def tabbed(self) -> bool:
        return self._wide == "tabs"

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        size = event.size()
        if size.height() < TABS_BELOW and size.width() > WIDE_RATIO * max(size.height(), 1):
            self._arrange("tabs")
        else:
            self._arrange(size.width() > WIDE_RATIO * max(size.height(), 1))
        self.counts.set_compact(self._wide is True and size.width() < COMPACT_BELOW)
        super().resizeEvent(event)

    # -- data ------------------------------------------------------------------------------------
    def set_view(self, counts: BreadthCounts, series: pd.DataFrame | None,
                 prior_series: pd.DataFrame | None, concentration: Concentration | None,
                 time: str) -> None:
        """Show the minute ``time``.

        Parameters
        ----------
        counts
            Breadth of the cross-section at ``time``.
        series, prior_series
            Per-minute breadth frames (time, up, down, limit_up, limit_down, turnover_yuan, ...)
            of the session and of the prior session (None or empty when unknown).
        concentration
            Contributions of the selected index at ``time`` (None hides the bars).
        """
        for stage in self.stages(counts, series, prior_series, concentration, time):
            stage()

    def stages(self, counts: BreadthCounts, series: pd.DataFrame | None,
               prior_series: pd.DataFrame | None, concentration: Concentration | None,
               time: str) -> list[Callable[[], None]]:
        """``set_view`` in three slices (counts and histogram, session lines, contributions):
        each has plots of its own to lay out and paint, so the window runs one per event-loop
        turn."""
        def counts_stage() -> None:
            self.time = time
            self.counts.set_counts(counts)
            self.distribution.set_buckets(counts.buckets)

        def session_stage() -> None:
            self.comparison = self.session.set_series(series, prior_series, time)

        return [counts_stage, session_stage,
                lambda: self.concentration.set_concentration(concentration)]
