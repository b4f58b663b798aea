"""The loader's cached per-minute views equal what the stand-alone functions compute."""

from __future__ import annotations

import pandas as pd

from app.market.brief_findings import findings
from app.store.connection import open_readonly
from app.session.review import limit_review
from app.session.loader import SessionLoader
from app.store.reader import StoreReader


def test_cached_views_match_direct_computation(demo_store):
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        for t in ("09:30", "10:12", "11:30", "13:01", "15:00"):
            view = loader.load("2026-06-02", t)
            direct = limit_review(StoreReader(conn), "2026-06-02", t)
            pd.testing.assert_frame_equal(view.review.reset_index(drop=True),
                                          direct.reset_index(drop=True), check_dtype=False)
            # The brief's findings, computed on the loader's thread, are the panel's findings.
            assert view.extras["findings"] == findings(view, view.extras["history_high"])
        assert view.time == "15:00" and len(view.times) == 241
    finally:
        conn.close()


def test_scrubbing_from_the_session_cube_equals_the_store_read_minute_by_minute(demo_store):
    """Back and forth over the session, before and after the idle prefetch has read it all: each
    minute's cross-section, review and sector summary equal a fresh read of the store."""
    from app.market.sectors import board_summary
    from app.market.snapshot import enrich
    from app.store import queries

    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        date = "2026-06-02"
        times = loader.times(date)
        picks = ["10:31", "10:30", "09:31", "14:59", "09:30", "11:30", "13:01"]
        first = loader.load(date, picks[0], with_findings=False)
        assert "findings" not in first.extras
        cube = loader._cube
        assert cube is not None and not cube.complete()
        for phase in ("lazy", "prefetched"):
            if phase == "prefetched":
                # Minutes next to the last one shown (13:01) come from the precomputed results.
                picks = ["13:02", "13:01", "11:30", "13:25", "10:31", "09:30"]
                assert {"13:02", "13:01", "11:30", "13:25"} <= set(loader._results)
            for t in picks:
                view = loader.load(date, t, with_findings=False)
                raw = enrich(queries.cross_section(conn, date, t, static=loader._static), date)
                cols = list(raw.columns)
                pd.testing.assert_frame_equal(view.enriched[cols], raw, check_dtype=False)
                pd.testing.assert_frame_equal(
                    view.review.reset_index(drop=True),
                    limit_review(StoreReader(conn), date, t).reset_index(drop=True), check_dtype=False)
                pd.testing.assert_frame_equal(
                    view.summary, board_summary(view.enriched, view.membership, view.sectors))
            if phase == "lazy":
                chunks = 0
                while loader.prefetch():
                    chunks += 1
                assert cube.complete() and chunks >= len(times) // 3 - 1
                assert loader._cube is cube
    finally:
        conn.close()


def test_findings_come_second_and_equal_those_of_a_full_load(demo_store):
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        lean = loader.load("2026-06-02", "11:30", with_findings=False)
        full = loader.add_findings(lean)
        assert "findings" not in lean.extras and full.enriched is lean.enriched
        assert full.extras["findings"] == loader.load("2026-06-02", "11:30").extras["findings"]
        assert len(full.extras["findings"]) > 0
    finally:
        conn.close()


def test_a_cached_minute_gains_the_contributions_of_a_newly_focused_index(demo_store):
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        first = loader.load("2026-06-02", "11:30", with_findings=False)
        assert set(first.concentration) == {"sz399006"}
        loader.focus = ("sh000001",)
        again = loader.load("2026-06-02", "11:30", with_findings=False)
        assert set(again.concentration) == {"sh000001"}
        fresh = SessionLoader(StoreReader(conn))
        fresh.focus = ("sh000001",)
        direct = fresh.load("2026-06-02", "11:30", with_findings=False).concentration["sh000001"]
        assert again.concentration["sh000001"].top_up == direct.top_up
        assert again.concentration["sh000001"].index_points == direct.index_points
    finally:
        conn.close()


def test_seal_panels_come_from_the_cube_once_it_holds_the_session(demo_store, monkeypatch):
    from app.session import loader as session_loader

    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        loader.load("2026-06-02", "10:40", with_findings=False)
        while loader.prefetch():
            pass
        # As after a live minute: the panels are dropped and must be rebuilt.
        loader._panels = None
        loader._results.clear()
        monkeypatch.setattr(session_loader, "session_panels",
                            lambda *a, **k: (_ for _ in ()).throw(AssertionError("queried")))
        view = loader.load("2026-06-02", "10:41", with_findings=False)
        pd.testing.assert_frame_equal(view.review.reset_index(drop=True),
                                      limit_review(StoreReader(conn), "2026-06-02", "10:41").reset_index(drop=True),
                                      check_dtype=False)
        assert loader._panels is not None and len(loader._panels[0].columns) >= len(view.review)
    finally:
        conn.close()


