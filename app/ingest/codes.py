"""Security codes from cells and file names: canonical symbols, markets and boards.

A code that fits no board raises IngestError naming the file, the line and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from app.ingest.cells import factorize, first_row, show, take
from app.ingest.errors import IngestError
from app.ingest.table import Table
from app.market.boards import MARKETS, Board, UnknownCode, board_of, split_symbol, to_symbol

_FILE_CODE_RE = re.compile(r"(?<![a-z0-9])(sh|sz|bj)?[._#-]?(\d{6})(?!\d)", re.IGNORECASE)


@dataclass
class Symbols:
    symbol: np.ndarray
    code: np.ndarray
    market: np.ndarray
    board: np.ndarray      # Board values ('sse_main', ..., 'index')

    @property
    def is_index(self) -> np.ndarray:
        return self.board == Board.INDEX.value


def _resolve(value: str, market: str | None) -> tuple[str, str, str, str]:
    sym = to_symbol(value, market)
    mkt, code = split_symbol(sym)
    return sym, code, mkt, board_of(mkt, code).value


def symbol_column(t: Table, key: str, markets: np.ndarray | None = None,
                  market_key: str | None = None) -> Symbols:
    """Canonical symbols from a code column ('600000', 'sh600000', '600000.SH', 'sh.600000');
    a code that fits no board is an error naming the line and the field."""
    v = t.text(key)
    if markets is None:
        combined = v
    else:
        mk = pd.Series(markets, dtype=object).str.strip().str.lower()
        combined = (mk + "\x1f" + pd.Series(v, dtype=object)).to_numpy(dtype=object)
    codes, uniques = factorize(combined)
    out = []
    for k, u in enumerate(uniques):
        market, _, code = u.partition("\x1f") if markets is not None else ("", "", u)
        if markets is not None and market not in MARKETS:
            i = first_row(codes, k)
            raise t.error(i, market_key, f"{show(markets[i])} is not a market (sh, sz or bj)")
        try:
            out.append(_resolve(code, market or None))
        except UnknownCode as exc:
            detail = "" if "fits no board" in str(exc) else f" ({exc})"
            raise t.error(first_row(codes, k), key, f"code {show(code)} fits no board{detail}") \
                from None
    return Symbols(*(take([r[j] for r in out], codes) for j in range(4)))


def symbol_from_filename(path: Path) -> str:
    """The security a per-symbol file is about, from its name ('sz399006_1min.csv', '600000.csv').

    A bare code that is both an index and a stock (000001: SSE Composite and Ping An Bank) is an
    error asking for the market prefix in the name.
    """
    m = _FILE_CODE_RE.search(path.stem)
    if not m:
        raise IngestError(path, None, "file name", "this format has no code column: name the file "
                          "by its symbol, e.g. sz399006.csv or sh600000_1min.csv")
    mkt, code = (m.group(1) or "").lower(), m.group(2)
    if mkt:
        try:
            board_of(mkt, code)
        except UnknownCode as exc:
            raise IngestError(path, None, "file name", f"code {mkt}{code} fits no board ({exc})") \
                from None
        return mkt + code
    fits = []
    for mk in MARKETS:
        try:
            fits.append((mk, board_of(mk, code)))
        except UnknownCode:
            continue
    if not fits:
        raise IngestError(path, None, "file name", f"code {code} fits no board")
    if len(fits) > 1:
        alts = " or ".join(f"{mk}{code} ({b.value})" for mk, b in fits)
        raise IngestError(path, None, "file name", f"code {code} is ambiguous: {alts}; put the "
                          f"market prefix in the file name, e.g. {fits[0][0]}{code}.csv")
    return fits[0][0] + code

