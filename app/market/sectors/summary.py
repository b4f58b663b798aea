"""Per-sector aggregates of one minute (``board_summary``), grouped with ``np.bincount``.

Frames in, frames out; no Qt, no SQL: one pass over the (sector, stock) pairs, no Python loop
per sector.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.market.sectors.frame_arrays import _bool_col
from app.market.sectors.ladder import streaks
from app.market.sectors.membership import SectorPairs, compile_membership
from app.market.snapshot import STATE_BROKEN

SUMMARY_COLUMNS: tuple[str, ...] = (
    "name", "kind", "parent_id", "level", "n", "n_live", "pct_cap", "pct_eq", "up", "down", "flat",
    "limit_up", "limit_down", "broken", "turnover", "float_cap", "leader_symbol", "leader_name",
    "leader_pct", "max_streak",
)


# The last (cross-section index, pairs, rows) looked up: the viewer's loader hands the same index
# object for every minute of a session, and the ~12,000 hash lookups cost a few ms per minute.
_rows_memo: tuple[pd.Index, SectorPairs, np.ndarray] | None = None


def _pair_rows(index: pd.Index, pairs: SectorPairs) -> np.ndarray:
    """Row of each pair's symbol in ``index`` (-1 when absent)."""
    global _rows_memo
    memo = _rows_memo
    if memo is not None and memo[0] is index and memo[1] is pairs:
        return memo[2]
    rows = index.get_indexer(pairs.symbols)
    _rows_memo = (index, pairs, rows)
    return rows


def _first_max_per_code(codes: np.ndarray, values: np.ndarray, n_codes: int) -> np.ndarray:
    """Per code, the position (in ``codes``) of its largest value, the earliest on ties; -1 for a
    code with no element. O(n) with reductions instead of a lexsort of every pair each minute."""
    out = np.full(n_codes, -1, dtype=np.int64)
    if not len(codes):
        return out
    best = np.full(n_codes, -np.inf)
    np.maximum.at(best, codes, values)
    hit = np.flatnonzero(values == best[codes])
    # ``hit`` is ascending, so np.unique's first occurrence is the earliest hit of each code.
    uniq, first = np.unique(codes[hit], return_index=True)
    out[uniq] = hit[first]
    # A code whose members are all -inf (no % change) still gets its first member, as before.
    return out


