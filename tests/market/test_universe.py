"""The universe a cross-section holds decides how the brief names its median."""

from __future__ import annotations

from app.market.universe import UNIVERSE_ALL, UNIVERSE_MAIN, UNIVERSE_PART, universe_of


def test_universe_of_boards():
    assert universe_of(["sse_main", "szse_main"]) == UNIVERSE_MAIN
    assert universe_of(["sse_main", "szse_main", "index"]) == UNIVERSE_MAIN
    assert universe_of(["sse_main", "szse_main", "chinext", "star", "bse"]) == UNIVERSE_ALL
    assert universe_of(["chinext"]) == UNIVERSE_PART
    assert universe_of([]) == UNIVERSE_PART
