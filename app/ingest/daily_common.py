"""Shared body of the daily-bar importers: stocks go to ``daily``, indices to ``index_daily``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.ingest.codes import Symbols
from app.ingest.frames import Parsed, index_rows
from app.ingest.table import Table, duplicate_check


def prices(t: Table, keys: tuple[str, ...] = ("open", "high", "low", "close"),
           scale: float = 1.0) -> list[np.ndarray]:
    """Price columns: close must be positive; open/high/low may be missing (0 counts as missing)."""
    out = []
    for k in keys:
        if not t.has(k):
            out.append(np.full(len(t), np.nan))
            continue
        if k == keys[-1]:
            v = t.number(k, required=True, positive=True, what="price")
        else:
            v = t.number(k, required=False, nonneg=True, what="price")
            v = np.where(v > 0, v, np.nan)
        out.append(v * scale)
    return out


def prev_from_previous_row(symbols: np.ndarray, dates: np.ndarray, close: np.ndarray) -> np.ndarray:
    """prev_close = the close of the symbol's previous row in date order (NaN for its first row).

    On ex-dividend days this is the raw close, not the exchange's ex-rights reference price.
    """
    df = pd.DataFrame({"s": symbols, "d": dates, "c": close})
    order = df.sort_values(["s", "d"], kind="stable")
    prev = order.groupby("s", sort=False)["c"].shift(1)
    return prev.reindex(df.index).to_numpy(dtype=float)


def add_bars(parsed: Parsed, t: Table, syms: Symbols, dates: np.ndarray,
             cols: dict[str, np.ndarray], code_key: str, date_key: str) -> None:
    """Add daily / index_daily rows (and stocks / indices reference rows) from one table."""
    duplicate_check(t, [syms.symbol, dates], date_key, "symbol and date")
    frame = pd.DataFrame({"date": dates, "symbol": syms.symbol, **cols})
    idx = syms.is_index
    if (~idx).any():
        parsed.add("daily", frame[~idx])
        st = pd.DataFrame({"symbol": syms.symbol, "code": syms.code, "market": syms.market,
                           "board": syms.board})[~idx].drop_duplicates("symbol")
        parsed.add("stocks", st)
    if idx.any():
        parsed.add("index_daily", frame[idx])
        parsed.add("indices", index_rows(set(syms.symbol[idx])))
