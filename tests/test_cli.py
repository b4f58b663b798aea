"""The command-line contract: reports on the demo session tell the story; bad input exits 2."""

from __future__ import annotations

import json

import pytest

from app.cli import main


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_report_breadth_tells_the_story(demo_store, capsys):
    out = _json(capsys, ["report", "breadth", "--db", str(demo_store), "--date", "2026-06-02",
                         "--time", "11:30", "--json"])
    for key in ("date", "time", "stocks", "up", "down", "flat", "suspended", "limit_up",
                "limit_down", "turnover_yuan", "buckets"):
        assert key in out
    assert out["time"] == "11:30"
    assert 5300 <= out["stocks"] <= 5500
    assert out["down"] > 4100
    assert out["turnover_yuan"] == pytest.approx(1.81e12, rel=0.01)
    assert out["limit_up"] > 0 and out["limit_down"] > 0
    assert sum(out["buckets"].values()) == out["stocks"] - out["suspended"]


def test_report_limits_lists_the_fibre_leaders(demo_store, capsys):
    out = _json(capsys, ["report", "limits", "--db", str(demo_store), "--date", "2026-06-02",
                         "--time", "11:30", "--json"])
    ups = {r["symbol"]: r for r in out["limit_up"]}
    for sym in ("sh600487", "sh601869"):
        assert sym in ups, f"{sym} not listed as limit-up"
        row = ups[sym]
        assert row["last"] == row["limit_price"]
        for key in ("code", "name", "board", "streak", "first_seal", "last_seal"):
            assert key in row
    assert ups["sh600487"]["name"] == "亨通光电"


def test_report_defaults_to_last_snapshot(demo_store, capsys):
    out = _json(capsys, ["report", "breadth", "--db", str(demo_store), "--date", "2026-06-02",
                         "--json"])
    assert out["time"] == "15:00"


@pytest.mark.parametrize("argv,needle", [
    (["report", "breadth", "--date", "2026-06-02", "--json"], "--db"),
    (["report", "breadth", "--db", "X", "--date", "2026/06/02"], "YYYY-MM-DD"),
])
def test_bad_usage_exits_2(argv, needle, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1


def test_missing_session_and_minute_exit_2(demo_store, tmp_path, capsys):
    assert main(["report", "breadth", "--db", str(demo_store), "--date", "2026-06-03"]) == 2
    assert "no session 2026-06-03" in capsys.readouterr().err
    assert main(["report", "breadth", "--db", str(demo_store), "--date", "2026-06-02",
                 "--time", "12:15"]) == 2
    assert "no snapshot at 12:15" in capsys.readouterr().err
    missing = tmp_path / "nope.sqlite"
    assert main(["report", "limits", "--db", str(missing), "--date", "2026-06-02"]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and not missing.exists()
