"""Limit-up and new-high findings: the day's 涨停 and streaks, closes above the stored history."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from app.market.brief_findings.base import (KIND_LIMIT_UP, KIND_NEW_HIGHS, NEW_HIGH_MIN_DAYS,
                                            STOCKS_NAMED, TARGET_STOCK, _bool_col, _by_cap, _frame,
                                            _salience, _score, _stock, _target, _time, Finding)
from app.market.limits import price_to_fen_array


def find_limit_up(view: Any) -> Finding | None:
    counts = getattr(view, "counts", None)
    total = int(getattr(counts, "limit_up", 0) or 0)
    if total <= 0:
        return None
    enriched = _frame(view, "enriched")
    ev: dict[str, Any] = {"limit_up": total, "broken": int(getattr(counts, "broken", 0) or 0)}
    target = None
    if "streak" in enriched.columns:
        at = enriched[_bool_col(enriched, "at_limit_up")]
        streak = pd.to_numeric(at["streak"], errors="coerce")
        if streak.notna().any():
            top = int(streak.max())
            leaders = list(streak.index[streak == top])
            ev["top_streak"] = top
            has_state = "state" in enriched.columns
            ev["leaders"] = [
                _stock(enriched, s,
                       one_word=bool(has_state and enriched.at[s, "state"] == "one_word"))
                for s in _by_cap(enriched, leaders)[:STOCKS_NAMED]]
            ev["leaders_total"] = len(leaders)
            ev["multi_day"] = int((streak >= 2).sum())
            if top >= 2:
                target = _target(TARGET_STOCK, ev["leaders"][0]["symbol"], _time(view))
    return Finding(KIND_LIMIT_UP, _score(KIND_LIMIT_UP, _salience(total, 100.0)), ev, target)


def history_high_from_daily(daily: pd.DataFrame, on_date: str) -> pd.DataFrame:
    """The compact history input of ``find_new_highs`` from a long daily frame (date, symbol,
    close): per symbol the highest close before ``on_date`` (max_close), the number of traded days
    before it (days) and the first stored date (first_date)."""
    if daily is None or daily.empty:
        return pd.DataFrame(columns=["max_close", "days", "first_date"])
    d = daily.loc[:, ["date", "symbol", "close"]].copy()
    d["date"] = d["date"].astype(str).str[:10]
    d["close"] = pd.to_numeric(d["close"], errors="coerce")
    d = d[(d["date"] < on_date) & (d["close"] > 0)]
    g = d.groupby("symbol").agg(max_close=("close", "max"), days=("close", "size"),
                                first_date=("date", "min"))
    g.index.name = "symbol"
    return g


def find_new_highs(view: Any, history_high: pd.DataFrame | None) -> Finding | None:
    """Limit-up stocks whose price stands at or above every earlier stored close.

    ``history_high`` is indexed by symbol with max_close (highest close before the session),
    days (traded days before it) and optionally first_date. A stock whose history starts at or
    before its listing date is at an all-time high; otherwise the claim is an N-day high, N the
    shortest history among the named stocks (plus today). No history → no finding.
    """
    if history_high is None or len(history_high) == 0:
        return None
    enriched = _frame(view, "enriched")
    at = enriched[_bool_col(enriched, "at_limit_up")]
    if at.empty or "last" not in at.columns:
        return None
    h = history_high.reindex(at.index)
    px = pd.to_numeric(at["last"], errors="coerce").to_numpy(dtype=float)
    mx = pd.to_numeric(h["max_close"], errors="coerce").to_numpy(dtype=float)
    days = pd.to_numeric(h["days"], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    ok = np.isfinite(px) & (px > 0) & np.isfinite(mx) & (mx > 0) & (days >= NEW_HIGH_MIN_DAYS)
    px_f = np.where(ok, price_to_fen_array(np.where(ok, px, 1.0)), -1)
    mx_f = np.where(ok, price_to_fen_array(np.where(ok, mx, 1.0)), 0)
    hit = ok & (px_f >= mx_f)
    if not hit.any():
        return None
    syms = list(at.index[hit])
    full = np.zeros(len(at), dtype=bool)
    if "first_date" in h.columns and "list_date" in at.columns:
        first = h["first_date"].astype(str).str[:10].to_numpy()
        listed = at["list_date"].astype(str).str[:10].to_numpy()
        full = np.array([f <= ld if isinstance(ld, str) and len(ld) == 10 and f != "nan" else False
                         for f, ld in zip(first, listed)])
    all_time = bool(full[hit].all())
    window = int(days[hit].min()) + 1
    ev = {"count": len(syms), "of_limit_up": int(len(at)), "all_time": all_time,
          "window_days": None if all_time else window,
          "stocks": [_stock(enriched, s) for s in _by_cap(enriched, syms)[:STOCKS_NAMED]]}
    return Finding(KIND_NEW_HIGHS, _score(KIND_NEW_HIGHS, _salience(len(syms), 30.0)), ev,
                   _target(TARGET_STOCK, ev["stocks"][0]["symbol"], _time(view)))
