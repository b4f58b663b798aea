"""One import = one transaction; re-imports are no-ops; the command's exit codes and output."""

from __future__ import annotations

import hashlib
import sqlite3
import struct
from pathlib import Path

import pytest

from app.ingest.errors import IngestError
from app.ingest.runner import main_import, run_import

TS_DAILY = """ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount
000001.SZ,20230224,13.99,14.03,13.80,13.86,14.02,-0.16,-1.1412,729989,1012652.5
600519.SH,20230224,1810.11,1810.19,1782.18,1788.00,1811.00,-23.0,-1.27,24634,4415621.6
"""
EM_SPOT = """代码,名称,最新价,昨收,今开,最高,最低,成交量,成交额
600487,亨通光电,25.30,23.00,23.60,25.30,23.50,1234567,3100000000
000001,平安银行,,11.00,,,,,
"""


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _q(db: Path, sql: str):  # type: ignore[no-untyped-def]
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _day(d: int, c: int) -> bytes:
    return struct.pack("<IIIIIfII", d, c, c, c, c, 1e6, 1000, 0)


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    """A store holding one import, closed (WAL checkpointed into the main file)."""
    db = tmp_path / "store.sqlite"
    daily = tmp_path / "daily.csv"
    daily.write_text(TS_DAILY, encoding="utf-8")
    run_import([daily], db)
    return db


def test_failure_anywhere_rolls_back_and_bytes_are_unchanged(store: Path, tmp_path: Path) -> None:
    before = _sha(store)
    good = tmp_path / "spot.csv"
    good.write_text(EM_SPOT, encoding="utf-8")
    truncated = tmp_path / "sh600000.day"
    truncated.write_bytes(_day(20230223, 750) + _day(20230224, 742)[:20])   # 52 bytes
    with pytest.raises(IngestError) as e:
        run_import([good, truncated], store, date="2026-06-02")
    assert str(e.value) == (f"{truncated}: field size: 52 bytes is not a multiple of 32: a "
                            f"truncated or damaged TDX file (1 whole records and 20 bytes "
                            f"left over)")
    assert _sha(store) == before
    assert not Path(str(store) + "-wal").exists() or Path(str(store) + "-wal").stat().st_size == 0
    assert _q(store, "SELECT count(*) FROM quotes") == [(0,)]


def test_wrong_encoding_leaves_store_unchanged(store: Path, tmp_path: Path) -> None:
    before = _sha(store)
    bad = tmp_path / "spot.csv"
    bad.write_bytes(EM_SPOT.encode("utf-8") + b"600000,\x80\xff,1,1,1,1,1,1,1\n")
    with pytest.raises(IngestError, match="wrong encoding"):
        run_import([bad], store, date="2026-06-02")
    assert _sha(store) == before


def test_reimport_is_a_noop(store: Path, tmp_path: Path) -> None:
    before = _sha(store)
    s = run_import([tmp_path / "daily.csv"], store)
    assert (s.imported, s.already) == (0, 1)
    assert "already imported" in s.lines()[0]
    assert _sha(store) == before
    # The same bytes again in one command: the second copy is already imported too.
    copy = tmp_path / "copy.csv"
    copy.write_bytes((tmp_path / "daily.csv").read_bytes())
    s = run_import([copy, copy], store)
    assert [f.status for f in s.files] == ["already imported"] * 2


def test_same_spot_bytes_for_another_date_are_imported(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    spot = tmp_path / "spot.csv"
    spot.write_text(EM_SPOT, encoding="utf-8")
    run_import([spot], db, date="2026-06-01")
    s = run_import([spot], db, date="2026-06-02")
    assert s.imported == 1
    s = run_import([spot], db, date="2026-06-02")
    assert s.already == 1
    assert _q(db, "SELECT DISTINCT date FROM quotes ORDER BY date") == [
        ("2026-06-01",), ("2026-06-02",)]


def test_new_store_is_removed_when_the_import_fails(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    bad = tmp_path / "daily.csv"
    bad.write_text(TS_DAILY.replace("13.86", "x"), encoding="utf-8")
    with pytest.raises(IngestError):
        run_import([bad], db)
    assert list(tmp_path.glob("new.sqlite*")) == []


def test_progress_callback(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    for i, d in enumerate((20230222, 20230223, 20230224)):
        (tmp_path / f"sz00000{i + 1}.day").write_bytes(_day(d, 1000))
    run_import([tmp_path], tmp_path / "p.sqlite", progress=lambda *a: calls.append(a))
    assert [c[:2] for c in calls] == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_main_import_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    daily = tmp_path / "daily.csv"
    daily.write_text(TS_DAILY, encoding="utf-8")
    db = tmp_path / "m.sqlite"
    assert main_import([str(daily), "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    assert "tushare_daily: imported" in out and err == ""
    assert main_import([str(tmp_path / "missing.csv"), "--db", str(db)]) == 2
    out, err = capsys.readouterr()
    assert err == f"tidemark: {tmp_path / 'missing.csv'}: no such file or folder\n"
    spot = tmp_path / "spot.csv"
    spot.write_text(EM_SPOT, encoding="utf-8")
    assert main_import([str(spot), "--db", str(db), "--date", "2026-06-02", "--time", "25:00"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_cli_namespace_from_app_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = pytest.importorskip("app.cli")
    spot = tmp_path / "spot.csv"
    spot.write_text(EM_SPOT, encoding="utf-8")
    db = tmp_path / "c.sqlite"
    assert cli.main(["import", str(spot), "--db", str(db), "--date", "2026-06-02"]) == 0
    assert _q(db, "SELECT count(*) FROM quotes") == [(2,)]
    assert cli.main(["import", str(spot), "--db", str(db)]) == 2
    assert "pass --date" in capsys.readouterr().err
