"""Hand-made files of every format: units, encodings, suspension, routing, board-aware codes."""

from __future__ import annotations

import sqlite3
import struct
from datetime import date
from pathlib import Path

import pytest

from app.ingest.errors import IngestError
from app.ingest.runner import run_import


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = folder / name
    p.write_bytes(text.encode(encoding))
    return p


def _q(db: Path, sql: str, *params):  # type: ignore[no-untyped-def]
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


EM_SPOT = """序号,代码,名称,最新价,涨跌幅,涨跌额,成交量,成交额,振幅,最高,最低,今开,昨收,量比,换手率,市盈率-动态,市净率,总市值,流通市值
1,600487,亨通光电,25.30,10.00,2.30,1234567,3100000000.0,8.0,25.30,23.50,23.60,23.00,2.1,5.0,30,3,62000000000,61000000000
2,300308,中际旭创,150.12,-2.00,-3.06,200000,3000000000,4,153.00,149.00,152.00,153.18,1,2,40,8,168000000000,150000000000
3,000001,平安银行,,,,,,,,,,11.00,,,,,,
4,920001,纬达光电,20.00,0,0,1000,2000000,1,20.50,19.50,20.00,20.00,1,1,10,2,1000000000,500000000
"""


def test_em_spot_utf8_bom_units_and_suspension(tmp_path: Path) -> None:
    path = _write(tmp_path, "spot_em.csv", EM_SPOT, "utf-8-sig")
    db = tmp_path / "s.sqlite"
    s = run_import([path], db, date="2026-06-02")
    f = s.files[0]
    assert (f.format, f.status, f.rows, f.encoding) == (
        "akshare_spot_em", "imported", 4, "utf-8-sig")
    q = {r[0]: r[1:] for r in _q(db, "SELECT symbol, time, last, prev_close, open, high, low, "
                                     "volume, amount FROM quotes WHERE date = '2026-06-02'")}
    assert set(q) == {"sh600487", "sz300308", "sz000001", "bj920001"}
    assert q["sh600487"] == ("15:00", 25.30, 23.00, 23.60, 25.30, 23.50, 123_456_700.0, 3.1e9)
    # Suspended: last NULL, volume 0 — never a −100 % move — and no daily bar.
    assert q["sz000001"] == ("15:00", None, 11.00, None, None, None, 0.0, 0.0)
    daily = dict(_q(db, "SELECT symbol, close FROM daily WHERE date = '2026-06-02'"))
    assert daily == {"sh600487": 25.30, "sz300308": 150.12, "bj920001": 20.00}
    assert _q(db, "SELECT prev_close, volume FROM daily WHERE symbol = 'sh600487'") == [
        (23.00, 123_456_700.0)]
    st = {r[0]: r[1:] for r in _q(db, "SELECT symbol, board, name, float_shares FROM stocks")}
    assert st["sh600487"] == ("sse_main", "亨通光电", round(61e9 / 25.30))
    assert st["bj920001"][0] == "bse" and st["sz300308"][0] == "chinext"
    assert _q(db, "SELECT date, name FROM names WHERE symbol = 'sz000001'") == [
        ("2026-06-02", "平安银行")]


def test_em_spot_needs_a_date(tmp_path: Path) -> None:
    path = _write(tmp_path, "spot_em.csv", EM_SPOT)
    with pytest.raises(IngestError) as e:
        run_import([path], tmp_path / "s.sqlite")
    assert e.value.field == "--date" and "pass --date" in str(e.value)
    assert not (tmp_path / "s.sqlite").exists()
    # A date in the file name is enough; a --date that is no trading day is refused.
    dated = _write(tmp_path, "spot_em_2026-06-01.csv", EM_SPOT)
    run_import([dated], tmp_path / "d.sqlite")
    assert _q(tmp_path / "d.sqlite", "SELECT DISTINCT date FROM quotes") == [("2026-06-01",)]
    with pytest.raises(IngestError, match=r"field --date: 2026-06-06 is not a trading day"):
        run_import([path], tmp_path / "s.sqlite", date="2026-06-06")