def test_the_next_minute_is_prepared_whole_in_the_direction_of_the_steps(demo_store):
    """After a view the loader builds the neighbouring minute's whole view (the way the user was
    stepping first); stepping onto it hands over that view, equal to one built from scratch."""
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        date = "2026-06-02"
        loader.load(date, "10:30", with_findings=False)
        loader.load(date, "10:29", with_findings=False)       # stepping back
        assert loader.prepare_neighbour()
        assert (date, "10:28", loader.focus) in loader._views  # the way of the steps first
        # The other side, 10:30, was shown just before and is kept: nothing more to do.
        assert not loader.prepare_neighbour()
        assert {k[1] for k in loader._views} == {"10:28", "10:29", "10:30"}
        prepared = loader._views[(date, "10:28", loader.focus)]
        view = loader.load(date, "10:28", with_findings=False)
        assert view is prepared
        fresh = SessionLoader(StoreReader(conn)).load(date, "10:28", with_findings=False)
        pd.testing.assert_frame_equal(view.enriched, fresh.enriched)
        pd.testing.assert_frame_equal(view.review, fresh.review)
        pd.testing.assert_frame_equal(view.summary, fresh.summary)
        assert view.counts == fresh.counts
        assert view.extras["ladder"] == fresh.extras["ladder"]
        # Kept: the shown minute and one each side; the rest goes.
        assert {k[1] for k in loader._views} <= {"10:27", "10:28", "10:29"}
        # The brief's findings on a prepared view are those of a full load.
        assert loader.add_findings(view).extras["findings"] == \
            SessionLoader(StoreReader(conn)).load(date, "10:28").extras["findings"]
        # Another focus index: a prepared view with the old one's contributions is not reused.
        loader.focus = ("sh000001",)
        again = loader.load(date, "10:28", with_findings=False)
        assert again is not prepared and set(again.concentration) == {"sh000001"}
        # The newest minute followed forward: nothing behind it is built meanwhile.
        loader.load(date, loader.times(date)[-1], with_findings=False)
        assert not loader.prepare_neighbour()
    finally:
        conn.close()


def test_a_live_minute_drops_the_prepared_views(demo_store, tmp_path):
    """The prepared neighbours hold the index bars and breadth lines up to then: a new minute in
    the store (invalidate) drops them, so the next step is built from what is stored now."""
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        loader.load("2026-06-02", "10:30", with_findings=False)
        assert loader.prepare_neighbour() and loader._views
        loader.invalidate()
        assert loader._views == {}
    finally:
        conn.close()


def test_another_session_at_the_same_minute_shows_that_session(demo_store):
    """Results are kept by minute: the previous session's 10:00 must not answer for this one's
    (it did — the counts, review and sector summary of the session shown before)."""
    conn = open_readonly(demo_store)
    try:
        loader = SessionLoader(StoreReader(conn))
        dates = loader.sessions()
        assert len(dates) >= 2
        shown = loader.load(dates[-1], "10:00")
        other = loader.load(dates[-2], "10:00")
        fresh = SessionLoader(StoreReader(conn)).load(dates[-2], "10:00")
        assert other.counts == fresh.counts != shown.counts
        pd.testing.assert_frame_equal(other.summary, fresh.summary)
        pd.testing.assert_frame_equal(other.review, fresh.review)
    finally:
        conn.close()


def test_the_loader_pauses_between_the_steps_of_a_view_and_of_the_brief(demo_store):
    """The viewer's loader thread hands the interpreter over at ``pause`` (between the steps of a
    view and between the brief's finders); the views are the same with it."""
    conn = open_readonly(demo_store)
    try:
        plain = SessionLoader(StoreReader(conn)).load("2026-06-02", "10:12")
        paused = SessionLoader(StoreReader(conn))
        calls: list[int] = []
        paused.pause = lambda: calls.append(1)
        view = paused.load("2026-06-02", "10:12")
        assert len(calls) >= 10 + 4       # every finder, and the view's own steps
        assert view.counts == plain.counts
        assert view.extras["findings"] == plain.extras["findings"]
        pd.testing.assert_frame_equal(view.summary, plain.summary)
    finally:
        conn.close()
