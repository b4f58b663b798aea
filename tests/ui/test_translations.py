"""The Chinese translation is complete and current: every tr() source (English) has a finished
translation, and the .ts is what pyside6-lupdate makes of the sources today."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "tidemark_zh_CN.ts"
CJK = re.compile(r"[\u3400-\u9fff]")


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(c.findtext("name") or "", m.findtext("source") or "", m.find("translation"))
            for c in root.iter("context") for m in c.iter("message")]


def test_every_string_has_a_finished_chinese_translation():
    msgs = _messages()
    assert len(msgs) > 250
    unfinished = [(c, s) for c, s, t in msgs if t is None or t.get("type") or not (t.text or "")]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_sources_are_english():
    chinese = [(c, s) for c, s, _ in _messages() if CJK.search(s) and s != "中"]
    assert not chinese, f"source strings must be English: {chinese[:10]}"


def test_market_terms_follow_the_terminals():
    got = {(c, s): t.text for c, s, t in _messages()}
    assert got[("CountsBar", "Limit-up")] == "涨停"
    assert got[("CountsBar", "Limit-down")] == "跌停"
    assert got[("CountsBar", "Broken")] == "炸板"
    assert got[("SectorTreeCells", "Resealed")] == "回封"
    assert got[("SectorTreeCells", "One-word")] == "一字"
    assert got[("SectorTreeCells", "{0}-day")] == "{0}连板"
    assert got[("SectorTreeCells", "Leader")] == "领涨股"


def test_the_ts_is_current_with_the_sources(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    bin_dir = Path(sys.executable).parent
    subprocess.run(["bash", str(ROOT / "scripts" / "i18n.sh")], cwd=ROOT, check=True,
                   capture_output=True,
                   env={"PATH": "/usr/bin:/bin", "TIDEMARK_TS": str(copy),
                        "TIDEMARK_VENV_BIN": str(bin_dir)})
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), \
        "resources/i18n/tidemark_zh_CN.ts is stale: run scripts/i18n.sh and translate the new strings"
