"""The loader's equal-weight line: incomplete until every minute up to the shown one is known,
then the same levels whether the cube or the store's aggregate computed them."""

from __future__ import annotations

import numpy as np
import pytest

from app.market.equal_weight import equal_weight_level
from app.store import queries
from app.store.connection import open_readonly
from app.session.loader import SessionLoader
from app.store.reader import StoreReader

DAY = "2026-06-02"
INDEX = "sz399006"


def _by_hand(conn, times):  # type: ignore[no-untyped-def]
    members = queries.index_members(conn, INDEX, DAY)["symbol"].tolist()
    marks = ",".join("?" * len(members))
    rows = conn.execute(f"SELECT time, symbol, last, prev_close FROM quotes WHERE date = ? "
                        f"AND symbol IN ({marks})", (DAY, *members)).fetchall()
    prev = queries.index_prev_close(conn, DAY, INDEX)
    out = []
    for t in times:
        at = [(r[2], r[3]) for r in rows if r[0] == t]
        last = np.array([[a if a is not None else np.nan for a, _ in at]])
        pc = np.array([b if b is not None else np.nan for _, b in at])
        out.append(equal_weight_level(last, pc, prev)[0])
    return np.array(out)


def test_line_completes_in_idle_work_and_matches_a_hand_computation(demo_store) -> None:
    conn = open_readonly(demo_store)
    loader = SessionLoader(StoreReader(conn))
    loader.focus = (INDEX,)
    view = loader.load(DAY, "10:00", with_findings=False)
    values, complete = view.extras["equal_weight"][INDEX]
    n = view.indices[INDEX].count_upto("10:00")
    assert len(values) == n and not complete       # only 10:00 and the warm-up minute are read
    for _ in range(10):
        if loader.fill_equal_weight():
            continue
        break
    done = loader.equal_weight_completed()
    assert done is not None and done[:3] == (DAY, "10:00", INDEX)
    times = list(view.indices[INDEX].arrays["time"][:n])
    assert done[3] == pytest.approx(_by_hand(conn, times), rel=1e-12)
    # The view of that minute asked again carries the complete line; the next minute's from the
    # cube (10:01 is read for its view) and the store agree.
    again = loader.load(DAY, "10:00", with_findings=False).extras["equal_weight"][INDEX]
    assert again[1] and again[0] == pytest.approx(done[3], rel=1e-12)
    nxt = loader.load(DAY, "10:01", with_findings=False).extras["equal_weight"][INDEX]
    assert nxt[1]
    assert nxt[0][-1] == pytest.approx(_by_hand(conn, ["10:01"])[0], rel=1e-12)
    # The demo's story: at 11:30 ChiNext is up ~2 % while its equal-weight line is below the
    # previous close (the heavy weights carry it).
    loader.load(DAY, "11:30", with_findings=False)
    while loader.fill_equal_weight():
        pass
    line = loader.equal_weight_completed()
    prev = view.indices[INDEX].prev_close
    assert line is not None and line[3][-1] < prev
    conn.close()


def test_an_export_view_carries_every_index_line_whole(demo_store) -> None:
    """The batch export has no idle time: ``with_whole_equal_weight`` reads what the cube has not,
    for every index (the SSE Composite's line was missing from the exported 分时 charts)."""
    conn = open_readonly(demo_store)
    loader = SessionLoader(StoreReader(conn))
    view = loader.load(DAY, "10:00", with_findings=False)
    assert not all(done for _, done in view.extras["equal_weight"].values())
    whole = loader.with_whole_equal_weight(view).extras["equal_weight"]
    assert {"sh000001", INDEX} <= set(whole)
    for sym, (values, done) in whole.items():
        assert done and len(values) == view.indices[sym].count_upto("10:00"), sym
    times = list(view.indices[INDEX].arrays["time"][:view.indices[INDEX].count_upto("10:00")])
    assert whole[INDEX][0] == pytest.approx(_by_hand(conn, times), rel=1e-12)
    conn.close()
