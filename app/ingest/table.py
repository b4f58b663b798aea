"""Reading CSV-like text into columns that remember their source lines, and checked conversions.

Every conversion raises IngestError naming the file, the line, the field (as spelt in the header)
and the problem; nothing here touches SQL.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date as _date
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from app.ingest.encoding import decode
from app.ingest.errors import IngestError
from app.ingest.frames import Parsed, Source
from app.market.boards import MARKETS, Board, UnknownCode, board_of, split_symbol, to_symbol
from app.market.session import is_trading_minute, normalise_time

MISSING = frozenset({"", "-", "--", "nan", "none", "null", "n/a", "na", "<na>", "nat"})
_UNIT_RE = re.compile(r"^(.*?)\s*[(（]\s*([^()（）]*?)\s*[)）]\s*$")
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
_DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]" + _CLOCK + r")?$")
_DATE8_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0)?$")
_STAMP_RE = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{8})[ T](" + _CLOCK + r")$")
_FILE_DATE_RE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_FILE_CODE_RE = re.compile(r"(?<![a-z0-9])(sh|sz|bj)?[._#-]?(\d{6})(?!\d)", re.IGNORECASE)
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
            raise self.error(i, key, f"{_show(v[i])} is not a {what}")
        if required and miss.any():
            i = int(np.argmax(miss))
            raise self.error(i, key, f"empty {what}")
        if nonneg and (num < 0).any():
            i = int(np.argmax(num < 0))
            raise self.error(i, key, f"negative {what} {_show(v[i])}")
        if positive and (num <= 0).any():
            i = int(np.argmax(num <= 0))
            raise self.error(i, key, f"{what} {_show(v[i])} is not positive")
        num = num * scale
        huge = np.abs(np.where(finite, num, 0.0)) > MAX_VALUE
        if huge.any():
            i = int(np.argmax(huge))
            unit = "" if scale == 1.0 else f" (×{scale:g} for its unit)"
            raise self.error(i, key, f"{what} {_show(v[i])}{unit} is beyond any real value "
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


def _show(value: object) -> str:
    s = repr(value)
    return s if len(s) <= 40 else s[:37] + "...'"


def _split_csv(src: Source, text: str, delim: str) -> tuple[list[str], list[np.ndarray],
                                                               np.ndarray]:
    """(header, data columns, line numbers) with the csv module: quoting and exact line numbers."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    width = 0
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            if header is None:
                header, width = row, len(row)
                continue
            if len(row) != width:
                if len(row) > width and not any(c.strip() for c in row[width:]):
                    row = row[:width]
                else:
                    raise IngestError(src.path, reader.line_num, None,
                                      f"expected {width} fields, found {len(row)}")
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise IngestError(src.path, reader.line_num, None,
                          f"not a readable CSV row ({exc})") from exc
    if header is None:
        raise IngestError(src.path, None, None, "empty file: no header line")
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    out = []
    for c in columns:
        arr = np.empty(len(c), dtype=object)
        arr[:] = [x.strip() for x in c]
        out.append(arr)
    return header, out, np.asarray(lines, dtype=np.int64)


def _split_fast(text: str, delim: str) -> tuple[list[str], list[np.ndarray], np.ndarray] | None:
    """The same with pandas' C parser, for plain files (no quotes, every line the header's
    width); None when the file needs the csv module (quotes, ragged lines, bare CR)."""
    if '"' in text or "\r" in text.replace("\r\n", ""):
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Blank as the csv path sees it: no cell has anything but whitespace.
    nonblank = np.fromiter((bool(ln.replace(delim, "").strip()) for ln in lines), dtype=bool,
                           count=len(lines))
    if not nonblank.any():
        return None
    counts = np.fromiter((ln.count(delim) for ln in lines), dtype=np.int64, count=len(lines))
    first = int(nonblank.argmax())
    if (counts[nonblank] != counts[first]).any():
        return None
    try:
        df = pd.read_csv(io.StringIO(text), sep=delim, header=None, dtype=str, na_filter=False,
                         skip_blank_lines=False, engine="c", quoting=csv.QUOTE_NONE)
    except (pd.errors.ParserError, ValueError):
        return None
    if len(df) != len(lines) or df.shape[1] != counts[first] + 1:
        return None
    keep = nonblank.copy()
    keep[first] = False
    header = [str(x) for x in df.iloc[first].tolist()]
    cols = [df[c].to_numpy(dtype=object)[keep] for c in df.columns]
    cols = [pd.Series(c, dtype=object).str.strip().to_numpy(dtype=object) for c in cols]
    return header, cols, (np.nonzero(keep)[0] + 1).astype(np.int64)


def read_table(src: Source) -> Table:
    """Decode ``src`` (detecting the encoding) and split it into stripped string columns."""
    dec = decode(src.data, src.path)
    text = dec.text
    delim = _delimiter(text.split("\n", 1)[0])
    split = _split_fast(text, delim) or _split_csv(src, text, delim)
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


# --- dates ---------------------------------------------------------------------------------------

def iso_date(value: str) -> str | None:
    """'YYYY-MM-DD' from 'YYYY-MM-DD', 'YYYY/M/D', 'YYYYMMDD' (optionally with a 00:00:00 time)."""
    v = value.strip()
    m = _DATE_RE.match(v) or _DATE8_RE.match(v)
    if not m:
        return None
    try:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[str], str, str]:
    from app.market.calendar import trading_days

    days = trading_days()
    return frozenset(str(d) for d in days), str(days[0]), str(days[-1])


