"""Turnover and breadth findings: 成交额 against the prior session, advancers against decliners."""

from __future__ import annotations

from typing import Any

import pandas as pd

from app.market.brief_findings.base import (BASE_SCORE_PLAIN_BREADTH, BASE_SCORE_PLAIN_TURNOVER,
                                            BROAD_ADVANCER_SHARE, CONCENTRATED_DECLINER_SHARE,
                                            CONCENTRATED_INDEX_MIN_PCT, KIND_BREADTH,
                                            KIND_TURNOVER, TARGET_INDEX, TURNOVER_SHARP_PCT,
                                            _frame, _num, _salience, _score, _target, _time,
                                            Finding)
from app.market.brief_findings.indices import leading_index
from app.market.session import CLOSE_TIME
from app.market.universe import UNIVERSE_PART, universe_of


def _scope(enriched: pd.DataFrame) -> str:
    """Exchanges present among the cross-section: a '+'-joined subset of sh, sz, bj."""
    if enriched.empty:
        return ""
    if "market" in enriched.columns:
        markets = {str(m) for m in enriched["market"].unique()}
    else:
        markets = {str(s)[:2] for s in pd.unique(enriched.index.str[:2])}
    return "+".join(m for m in ("sh", "sz", "bj") if m in markets)


def _universe(view: Any) -> str:
    """主板 / 全市场 / part of it, from the boards of the cross-section (app.market.universe)."""
    e = _frame(view, "enriched")
    return universe_of(e["board"].unique()) if "board" in e.columns and len(e) else UNIVERSE_PART


def _prior_turnover_exact(prior: pd.DataFrame, clock: str) -> float | None:
    if prior.empty or "time" not in prior.columns or "turnover_yuan" not in prior.columns:
        return None
    rows = prior[prior["time"].astype(str) == clock]
    return _num(rows["turnover_yuan"].iloc[-1]) if len(rows) else None


def find_turnover(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    """Cumulative turnover at the shown minute (as the index strip: the cross-section's amount),
    against the prior session at the same clock time when that session has a row at that time."""
    counts = getattr(view, "counts", None)
    today = _num(getattr(counts, "turnover_yuan", None))
    if not today or today <= 0:
        return None
    time = _time(view)
    label = {"11:30": "half_day", CLOSE_TIME: "full_day", "09:30": "auction"}.get(time, "intraday")
    prior = _prior_turnover_exact(_frame(view, "prior_series"), time)
    diff = (today / prior - 1.0) * 100.0 if prior else None
    ev = {"time": time, "label": label, "today": today, "prior": prior,
          "prior_date": getattr(view, "prior_date", None) if prior else None,
          "diff_pct": _num(diff), "scope": _scope(_frame(view, "enriched")),
          "universe": _universe(view)}
    if diff is None:
        return Finding(KIND_TURNOVER, BASE_SCORE_PLAIN_TURNOVER, ev, None)
    lead = leading_index(view, moves)
    target = _target(TARGET_INDEX, lead["symbol"], time) if lead else None
    return Finding(KIND_TURNOVER, _score(KIND_TURNOVER, _salience(diff, TURNOVER_SHARP_PCT)), ev,
                   target)


def find_breadth(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    """Decliners and advancers out of all stocks, the median move against the leading index, and
    the flag: 'concentrated' (leading index up, most stocks down) or 'broad' (every index down,
    most stocks up)."""
    c = getattr(view, "counts", None)
    if c is None or not getattr(c, "stocks", 0):
        return None
    trading = int(c.up) + int(c.down) + int(c.flat)
    if trading <= 0:
        return None
    down_share, up_share = c.down / trading, c.up / trading
    lead = leading_index(view, moves)
    flag = None
    if lead is not None and lead["pct"] > CONCENTRATED_INDEX_MIN_PCT \
            and down_share > CONCENTRATED_DECLINER_SHARE:
        flag = "concentrated"
    elif lead is not None and lead["pct"] < 0 and up_share > BROAD_ADVANCER_SHARE:
        flag = "broad"
    ev = {"stocks": int(c.stocks), "up": int(c.up), "down": int(c.down), "flat": int(c.flat),
          "suspended": int(c.suspended), "decliner_share": down_share,
          "median_pct": _num(c.median_pct), "mean_pct": _num(c.mean_pct), "flag": flag,
          "index": lead["symbol"] if lead else None, "index_name": lead["name"] if lead else None,
          "index_name_en": lead["name_en"] if lead else None,
          "index_pct": lead["pct"] if lead else None, "universe": _universe(view)}
    target = _target(TARGET_INDEX, lead["symbol"], _time(view)) if lead else None
    if flag is None:
        sal = _salience(ev["median_pct"], 3.0)
        return Finding(KIND_BREADTH, _score(KIND_BREADTH, sal, BASE_SCORE_PLAIN_BREADTH), ev,
                       target)
    sal = down_share if flag == "concentrated" else up_share
    return Finding(KIND_BREADTH, _score(KIND_BREADTH, sal), ev, target)
