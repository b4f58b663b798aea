"""TongDaXin (通达信) vipdoc binaries: ``.day`` daily bars and ``.lc1`` / ``.lc5`` minute bars.

Layout ``<TDX>/vipdoc/{sh,sz,bj}/lday/sh600000.day``, ``…/minline/*.lc1``, ``…/fzline/*.lc5``; the
market and code come from the file name. All little-endian, 32-byte records.

- ``.day`` ``<IIIIIfII``: date YYYYMMDD; open/high/low/close integers ÷100 (÷1000 for SH B-shares
  900xxx); amount float32 yuan; volume uint32 — **shares** for stocks, **lots (手)** for indices
  (sh000001 2023-02-24: 234,206,306 with 308.0 bn yuan; stored ×100 as shares); reserved.
  Indices (sh000xxx, sz399xxx, …) go to index_daily, stocks to daily; prev_close is the previous
  record's close (raw, not the ex-rights reference, on ex-dividend days).
- ``.lc1`` / ``.lc5`` ``<HHfffffII``: packed date (year = d // 2048 + 2004, month = d % 2048 // 100,
  day = d % 2048 % 100); minutes since midnight (end-labelled bar time); OHLC float32 yuan; amount
  float32 yuan; volume uint32; reserved. Index bars go to index_bars with volume as given (its unit
  is UNVERIFIED: in the real sh000001.lc5 it equals amount / 100); stock .lc1 bars become cumulative
  quotes; stock .lc5 bars are not stored (reported in the summary).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from app.ingest.dates import first_non_trading_day, trading_day_problem
from app.ingest.errors import IngestError
from app.ingest.frames import Options, Parsed, Source, index_rows
from app.ingest.minutes_common import snapshots
from app.ingest.table import MAX_VALUE
from app.market.boards import Board, UnknownCode, board_of
from app.market.session import is_trading_minute

NAME = "tdx_vipdoc"
RECORD = 32
EXTENSIONS = (".day", ".lc1", ".lc5")
DAY_DTYPE = np.dtype([("date", "<u4"), ("open", "<u4"), ("high", "<u4"), ("low", "<u4"),
                      ("close", "<u4"), ("amount", "<f4"), ("volume", "<u4"), ("reserved", "<u4")])
LC_DTYPE = np.dtype([("date", "<u2"), ("minute", "<u2"), ("open", "<f4"), ("high", "<f4"),
                     ("low", "<f4"), ("close", "<f4"), ("amount", "<f4"), ("volume", "<u4"),
                     ("reserved", "<u4")])
INDEX_VOLUME_SCALE = 100.0   # .day index volume is in lots
_NAME_RE = re.compile(r"^(sh|sz|bj)(\d{6})\.(day|lc1|lc5)$", re.IGNORECASE)


def symbol_of(path: Path) -> tuple[str, str, Board]:
    """(market, code, board) from 'sh600000.day'; errors name the file."""
    m = _NAME_RE.match(path.name)
    if not m:
        raise IngestError(path, None, "file name", "a TDX file is named by market and code, "
                          "e.g. sh600000.day, sz399006.lc1")
    mkt, code = m.group(1).lower(), m.group(2)
    try:
        return mkt, code, board_of(mkt, code)
    except UnknownCode as exc:
        raise IngestError(path, None, "file name", f"code {mkt}{code} fits no board ({exc}); "
                          f"funds, bonds and other instruments are not imported") from None


def fits_a_board(path: Path) -> bool:
    try:
        symbol_of(path)
    except IngestError:
        return False
    return True


def _records(src: Source, dtype: np.dtype) -> np.ndarray:
    n = len(src.data)
    if n % RECORD:
        raise IngestError(src.path, None, "size", f"{n} bytes is not a multiple of {RECORD}: "
                          f"a truncated or damaged TDX file ({n // RECORD} whole records and "
                          f"{n % RECORD} bytes left over)")
    return np.frombuffer(src.data, dtype=dtype)


def _err(src: Source, i: int, field: str, message: str) -> IngestError:
    return IngestError(src.path, i + 1, field, f"record {i + 1} (byte {i * RECORD}): {message}")


def _check_float(src: Source, a: np.ndarray, field: str, *, positive: bool = False) -> np.ndarray:
    v = a.astype(np.float64)
    bad = ~np.isfinite(v) | (v <= 0 if positive else v < 0)
    if bad.any():
        i = int(bad.argmax())
        raise _err(src, i, field, f"{v[i]!r} is not a {'positive' if positive else 'valid'} value")
    huge = v > MAX_VALUE
    if huge.any():
        i = int(huge.argmax())
        raise _err(src, i, field, f"{float(v[i]):g} is beyond any real value (corrupt record?)")
    return v


def _check_days(src: Source, iso: np.ndarray) -> None:
    i = first_non_trading_day(iso)
    if i is not None:
        raise _err(src, i, "date", trading_day_problem(str(iso[i])) or "not a trading day")


def parse(src: Source, opts: Options) -> Parsed:
    ext = src.path.suffix.lower()
    if ext == ".day":
        return parse_day(src)
    if ext in (".lc1", ".lc5"):
        return parse_lc(src, period=int(ext[-1]))
    raise IngestError(src.path, None, "file name", "a TDX file ends in .day, .lc1 or .lc5")


def _day_dates(src: Source, raw: np.ndarray) -> np.ndarray:
    """ISO strings of YYYYMMDD integers, checked (vectorised: a vipdoc holds millions)."""
    y, m, d = raw // 10000, raw // 100 % 100, raw % 100
    ok = (y >= 1990) & (y <= 2100) & (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31)
    ys, ms, ds = np.where(ok, y, 2000), np.where(ok, m, 1), np.where(ok, d, 1)
    month = (ys - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (ms - 1)
    day = month.astype("datetime64[D]") + (ds - 1)
    ok &= day.astype("datetime64[M]") == month        # 20230230 rolls into March: not a date
    if not ok.all():
        i = int((~ok).argmax())
        raise _err(src, i, "date", f"{int(raw[i])} is not a date (YYYYMMDD)")
    return np.datetime_as_string(day, unit="D").astype(object)


def parse_day(src: Source) -> Parsed:
    mkt, code, board = symbol_of(src.path)
    symbol = mkt + code
    rec = _records(src, DAY_DTYPE)
    parsed = Parsed(NAME, src.path, rows=len(rec), params=f"file={symbol}.day")
    if not len(rec):
        parsed.notes.append("empty file: no records")
        return parsed
    raw = rec["date"]
    dates = _day_dates(src, raw.astype(np.int64))
    if len(raw) > 1 and (np.diff(raw.astype(np.int64)) <= 0).any():
        i = int((np.diff(raw.astype(np.int64)) <= 0).argmax()) + 1
        raise _err(src, i, "date", f"{int(raw[i])} does not follow {int(raw[i - 1])}: records out "
                                   f"of order or repeated")
    _check_days(src, dates)
    div = 1000.0 if board == Board.B_SHARE and mkt == "sh" else 100.0
    close = rec["close"].astype(np.float64)
    if (close <= 0).any():
        raise _err(src, int((close <= 0).argmax()), "close", "close is 0")
    close = close / div
    o, h, low = (np.where(rec[k] > 0, rec[k] / div, np.nan) for k in ("open", "high", "low"))
    amount = _check_float(src, rec["amount"], "amount")
    is_index = board == Board.INDEX
    volume = rec["volume"].astype(np.float64) * (INDEX_VOLUME_SCALE if is_index else 1.0)
    prev = np.concatenate([[np.nan], close[:-1]])
    frame = pd.DataFrame({"date": dates, "symbol": symbol, "open": o, "high": h, "low": low,
                          "close": close, "prev_close": prev, "volume": volume, "amount": amount})
    if is_index:
        parsed.add("index_daily", frame)
        parsed.add("indices", index_rows({symbol}))
    else:
        parsed.add("daily", frame)
        parsed.add("stocks", pd.DataFrame({"symbol": [symbol], "code": [code], "market": [mkt],
                                           "board": [board.value]}))
    return parsed


def _lc_dates(src: Source, packed: np.ndarray) -> np.ndarray:
    from datetime import date

    out = np.empty(len(packed), dtype=object)
    for p in np.unique(packed):
        y, rest = int(p) // 2048 + 2004, int(p) % 2048
        try:
            iso = date(y, rest // 100, rest % 100).isoformat()
        except ValueError:
            raise _err(src, int(np.argmax(packed == p)), "date",
                       f"packed date {int(p)} is not a date") from None
        problem = trading_day_problem(iso)
        if problem:
            raise _err(src, int(np.argmax(packed == p)), "date", problem)
        out[packed == p] = iso
    return out


def _lc_times(src: Source, minutes: np.ndarray) -> np.ndarray:
    out = np.empty(len(minutes), dtype=object)
    for m in np.unique(minutes):
        hhmm = f"{int(m) // 60:02d}:{int(m) % 60:02d}"
        if int(m) >= 24 * 60 or not is_trading_minute(hhmm):
            raise _err(src, int(np.argmax(minutes == m)), "time",
                       f"minute {int(m)} ({hhmm if int(m) < 1440 else '?'}) is not a minute of "
                       f"the trading session")
        out[minutes == m] = hhmm
    return out


def parse_lc(src: Source, period: int) -> Parsed:
    mkt, code, board = symbol_of(src.path)
    symbol = mkt + code
    rec = _records(src, LC_DTYPE)
    parsed = Parsed(NAME, src.path, rows=len(rec), params=f"file={symbol}.lc{period}")
    if not len(rec):
        parsed.notes.append("empty file: no records")
        return parsed
    key = rec["date"].astype(np.int64) * 2048 + rec["minute"].astype(np.int64)
    if len(key) > 1 and (np.diff(key) <= 0).any():
        i = int((np.diff(key) <= 0).argmax()) + 1
        raise _err(src, i, "time", "bars out of order or repeated")
    dates = _lc_dates(src, rec["date"])
    times = _lc_times(src, rec["minute"])
    # float32 prices carry noise (3811.199951…): round to the tick (0.01; 0.001 for SH B-shares).
    dec = 3 if board == Board.B_SHARE and mkt == "sh" else 2
    close = np.round(_check_float(src, rec["close"], "close", positive=True), dec)
    o, h, low = (_check_float(src, rec[k], k) for k in ("open", "high", "low"))
    o, h, low = (np.where(a > 0, np.round(a, dec), np.nan) for a in (o, h, low))
    amount = _check_float(src, rec["amount"], "amount")
    volume = rec["volume"].astype(np.float64)
    bars = pd.DataFrame({"date": dates, "time": times, "symbol": symbol, "open": o, "high": h,
                         "low": low, "close": close, "volume": volume, "amount": amount})
    if board == Board.INDEX:
        parsed.add("index_bars", bars)
        parsed.add("indices", index_rows({symbol}))
        parsed.notes.append(f"{period}-minute index bars; volume stored as given (unit unverified)")
        return parsed
    parsed.add("stocks", pd.DataFrame({"symbol": [symbol], "code": [code], "market": [mkt],
                                       "board": [board.value]}))
    if period == 1:
        parsed.add("quotes", snapshots(bars))
        parsed.notes.append("1-minute stock bars stored as cumulative snapshots")
    else:
        parsed.notes.append(f"{period}-minute stock bars: nothing stored intraday (snapshots are "
                            f"per minute; import .lc1 or a daily file instead)")
    return parsed


def walk(folder: Path) -> list[Path]:
    """TDX files under ``folder`` (a TDX root, a vipdoc folder or any folder below one)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