def trading_day_problem(iso: str) -> str | None:
    """Why ``iso`` is not a trading day, or None. Outside the calendar's range (it starts in
    2006), weekends are still rejected but holidays cannot be checked."""
    days, first, last = _calendar()
    if first <= iso <= last:
        return None if iso in days else f"{iso} is not a trading day (XSHG calendar)"
    if _date.fromisoformat(iso).weekday() >= 5:
        return f"{iso} is a weekend, not a trading day"
    return None


@lru_cache(maxsize=1)
def _calendar_array() -> np.ndarray:
    from app.market.calendar import trading_days

    return np.asarray(trading_days(), dtype="U10")


def first_non_trading_day(iso: np.ndarray) -> int | None:
    """Index of the first date (ISO strings) that is not a trading day, or None (vectorised
    ``trading_day_problem``)."""
    if not len(iso):
        return None
    a = np.asarray(iso, dtype="U10")
    days = _calendar_array()
    inside = (a >= days[0]) & (a <= days[-1])
    bad = inside & ~np.isin(a, days)
    if (~inside).any():
        # 1970-01-01 was a Thursday: (days since the epoch + 3) % 7 is 0 on Mondays.
        wd = (a[~inside].astype("datetime64[D]").astype(np.int64) + 3) % 7
        bad[~inside] = wd >= 5
    return int(bad.argmax()) if bad.any() else None


def calendar_range() -> tuple[str, str]:
    _, first, last = _calendar()
    return first, last


def _factorize(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """(codes, uniques in order of first appearance): convert each distinct cell once."""
    if not len(values):
        return np.zeros(0, dtype=np.int64), []
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), sort=False)
    return codes, [str(u) for u in uniques]


def _first(codes: np.ndarray, k: int) -> int:
    return int(np.argmax(codes == k))


def _take(results: list, codes: np.ndarray) -> np.ndarray:
    arr = np.empty(len(results), dtype=object)
    arr[:] = results
    return arr[codes] if len(codes) else np.empty(0, dtype=object)


def date_column(t: Table, key: str, *, trading: bool = True) -> np.ndarray:
    """ISO dates of a column; unparsable or (with ``trading``) non-trading dates are errors."""
    codes, uniques = _factorize(t.text(key))
    out = []
    for k, s in enumerate(uniques):   # in order of first appearance: the first error is reported
        iso = iso_date(s)
        if iso is None:
            raise t.error(_first(codes, k), key, f"{_show(s)} is not a date (YYYY-MM-DD or "
                                                 f"YYYYMMDD)")
        if trading:
            problem = trading_day_problem(iso)
            if problem:
                raise t.error(_first(codes, k), key, problem)
        out.append(iso)
    return _take(out, codes)


def stamp_column(t: Table, key: str) -> tuple[np.ndarray, np.ndarray]:
    """(dates, times) from 'YYYY-MM-DD HH:MM[:SS]' stamps; times must be session slots."""
    codes, uniques = _factorize(t.text(key))
    dates, times = [], []
    for k, s in enumerate(uniques):
        def err(message: str, k: int = k) -> IngestError:
            return t.error(_first(codes, k), key, message)
        m = _STAMP_RE.match(s)
        if not m:
            raise err(f"{_show(s)} is not a date and time (YYYY-MM-DD HH:MM)")
        iso = iso_date(m.group(1))
        if iso is None:
            raise err(f"{_show(s)} has no valid date")
        problem = trading_day_problem(iso)
        if problem:
            raise err(problem)
        try:
            hhmm = normalise_time(m.group(2))
        except ValueError:
            raise err(f"{_show(s)} has no valid clock time") from None
        if not is_trading_minute(hhmm):
            raise err(f"{hhmm} is not a minute of the trading session (09:30-11:30, 13:01-15:00)")
        dates.append(iso)
        times.append(hhmm)
    return _take(dates, codes), _take(times, codes)


def file_date(path: Path) -> str | None:
    """The last valid date in a file name ('..._2026-03-15.csv', 'spot_20260602.csv')."""
    found = None
    for m in _FILE_DATE_RE.finditer(path.name):
        try:
            found = _date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            continue
    return found


# --- codes ---------------------------------------------------------------------------------------

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
    codes, uniques = _factorize(combined)
    out = []
    for k, u in enumerate(uniques):
        market, _, code = u.partition("\x1f") if markets is not None else ("", "", u)
        if markets is not None and market not in MARKETS:
            i = _first(codes, k)
            raise t.error(i, market_key, f"{_show(markets[i])} is not a market (sh, sz or bj)")
        try:
            out.append(_resolve(code, market or None))
        except UnknownCode as exc:
            detail = "" if "fits no board" in str(exc) else f" ({exc})"
            raise t.error(_first(codes, k), key, f"code {_show(code)} fits no board{detail}") \
                from None
    return Symbols(*(_take([r[j] for r in out], codes) for j in range(4)))


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


def time_on_grid(value: str) -> str:
    """A clock time snapped to its session slot (15:00:03 -> 15:00, 12:10 -> 11:30)."""
    from app.market.session import slot_of, time_of

    return time_of(slot_of(value))
