"""The live feed without akshare or without a network: one line and exit 2 (the commands run in
a subprocess with a stand-in akshare package first on the path), and a live feed's failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from app.ingest.collect.akshare_feed import INSTALL_HINT, AkshareFeed
from app.ingest.collect.feeds import FeedError, FeedUnavailable

ROOT = Path(__file__).resolve().parents[2]


def _collect(tmp_path: Path, akshare_src: str, *args: str) -> subprocess.CompletedProcess:
    fake = tmp_path / "site"
    (fake / "akshare").mkdir(parents=True)
    (fake / "akshare" / "__init__.py").write_text(akshare_src, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(fake), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "app", "collect", "--db",
                           str(tmp_path / "h.sqlite"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


NOT_INSTALLED = 'raise ImportError("No module named \'akshare\'")\n'
NO_NETWORK = '''
class ConnectionError(OSError):
    pass

def _down(*a, **k):
    raise ConnectionError("HTTPSConnectionPool: Max retries exceeded (Failed to resolve host)\\n"
                          "NameResolutionError")

stock_zh_a_spot_em = stock_zh_index_spot_em = stock_zh_a_hist = stock_zh_index_daily = _down
'''


@pytest.mark.parametrize("args", [(), ("--history", "--start", "2026-05-01",
                                       "--end", "2026-05-29")])
def test_without_akshare_one_line_and_exit_2(tmp_path, args):
    r = _collect(tmp_path, NOT_INSTALLED, *args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith(INSTALL_HINT), r.stderr
    assert not (tmp_path / "h.sqlite").exists()


@pytest.mark.parametrize("args", [(), ("--history", "--start", "2026-05-01",
                                       "--end", "2026-05-29")])
def test_without_a_network_one_line_and_exit_2(tmp_path, args):
    r = _collect(tmp_path, NO_NETWORK, *args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "no network" in lines[0], r.stderr
    assert "NameResolutionError" in lines[0]
    assert not (tmp_path / "h.sqlite").exists()


class FakeAk:
    def __init__(self) -> None:
        self.fail = False

    def stock_zh_index_spot_em(self, symbol: str) -> pd.DataFrame:
        assert symbol == "沪深重要指数"
        return pd.DataFrame({"代码": ["000001"], "最新价": [3400.0]})

    def stock_zh_a_spot_em(self) -> pd.DataFrame:
        if self.fail:
            raise ValueError("Expecting value: line 1 column 1 (char 0)")
        return pd.DataFrame({"代码": ["600000"], "最新价": [10.0]})


def test_a_request_that_fails_during_a_session_is_a_feed_error_to_retry():
    ak = FakeAk()
    feed = AkshareFeed(ak)
    feed.check()
    frames = feed.fetch("2026-06-02", "10:00")
    assert list(frames.spot["代码"]) == ["600000"] and len(frames.index) == 1
    ak.fail = True
    with pytest.raises(FeedError, match="ValueError: Expecting value"):
        feed.fetch("2026-06-02", "10:01")


def test_a_feed_with_no_akshare_is_unavailable(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_akshare(name, *a, **k):
        if name == "akshare":
            raise ImportError("No module named 'akshare'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_akshare)
    monkeypatch.delitem(sys.modules, "akshare", raising=False)
    with pytest.raises(FeedUnavailable, match=r"pip install -e \.\[feeds\]"):
        AkshareFeed().check()
