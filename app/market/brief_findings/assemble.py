"""All findings of a view in one list, most important first (``findings``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from app.market.brief_findings.base import BASE_SCORE, KIND_BOARDS_DOWN, KIND_LIMIT_DOWN, Finding
from app.market.brief_findings.boards import find_boards, find_industries, find_limit_down
from app.market.brief_findings.breadth import find_breadth, find_turnover
from app.market.brief_findings.indices import find_contributors, find_indices, index_moves
from app.market.brief_findings.limit_ups import find_limit_up, find_new_highs


def _drop_repeats(found: list[Finding]) -> list[Finding]:
    """Drop the weakest-boards bullet when the limit-down bullet already names the same boards
    (a sell-off concentrated in a theme is one takeaway, not two)."""
    by_kind = {f.kind: f for f in found}
    weak, down = by_kind.get(KIND_BOARDS_DOWN), by_kind.get(KIND_LIMIT_DOWN)
    if weak is None or down is None:
        return found
    weak_names = {b["name"] for b in weak.evidence["boards"]}
    cluster_names = {c["name"] for c in down.evidence.get("clusters", [])}
    if weak_names and weak_names <= cluster_names:
        return [f for f in found if f is not weak]
    return found


def findings(view: Any, history_high: pd.DataFrame | None = None,
             pause: Callable[[], None] | None = None) -> list[Finding]:
    """Every finding the data supports, most important first (ties keep a fixed kind order).
    ``pause`` is called between finders (a thread that shares the interpreter with a GUI hands
    it over there)."""
    moves = index_moves(view)
    finders: tuple[Callable[[], Finding | None], ...] = (
        lambda: find_indices(view, moves),
        lambda: find_boards(view, up=True),
        lambda: find_turnover(view, moves),
        lambda: find_breadth(view, moves),
        lambda: find_limit_up(view),
        lambda: find_contributors(view, moves),
        lambda: find_limit_down(view),
        lambda: find_boards(view, up=False),
        lambda: find_new_highs(view, history_high),
        lambda: find_industries(view),
    )
    found = []
    for find in finders:
        found.append(find())
        if pause is not None:
            pause()
    out = [f for f in found if f is not None]
    out = _drop_repeats(out)
    order = {k: i for i, k in enumerate(BASE_SCORE)}
    out.sort(key=lambda f: (-f.score, order.get(f.kind, 99)))
    return out
