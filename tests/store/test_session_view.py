"""The loader's cached per-minute views equal what the stand-alone functions compute."""

from __future__ import annotations

import pandas as pd

from app.market.brief_findings import findings
from app.store.connection import open_readonly
from app.store.review import limit_review
from app.store.session_view import SessionLoader


def test_cached_views_match_direct_computation(demo_store):
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(conn)
        for t in ("09:30", "10:12", "11:30", "13:01", "15:00"):
            view = loader.load("2026-06-02", t)
            direct = limit_review(conn, "2026-06-02", t)
            pd.testing.assert_frame_equal(view.review.reset_index(drop=True),
                                          direct.reset_index(drop=True), check_dtype=False)
            # The brief's findings, computed on the loader's thread, are the panel's findings.
            assert view.extras["findings"] == findings(view, view.extras["history_high"])
        assert view.time == "15:00" and len(view.times) == 241
    finally:
        conn.close()
