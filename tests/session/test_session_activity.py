"""The loader carries each minute's 换手 / 量比: from the store's own numbers, by the formula."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import daily_only_files as files  # noqa: E402

from app.ingest.runner import run_import  # noqa: E402
from app.market.turnover import NO_FLOAT, OK  # noqa: E402
from app.store import queries  # noqa: E402
from app.store.connection import open_readonly  # noqa: E402
from app.session.loader import SessionLoader  # noqa: E402
from app.store.reader import StoreReader

PRIOR_5 = ["2026-05-26", "2026-05-27", "2026-05-28", "2026-05-29", "2026-06-01"]


def test_demo_members_of_cpo_at_the_story_minute(demo_store):
    conn = open_readonly(demo_store)
    try:
        view = SessionLoader(StoreReader(conn)).load("2026-06-02", "11:30", with_findings=False)
        act = view.extras["activity"]
        assert act.symbols.equals(view.enriched.index) and act.minutes == 120
        hist = queries.daily_history(conn, "2026-06-01", 5, ["sh600487", "sh601869"])
        assert sorted(hist["date"].unique()) == PRIOR_5       # the day's own bar is not in it
        cross = queries.cross_section(conn, "2026-06-02", "11:30", queries.stocks(conn, "2026-06-02"))
        for sym in ("sh600487", "sh601869"):
            r = int(act.symbols.get_loc(sym))
            vol, shares = cross.loc[sym, "volume"], cross.loc[sym, "float_shares"]
            avg = hist.loc[hist["symbol"] == sym, "volume"].mean()
            assert act.turnover[r] == pytest.approx(100 * vol / shares)
            assert act.ratio[r] == pytest.approx((vol / 120) / (avg / 240))
            assert act.sessions[r] == 5 and act.turnover_why[r] == OK == act.ratio_why[r]
        # 亨通光电 4.39 %, 1.30; 长飞光纤 (sealed most of the morning, little traded) 1.27 %, 0.37
        r = int(act.symbols.get_loc("sh600487"))
        assert f"{act.turnover[r]:.2f}%" == "4.39%" and f"{act.ratio[r]:.2f}" == "1.30"
    finally:
        conn.close()


def test_a_daily_only_day_counts_240_minutes_and_says_it_has_no_float_shares(tmp_path):
    db = tmp_path / "d.sqlite"
    run_import(files.write_all(tmp_path / "files"), db)
    conn = open_readonly(db)
    try:
        view = SessionLoader(StoreReader(conn)).load(files.DAY)
        act = view.extras["activity"]
        assert act.minutes == 240
        live = ~view.enriched["suspended"].to_numpy(dtype=bool)
        assert (act.turnover_why[live] == NO_FLOAT).all() and np.isnan(act.turnover).all()
        hist = queries.daily_history(conn, files.PRIOR, 5)
        today = queries.daily_cross_section(conn, files.DAY)
        sym = view.enriched.index[live][0]
        avg = hist.loc[(hist["symbol"] == sym) & (hist["volume"] > 0), "volume"].mean()
        r = int(act.symbols.get_loc(sym))
        # at the close 量比 is the day's volume over the average day of the 5 before
        assert act.ratio[r] == pytest.approx(today.loc[sym, "volume"] / avg)
        first = SessionLoader(StoreReader(conn)).load(files.DAYS[0]).extras["activity"]
        assert np.isnan(first.ratio).all() and first.window == 0
    finally:
        conn.close()
