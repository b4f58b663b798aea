"""Short fuzz of the CSV and TDX parsers: random input imports correctly or raises IngestError."""

from __future__ import annotations

import csv
import io
import sqlite3
import struct
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ingest import sink
from app.ingest.errors import IngestError
from app.ingest.frames import COLUMNS, Options, Parsed
from app.ingest.runner import parse_file
from app.store.schema import ensure_schema

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPTS = Options(date="2026-06-02", today="2026-06-02")

HEADERS = {
    ("akshare_spot_em", "spot.csv"): ["序号", "代码", "名称", "最新价", "成交量", "成交额", "最高", "最低",
                                      "今开", "昨收", "流通市值"],
    ("sina_spot", "sina.csv"): ["代码", "名称", "最新价", "昨收", "今开", "最高", "最低", "成交量", "成交额",
                                "时间戳"],
    ("tushare_daily", "daily.csv"): ["ts_code", "trade_date", "open", "high", "low", "close",
                                     "pre_close", "vol", "amount"],
    ("tushare_stock_basic", "basic.csv"): ["ts_code", "symbol", "name", "area", "industry",
                                           "list_date"],
    ("tdx_daily_csv", "md.csv"): ["trade_date", "market", "code", "open", "high", "low", "close",
                                  "prev_close", "amount_yuan", "volume", "pct_chg"],
    ("index_daily_csv", "idx.csv"): ["date", "open", "close", "high", "low", "volume", "amount",
                                     "code"],
    ("akshare_index_daily", "sh000001.csv"): ["date", "open", "high", "low", "close", "volume"],
    ("akshare_minutes", "sz000001_1min.csv"): ["时间", "开盘", "收盘", "最高", "最低", "成交量", "成交额"],
    ("eastmoney_boards", "em_2026-03-15.csv"): ["板块名称", "板块代码", "代码", "名称"],
    ("baostock_industry", "bs.csv"): ["updateDate", "code", "code_name", "industry",
                                      "industryClassification"],
}
TOKENS = st.one_of(
    st.sampled_from(["", "-", "nan", "0", "1", "-1", "10.5", "1e3", "inf", "1e400", "abc", "０",
                     "600000", "000001", "300308", "920001", "123456", "201872", "sh600000",
                     "sz399006", "bj920001", "600000.SH", "000001.SZ", "399006.SZ", "sh.600000",
                     "20230224", "2023-02-24", "20230225", "2023-02-30", "2026-06-02",
                     "2026-06-02 09:31:00", "2026-06-02 09:30:00", "2026-06-02 12:00:00",
                     "15:00:03", "10:30", "J66货币金融服务", "X99", "sh", "sz", "xx", "BK0001",
                     "平安银行", "银行"]),
    st.text(max_size=8),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**12, 10**12).map(str),
)


def _check(parsed: Parsed) -> None:
    """A successful parse gives the normalised frames the store step can write."""
    assert isinstance(parsed, Parsed)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        ensure_schema(conn)
        for kind, frame in parsed.frames.items():
            assert tuple(frame.columns) == COLUMNS[kind]
            if kind in ("quotes", "daily", "index_daily", "index_bars"):
                for col in ("volume", "amount"):
                    v = frame[col].to_numpy(dtype=float)
                    assert not (v[np.isfinite(v)] < 0).any()
        conn.execute("BEGIN")
        sink.write_frames(conn, parsed.frames)
        conn.execute("ROLLBACK")
    finally:
        conn.close()


def _parse(name: str, fmt: str, data: bytes) -> None:
    try:
        parsed = parse_file(Path(name), fmt, OPTS, data=data)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    _check(parsed)


@FUZZ
@given(key=st.sampled_from(sorted(HEADERS)),
       rows=st.lists(st.lists(TOKENS, min_size=1, max_size=12), max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
       auto=st.booleans())
def test_csv_parsers_fuzz(key: tuple[str, str], rows: list[list[str]], encoding: str,
                          auto: bool) -> None:
    fmt, name = key
    header = HEADERS[key]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for r in rows:
        w.writerow((r * len(header))[:len(header)] if len(r) < len(header) and len(r) > 2 else r)
    _parse(name, "auto" if auto else fmt, buf.getvalue().encode(encoding, errors="replace"))


@FUZZ
@given(data=st.binary(max_size=300), name=st.sampled_from(["spot.csv", "sz000001_1min.csv",
                                                            "daily.csv"]))
def test_arbitrary_bytes_as_text_fuzz(data: bytes, name: str) -> None:
    _parse(name, "auto", data)


DAY = st.tuples(
    st.one_of(st.sampled_from([20230222, 20230223, 20230224, 20230225, 20230123, 20230230,
                               19901219, 0, 4294967295]), st.integers(0, 2**32 - 1)),
    st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1),
    st.one_of(st.integers(0, 2**32 - 1), st.just(0)),
    st.floats(width=32, allow_nan=True, allow_infinity=True),
    st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))


