"""Store management of the main window: open, add, switch and close stores, pick a session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox


class WindowStores:
    """Store management of the main window, mixed into ``MainWindow`` (which owns the widgets and signals)."""

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


def _same_file(a: Path, b: Path) -> bool:
    return a == b or a.resolve() == b.resolve()
