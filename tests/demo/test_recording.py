"""--make-demo-replay writes the demo session as akshare frames that a replay collector turns back
into the demo's own quotes and index bars."""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd

from app.cli import main
from app.demo.build import build_demo_model
from app.demo.live import LiveFeed
from app.ingest.collect.replay_feed import ReplayFeed, read_frame, spot_path


def test_a_demo_recording_replays_into_the_demo_session(tmp_path):
    rec = tmp_path / "rec"
    assert main(["collect", "--make-demo-replay", str(rec), "--minutes", "3"]) == 0
    feed = ReplayFeed(rec)
    assert feed.minutes() == [("2026-06-02", t) for t in ("09:30", "09:31", "09:32")]
    spot = read_frame(spot_path(rec, "2026-06-02", "09:31"))
    assert list(spot.columns[:8]) == ["序号", "代码", "名称", "最新价", "涨跌幅", "涨跌额", "成交量",
                                      "成交额"]
    assert spot["代码"].str.fullmatch(r"\d{6}").all()
    db = tmp_path / "h.sqlite"
    assert main(["collect", "--db", str(db), "--replay", str(rec), "--speed", "1000"]) == 0
    live = LiveFeed.from_model(build_demo_model())
    conn = sqlite3.connect(db)
    try:
        got = pd.read_sql("SELECT * FROM quotes WHERE time = '09:32'", conn).set_index("symbol")
        bars = pd.read_sql("SELECT * FROM index_bars WHERE time = '09:32'", conn).set_index(
            "symbol")
    finally:
        conn.close()
    want = live.quotes(2).set_index("symbol")
    got = got.reindex(want.index)
    for col in ("last", "prev_close", "high", "low", "volume", "amount"):
        assert np.allclose(got[col], want[col], atol=1e-6, equal_nan=True), col
    wb = live.index_bars["09:32"].set_index("symbol").reindex(bars.index)
    assert np.allclose(bars["volume"], wb["volume"]) and np.allclose(bars["close"], wb["close"],
                                                                     atol=0.005)


def test_history_wants_its_range(capsys):
    assert main(["collect", "--history", "--start", "2026-05-01"]) == 2
    assert "--history needs --start D and --end D" in capsys.readouterr().err
    assert main(["collect", "--start", "2026-05-01", "--end", "2026-05-29"]) == 2
