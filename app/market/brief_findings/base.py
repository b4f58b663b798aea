"""Shared ground of the findings: thresholds, the importance scale, ``Finding`` and small helpers."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from app.config import MAIN_INDICES
from app.market.session import CLOSE_TIME, normalise_time


MIN_BOARD_STOCKS = 5            # boards with fewer trading members are not ranked
BOARD_MIN_MOVE_PCT = 1.0        # a board is named as strongest / weakest only beyond ±this (%)
BOARDS_NAMED = 2                # strongest / weakest boards named in one bullet
STOCKS_NAMED = 3                # limit-up / new-high stocks named in one bullet
CONTRIBUTORS_NAMED = 3          # index contributors named (the panel's total covers top_up: 5)
LIMIT_DOWN_CLUSTER_MIN = 3      # a falling board with at least this many limit-downs …
LIMIT_DOWN_CLUSTER_SHARE = 0.05  # … making up at least this share of its members is a cluster
CLUSTERS_NAMED = 2
CONCENTRATED_INDEX_MIN_PCT = 0.0    # "leading index is up": its move is above this (%)
CONCENTRATED_DECLINER_SHARE = 0.5   # "most stocks are down": decliners / trading stocks above this
BROAD_ADVANCER_SHARE = 0.5          # indices all down while advancers / trading above this
SWEEPING_SHARE = 0.7                # "普跌/普涨" rather than "多数": share of trading stocks
TURNOVER_SLIGHT_PCT = 5.0       # |change| below this vs the prior session: "slightly"
TURNOVER_SHARP_PCT = 20.0       # at or above this: "sharply"
NEW_HIGH_MIN_DAYS = 60          # a high over a shorter stored history is not worth stating

# -- importance: score = BASE[kind] + SALIENCE_SPAN × salience (salience in 0..1) ----------------
KIND_INDICES = "indices"
KIND_BOARDS_UP = "boards_up"
KIND_TURNOVER = "turnover"
KIND_BREADTH = "breadth"
KIND_LIMIT_UP = "limit_up"
KIND_CONTRIBUTORS = "contributors"
KIND_LIMIT_DOWN = "limit_down"
KIND_BOARDS_DOWN = "boards_down"
KIND_NEW_HIGHS = "new_highs"
KIND_INDUSTRIES = "industries"
SALIENCE_SPAN = 10.0
BASE_SCORE: dict[str, float] = {
    KIND_INDICES: 100.0,
    KIND_BOARDS_UP: 90.0,
    KIND_TURNOVER: 84.0,          # with a comparison against the prior session
    KIND_BREADTH: 76.0,           # when flagged concentrated (or broad)
    KIND_LIMIT_UP: 72.0,
    KIND_CONTRIBUTORS: 68.0,
    KIND_LIMIT_DOWN: 62.0,
    KIND_BOARDS_DOWN: 58.0,
    KIND_NEW_HIGHS: 54.0,
    KIND_INDUSTRIES: 46.0,
}
BASE_SCORE_PLAIN_TURNOVER = 66.0  # turnover without a comparison
BASE_SCORE_PLAIN_BREADTH = 56.0   # breadth without a flag

TARGET_INDEX = "index"
TARGET_SECTOR = "sector"
TARGET_STOCK = "stock"

INDEX_NAMES_EN = {s: en for s, _zh, en in MAIN_INDICES}
INDEX_NAMES_ZH = {s: zh for s, zh, _en in MAIN_INDICES}


@dataclass(frozen=True)
class Finding:
    """One takeaway: what kind, how important, the numbers behind it and where a click goes.

    ``evidence`` holds JSON-ready values; ``target`` is ``{'kind': 'index'|'sector'|'stock',
    'id': ..., 'time': 'HH:MM'}`` or None.
    """

    kind: str
    score: float
    evidence: dict[str, Any] = field(default_factory=dict, hash=False)
    target: dict[str, str] | None = field(default=None, hash=False)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "score": round(self.score, 3), "evidence": self.evidence,
                "target": self.target}


# -- small helpers ---------------------------------------------------------------------------------
def _num(v: Any) -> float | None:
    """A finite float or None (evidence must not hold NaN)."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _r2(v: float) -> float:
    """Round as the panels print: 2 decimals, half away from zero on the decimal string."""
    return float(f"{v:.2f}")


def _salience(x: float | None, full: float) -> float:
    if x is None or full <= 0:
        return 0.0
    return max(0.0, min(abs(x) / full, 1.0))


def _score(kind: str, salience: float, base: float | None = None) -> float:
    return (BASE_SCORE[kind] if base is None else base) + SALIENCE_SPAN * salience


def _target(kind: str, ident: str, time: str) -> dict[str, str]:
    return {"kind": kind, "id": str(ident), "time": time}


def _frame(view: Any, name: str) -> pd.DataFrame:
    v = getattr(view, name, None)
    return v if isinstance(v, pd.DataFrame) else pd.DataFrame()


def _time(view: Any) -> str:
    return normalise_time(str(getattr(view, "time", CLOSE_TIME)))


def _code(symbol: str) -> str:
    return symbol[2:] if len(symbol) > 6 and symbol[:2].isalpha() else symbol


def _stock(enriched: pd.DataFrame, symbol: str, **extra: Any) -> dict[str, Any]:
    name = symbol
    if "name" in enriched.columns and symbol in enriched.index:
        raw = enriched.at[symbol, "name"]
        name = str(raw) if isinstance(raw, str) and raw else symbol
    row: dict[str, Any] = {"symbol": symbol, "code": _code(symbol), "name": name}
    if "pct_chg" in enriched.columns and symbol in enriched.index:
        row["pct"] = _num(enriched.at[symbol, "pct_chg"])
    row.update(extra)
    return row


def _bool_col(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[col].fillna(False).to_numpy(dtype=bool)


def _by_cap(enriched: pd.DataFrame, symbols: list[str] | pd.Index) -> list[str]:
    """Symbols ordered by float cap (the heavyweights first; turnover where the cap is unknown),
    ties by symbol. Cap is structural, so the names a bullet picks do not flicker minute by
    minute the way turnover ranks do."""
    syms = [s for s in symbols if s in enriched.index]
    key = "float_cap" if "float_cap" in enriched.columns else "amount"
    if key not in enriched.columns:
        return sorted(syms)
    val = pd.to_numeric(enriched.loc[syms, key], errors="coerce").fillna(0.0)
    return sorted(syms, key=lambda s: (-float(val[s]), s))
