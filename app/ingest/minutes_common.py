"""Minute bars → the store's shapes.

Index bars are stored as bars (``index_bars``: per-bar volume and amount). Stock 1-minute bars
become cumulative ``quotes`` snapshots at each bar's end-labelled slot: last = the bar's close,
open = the day's first open, high/low = so far today, volume/amount = cumulative. Stock bars of
5 minutes or more are not stored intraday (quotes are per-minute snapshots); the summary says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def snapshots(bars: pd.DataFrame) -> pd.DataFrame:
    """Cumulative quote rows from 1-minute bars of one symbol (columns date, time, symbol, open,
    high, low, close, volume, amount; sorted by date, time)."""
    b = bars.reset_index(drop=True)
    close = b["close"].astype(float)
    open_ = b["open"].astype(float).where(b["open"] > 0)
    # A bar without an open (akshare's older 1-minute days) falls back to its close.
    open_ = open_.fillna(close)
    high = b["high"].astype(float).where(b["high"] > 0).fillna(np.maximum(open_, close))
    low = b["low"].astype(float).where(b["low"] > 0).fillna(np.minimum(open_, close))
    g = b["date"]
    day_last = close.groupby([b["symbol"], g]).transform("last")
    out = pd.DataFrame({
        "date": b["date"], "time": b["time"], "symbol": b["symbol"], "last": close,
        "open": open_.groupby([b["symbol"], g]).transform("first"),
        "high": high.groupby([b["symbol"], g]).cummax(),
        "low": low.groupby([b["symbol"], g]).cummin(),
        "volume": b["volume"].astype(float).fillna(0).groupby([b["symbol"], g]).cumsum(),
        "amount": b["amount"].astype(float).fillna(0).groupby([b["symbol"], g]).cumsum(),
    })
    # prev_close: the last close of the symbol's previous day in the file (else filled from the
    # store's daily bars when written, else NULL).
    days = pd.DataFrame({"symbol": b["symbol"], "date": g, "c": day_last}).drop_duplicates(
        ["symbol", "date"])
    days["prev_close"] = days.groupby("symbol")["c"].shift(1)
    out = out.merge(days[["symbol", "date", "prev_close"]], on=["symbol", "date"], how="left")
    return out
