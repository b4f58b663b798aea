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


def write_recording(root: Path, minutes: int = 6, seed: int = 7) -> list[tuple[str, str]]:
    """A small recording for ``tidemark collect --replay``: ``minutes`` minutes of 2026-06-02 from
    09:30, 24 stocks on every board (one suspended) in stock_zh_a_spot_em's columns (成交量 in 手)
    and the five main indices in stock_zh_index_spot_em's, saved as akshare's frames save."""
    import numpy as np
    import pandas as pd

    from app.market.session import session_minutes

    rng = np.random.default_rng(seed)
    codes = ["600000", "600519", "601318", "603288", "605001", "688001", "688981", "000001",
             "000002", "001979", "002415", "003816", "300750", "300059", "301001", "920018",
             "430017", "830799", "600036", "000858", "002594", "300124", "688111", "601012"]
    names = [f"测试{i:02d}" for i in range(len(codes))]
    prev = np.round(rng.uniform(3, 80, len(codes)), 2)
    last = prev.copy()
    vol = np.zeros(len(codes))
    amt = np.zeros(len(codes))
    hi, lo, op = prev.copy(), prev.copy(), None
    idx_codes = ["000001", "399001", "399006", "000688", "000300"]
    idx_prev = np.array([3412.37, 10486.52, 2196.84, 1046.27, 3951.66])
    idx_last, idx_vol, idx_amt = idx_prev.copy(), np.zeros(5), np.zeros(5)
    idx_hi, idx_lo, idx_op = idx_prev.copy(), idx_prev.copy(), None
    out = []
    day = root / "2026-06-02"
    day.mkdir(parents=True, exist_ok=True)
    for t in session_minutes()[:minutes]:
        last = np.round(np.clip(last * (1 + rng.normal(0, 0.004, len(codes))),
                                prev * 0.9, prev * 1.1), 2)
        op = last.copy() if op is None else op
        hi, lo = np.maximum(hi if t != "09:30" else last, last), np.minimum(
            lo if t != "09:30" else last, last)
        lots = rng.integers(10, 500, len(codes)).astype(float)
        vol += lots
        amt += np.round(lots * 100 * last, 2)
        spot = pd.DataFrame({
            "序号": np.arange(1, len(codes) + 1), "代码": codes, "名称": names,
            "最新价": last, "涨跌幅": np.round((last / prev - 1) * 100, 2),
            "涨跌额": np.round(last - prev, 2), "成交量": vol, "成交额": amt,
            "振幅": np.round((hi - lo) / prev * 100, 2), "最高": hi, "最低": lo, "今开": op,
            "昨收": prev, "量比": 1.0, "换手率": 0.5, "市盈率-动态": 20.0, "市净率": 2.0,
            "总市值": np.round(last * 1e9), "流通市值": np.round(last * 8e8)})
        spot.loc[3, ["最新价", "涨跌幅", "涨跌额", "最高", "最低", "今开"]] = np.nan  # suspended
        spot.loc[3, ["成交量", "成交额"]] = 0.0
        idx_last = np.round(idx_last * (1 + rng.normal(0, 0.001, 5)), 2)
        idx_op = idx_last.copy() if idx_op is None else idx_op
        idx_hi, idx_lo = np.maximum(idx_hi, idx_last), np.minimum(idx_lo, idx_last)
        idx_vol += rng.integers(10_000, 90_000, 5)
        idx_amt += np.round(rng.uniform(1e8, 9e8, 5), 2)
        index = pd.DataFrame({
            "序号": np.arange(1, 6), "代码": idx_codes,
            "名称": ["上证指数", "深证成指", "创业板指", "科创50", "沪深300"], "最新价": idx_last,
            "涨跌幅": np.round((idx_last / idx_prev - 1) * 100, 2),
            "涨跌额": np.round(idx_last - idx_prev, 2), "成交量": idx_vol, "成交额": idx_amt,
            "最高": idx_hi, "最低": idx_lo, "今开": idx_op, "昨收": idx_prev})
        stem = t.replace(":", "")
        spot.to_csv(day / f"{stem}_stock_zh_a_spot_em.csv", index=False)
        index.to_csv(day / f"{stem}_stock_zh_index_spot_em.csv", index=False)
        out.append(("2026-06-02", t))
    return out


@pytest.fixture
def recording(tmp_path) -> tuple[Path, list[tuple[str, str]]]:
    """A six-minute recording of akshare frames (see write_recording) and its minutes."""
    root = tmp_path / "recording"
    return root, write_recording(root)


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


@pytest.fixture
def interface(qapp):
    """The interface language for one test: ``interface("en")``; Chinese again afterwards."""
    from app.ui import i18n

    def use(lang: str) -> None:
        assert i18n.install(qapp, lang) == lang

    yield use
    i18n.install(qapp, "zh")
