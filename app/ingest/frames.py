"""The normalised frames every importer returns, and what the store step does with each kind.

Importers never touch SQL: they return ``Parsed`` with frames keyed by kind. Units are normalised
(volume in shares, amount in yuan, prices in yuan), symbols are canonical (``sh600000``), dates are
'YYYY-MM-DD' and times end-labelled 'HH:MM' slots of ``app.market.session``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# Column order of each kind of frame (the store step writes them in this order).
COLUMNS: dict[str, tuple[str, ...]] = {
    "stocks": ("symbol", "code", "market", "board", "name", "list_date", "float_shares",
               "total_shares", "industry"),
    "names": ("symbol", "date", "name"),
    "indices": ("symbol", "code", "market", "name", "name_en"),
    "sectors": ("id", "name", "kind", "parent_id", "source"),
    "sector_members": ("sector_id", "symbol", "as_of"),
    "quotes": ("date", "time", "symbol", "last", "prev_close", "open", "high", "low", "volume",
               "amount"),
    "daily": ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume", "amount"),
    "index_daily": ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume",
                    "amount"),
    "index_bars": ("date", "time", "symbol", "open", "high", "low", "close", "volume", "amount"),
}
# Reference data first, then the bulk kinds (the order the store step writes them in).
KINDS = tuple(COLUMNS)


@dataclass(frozen=True)
class Options:
    """What the command line adds to a file: --date D, --time HH:MM, and today's date for as-of."""

    date: str | None = None
    time: str | None = None
    today: str | None = None


@dataclass
class Source:
    """One input file: its path and bytes (read once)."""

    path: Path
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Parsed:
    """What one file holds, normalised.

    ``rows`` counts the records read from the file. ``params`` names what the result depends on
    besides the bytes (the --date of a spot file without one, the symbol a TDX or akshare minute
    file's name gives), so that the same bytes imported for another date or under another name
    are not mistaken for a re-import.
    """

    format: str
    path: Path
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    rows: int = 0
    notes: list[str] = field(default_factory=list)
    params: str = ""
    encoding: str | None = None

    def add(self, kind: str, frame: pd.DataFrame) -> None:
        cols = COLUMNS[kind]
        frame = frame.reindex(columns=list(cols))
        if kind in self.frames:
            frame = pd.concat([self.frames[kind], frame], ignore_index=True)
        self.frames[kind] = frame

    def count(self, kind: str) -> int:
        f = self.frames.get(kind)
        return 0 if f is None else len(f)


# Names of the indices an analyst is most likely to import (others are stored under their symbol).
INDEX_NAMES: dict[str, tuple[str, str]] = {
    "sh000001": ("上证指数", "SSE Composite"),
    "sh000016": ("上证50", "SSE 50"),
    "sh000300": ("沪深300", "CSI 300"),
    "sh000688": ("科创50", "STAR 50"),
    "sh000680": ("科创综指", "STAR Composite"),
    "sh000852": ("中证1000", "CSI 1000"),
    "sh000905": ("中证500", "CSI 500"),
    "sz399001": ("深证成指", "SZSE Component"),
    "sz399006": ("创业板指", "ChiNext"),
    "sz399106": ("深证综指", "SZSE Composite"),
    "sz399107": ("深证A指", "SZSE A-share"),
    "bj899050": ("北证50", "BSE 50"),
}


def index_rows(symbols: list[str] | set[str]) -> pd.DataFrame:
    """``indices`` rows for index symbols (known names, else the symbol itself)."""
    recs = []
    for s in sorted(set(symbols)):
        name, name_en = INDEX_NAMES.get(s, (s, None))
        recs.append((s, s[2:], s[:2], name, name_en))
    return pd.DataFrame.from_records(recs, columns=list(COLUMNS["indices"]))
