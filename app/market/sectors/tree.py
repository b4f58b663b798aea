"""The sector tree's columns of one minute, as plain numpy arrays (``tree_columns``).

The viewer's loader computes them off the GUI thread, so a new minute costs the tree a comparison
and no pandas at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.market.sectors.frame_arrays import (_bool_col, _floats, _ints, _ints_at, _objects,
                                             _strings)
from app.market.sectors.ladder import down_streaks, resealed, streaks
from app.market.snapshot import STATE_BROKEN, STATE_LIMIT_DOWN, STATE_ONE_WORD, STATE_SEALED

TREE_NONE, TREE_SEALED, TREE_ONE_WORD, TREE_BROKEN, TREE_LIMIT_DOWN = 0, 1, 2, 3, 4
TREE_STATE_CODES = {STATE_SEALED: TREE_SEALED, STATE_ONE_WORD: TREE_ONE_WORD,
                    STATE_BROKEN: TREE_BROKEN, STATE_LIMIT_DOWN: TREE_LIMIT_DOWN}


@dataclass(frozen=True, eq=False)
class StockColumns:
    """Per-stock arrays aligned with ``symbols`` (the enriched frame's index)."""

    symbols: pd.Index
    name: np.ndarray         # object str
    code: np.ndarray         # object str
    pct: np.ndarray          # float, NaN when suspended
    last: np.ndarray         # float, NaN when suspended
    chg: np.ndarray          # float change in yuan, NaN when suspended
    amount: np.ndarray       # float yuan
    state: np.ndarray        # int8 TREE_* codes
    resealed: np.ndarray     # bool 回封
    streak: np.ndarray       # int64 连板数 of stocks at limit-up (0 otherwise)
    down_streak: np.ndarray  # int64 consecutive limit-down days of stocks at limit-down
    first_seal: np.ndarray   # object 'HH:MM' / None: 首封 of stocks that reached limit-up
    down_first: np.ndarray   # object 'HH:MM' / None: first time at limit-down
    opens: np.ndarray        # int64 seal openings (limit-ups only: the 回封 tooltip reads it)
    suspended: np.ndarray    # bool
    at_up: np.ndarray        # bool at the limit-up price
    at_down: np.ndarray      # bool at the limit-down price

    def seal_counts(self) -> tuple[int, int, int]:
        """(涨停, 跌停, 炸板) stock counts, as ``seal_stats`` counts them."""
        return int(self.at_up.sum()), int(self.at_down.sum()), int((self.state == TREE_BROKEN).sum())


@dataclass(frozen=True, eq=False)
class SectorColumns:
    """Per-sector arrays aligned with ``index`` (the ``board_summary`` index)."""

    index: pd.Index
    name: np.ndarray
    n: np.ndarray
    pct_cap: np.ndarray
    pct_eq: np.ndarray
    up: np.ndarray
    down: np.ndarray
    limit_up: np.ndarray
    limit_down: np.ndarray
    broken: np.ndarray
    turnover: np.ndarray
    max_streak: np.ndarray
    leader_name: np.ndarray
    leader_symbol: np.ndarray
    leader_pct: np.ndarray


@dataclass(frozen=True, eq=False)
class TreeColumns:
    """``tree_columns``: one minute of the sector tree, stocks and sectors."""

    stocks: StockColumns
    sectors: SectorColumns


def seal_text(value: object) -> str | None:
    """A seal time as 'HH:MM' (also accepts 'HHMMSS' / 'HH:MM:SS'); None when unknown."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    s = str(value).strip()
    if not s:
        return None
    if ":" in s:
        return s[:5]
    if s.isdigit() and len(s) in (4, 6):
        return f"{s[:2]}:{s[2:4]}"
    return s


def _tree_states(frame: pd.DataFrame) -> np.ndarray:
    """The ``state`` column as int8 TREE_* codes (TREE_NONE for 'none', missing or unknown)."""
    state = np.zeros(len(frame), dtype=np.int8)
    if "state" not in frame.columns:
        return state
    labels = frame["state"].to_numpy(dtype=object)
    # All but a few dozen stocks are 'none': map only the others, one dict look-up each.
    for i in np.flatnonzero(labels != "none").tolist():
        state[i] = TREE_STATE_CODES.get(labels[i], TREE_NONE)
    return state


def _seal_times(frame: pd.DataFrame, state: np.ndarray,
                rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(首封 of stocks that reached limit-up, first time at limit-down) at ``rows``, else None.

    The review's first_seal of a limit-down row is its first time at limit-down: the 首封 column
    keeps it for stocks that reached limit-up (sealed, one-word, broken) only.
    """
    first = np.full(len(frame), None, dtype=object)
    down_first = np.full(len(frame), None, dtype=object)
    if "first_seal" not in frame.columns or not len(rows):
        return first, down_first
    raw = frame["first_seal"].to_numpy(dtype=object)
    for i in rows.tolist():
        if state[i] == TREE_LIMIT_DOWN:
            down_first[i] = seal_text(raw[i])
        elif state[i] != TREE_NONE:
            first[i] = seal_text(raw[i])
    return first, down_first


def stock_columns(enriched: pd.DataFrame, previous: StockColumns | None = None) -> StockColumns:
    """The sector tree's per-stock columns of an enriched cross-section (with review columns).

    ``previous``, the last minute of the same symbols, lends its name and code arrays when they
    did not change. Only the few stocks at or near a limit go through per-row Python.
    """
    e = enriched
    last = _floats(e, "last")
    susp = _bool_col(e, "suspended") if "suspended" in e.columns else ~np.isfinite(last)
    state = _tree_states(e)
    at_up, at_down = _bool_col(e, "at_limit_up"), _bool_col(e, "at_limit_down")
    hot = np.flatnonzero((state != TREE_NONE) | at_up | at_down)
    first, down_first = _seal_times(e, state, hot)
    code = (_strings(e, "code", None if previous is None else previous.code)
            if "code" in e.columns else np.array([str(s)[-6:] for s in e.index], dtype=object))
    name = (_strings(e, "name", None if previous is None else previous.name)
            if "name" in e.columns else code)
    return StockColumns(
        symbols=e.index, name=name, code=code,
        pct=np.where(susp, np.nan, _floats(e, "pct_chg")),
        last=np.where(susp, np.nan, last),
        chg=np.where(susp, np.nan, last - _floats(e, "prev_close")),
        amount=_floats(e, "amount"),           # NaN where the data has no 成交额, never 0
        state=state, resealed=resealed(e), streak=streaks(e), down_streak=down_streaks(e),
        first_seal=first, down_first=down_first, opens=_ints_at(e, "opens", hot),
        suspended=susp, at_up=at_up, at_down=at_down,
    )


def sector_columns(summary: pd.DataFrame, previous: SectorColumns | None = None) -> SectorColumns:
    """The sector tree's per-sector columns of a ``board_summary`` frame."""
    s = summary
    names = (_strings(s, "name", None if previous is None else previous.name) if "name" in s.columns
             else np.full(len(s), "", dtype=object))
    return SectorColumns(
        index=s.index, name=names, n=_ints(s, "n"), pct_cap=_floats(s, "pct_cap"),
        pct_eq=_floats(s, "pct_eq"), up=_ints(s, "up"), down=_ints(s, "down"),
        limit_up=_ints(s, "limit_up"), limit_down=_ints(s, "limit_down"),
        broken=_ints(s, "broken"), turnover=_floats(s, "turnover", 0.0),
        max_streak=_ints(s, "max_streak"), leader_name=_objects(s, "leader_name"),
        leader_symbol=_objects(s, "leader_symbol"), leader_pct=_floats(s, "leader_pct"),
    )


# The last minute handed out: its name and code arrays are lent to the next one (see _strings).
_tree_memo: TreeColumns | None = None


def tree_columns(enriched: pd.DataFrame, summary: pd.DataFrame) -> TreeColumns:
    """``stock_columns`` and ``sector_columns`` of one minute (~2 ms: for the loader's thread).

    Consecutive calls for the same session share their name and code arrays, so the tree's
    comparison with the last minute skips them.
    """
    global _tree_memo
    last = _tree_memo
    columns = TreeColumns(stock_columns(enriched, None if last is None else last.stocks),
                          sector_columns(summary, None if last is None else last.sectors))
    _tree_memo = columns
    return columns
