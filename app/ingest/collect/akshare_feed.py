"""The live feed: akshare's East Money spot frames of the whole market and the main indices.

akshare is an optional extra (``pip install -e .[feeds]``) imported only here and only when a
collector starts, so neither the viewer nor the tests need it. Without it, or without a network
at start (the first request), the collector says so in one line and exits 2; a request that fails
later is a FeedError (retried, then the minute is noted missing).
"""

from __future__ import annotations

import importlib
from typing import Any

import pandas as pd

from app.ingest.collect.feeds import FeedError, FeedUnavailable, Frames

INSTALL_HINT = "akshare is not installed: pip install -e .[feeds]"
INDEX_CATEGORY = "沪深重要指数"      # holds the five main indices the strip shows


def _short(exc: BaseException) -> str:
    """One line of at most 160 characters (requests' messages run over several)."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= 160 else text[:157] + "..."


def _network_error(exc: BaseException) -> bool:
    """requests' ConnectionError / Timeout, urllib3's, or a socket error anywhere in the chain."""
    seen: BaseException | None = exc
    while seen is not None:
        names = {c.__name__ for c in type(seen).__mro__}
        if names & {"ConnectionError", "Timeout", "NewConnectionError", "MaxRetryError",
                    "NameResolutionError", "gaierror", "OSError"}:
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class AkshareFeed:
    name = "akshare"

    def __init__(self, module: Any | None = None) -> None:
        self._ak = module

    def _module(self) -> Any:
        if self._ak is None:
            try:
                self._ak = importlib.import_module("akshare")
            except ImportError as exc:
                raise FeedUnavailable(INSTALL_HINT) from exc
        return self._ak

    def _frames(self) -> Frames:
        ak = self._module()
        spot = ak.stock_zh_a_spot_em()
        index = ak.stock_zh_index_spot_em(symbol=INDEX_CATEGORY)
        if not isinstance(spot, pd.DataFrame) or not len(spot):
            raise FeedError("stock_zh_a_spot_em returned no rows")
        return Frames(spot, index if isinstance(index, pd.DataFrame) else pd.DataFrame())

    def check(self) -> None:
        """Import akshare and make one request of the (small) index frame."""
        ak = self._module()
        try:
            ak.stock_zh_index_spot_em(symbol=INDEX_CATEGORY)
        except Exception as exc:  # noqa: BLE001 - akshare raises whatever requests raised
            if _network_error(exc):
                raise FeedUnavailable(f"no network: cannot reach East Money's quote server "
                                      f"({_short(exc)})") from exc
            raise FeedUnavailable(f"akshare's index spot request failed: {_short(exc)}") \
                from exc

    def fetch(self, date: str, time: str) -> Frames:
        try:
            return self._frames()
        except (FeedUnavailable, FeedError):
            raise
        except Exception as exc:  # noqa: BLE001 - any failure of one request is retried
            raise FeedError(_short(exc)) from exc

    # -- history (--history) ----------------------------------------------------------------
    def stock_list(self) -> pd.DataFrame:
        return self._module().stock_zh_a_spot_em()

    def stock_daily(self, code: str, start: str, end: str) -> pd.DataFrame:
        return self._module().stock_zh_a_hist(symbol=code, period="daily",
                                              start_date=start.replace("-", ""),
                                              end_date=end.replace("-", ""), adjust="")

    def index_daily(self, symbol: str) -> pd.DataFrame:
        return self._module().stock_zh_index_daily(symbol=symbol)
