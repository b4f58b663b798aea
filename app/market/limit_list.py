"""The day's limit list (涨停板 list) of one minute: the review's rows with the terminals' columns.

Built from the limit review (seal times, 炸板次数, streaks) of the minute, plus a reason tag: the
board a stock is traded under, taken as its concept with the most limit-ups at that minute (its
industry when it is in no concept); the rows are grouped by that tag, the board with the most
limit-ups first, as terminals' limit-up reviews group them. Pure pandas/numpy on the few hundred
review rows.

封单额 (the bid volume sealed at the limit, in yuan) needs order-book data, which no store format
holds yet: the column is NaN, and the table says why.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.market.sectors import KIND_CONCEPT, SectorPairs

LIMIT_LIST_COLUMNS: tuple[str, ...] = (
    "symbol", "code", "name", "kind", "state", "pct_chg", "last", "first_seal", "last_seal",
    "seal_amount", "opens", "streak", "reason",
)
SEAL_AMOUNT_MISSING = "no order-book data in the store"


@dataclass(frozen=True, eq=False)
class LimitList:
    """The rows (``LIMIT_LIST_COLUMNS``, in the review's order) and why a column is empty."""

    rows: pd.DataFrame
    seal_amount_reason: str | None = SEAL_AMOUNT_MISSING

    def same_as(self, other: LimitList | None) -> bool:
        return other is not None and self.rows.equals(other.rows)


def reason_tags(symbols: np.ndarray, pairs: SectorPairs | None, summary: pd.DataFrame | None
                ) -> np.ndarray:
    """Per symbol, the name of its board: the concept (direct membership) with the most stocks
    at limit-up in ``summary``, ties to the higher cap-weighted change; else its deepest industry;
    None when it is in no sector."""
    out = np.full(len(symbols), None, dtype=object)
    if pairs is None or len(symbols) == 0:
        return out
    pick = np.isin(pairs.symbols, symbols) & pairs.direct
    if not pick.any():
        return out
    codes = pairs.sector_codes[pick]
    syms = pairs.symbols[pick]
    table = pairs.sectors
    concept = (table["kind"].to_numpy(dtype=object) == KIND_CONCEPT)[codes]
    level = table["level"].to_numpy(dtype=np.int64)[codes]
    ups = np.zeros(len(codes))
    pct = np.zeros(len(codes))
    if summary is not None and len(summary):
        pos = summary.index.get_indexer(table.index[codes])
        ok = pos >= 0
        ups[ok] = summary["limit_up"].to_numpy(dtype=float)[pos[ok]]
        pct[ok] = np.nan_to_num(summary["pct_cap"].to_numpy(dtype=float)[pos[ok]], nan=-1e9)
    # Best first: concepts, then more limit-ups, a higher change, a deeper level; lexsort takes
    # its last key as the primary one.
    order = np.lexsort((-level, -pct, -ups, ~concept, syms.astype(str)))
    syms_sorted = syms[order]
    first = np.r_[True, syms_sorted[1:] != syms_sorted[:-1]]
    best = dict(zip(syms_sorted[first].tolist(),
                    table["name"].to_numpy(dtype=object)[codes[order][first]].tolist()))
    for i, s in enumerate(symbols.tolist()):
        out[i] = best.get(s)
    return out


def limit_list(review: pd.DataFrame, pairs: SectorPairs | None = None,
               summary: pd.DataFrame | None = None) -> LimitList:
    """The limit list of a minute from its ``review_of`` frame (limit-up, 炸板 and limit-down rows),
    with each stock's reason tag from the sector pairs and the minute's ``board_summary``."""
    n = len(review)
    if n == 0:
        return LimitList(pd.DataFrame({c: pd.Series([], dtype=object) for c in LIMIT_LIST_COLUMNS}))
    symbols = review["symbol"].to_numpy(dtype=object)

    def objects(col: str) -> pd.Series:
        values = review[col].to_numpy(dtype=object) if col in review.columns else np.full(n, None)
        return pd.Series([None if v is None or v != v else v for v in values], dtype=object)

    def floats(col: str) -> np.ndarray:
        if col not in review.columns:
            return np.full(n, np.nan)
        return pd.to_numeric(review[col], errors="coerce").to_numpy(dtype=float)

    opens = floats("opens")        # None with daily bars only: unknown, not 0
    rows = pd.DataFrame({
        "symbol": pd.Series(symbols, dtype=object),
        "code": objects("code"),
        "name": objects("name"),
        "kind": objects("kind"),
        "state": objects("state"),
        "pct_chg": floats("pct_chg"),
        "last": floats("last"),
        "first_seal": objects("first_seal"),
        "last_seal": objects("last_seal"),
        "seal_amount": np.full(n, np.nan),
        "opens": opens,
        "streak": floats("streak"),
        "reason": pd.Series(reason_tags(symbols, pairs, summary), dtype=object),
    })
    return LimitList(_grouped(rows))


_KIND_RANK = {"limit_up": 0, "broken": 1, "limit_down": 2}


def _grouped(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows grouped by reason, as the terminals' limit-up review lists them: the board with the
    most stocks of the kind first (ties by name), each group in the review's order (first seal,
    then streak); limit-ups first, then 炸板, then limit-downs; untagged stocks last."""
    kind = rows["kind"].map(_KIND_RANK).fillna(3).to_numpy(dtype=np.int64)
    reason = rows["reason"].to_numpy(dtype=object)
    tagged = np.array([r is not None for r in reason], dtype=bool)
    key = pd.Series([f"{k}|{r}" for k, r in zip(kind, reason)])
    size = key.map(key.value_counts()).to_numpy(dtype=np.int64)
    names = np.array([r or "" for r in reason], dtype=object).astype(str)
    position = np.arange(len(rows))
    order = np.lexsort((position, names, -size, ~tagged, kind))
    return rows.iloc[order].reset_index(drop=True)
