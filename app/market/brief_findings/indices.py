"""Index findings: the main indices' moves at the shown minute and the stocks that moved them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from app.config import MAIN_INDICES
from app.market.brief_findings.base import (CONTRIBUTORS_NAMED, KIND_CONTRIBUTORS, KIND_INDICES,
                                            TARGET_INDEX, _code, _num, _r2, _salience, _score,
                                            _target, _time, Finding)
from app.market.session import CLOSE_TIME


def index_pct_at(series: Any, date: str, time: str) -> tuple[float | None, float | None]:
    """(level, % change) of an ``IndexSeries`` at ``time``: its last minute bar at or before it
    (as the index strip shows); with no minute bars at all, the daily bar of ``date`` when the time
    is the close. (None, None) where the data does not say."""
    prev = _num(getattr(series, "prev_close", None))
    if not prev or prev <= 0:
        return None, None
    mins = getattr(series, "minutes", None)
    if isinstance(mins, pd.DataFrame) and len(mins):
        upto = np.flatnonzero(mins["time"].to_numpy(dtype=str) <= time)
        if not len(upto):
            return None, None
        last = _num(mins["close"].to_numpy()[upto[-1]])
        return (last, (last / prev - 1.0) * 100.0) if last else (None, None)
    daily = getattr(series, "daily", None)
    if time == CLOSE_TIME and isinstance(daily, pd.DataFrame) and len(daily):
        rows = daily[daily["date"].astype(str) == date]
        if len(rows):
            last = _num(rows["close"].iloc[-1])
            return (last, (last / prev - 1.0) * 100.0) if last else (None, None)
    return None, None


def index_moves(view: Any) -> list[dict[str, Any]]:
    """The main indices with a level at the shown time, strongest first."""
    date, time = str(getattr(view, "date", "")), _time(view)
    indices: Mapping[str, Any] = getattr(view, "indices", None) or {}
    rows = []
    for sym, zh, en in MAIN_INDICES:
        series = indices.get(sym)
        if series is None:
            continue
        last, pct = index_pct_at(series, date, time)
        if pct is None:
            continue
        rows.append({"symbol": sym, "name": str(getattr(series, "name", "") or zh), "name_en": en,
                     "last": last, "pct": pct})
    rows.sort(key=lambda r: (-r["pct"], r["symbol"]))
    return rows


def find_indices(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    rows = index_moves(view) if moves is None else moves
    if not rows:
        return None
    time = _time(view)
    lead, lag = rows[0], rows[-1]
    spread = _r2(_r2(lead["pct"]) - _r2(lag["pct"])) if len(rows) > 1 else None
    ev = {"ranked": rows, "leader": lead["symbol"], "laggard": lag["symbol"], "spread_pp": spread}
    sal = 0.5 * _salience(lead["pct"], 3.0) + 0.5 * _salience(spread, 3.0)
    return Finding(KIND_INDICES, _score(KIND_INDICES, sal), ev,
                   _target(TARGET_INDEX, lead["symbol"], time))


def leading_index(view: Any, moves: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    rows = index_moves(view) if moves is None else moves
    return rows[0] if rows else None


def find_contributors(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    """Who carried the leading index (from its Concentration): named top contributors (or
    detractors when it fell), the panel's top-N total in points and its share of the move."""
    lead = leading_index(view, moves)
    conc = (getattr(view, "concentration", None) or {}).get(lead["symbol"]) if lead else None
    if conc is None or not getattr(conc, "members", 0):
        return None
    points = _num(conc.index_points)
    if points is None or points == 0:
        return None
    up = points > 0
    picks = tuple(conc.top_up if up else conc.top_down)
    if not picks:
        return None
    total = float(sum(c.points for c in picks))
    share = total / points * 100.0 if points else None
    named = [{"symbol": c.symbol, "code": _code(c.symbol), "name": c.name or c.symbol,
              "points": float(c.points), "pct": _num(c.pct_chg)}
             for c in picks[:CONTRIBUTORS_NAMED]]
    ev = {"index": lead["symbol"], "index_name": lead["name"], "index_name_en": lead["name_en"],
          "index_pct": _num(conc.shown_pct), "index_points": points,
          "direction": "up" if up else "down", "named": named, "top_n": len(picks),
          "top_points": total, "share_pct": _num(share),
          # from the printed (1-decimal) numbers, so that printed move − printed top = printed rest
          "rest_points": float(f"{float(f'{points:.1f}') - float(f'{total:.1f}'):.1f}"),
          "members_up": int(conc.members_up), "members_down": int(conc.members_down)}
    sal = _salience((share or 0.0) / 100.0, 1.5)
    return Finding(KIND_CONTRIBUTORS, _score(KIND_CONTRIBUTORS, sal), ev,
                   _target(TARGET_INDEX, lead["symbol"], _time(view)))
