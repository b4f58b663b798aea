"""Settings and state restore of the main window: stores, layout, palette, export labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.config import MAIN_INDICES
from app.ui.window_stores import _same_file

# Bump when the set of docks changes: Qt then ignores a saved layout instead of misplacing docks.
LAYOUT_VERSION = 3


class WindowState:
    """Settings and state restore of the main window, mixed into ``MainWindow`` (which owns the widgets and signals)."""

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


def _path_list(value: object) -> list[Path]:
    """A QSettings list of paths (an INI file gives back a one-item list as a plain string)."""
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, (list, tuple)):
        return []
    return [Path(str(v)) for v in value if v]
