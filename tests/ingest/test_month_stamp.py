"""A membership file stamped only with a month ('…_2025-04.csv') is dated the first day of that
month and says so, instead of today (which postdates every session reviewed with it)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import daily_only_files as files  # noqa: E402

from app.ingest.runner import run_import  # noqa: E402
from app.ingest.sectors_common import file_month  # noqa: E402
from app.store.connection import open_readonly  # noqa: E402


def test_file_month():
    assert file_month("tushare_stock_basic_2025-04.csv") == "2025-04-01"
    assert file_month("x_2025-13.csv") is None
    assert file_month("board_2026-03-15.csv") is None      # a full date is no month stamp


def _as_of(db: Path) -> set[str]:
    conn = open_readonly(db)
    try:
        return {r[0] for r in conn.execute(
            "SELECT DISTINCT as_of FROM sector_members WHERE sector_id LIKE 'ts:%'")}
    finally:
        conn.close()


def test_made_up_month_file(tmp_path):
    paths = files.write_sectors(tmp_path / "sectors")
    summary = run_import(paths, tmp_path / "s.sqlite")
    assert _as_of(tmp_path / "s.sqlite") == {"2026-08-01"}
    text = "\n".join(summary.lines())
    assert "as of 2026-08-01 (from the month 2026-08 in the file name, dated its first day)" in text


def test_realdata_month_file(realdata, tmp_path):
    run_import([realdata / "sectors" / "tushare_stock_basic_2025-04.csv"], tmp_path / "r.sqlite")
    assert _as_of(tmp_path / "r.sqlite") == {"2025-04-01"}
