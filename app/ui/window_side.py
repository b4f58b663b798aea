"""The main window's side answers: brief findings, sentiment, busy indicator, stock links."""

from __future__ import annotations

from app.ui.panels import hidden


class WindowSide:
    """The main window's side answers, mixed into ``MainWindow`` (which owns the widgets and signals)."""

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
            self.sentiment.show_pending(self._view.date, self._view.time)

    def _on_sentiment(self, date: str, time: str, report) -> None:  # type: ignore[no-untyped-def]
        if self._view is not None and (date, time) == (self._view.date, self._view.time):
            self.sentiment.set_data(report)

    def _on_equal_weight(self, date: str, time: str, symbol: str, values) -> None:  # type: ignore[no-untyped-def]
        v = self._view
        if v is not None and (v.date, v.time) == (date, time):
            self.panels.show_equal_weight(v, symbol, values)