def test_spot_files_build_daily_history(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    day2 = EM_SPOT.replace("25.30,10.00", "26.00,2.77").replace(",23.00,2.1", ",25.30,2.1")
    run_import([_write(tmp_path, "a_2026-06-01.csv", EM_SPOT),
                _write(tmp_path, "b_2026-06-02.csv", day2)], db)
    assert _q(db, "SELECT date, close, prev_close FROM daily WHERE symbol = 'sh600487' "
                  "ORDER BY date") == [("2026-06-01", 25.30, 23.00), ("2026-06-02", 26.00, 25.30)]


SINA_SPOT = """代码,名称,最新价,涨跌额,涨跌幅,买入,卖出,昨收,今开,最高,最低,成交量,成交额,时间戳
sh600000,浦发银行,10.50,0.10,0.96,10.49,10.50,10.40,10.41,10.55,10.38,12345600,129000000,15:00:03
sz000002,万科Ａ,0.000,0,0,0,0,8.50,0,0,0,0,0,15:00:00
bj920002,北交样本,30.00,1.00,3.45,29.90,30.00,29.00,29.00,30.50,28.80,100000,3000000,14:59:58
"""


def test_sina_spot_gbk_shares_and_zero_price_suspension(tmp_path: Path) -> None:
    path = _write(tmp_path, "sina.csv", SINA_SPOT, "gbk")
    db = tmp_path / "s.sqlite"
    s = run_import([path], db, date="2026-06-02")
    assert (s.files[0].format, s.files[0].encoding) == ("sina_spot", "gb18030")
    q = {r[0]: r[1:] for r in _q(db, "SELECT symbol, time, last, prev_close, volume FROM quotes")}
    assert q["sh600000"] == ("15:00", 10.50, 10.40, 12_345_600.0)   # 成交量 is shares already
    assert q["sz000002"] == ("15:00", None, 8.50, 0.0)               # 最新价 0 = suspended
    assert _q(db, "SELECT count(*) FROM daily") == [(2,)]
    assert _q(db, "SELECT name FROM stocks WHERE symbol = 'sz000002'") == [("万科Ａ",)]


def test_sina_intraday_snapshot_has_no_daily_bar(tmp_path: Path) -> None:
    text = SINA_SPOT.replace("15:00:03", "10:30:05").replace("15:00:00", "10:29:59") \
                    .replace("14:59:58", "10:30:01")
    db = tmp_path / "s.sqlite"
    s = run_import([_write(tmp_path, "sina.csv", text)], db, date="2026-06-02")
    assert _q(db, "SELECT DISTINCT time FROM quotes") == [("10:30",)]
    assert _q(db, "SELECT count(*) FROM daily") == [(0,)]
    assert any("no daily bar" in n for n in s.files[0].notes)
    # --time overrides the file's stamps.
    run_import([_write(tmp_path, "sina2.csv", text)], db, date="2026-06-02", time="10:31")
    assert _q(db, "SELECT DISTINCT time FROM quotes ORDER BY time") == [("10:30",), ("10:31",)]


TS_DAILY = """ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount
000001.SZ,20230224,13.99,14.03,13.80,13.86,14.02,-0.16,-1.1412,729989,1012652.5
000001.SH,20230224,3287.26,3288.39,3253.97,3267.16,3287.48,-20.32,-0.6181,234206306,308004347.7
"""


def test_tushare_daily_units_and_index_routing(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    run_import([_write(tmp_path, "daily.csv", TS_DAILY)], db)
    assert _q(db, "SELECT date, symbol, close, prev_close, volume, amount FROM daily") == [
        ("2023-02-24", "sz000001", 13.86, 14.02, 72_998_900.0, 1_012_652_500.0)]
    (row,) = _q(db, "SELECT symbol, close, volume, amount FROM index_daily")
    assert row[:3] == ("sh000001", 3267.16, 23_420_630_600.0)
    assert row[3] == pytest.approx(308_004_347_700.0)
    assert _q(db, "SELECT name FROM indices") == [("上证指数",)]


TS_BASIC = """ts_code,symbol,name,area,industry,list_date
600487.SH,600487,亨通光电,江苏,通信设备,20030822
300308.SZ,300308,中际旭创,山东,通信设备,20120410
920001.BJ,920001,纬达光电,辽宁,元器件,
"""


def test_tushare_stock_basic_gbk(tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    run_import([_write(tmp_path, "stock_basic.csv", TS_BASIC, "gbk")], db)
    assert _q(db, "SELECT symbol, name, list_date, industry, board FROM stocks "
                  "ORDER BY symbol") == [
        ("bj920001", "纬达光电", None, "元器件", "bse"),
        ("sh600487", "亨通光电", "2003-08-22", "通信设备", "sse_main"),
        ("sz300308", "中际旭创", "2012-04-10", "通信设备", "chinext")]
    assert _q(db, "SELECT id, name, kind FROM sectors ORDER BY id") == [
        ("ts:元器件", "元器件", "industry"), ("ts:通信设备", "通信设备", "industry")]
    today = date.today().isoformat()
    assert _q(db, "SELECT symbol, as_of FROM sector_members WHERE sector_id = 'ts:通信设备' "
                  "ORDER BY symbol") == [("sh600487", today), ("sz300308", today)]


def test_stock_basic_keeps_what_a_later_file_does_not_know(tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite"
    run_import([_write(tmp_path, "stock_basic.csv", TS_BASIC)], db, date="2026-06-01")
    run_import([_write(tmp_path, "spot.csv", EM_SPOT)], db, date="2026-06-02")
    assert _q(db, "SELECT name, list_date, industry FROM stocks WHERE symbol = 'sh600487'") == [
        ("亨通光电", "2003-08-22", "通信设备")]


def test_eastmoney_boards_and_baostock(tmp_path: Path) -> None:
    em = _write(tmp_path, "boards_2026-03-15.csv", "板块名称,板块代码,代码,名称\n"
                "CPO概念,BK1128,300308,中际旭创\nCPO概念,BK1128,600487,亨通光电\n"
                "光通信模块,BK0999,300308,中际旭创\n")
    bs = _write(tmp_path, "industry.csv", "updateDate,code,code_name,industry,"
                "industryClassification\n2026-03-09,sh.600000,浦发银行,J66货币金融服务,证监会行业分类\n"
                "2026-03-09,sh.600001,邯郸钢铁,,证监会行业分类\n"
                "2026-03-09,sz.300308,中际旭创,C39计算机、通信和其他电子设备制造业,证监会行业分类\n", "gbk")
    db = tmp_path / "sec.sqlite"
    run_import([em, bs], db)
    assert _q(db, "SELECT id, name, kind, parent_id FROM sectors ORDER BY id") == [
        ("csrc:C", "制造业", "industry", None),
        ("csrc:C39", "计算机、通信和其他电子设备制造业", "industry", "csrc:C"),
        ("csrc:J", "金融业", "industry", None),
        ("csrc:J66", "货币金融服务", "industry", "csrc:J"),
        ("em:BK0999", "光通信模块", "concept", None),
        ("em:BK1128", "CPO概念", "concept", None)]
    assert _q(db, "SELECT sector_id, symbol, as_of FROM sector_members ORDER BY 1, 2") == [
        ("csrc:C39", "sz300308", "2026-03-09"), ("csrc:J66", "sh600000", "2026-03-09"),
        ("em:BK0999", "sz300308", "2026-03-15"), ("em:BK1128", "sh600487", "2026-03-15"),
        ("em:BK1128", "sz300308", "2026-03-15")]


MIN1 = """时间,开盘,收盘,最高,最低,成交量,成交额,均价
2026-06-02 09:30:00,11.00,11.00,11.00,11.00,1000,1100000,11.00
2026-06-02 09:31:00,11.00,11.10,11.12,10.98,2000,2210000,11.05
2026-06-02 09:32:00,11.10,11.05,11.15,11.04,1500,1660000,11.06
"""


def test_akshare_stock_minutes_become_cumulative_snapshots(tmp_path: Path) -> None:
    db = tmp_path / "m.sqlite"
    prior = _write(tmp_path, "daily.csv", "ts_code,trade_date,open,high,low,close,pre_close,vol,"
                   "amount\n000001.SZ,20260601,10.8,10.95,10.7,10.90,10.80,1000,1000\n")
    run_import([prior, _write(tmp_path, "sz000001_1min.csv", MIN1)], db)
    rows = _q(db, "SELECT time, last, prev_close, open, high, low, volume, amount FROM quotes "
                  "WHERE symbol = 'sz000001' ORDER BY time")
    assert rows == [("09:30", 11.00, 10.90, 11.00, 11.00, 11.00, 100_000.0, 1_100_000.0),
                    ("09:31", 11.10, 10.90, 11.00, 11.12, 10.98, 300_000.0, 3_310_000.0),
                    ("09:32", 11.05, 10.90, 11.00, 11.15, 10.98, 450_000.0, 4_970_000.0)]


def test_akshare_index_minutes_and_symbol_from_name(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    run_import([_write(tmp_path, "399006.csv", MIN1)], db)
    assert _q(db, "SELECT symbol, time, close, volume FROM index_bars ORDER BY time")[0] == (
        "sz399006", "09:30", 11.00, 100_000.0)
    with pytest.raises(IngestError, match=r"000001 is ambiguous.*sh000001.*sz000001"):
        run_import([_write(tmp_path, "000001.csv", MIN1)], db)
    with pytest.raises(IngestError, match="name the file by its symbol"):
        run_import([_write(tmp_path, "minutes.csv", MIN1)], db)


def test_five_minute_stock_bars_store_nothing_intraday(tmp_path: Path) -> None:
    text = ("时间,开盘,收盘,最高,最低,涨跌幅,涨跌额,成交量,成交额,振幅,换手率\n"
            "2026-06-02 09:35:00,150,151,152,149,0.5,0.7,1000,15000000,1.9,0.1\n"
            "2026-06-02 09:40:00,151,150,151.5,149.5,-0.6,-1,800,12000000,1.3,0.1\n")
    db = tmp_path / "f.sqlite"
    s = run_import([_write(tmp_path, "sz300308_5min.csv", text)], db)
    assert _q(db, "SELECT count(*) FROM quotes") == [(0,)]
    assert any("5-minute stock bars" in n and "nothing stored" in n for n in s.files[0].notes)


def test_akshare_index_daily(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    run_import([_write(tmp_path, "sh000001.csv", "date,open,high,low,close,volume\n"
                       "2023-02-23,3290,3292,3276,3287.48,25000000000\n"
                       "2023-02-24,3287.26,3288.39,3253.97,3267.16,23420630600\n")], db)
    assert _q(db, "SELECT date, close, prev_close, volume FROM index_daily ORDER BY date") == [
        ("2023-02-23", 3287.48, None, 25e9), ("2023-02-24", 3267.16, 3287.48, 23420630600.0)]


def _day(d: int, o: int, h: int, low: int, c: int, amount: float, vol: int) -> bytes:
    return struct.pack("<IIIIIfII", d, o, h, low, c, amount, vol, 0)


def _lc(y: int, m: int, d: int, minute: int, o: float, h: float, low: float, c: float,
        amount: float, vol: int) -> bytes:
    return struct.pack("<HHfffffII", (y - 2004) * 2048 + m * 100 + d, minute, o, h, low, c,
                       amount, vol, 0)


def test_tdx_day_stock_and_b_share(tmp_path: Path) -> None:
    (tmp_path / "sh600000.day").write_bytes(
        _day(20230223, 750, 760, 745, 755, 1.5e8, 20_000_000)
        + _day(20230224, 755, 758, 740, 742, 1.2e8, 16_000_000))
    (tmp_path / "sh900901.day").write_bytes(_day(20230224, 301, 305, 299, 302, 1e6, 3000))
    db = tmp_path / "t.sqlite"
    run_import([tmp_path / "sh600000.day", tmp_path / "sh900901.day"], db)
    assert _q(db, "SELECT date, open, close, prev_close, volume, amount FROM daily WHERE "
                  "symbol = 'sh600000' ORDER BY date") == [
        ("2023-02-23", 7.50, 7.55, None, 20_000_000.0, 1.5e8),
        ("2023-02-24", 7.55, 7.42, 7.55, 16_000_000.0, 1.2e8)]
    assert _q(db, "SELECT close FROM daily WHERE symbol = 'sh900901'") == [(0.302,)]


def test_tdx_lc1_stock_snapshots_and_lc5_skipped(tmp_path: Path) -> None:
    bars = (_lc(2023, 2, 24, 571, 10.0, 10.2, 9.9, 10.1, 1e6, 100_000)
            + _lc(2023, 2, 24, 572, 10.1, 10.3, 10.0, 10.25, 2e6, 200_000))
    (tmp_path / "sz000001.lc1").write_bytes(bars)
    (tmp_path / "sz000001.lc5").write_bytes(bars)
    db = tmp_path / "l.sqlite"
    s = run_import([tmp_path / "sz000001.lc1", tmp_path / "sz000001.lc5"], db)
    assert _q(db, "SELECT time, last, open, high, low, volume, amount FROM quotes "
                  "ORDER BY time") == [
        ("09:31", 10.1, 10.0, 10.2, 9.9, 100_000.0, 1e6),
        ("09:32", 10.25, 10.0, 10.3, 9.9, 300_000.0, 3e6)]
    assert any("nothing stored intraday" in n for n in s.files[1].notes)


def test_vipdoc_folder_walk_skips_funds(tmp_path: Path) -> None:
    lday = tmp_path / "vipdoc" / "sh" / "lday"
    lday.mkdir(parents=True)
    (lday / "sh600000.day").write_bytes(_day(20230224, 755, 758, 740, 742, 1.2e8, 16_000_000))
    (lday / "sh510300.day").write_bytes(_day(20230224, 4100, 4110, 4050, 4061, 1e9, 1000))  # ETF
    (lday / "sh000001.day").write_bytes(_day(20230224, 328726, 328839, 325397, 326716, 3e11, 2))
    db = tmp_path / "v.sqlite"
    s = run_import([tmp_path / "vipdoc"], db)
    assert (s.imported, s.skipped) == (2, 1)
    assert _q(db, "SELECT symbol, close FROM index_daily") == [("sh000001", 3267.16)]
    # Named explicitly, a file whose code fits no board is an error.
    with pytest.raises(IngestError, match=r"sh510300\.day: field file name: code sh510300 fits no"):
        run_import([lday / "sh510300.day"], db)


# --- errors: FILE:LINE: field X: problem ------------------------------------------------------

@pytest.mark.parametrize(("name", "text", "opts", "expected"), [
    ("spot.csv", EM_SPOT.replace(",昨收", ",昨收盘"), {"date": "2026-06-02"},
     ":1: field 昨收: missing column"),
    ("spot.csv", EM_SPOT.replace("150.12", "150,12"), {"date": "2026-06-02"},
     ":3: expected 19 fields, found 20"),
    ("spot.csv", EM_SPOT.replace("150.12", "abc"), {"date": "2026-06-02"},
     ":3: field 最新价: 'abc' is not a price"),
    ("spot.csv", EM_SPOT.replace(",200000,", ",-5,"), {"date": "2026-06-02"},
     ":3: field 成交量: negative volume '-5'"),
    ("spot.csv", EM_SPOT.replace("920001", "123456"), {"date": "2026-06-02"},
     ":5: field 代码: code '123456' fits no board"),
    ("spot.csv", EM_SPOT + "5,600487,亨通光电,25.31,,,1,1,,,,,23.00,,,,,,\n",
     {"date": "2026-06-02"}, ":6: field 代码: duplicate code with different values (line 2"),
    ("daily.csv", TS_DAILY.replace("000001.SH", "999999.SZ"), {},
     ":3: field ts_code: code '999999.SZ' fits no board"),
    ("daily.csv", TS_DAILY.replace("20230224,13.99", "20230225,13.99"), {},
     ":2: field trade_date: 2023-02-25 is not a trading day"),
    ("daily.csv", TS_DAILY.replace("20230224,13.99", "20230123,13.99"), {},
     ":2: field trade_date: 2023-01-23 is not a trading day"),
    ("daily.csv", TS_DAILY.replace("20230224,13.99", "2023-13-01,13.99"), {},
     ":2: field trade_date: '2023-13-01' is not a date"),
    ("daily.csv", TS_DAILY.replace(",13.86,", ",,"), {}, ":2: field close: empty price"),
    ("sz000001_1min.csv", MIN1.replace("09:31:00", "12:10:00"), {},
     ":3: field 时间: 12:10 is not a minute of the trading session"),
    ("stuff.csv", "a,b,c\n1,2,3\n", {}, ":1: cannot tell the format from the header (a,b,c)"),
])
def test_bad_input_names_file_line_field(tmp_path: Path, name: str, text: str, opts: dict,
                                         expected: str) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(IngestError) as e:
        run_import([path], tmp_path / "e.sqlite", **opts)
    msg = str(e.value)
    assert msg.startswith(str(path) + ":") and "\n" not in msg
    assert expected in msg, msg
    assert not (tmp_path / "e.sqlite").exists()


def test_exact_repeated_rows_are_ignored_with_a_note(tmp_path: Path) -> None:
    text = TS_DAILY + TS_DAILY.splitlines()[1] + "\n"
    s = run_import([_write(tmp_path, "daily.csv", text)], tmp_path / "r.sqlite")
    assert s.files[0].rows == 3 and s.files[0].written["daily"] == 1
    assert any("repeating an earlier row" in n for n in s.files[0].notes)


def test_wrong_encoding_is_refused(tmp_path: Path) -> None:
    data = "代码,名称,最新价,昨收\n600000,浦发银行,10.5,10.4\n".encode() + b"\xff\xfe\x80,bad\n"
    path = tmp_path / "spot.csv"
    path.write_bytes(data)
    with pytest.raises(IngestError) as e:
        run_import([path], tmp_path / "w.sqlite", date="2026-06-02")
    assert "wrong encoding" in str(e.value) and e.value.line == 3


def test_forced_format_checks_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.csv", TS_BASIC)
    with pytest.raises(IngestError, match=r":1: field trade_date: missing column"):
        run_import([path], tmp_path / "f.sqlite", fmt="tushare_daily")
    with pytest.raises(IngestError, match=r"field --format: unknown format 'nope'"):
        run_import([path], tmp_path / "f.sqlite", fmt="nope")


def test_spot_import_materialises_breadth(tmp_path: Path) -> None:
    db = tmp_path / "b.sqlite"
    run_import([_write(tmp_path, "spot.csv", EM_SPOT)], db, date="2026-06-02")
    # 亨通光电 +10.0 % (limit up), 中际旭创 down, 平安银行 suspended, 纬达光电 flat.
    assert _q(db, "SELECT date, time, stocks, up, down, flat, suspended, limit_up FROM "
                  "breadth_minutes") == [("2026-06-02", "15:00", 4, 1, 1, 1, 1, 1)]
