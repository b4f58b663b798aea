"""连板天梯 with breaks: today's limit-ups in columns by streak, yesterday's failures struck through.

A column per streak level: 首板 (1), 2板, 3板 … up to 最高板 (the highest streak sealed now). A stock
that was an N-board on the previous session and is not at the limit-up price now is a *failed* tile
in column N + 1 (the board it tried for), shown struck through:

- ``broken`` (炸板): it reached limit-up today and is not there now;
- ``not_touched`` (未触板): at the close, it never reached limit-up today.

Point in time: every flag comes from the cross-section at the shown minute, so a stock counts as
broken only from the minute it left the limit. Before the close, a previous-session limit-up that
has not reached the limit yet has not failed: it is a ``pending`` tile (未封) in column N + 1, not
struck through.

Board type of a tile at the limit (prices compared in integer fen):

- 一字 ``one_word``: open = high = low = last = limit-up;
- T字 ``t_word``: open = last = limit-up and the low below it (opened at the limit, dipped, re-sealed);
- 回封 ``resealed``: any other stock at the limit whose seal opened at least once today;
- 换手 ``turnover``: every other stock at the limit (sealed after trading below it).

Without minute snapshots (a daily-bar day) the number of seal openings is unknown: such a stock
shows 换手 unless its bar is a 一字 or T字.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.market.limits import price_to_fen_array

BOARD_ONE_WORD = "one_word"
BOARD_T_WORD = "t_word"
BOARD_RESEALED = "resealed"
BOARD_TURNOVER = "turnover"
BOARD_TYPE_LABELS: dict[str, str] = {
    BOARD_ONE_WORD: "一字", BOARD_T_WORD: "T字", BOARD_RESEALED: "回封", BOARD_TURNOVER: "换手",
}

STATUS_SEALED = "sealed"
STATUS_BROKEN = "broken"
STATUS_NOT_TOUCHED = "not_touched"
STATUS_PENDING = "pending"
STATUS_LABELS: dict[str, str] = {
    STATUS_SEALED: "封板", STATUS_BROKEN: "炸板", STATUS_NOT_TOUCHED: "未触板", STATUS_PENDING: "未封",
}

TILE_COLUMNS: tuple[str, ...] = (
    "symbol", "code", "name", "level", "streak", "prev_streak", "failed", "status", "board_type",
    "first_seal", "opens", "pct_chg",
)


def _num(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[col], errors="coerce").to_numpy(dtype=float)


def _fen(values: np.ndarray) -> np.ndarray:
    ok = np.isfinite(values) & (values > 0)
    return np.where(ok, price_to_fen_array(np.where(ok, values, 0.0)), -1)


def _bool(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[col].fillna(False).to_numpy(dtype=bool)


def board_types(frame: pd.DataFrame) -> np.ndarray:
    """Board type code of each row at the limit-up price now; None for the others.

    ``frame`` has open, high, low, last (or close), limit_up (yuan) and optionally opens (seal
    openings so far) or resealed (bool).
    """
    last_col = "last" if "last" in frame.columns else "close"
    up = _fen(_num(frame, "limit_up"))
    last, opn = _fen(_num(frame, last_col)), _fen(_num(frame, "open"))
    high, low = _fen(_num(frame, "high")), _fen(_num(frame, "low"))
    sealed = (up > 0) & (last == up)
    one_word = sealed & (opn == up) & (high == up) & (low == up)
    t_word = sealed & ~one_word & (opn == up) & (low > 0) & (low < up)
    reopened = _bool(frame, "resealed")
    if "opens" in frame.columns:
        reopened = reopened | (np.nan_to_num(_num(frame, "opens")) > 0)
    out = np.full(len(frame), None, dtype=object)
    out[sealed] = BOARD_TURNOVER
    out[sealed & reopened] = BOARD_RESEALED
    out[t_word] = BOARD_T_WORD
    out[one_word] = BOARD_ONE_WORD
    return out


@dataclass(frozen=True)
class LadderLevel:
    """One column: its level (1 = 首板), stocks sealed there now and struck-through failures."""

    level: int
    sealed: int
    failed: int
    highest: bool
    pending: int = 0


@dataclass(frozen=True)
class Ladder:
    tiles: pd.DataFrame                 # TILE_COLUMNS, one row per tile, column order
    levels: tuple[LadderLevel, ...]     # lowest level first
    highest: int                        # highest streak sealed now (0: no limit-up)


def ladder_with_breaks(today: pd.DataFrame, final: bool = True) -> Ladder:
    """The ladder of one minute.

    Parameters
    ----------
    today
        Indexed by symbol: name, code, suspended, at_limit_up, touched_up, open, high, low, last,
        limit_up, pct_chg, streak (today's 连板数 at the minute, 0 when not at the limit),
        prev_streak (the streak as of the **previous session**: 0 for a stock that did not close
        at limit-up then, or did not trade then), and optionally first_seal ('HH:MM'), opens,
        resealed.
    final
        The minute is the close: a previous-session limit-up that never reached the limit has
        failed (``not_touched``). Before the close it is ``pending``, not failed.

    Returns
    -------
    A ``Ladder``: tiles sorted by level (highest first), sealed, pending, failed, then by first seal
    time (earliest first; unknown last), then by % change (highest first), then symbol.
    """
    n = len(today)
    live = ~_bool(today, "suspended")
    at_up = _bool(today, "at_limit_up") & live
    touched = (_bool(today, "touched_up") | at_up) & live
    streak = np.nan_to_num(_num(today, "streak")).astype(np.int64)
    prev = np.nan_to_num(_num(today, "prev_streak")).astype(np.int64)
    streak = np.where(at_up, np.maximum(streak, 1), 0)
    tried = live & ~at_up & (prev >= 1)
    failed = tried & (touched | final)
    keep = at_up | tried
    level = np.where(at_up, streak, prev + 1)
    status = np.where(at_up, STATUS_SEALED,
                      np.where(touched, STATUS_BROKEN,
                               STATUS_NOT_TOUCHED if final else STATUS_PENDING)).astype(object)
    kinds = board_types(today)
    sym = today.index.to_numpy(dtype=object)
    names = today["name"].to_numpy(dtype=object) if "name" in today.columns else sym
    codes = today["code"].to_numpy(dtype=object) if "code" in today.columns else sym
    first = (today["first_seal"].astype(object).where(today["first_seal"].notna(), None)
             .to_numpy(dtype=object) if "first_seal" in today.columns
             else np.full(n, None, dtype=object))
    opens = (pd.to_numeric(today["opens"], errors="coerce").to_numpy(dtype=float)
             if "opens" in today.columns else np.full(n, np.nan))
    def obj(a: np.ndarray) -> pd.Series:      # keep None as None (no string-dtype inference)
        return pd.Series(a[keep], dtype=object)

    tiles = pd.DataFrame({
        "symbol": obj(sym),
        "code": obj(codes),
        "name": obj(names),
        "level": level[keep].astype(np.int64),
        "streak": streak[keep].astype(np.int64),
        "prev_streak": prev[keep].astype(np.int64),
        "failed": failed[keep],
        "status": obj(status),
        "board_type": obj(kinds),
        "first_seal": obj(first),
        "opens": opens[keep],
        "pct_chg": _num(today, "pct_chg")[keep],
    })
    if len(tiles):
        t_key = tiles["first_seal"].where(tiles["first_seal"].notna(), "99:99").astype(str)
        pct_key = -tiles["pct_chg"].fillna(-np.inf)
        rank = np.where(tiles["failed"], 2, np.where(tiles["status"] == STATUS_PENDING, 1, 0))
        tiles = (tiles.assign(_l=-tiles["level"], _f=rank, _t=t_key, _p=pct_key)
                 .sort_values(["_l", "_f", "_t", "_p", "symbol"], kind="stable")
                 .drop(columns=["_l", "_f", "_t", "_p"]).reset_index(drop=True))
    highest = int(streak[at_up].max()) if at_up.any() else 0
    levels = []
    for lv in sorted(set(tiles["level"].astype(int).tolist())):
        sel = tiles["level"].to_numpy() == lv
        f = tiles["failed"].to_numpy(dtype=bool)
        wait = tiles["status"].to_numpy() == STATUS_PENDING
        levels.append(LadderLevel(level=lv, sealed=int((sel & ~f & ~wait).sum()),
                                  failed=int((sel & f).sum()),
                                  highest=lv == highest and highest > 0,
                                  pending=int((sel & wait).sum())))
    return Ladder(tiles=tiles, levels=tuple(levels), highest=highest)


def level_title(level: int, highest: int) -> str:
    """'首板', '2板', … and '5板·最高板' for the top sealed level (the UI translates its own)."""
    base = "首板" if level == 1 else f"{level}板"
    return f"{base}·最高板" if level == highest and highest > 1 else base