def board_summary(enriched: pd.DataFrame, membership: pd.DataFrame | SectorPairs,
                  sectors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-sector aggregates of an ``enrich``-ed cross-section.

    Parameters
    ----------
    enriched
        Indexed by symbol with at least name, pct_chg, amount, float_cap, suspended, at_limit_up,
        at_limit_down, state (and move_fen, streak when present).
    membership
        A ``sector_membership`` frame, or its ``compile_membership`` result (cheaper per minute).
    sectors
        Optional sector table naming parents without direct members (see ``compile_membership``).

    Returns
    -------
    DataFrame indexed by sector_id with ``SUMMARY_COLUMNS``: n members present in ``enriched``,
    n_live trading; pct_cap float-cap-weighted and pct_eq equal-weighted mean % change over
    trading members; up/down/flat counts; limit_up (at the limit-up price, one-word included),
    limit_down, broken counts; turnover (sum of amount, yuan); float_cap; the leader (highest
    pct_chg) as symbol, name and %; max_streak, the longest limit-up streak among members at the
    limit-up price now (1 = only 首板, 0 = none at the limit; see ``streaks``). Level-1 rows cover
    all stocks of their children, each stock once.
    """
    pairs = membership if isinstance(membership, SectorPairs) else compile_membership(membership,
                                                                                      sectors)
    table = pairs.sectors
    n_sec = len(table)
    rows = _pair_rows(enriched.index, pairs)
    ok = rows >= 0
    codes, rows = pairs.sector_codes[ok], rows[ok]

    susp = _bool_col(enriched, "suspended")[rows]
    live = ~susp
    pct = pd.to_numeric(enriched["pct_chg"], errors="coerce").to_numpy(dtype=float)[rows]
    if "move_fen" in enriched.columns:
        move = enriched["move_fen"].to_numpy()[rows]
    else:
        move = np.sign(np.nan_to_num(pct))
    cap = pd.to_numeric(enriched["float_cap"], errors="coerce").to_numpy(dtype=float)[rows]
    amount = pd.to_numeric(enriched["amount"], errors="coerce").to_numpy(dtype=float)[rows]
    # A suspended stock's 0 says nothing about whether the data has amounts: only traded ones count.
    has_amount = np.isfinite(amount) & live
    state = enriched["state"].to_numpy()[rows]

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(codes[mask], minlength=n_sec).astype(np.int64)

    def total(w: np.ndarray, mask: np.ndarray | None = None) -> np.ndarray:
        c, v = (codes, w) if mask is None else (codes[mask], w[mask])
        return np.bincount(c, weights=v, minlength=n_sec)

    has_pct = live & np.isfinite(pct)
    weighted = has_pct & np.isfinite(cap) & (cap > 0)
    n_pct = count(has_pct)
    cap_sum = total(cap, weighted)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct_eq = np.where(n_pct > 0, total(pct, has_pct) / n_pct, np.nan)
        pct_cap = np.where(cap_sum > 0, total(pct * np.where(weighted, cap, 0.0), weighted) / cap_sum,
                           np.nan)

    # Leader: the highest % change of each sector (NaN never leads); ties go to the first pair.
    lead_rows = np.full(n_sec, -1, dtype=np.int64)
    first = _first_max_per_code(codes, np.where(has_pct, pct, -np.inf), n_sec)
    lead_ok = (first >= 0)
    lead_ok[lead_ok] = has_pct[first[lead_ok]]
    lead_rows[lead_ok] = rows[first[lead_ok]]
    sym_index = enriched.index.to_numpy(dtype=object)
    names = enriched["name"].to_numpy(dtype=object) if "name" in enriched.columns else sym_index
    all_pct = pd.to_numeric(enriched["pct_chg"], errors="coerce").to_numpy(dtype=float)
    leader_symbol = np.full(n_sec, None, dtype=object)
    leader_name = np.full(n_sec, None, dtype=object)
    leader_pct = np.full(n_sec, np.nan)
    has_lead = lead_rows >= 0
    leader_symbol[has_lead] = sym_index[lead_rows[has_lead]]
    leader_name[has_lead] = names[lead_rows[has_lead]]
    leader_pct[has_lead] = all_pct[lead_rows[has_lead]]

    max_streak = np.zeros(n_sec, dtype=np.int64)
    np.maximum.at(max_streak, codes, streaks(enriched)[rows])

    out = pd.DataFrame({
        "name": pd.Series(table["name"].to_numpy(dtype=object), dtype=object, index=table.index),
        "kind": pd.Series(table["kind"].to_numpy(dtype=object), dtype=object, index=table.index),
        "parent_id": pd.Series(table["parent_id"].to_numpy(dtype=object), dtype=object,
                               index=table.index),
        "level": table["level"].to_numpy(dtype=np.int64),
        "n": count(np.ones(len(codes), dtype=bool)),
        "n_live": count(live),
        "pct_cap": pct_cap,
        "pct_eq": pct_eq,
        "up": count(live & (move > 0)),
        "down": count(live & (move < 0)),
        "flat": count(live & (move == 0)),
        "limit_up": count(_bool_col(enriched, "at_limit_up")[rows]),
        "limit_down": count(_bool_col(enriched, "at_limit_down")[rows]),
        "broken": count(state == STATE_BROKEN),
        # A sector none of whose members has an amount (a file without 成交额) has no turnover:
        # NaN, shown empty, never a sum of nothing read as 0.
        "turnover": np.where(count(has_amount) > 0, total(amount, has_amount), np.nan),
        "float_cap": total(np.where(np.isfinite(cap), cap, 0.0)),
        "leader_symbol": pd.Series(leader_symbol, dtype=object, index=table.index),
        "leader_name": pd.Series(leader_name, dtype=object, index=table.index),
        "leader_pct": leader_pct,
        "max_streak": max_streak,
    }, index=table.index.rename("sector_id"))
    return out
