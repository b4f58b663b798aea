"""A CSV cell beyond any real value (a 2e21-yuan amount) is refused naming its file, line and field,
and the whole import is rolled back: the store's integers never see it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.ingest.errors import IngestError
from app.ingest.runner import run_import

GOOD_DAILY = """ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount
000001.SZ,20230224,13.99,14.03,13.80,13.86,14.02,-0.16,-1.1412,729989,1012652.5
"""

# (family, file name, text, line, field, what the message says); each file is made up, one absurd
# cell on its third line (the header is line 1).
CASES = [
    ("daily (tushare, amount in 千元)", "ts.csv",
     "ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount\n"
     "600519.SH,20230223,1800.00,1812.00,1790.00,1811.00,1800.00,11,0.61,24000,4400000\n"
     "600519.SH,20230224,1810.11,1810.19,1782.18,1788.00,1811.00,-23.0,-1.27,24634,2e18\n",
     3, "amount", "amount '2e18' (×1000 for its unit) is beyond any real value"),
    ("spot (East Money)", "spot.csv",
     "代码,名称,最新价,昨收,今开,最高,最低,成交量,成交额\n"
     "600487,亨通光电,25.30,23.00,23.60,25.30,23.50,1234567,3100000000\n"
     "000001,平安银行,11.10,11.00,11.00,11.20,10.90,1000,2039208659912619000000\n",
     3, "成交额", "amount '2039208659912619000000' is beyond any real value"),
    ("minutes (akshare)", "sz000001_1min.csv",
     "时间,开盘,收盘,最高,最低,成交量,成交额,均价\n"
     "2026-06-02 09:30:00,11.00,11.00,11.00,11.00,1000,1100000,11.00\n"
     "2026-06-02 09:31:00,11.00,11.10,11.12,10.98,9e13,2210000,11.05\n",
     3, "成交量", "volume '9e13' (×100 for its unit) is beyond any real value"),
    ("index daily (CSV)", "index.csv",
     "date,open,close,high,low,volume,amount,code\n"
     "2023-02-23,3280.0,3287.48,3290.0,3270.0,234206306,308000000000,sh000001\n"
     "2023-02-24,3285.0,1e17,3290.0,3270.0,234206306,308000000000,sh000001\n",
     3, "close", "price '1e17' is beyond any real value"),
]


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize(("family", "name", "text", "line", "field", "says"), CASES,
                         ids=[c[0] for c in CASES])
def test_an_absurd_cell_is_refused_naming_it_and_nothing_is_written(
        tmp_path: Path, family: str, name: str, text: str, line: int, field: str,
        says: str) -> None:
    db = tmp_path / "store.sqlite"
    good = tmp_path / "good.csv"
    good.write_text(GOOD_DAILY, encoding="utf-8")
    run_import([good], db)
    before = _sha(db)
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    # A good file first in the same import: it is rolled back with the bad one.
    other = tmp_path / "other.csv"
    other.write_text(GOOD_DAILY.replace("000001.SZ", "000002.SZ"), encoding="utf-8")
    with pytest.raises(IngestError) as e:
        run_import([other, bad], db, date="2026-06-02")
    assert isinstance(e.value, ValueError)
    assert (e.value.file, e.value.line, e.value.field) == (str(bad), line, field)
    assert str(e.value).startswith(f"{bad}:{line}: field {field}: ")
    assert says in str(e.value)
    assert _sha(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM imports").fetchone() == (1,)


def test_the_largest_real_values_still_import(tmp_path: Path) -> None:
    """The cap is far above any real cell: a 1.2e12-yuan amount (more than any one stock's day) and
    a 2,000-yuan price import unchanged."""
    db = tmp_path / "big.sqlite"
    spot = tmp_path / "spot.csv"
    spot.write_text("代码,名称,最新价,昨收,今开,最高,最低,成交量,成交额\n"
                    "600519,贵州茅台,2000.00,1990.00,1995.00,2001.00,1990.00,"
                    "600000000,1200000000000\n", encoding="utf-8")
    run_import([spot], db, date="2026-06-02")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT last, amount FROM quotes").fetchall() == [
            (2000.0, 1_200_000_000_000.0)]
