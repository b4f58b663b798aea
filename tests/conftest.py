"""Shared fixtures. Qt runs offscreen; no test may leave a thread running."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings (window layout, last store) must not leak between runs or from the user's own.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="tidemark-test-config-")
# Nor the user's cache (the XSHG trading days kept between starts).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="tidemark-test-cache-")

# The interface in Chinese, as on the analysts' desktops: the texts the tests assert on are the
# Chinese translations (tests/ui/test_one_language.py switches to English itself).
os.environ["TIDEMARK_LANG"] = "zh"

import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TS_FILE = ROOT / "resources" / "i18n" / "tidemark_zh_CN.ts"
QM_FILE = TS_FILE.with_suffix(".qm")


def qt_tool(name: str) -> str | None:
    """pyside6-lupdate / pyside6-lrelease beside the running Python, else on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else shutil.which(name)


def _ensure_qm() -> None:
    """Compile the .qm when it is missing or older than the .ts (scripts/setup.sh does it on a
    set-up; a checkout run straight under pytest would otherwise show English)."""
    if QM_FILE.exists() and QM_FILE.stat().st_mtime >= TS_FILE.stat().st_mtime:
        return
    lrelease = qt_tool("pyside6-lrelease")
    if lrelease is None:
        raise RuntimeError("pyside6-lrelease not found: cannot compile the Chinese translation")
    subprocess.run([lrelease, "-silent", str(TS_FILE), "-qm", str(QM_FILE)], check=True)


_ensure_qm()

REALDATA = ROOT.parent / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata() -> Path:
    """../shared/realdata, or a skip naming why."""
    if not REALDATA.is_dir():
        pytest.skip(f"real market files not found at {REALDATA} (../shared/realdata is absent)")
    return REALDATA


@pytest.fixture(autouse=True)
def _no_dangling_threads():
    """Fail a test that leaves a Python or Qt thread running (napari's dangling-thread check)."""
    before = {t.ident for t in threading.enumerate()}
    yield
    leftover = [t for t in threading.enumerate() if t.ident not in before and t.is_alive()
                and not t.daemon]
    assert not leftover, f"threads left running: {[t.name for t in leftover]}"
    try:
        from PySide6.QtCore import QThread, QThreadPool
    except ImportError:  # pragma: no cover
        return
    pool = QThreadPool.globalInstance()
    assert pool.waitForDone(5000), "QThreadPool jobs still running after the test"
    _ = QThread  # QThreads owned by widgets are checked by their own tests' teardown


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory) -> Path:
    """The demo session store, built once per test run."""
    from app.demo.store import build_demo_store

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo_store(path)
    return path


@pytest.fixture
def dialogs(tmp_path_factory, monkeypatch):
    """Private settings, and warning dialogs recorded instead of shown (the list of their texts).

    Modules whose windows read or write settings use it for every test:
    ``pytestmark = pytest.mark.usefixtures("dialogs")``."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    old = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path_factory.mktemp("settings")))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    yield shown
    QSettings.setDefaultFormat(old)


@pytest.fixture(scope="session")
def qapp(qapp_args):  # type: ignore[no-untyped-def]
    """pytest-qt's application, made the way the viewer makes it: the CJK font and the
    translation of TIDEMARK_LANG (Chinese) installed."""
    from app.ui.qt_app import ensure_app

    return ensure_app(list(qapp_args) or sys.argv[:1])


@pytest.fixture(autouse=True)
def _keep_the_language():
    """A command run with --lang (tidemark export/report --lang en) must not switch the language
    of the tests after it."""
    from app.ui import i18n

    saved = dict(i18n._state)
    yield
    i18n._state.update(saved)
