"""The JSON reports of ``tidemark report breadth|limits --json`` (../shared/ARCHITECTURE.md).

Plain dicts of JSON-safe values: no NaN or infinity (None instead), no numpy scalars, time labels
as 'HH:MM' strings. ``json.dumps(report, ensure_ascii=False, allow_nan=False)`` always succeeds.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from app.market.breadth import BreadthCounts

PCT_DECIMALS = 4
PRICE_DECIMALS = 2
AMOUNT_DECIMALS = 2

LIMIT_KINDS: tuple[str, ...] = ("limit_up", "limit_down", "broken")
LIMIT_ITEM_FIELDS: tuple[str, ...] = (
    "symbol", "code", "name", "board", "state", "last", "prev_close", "pct_chg", "limit_price",
    "streak", "prev_streak", "first_seal", "last_seal", "opens", "resealed", "amount",
)
_ROUNDING = {"last": PRICE_DECIMALS, "prev_close": PRICE_DECIMALS, "limit_price": PRICE_DECIMALS,
             "pct_chg": PCT_DECIMALS, "amount": AMOUNT_DECIMALS}


def json_value(value: Any, decimals: int | None = None) -> Any:
    """A JSON-safe Python value: numpy scalars unwrapped, NaN/NA/inf → None, floats rounded."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        if not math.isfinite(f):
            return None
        return round(f, decimals) if decimals is not None else f
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [json_value(v) for v in value]
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def breadth_report(counts: BreadthCounts, date: str, time: str) -> dict[str, Any]:
    """``report breadth --json``: date, time, stocks, up, down, flat, suspended, limit_up,
    limit_down, broken, turnover_yuan, buckets (label → count, in display order from 涨停 to
    跌停), mean_pct, median_pct, cap_weighted_pct (equal-weight mean/median and float-cap-weighted
    mean of % change over trading stocks; None when undefined)."""
    return {
        "date": str(date),
        "time": str(time),
        "stocks": json_value(counts.stocks),
        "up": json_value(counts.up),
        "down": json_value(counts.down),
        "flat": json_value(counts.flat),
        "suspended": json_value(counts.suspended),
        "limit_up": json_value(counts.limit_up),
        "limit_down": json_value(counts.limit_down),
        "broken": json_value(counts.broken),
        "turnover_yuan": json_value(counts.turnover_yuan, AMOUNT_DECIMALS),
        "buckets": {str(k): int(v) for k, v in counts.buckets.items()},
        "mean_pct": json_value(counts.mean_pct, PCT_DECIMALS),
        "median_pct": json_value(counts.median_pct, PCT_DECIMALS),
        "cap_weighted_pct": json_value(counts.cap_weighted_pct, PCT_DECIMALS),
    }


def _sort_key(item: Mapping[str, Any]) -> tuple[int, str, int, str]:
    first = item.get("first_seal")
    streak = item.get("streak") or 0
    return (first is None, first or "", -int(streak), str(item.get("symbol")))


def _items(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    items = [{f: json_value(r.get(f), _ROUNDING.get(f)) for f in LIMIT_ITEM_FIELDS} for r in rows]
    return sorted(items, key=_sort_key)


def limits_report(review_frame: pd.DataFrame, date: str, time: str) -> dict[str, Any]:
    """``report limits --json`` from ``app.session.review.limit_review``'s frame.

    Lists limit_up, limit_down and broken, each item with symbol, code, name, board, state, last,
    prev_close, pct_chg, limit_price, streak, prev_streak, first_seal, last_seal, opens, resealed,
    amount, sorted by first_seal (earliest first, unknown last) then streak (longest first).
    Also: counts per list, seal_rate (封板率 = 涨停 / (涨停 + 炸板)), broken_rate (炸板率), the
    ladder (连板梯队: streak → number of limit-up stocks, as string keys) and max_streak.
    """
    records = review_frame.to_dict("records") if len(review_frame) else []
    lists = {k: _items(r for r in records if r.get("kind") == k) for k in LIMIT_KINDS}
    n_up, n_broken = len(lists["limit_up"]), len(lists["broken"])
    touched = n_up + n_broken
    ladder = Counter(int(i["streak"] or 0) for i in lists["limit_up"])
    return {
        "date": str(date),
        "time": str(time),
        "counts": {k: len(v) for k, v in lists.items()},
        "seal_rate": round(n_up / touched, PCT_DECIMALS) if touched else None,
        "broken_rate": round(n_broken / touched, PCT_DECIMALS) if touched else None,
        "max_streak": max(ladder) if ladder else 0,
        "ladder": {str(k): ladder[k] for k in sorted(ladder, reverse=True)},
        **lists,
    }
