"""`tidemark report brief` (run_brief): Markdown and JSON on the demo store, the new-high history
query, and exit 2 with one line on a bad store, session, minute or language."""

from __future__ import annotations

import json

import pytest

from app.commands.brief import history_high, run_brief
from app.market.brief import history_high_from_daily


def test_markdown_brief_of_the_demo_midday(demo_store, capsys):
    assert run_brief(demo_store, "2026-06-02", "11:30", "zh", False) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "## 2026-06-02 11:30 午间要点" and err == ""
    bullets = [ln for ln in lines if ln.startswith("- ")]
    assert len(bullets) >= 6
    assert bullets[0].startswith("- 创业板指 +2.15% 领涨主要指数")
    assert "半日成交额1.81万亿" in out and "亨通光电" in out and "长飞光纤" in out
    assert "新高" in out          # the command reads the price history the view does not carry


def test_json_brief_in_english(demo_store, capsys):
    assert run_brief(demo_store, "2026-06-02", "11:30", "en", True) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["date"], data["time"], data["lang"]) == ("2026-06-02", "11:30", "en")
    kinds = [it["kind"] for it in data["items"]]
    assert kinds[0] == "indices" and {"boards_up", "turnover", "breadth", "new_highs"} <= set(kinds)
    first = data["items"][0]
    assert first["text"].startswith("ChiNext led the main indices at +2.15%")
    assert first["target"] == {"kind": "index", "id": "sz399006", "time": "11:30"}
    scores = [it["score"] for it in data["items"]]
    assert scores == sorted(scores, reverse=True)
    breadth = next(it for it in data["items"] if it["kind"] == "breadth")
    assert breadth["evidence"]["down"] > 4100 and breadth["evidence"]["flag"] == "concentrated"


def test_default_minute_is_the_sessions_last(demo_store, capsys):
    assert run_brief(demo_store, "2026-06-02", None, "zh", False) == 0
    out = capsys.readouterr().out
    assert out.startswith("## 2026-06-02 15:00 收盘要点") and "全天成交额" in out


def test_history_query_matches_the_daily_frame(demo_store):
    from app.store import queries
    from app.store.connection import open_readonly

    conn = open_readonly(demo_store)
    try:
        syms = ["sh600487", "sh601869", "sz300394", "sh600000"]
        mine = history_high(conn, "2026-06-02", syms)
        ref = history_high_from_daily(queries.daily_history(conn, "2026-06-02", 100000, syms),
                                      "2026-06-02")
        assert history_high(conn, "2026-06-02", []).empty
    finally:
        conn.close()
    ref = ref.reindex(mine.index)
    assert mine["max_close"].tolist() == pytest.approx(ref["max_close"].tolist())
    assert mine["days"].tolist() == ref["days"].tolist()
    assert mine["first_date"].tolist() == ref["first_date"].tolist()


@pytest.mark.parametrize("args, needle", [
    (("2026-06-02", "11:30", "fr"), "--lang must be one of zh, en"),
    (("2025-01-02", "11:30", "zh"), "no session 2025-01-02"),
    (("2026-06-02", "12:00", "zh"), "no snapshot at 12:00"),
])
def test_bad_session_minute_or_language_exit_2(demo_store, capsys, args, needle):
    assert run_brief(demo_store, *args, False) == 2
    out, err = capsys.readouterr()
    assert out == "" and needle in err and len(err.strip().splitlines()) == 1


def test_bad_store_exit_2(tmp_path, capsys):
    assert run_brief(tmp_path / "missing.sqlite", "2026-06-02", "11:30", "zh", False) == 2
    err = capsys.readouterr().err
    assert "no such store" in err and len(err.strip().splitlines()) == 1
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    assert run_brief(junk, "2026-06-02", "11:30", "zh", False) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_cli_report_brief_when_wired(demo_store, capsys):
    from app.cli import build_parser, main

    try:
        build_parser().parse_args(["report", "brief", "--db", str(demo_store), "--date",
                                   "2026-06-02", "--lang", "en"])
    except SystemExit:
        pytest.skip("`tidemark report brief` is not wired into app/cli.py yet")
    assert main(["report", "brief", "--db", str(demo_store), "--date", "2026-06-02",
                 "--time", "11:30", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("## Midday brief, 2026-06-02 11:30")
