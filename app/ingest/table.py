"""Reading CSV-like text into columns that remember their source lines, and checked numbers.

Every conversion raises IngestError naming the file, the line, the field (as spelt in the header)
and the problem; nothing here touches SQL. Dates are converted in ``dates``, codes in ``codes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from app.ingest.cells import show
from app.ingest.csv_split import split_csv, split_fast
from app.ingest.encoding import decode
from app.ingest.errors import IngestError
from app.ingest.frames import Parsed, Source

MISSING = frozenset({"", "-", "--", "nan", "none", "null", "n/a", "na", "<na>", "nat"})
_UNIT_RE = re.compile(r"^(.*?)\s*[(（]\s*([^()（）]*?)\s*[)）]\s*$")
# No real value comes near this (10^15 yuan is ~1,000 times a whole market's day; no price, volume
# or market value is within orders of magnitude). The store keeps fen, shares and yuan as 64-bit
# integers (and cumulates a day's bars), so an absurd cell must stop at its line, not overflow there.
MAX_VALUE = 1e15


def header_key(raw: str) -> tuple[str, str | None]:
    """('成交量', '手') from '成交量(手)'; ASCII names are lower-cased ('updateDate' -> 'updatedate')."""
    name = raw.strip().strip('"').strip()
    unit = None
    m = _UNIT_RE.match(name)
    if m and m.group(1):
        name, unit = m.group(1).strip(), m.group(2).strip() or None
    if name.isascii():
        name = name.lower()
    return name, unit


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class Table:
    """Columns of a delimited text file, each an object array of stripped strings."""

    path: Path
    raw_header: list[str]
    keys: list[str]
    units: dict[str, str | None]
    cols: dict[str, np.ndarray]
    lines: np.ndarray
    encoding: str = "utf-8"
    _raw_of: dict[str, str] = field(default_factory=dict)
    repeated: int = 0          # rows dropped because they repeat an earlier row exactly

    def __len__(self) -> int:
        return len(self.lines)

    def has(self, *keys: str) -> bool:
        return all(k in self.cols for k in keys)

    def drop_exact_duplicates(self) -> int:
        """Drop rows that repeat an earlier row cell for cell; returns how many were dropped."""
        if len(self) < 2:
            return 0
        dup = pd.DataFrame(self.cols).duplicated(keep="first").to_numpy()
        n = int(dup.sum())
        if n:
            keep = ~dup
            self.cols = {k: v[keep] for k, v in self.cols.items()}
            self.lines = self.lines[keep]
        return n

    def field_name(self, key: str) -> str:
        return self._raw_of.get(key, key)

    def require(self, *keys: str) -> None:
        for k in keys:
            if k not in self.cols:
                shown = ",".join(self.raw_header)
                if len(shown) > 120:
                    shown = shown[:117] + "..."
                raise IngestError(self.path, 1, k, f"missing column (the header has: {shown})")

    def error(self, i: int, key: str | None, message: str) -> IngestError:
        return IngestError(self.path, int(self.lines[i]), self.field_name(key) if key else None,
                           message)

    def text(self, key: str) -> np.ndarray:
        return self.cols[key]

    def missing(self, key: str) -> np.ndarray:
        v = self.cols[key]
        if not len(v):
            return np.zeros(0, dtype=bool)
        return pd.Series(v, dtype=object).str.lower().isin(MISSING).to_numpy(dtype=bool)

    def number(self, key: str, *, required: bool = True, nonneg: bool = False,
               positive: bool = False, what: str = "number", scale: float = 1.0) -> np.ndarray:
        """Float column times ``scale`` (a unit's multiplier, from ``scale_of``); missing cells are
        NaN unless ``required``; garbage, and a value beyond any real one once scaled, are errors."""
        v = self.cols[key]
        miss = self.missing(key)
        s = pd.Series(v, dtype=object).where(~miss, None)
        num = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
        finite = np.isfinite(num)
        bad = ~miss & ~finite
        if bad.any():
            i = int(np.argmax(bad))
            raise self.error(i, key, f"{show(v[i])} is not a {what}")
        if required and miss.any():
            i = int(np.argmax(miss))
            raise self.error(i, key, f"empty {what}")
        if nonneg and (num < 0).any():
            i = int(np.argmax(num < 0))
            raise self.error(i, key, f"negative {what} {show(v[i])}")
        if positive and (num <= 0).any():
            i = int(np.argmax(num <= 0))
            raise self.error(i, key, f"{what} {show(v[i])} is not positive")
        num = num * scale
        huge = np.abs(np.where(finite, num, 0.0)) > MAX_VALUE
        if huge.any():
            i = int(np.argmax(huge))
            unit = "" if scale == 1.0 else f" (×{scale:g} for its unit)"
            raise self.error(i, key, f"{what} {show(v[i])}{unit} is beyond any real value "
                                     "(a corrupt or mis-scaled cell?)")
        return num

    def scale_of(self, key: str, default: float, kind: str) -> float:
        """Multiplier to shares or yuan from a unit in the header ('成交量(股)'), else ``default``."""
        unit = self.units.get(key)
        if unit is None:
            return default
        table = VOLUME_UNITS if kind == "volume" else AMOUNT_UNITS
        if unit in table:
            return table[unit]
        if unit in ("%",):
            return default
        raise IngestError(self.path, 1, self.field_name(key), f"unknown unit {unit!r}")


VOLUME_UNITS = {"股": 1.0, "手": 100.0, "shares": 1.0, "lots": 100.0, "万股": 1e4, "万手": 1e6}
AMOUNT_UNITS = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8, "yuan": 1.0}


def read_table(src: Source) -> Table:
    """Decode ``src`` (detecting the encoding) and split it into stripped string columns."""
    dec = decode(src.data, src.path)
    text = dec.text
    delim = _delimiter(text.split("\n", 1)[0])
    split = split_fast(text, delim) or split_csv(src, text, delim)
    header, columns, lines = split
    if header and header_key(header[0])[0] in ("", "unnamed: 0"):
        header, columns = header[1:], columns[1:]   # a pandas index column saved by to_csv
    keys: list[str] = []
    units: dict[str, str | None] = {}
    raw_of: dict[str, str] = {}
    for raw in header:
        k, unit = header_key(raw)
        if not k:
            raise IngestError(src.path, 1, None, f"empty column name in the header (column "
                              f"{len(keys) + 1})")
        if k in units:
            raise IngestError(src.path, 1, raw.strip(), "column appears twice in the header")
        keys.append(k)
        units[k] = unit
        raw_of[k] = raw.strip()
    cols = dict(zip(keys, columns, strict=True))
    t = Table(src.path, [h.strip() for h in header], keys, units, cols, lines, dec.encoding,
              raw_of)
    t.repeated = t.drop_exact_duplicates()
    return t


def parsed_for(fmt: str, src: Source, t: Table) -> Parsed:
    """An empty result for ``t`` (rows read, encoding, a note about exact repeats)."""
    p = Parsed(fmt, src.path, rows=len(t) + t.repeated, encoding=t.encoding)
    if t.repeated:
        p.notes.append(f"{t.repeated} rows repeating an earlier row exactly were ignored")
    return p


def duplicate_check(t: Table, keys: list[np.ndarray], field_key: str, what: str) -> None:
    """Error on the second row that repeats a key (e.g. the same stock twice in a snapshot)."""
    df = pd.DataFrame({str(i): k for i, k in enumerate(keys)})
    dup = df.duplicated(keep="first").to_numpy()
    if dup.any():
        i = int(np.argmax(dup))
        first = int(np.argmax((df == df.iloc[i]).all(axis=1).to_numpy()))
        raise t.error(i, field_key, f"duplicate {what} with different values (line "
                                    f"{int(t.lines[first])} has the same {what}); fix or remove "
                                    f"one of the two lines")