@FUZZ
@given(records=st.lists(DAY, max_size=5), tail=st.binary(max_size=40),
       name=st.sampled_from(["sh600000.day", "sz399006.day", "sh900901.day", "bj920001.day"]))
def test_day_parser_fuzz(records: list[tuple], tail: bytes, name: str) -> None:
    data = b"".join(struct.pack("<IIIIIfII", *r) for r in records) + tail
    _parse(name, "auto", data)


@settings(max_examples=50, deadline=None)
@given(closes=st.lists(st.integers(1, 10**7), min_size=1, max_size=3))
def test_day_parser_valid_records_roundtrip(closes: list[int]) -> None:
    days = [20230222, 20230223, 20230224][:len(closes)]
    data = b"".join(struct.pack("<IIIIIfII", d, c, c, c, c, 1000.0, 5, 0)
                    for d, c in zip(days, closes, strict=True))
    parsed = parse_file(Path("sz000001.day"), "auto", OPTS, data=data)
    d = parsed.frames["daily"]
    assert d["close"].tolist() == [c / 100 for c in closes]
    assert d["prev_close"].tolist()[1:] == [c / 100 for c in closes[:-1]]
    _check(parsed)


LC = st.tuples(
    st.one_of(st.just((2023 - 2004) * 2048 + 224), st.integers(0, 2**16 - 1)),
    st.one_of(st.sampled_from([571, 575, 690, 781, 900, 0, 1500]), st.integers(0, 2**16 - 1)),
    *[st.floats(width=32, allow_nan=True, allow_infinity=True)] * 5,
    st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))


@FUZZ
@given(records=st.lists(LC, max_size=5), tail=st.binary(max_size=40),
       name=st.sampled_from(["sz000001.lc1", "sh000001.lc5", "sz300308.lc5"]))
def test_lc_parser_fuzz(records: list[tuple], tail: bytes, name: str) -> None:
    data = b"".join(struct.pack("<HHfffffII", *r) for r in records) + tail
    _parse(name, "auto", data)


CELLS = st.text(alphabet=st.sampled_from(list("ab1.- \t中,\r\n")), max_size=6)


@FUZZ
@given(rows=st.lists(st.lists(CELLS, min_size=1, max_size=4), min_size=1, max_size=6))
def test_fast_and_csv_splitters_agree(rows: list[list[str]]) -> None:
    """pandas' C parser (plain files) and the csv module give the same cells and line numbers."""
    from app.ingest.frames import Source
    from app.ingest.csv_split import split_csv, split_fast

    text = "\n".join(",".join(r) for r in rows) + "\n"
    fast = split_fast(text, ",")
    if fast is None:
        return
    try:
        slow = split_csv(Source(Path("x.csv"), b""), text, ",")
    except IngestError:
        raise AssertionError("the fast path accepted what the csv module refuses") from None
    assert [h.strip() for h in fast[0]] == [h.strip() for h in slow[0]]
    assert [c.tolist() for c in fast[1]] == [c.tolist() for c in slow[1]]
    assert fast[2].tolist() == slow[2].tolist()


def test_an_lc1_record_with_an_absurd_amount_is_refused_with_its_field() -> None:
    """Found by the fuzz run: a float32 amount of 2e21 yuan overflowed the store's 64-bit integers
    (a RuntimeWarning from the cast); the parser now refuses it, naming the field."""
    data = struct.pack("<HHfffffII", 39136, 571, 0.0, 0.0, 0.0, 6.157912796613837e16,
                       2.039208659912619e21, 0, 0)
    with pytest.raises(IngestError, match=r"field (close|amount): .* beyond any real value"):
        parse_file(Path("sz000001.lc1"), "auto", OPTS, data=data)
