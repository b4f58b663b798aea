"""Board strength (板块强度) per concept / industry board, and its leader (龙头).

Per board, over its direct members (the boards a stock is listed in: concepts and SW level-2
industries; a level-1 industry is not repeated over its children):

- ``limit_ups``: members at limit-up now;
- ``multi_boards``: members at limit-up with streak ≥ 2;
- ``highest_streak``: the longest streak among members at limit-up (0: none);
- ``days``: consecutive sessions, ending today, on which the board had at least one member close at
  limit-up (today counted from the shown minute; 0 when none is at limit-up now);
- ``change_pct``: equal-weight mean % change of trading members;
- leader: the member at limit-up with the highest streak, then the earliest first seal (unknown
  last), then the symbol.

``score = Σ SCORE_WEIGHTS[k] × value_k`` (``SCORE_FORMULA`` spells it out for the tooltip).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SCORE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("limit_ups", 1.0),
    ("multi_boards", 2.0),
    ("highest_streak", 1.5),
    ("days", 0.5),
    ("change_pct", 0.5),
)
SCORE_TERMS: dict[str, str] = {"limit_ups": "涨停数", "multi_boards": "连板数",
                               "highest_streak": "最高板", "days": "持续天数",
                               "change_pct": "涨幅%"}
SCORE_FORMULA = "score = " + " + ".join(f"{w:g}×{SCORE_TERMS[k]}" for k, w in SCORE_WEIGHTS)

STRENGTH_COLUMNS: tuple[str, ...] = (
    "name", "kind", "members", "limit_ups", "multi_boards", "highest_streak", "days", "change_pct",
    "leader_symbol", "leader_name", "leader_streak", "leader_first_seal", "score",
)


def board_limit_days(sealed_by_date: pd.DataFrame, membership: pd.DataFrame,
                     today_sealed: pd.Index, dates: list[str] | tuple[str, ...]) -> pd.Series:
    """Consecutive sessions ending today with at least one limit-up in each board.

    Parameters
    ----------
    sealed_by_date
        Long frame (date, symbol) of the daily rows that closed at limit-up before today.
    membership
        Columns sector_id, symbol (as of the session date, applied to the whole history).
    today_sealed
        Symbols at limit-up now.
    dates
        The sessions of the history before today, ascending; the run stops at the first of them
        without a limit-up in the board (a history gap is not bridged).
    """
    ids = pd.Index(pd.unique(membership["sector_id"].astype(str)))
    board = ids.get_indexer(membership["sector_id"].astype(str))
    member_sym = membership["symbol"].astype(str).to_numpy(dtype=object)
    day_pos = {d: i for i, d in enumerate(dates)}
    n_d = len(dates) + 1          # last row: today
    hit = np.zeros((n_d, len(ids)), dtype=bool)
    if len(sealed_by_date):
        rows = pd.DataFrame({"d": sealed_by_date["date"].map(day_pos),
                             "symbol": sealed_by_date["symbol"].astype(str)}).dropna()
        pairs = rows.merge(pd.DataFrame({"symbol": member_sym, "b": board}), on="symbol")
        hit[pairs["d"].to_numpy(dtype=np.int64), pairs["b"].to_numpy(dtype=np.int64)] = True
    today_hit = pd.Index(member_sym).isin(pd.Index(today_sealed).astype(str))
    hit[n_d - 1, board[today_hit]] = True
    # trailing run of True ending at the last row
    miss = ~hit[::-1]
    first_miss = np.where(miss.any(axis=0), miss.argmax(axis=0), n_d)
    return pd.Series(first_miss.astype(np.int64), index=ids, name="days")


def board_strength(today: pd.DataFrame, membership: pd.DataFrame,
                   days: pd.Series | None = None) -> pd.DataFrame:
    """``STRENGTH_COLUMNS`` per board, indexed by sector_id, strongest first.

    ``today`` is indexed by symbol with name, suspended, at_limit_up, streak, first_seal,
    pct_chg; ``membership`` has sector_id, name, kind, symbol; ``days`` is ``board_limit_days``
    (0 everywhere when None).
    """
    m = membership[["sector_id", "name", "kind", "symbol"]].astype({"sector_id": str,
                                                                     "symbol": str})
    m = m.drop_duplicates(["sector_id", "symbol"])
    info = m.drop_duplicates("sector_id").set_index("sector_id")[["name", "kind"]]
    ids = info.index
    rows = today.index.get_indexer(m["symbol"])
    ok = rows >= 0
    code = ids.get_indexer(m["sector_id"])[ok]
    rows = rows[ok]
    n = len(ids)

    def col_bool(name: str) -> np.ndarray:
        if name not in today.columns:
            return np.zeros(len(today), dtype=bool)
        return today[name].fillna(False).to_numpy(dtype=bool)

    live = ~col_bool("suspended")[rows]
    at_up = col_bool("at_limit_up")[rows] & live
    streak = pd.to_numeric(today["streak"], errors="coerce").fillna(0).to_numpy()[rows] \
        if "streak" in today.columns else np.zeros(len(rows))
    streak = np.where(at_up, np.maximum(streak, 1), 0).astype(np.int64)
    pct = pd.to_numeric(today["pct_chg"], errors="coerce").to_numpy(dtype=float)[rows]
    has_pct = live & np.isfinite(pct)

    limit_ups = np.bincount(code[at_up], minlength=n)
    multi = np.bincount(code[at_up & (streak >= 2)], minlength=n)
    highest = np.zeros(n, dtype=np.int64)
    np.maximum.at(highest, code, streak)
    n_pct = np.bincount(code[has_pct], minlength=n)
    s_pct = np.bincount(code[has_pct], weights=pct[has_pct], minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        change = np.where(n_pct > 0, s_pct / np.maximum(n_pct, 1), np.nan)

    # leader: among members at limit-up, highest streak, earliest first seal, then symbol
    first = (today["first_seal"].astype(object).where(today["first_seal"].notna(), "99:99")
             .astype(str).to_numpy()[rows] if "first_seal" in today.columns
             else np.full(len(rows), "99:99", dtype=object))
    syms = today.index.to_numpy(dtype=object)[rows]
    cand = np.flatnonzero(at_up)
    leader_sym = np.full(n, None, dtype=object)
    leader_name = np.full(n, None, dtype=object)
    leader_streak = np.zeros(n, dtype=np.int64)
    leader_seal = np.full(n, None, dtype=object)
    if len(cand):
        order = cand[np.lexsort((syms[cand].astype(str), first[cand].astype(str), -streak[cand],
                                 code[cand]))]
        lead = order[np.r_[True, code[order][1:] != code[order][:-1]]]
        names = (today["name"].to_numpy(dtype=object) if "name" in today.columns
                 else today.index.to_numpy(dtype=object))[rows]
        leader_sym[code[lead]] = syms[lead]
        leader_name[code[lead]] = names[lead]
        leader_streak[code[lead]] = streak[lead]
        leader_seal[code[lead]] = [None if f == "99:99" else f for f in first[lead]]

    day_arr = (days.reindex(ids).fillna(0).to_numpy(dtype=np.int64) if days is not None
               else np.zeros(n, dtype=np.int64))
    def obj(a: np.ndarray) -> pd.Series:      # keep None as None (no string-dtype inference)
        return pd.Series(a, index=ids, dtype=object)

    out = pd.DataFrame({
        "name": obj(info["name"].to_numpy(dtype=object)),
        "kind": obj(info["kind"].to_numpy(dtype=object)),
        "members": np.bincount(code, minlength=n),
        "limit_ups": limit_ups,
        "multi_boards": multi,
        "highest_streak": highest,
        "days": day_arr,
        "change_pct": change,
        "leader_symbol": obj(leader_sym),
        "leader_name": obj(leader_name),
        "leader_streak": leader_streak,
        "leader_first_seal": obj(leader_seal),
    }, index=ids)
    out.index = out.index.rename("sector_id")
    out["score"] = score(out)
    out = out.assign(_s=-out["score"].fillna(-np.inf), _id=out.index).sort_values(
        ["_s", "_id"], kind="stable").drop(columns=["_s", "_id"])
    return out[list(STRENGTH_COLUMNS)]


def score(frame: pd.DataFrame) -> np.ndarray:
    """``SCORE_WEIGHTS`` applied to a frame with those columns (a NaN change counts 0)."""
    total = np.zeros(len(frame))
    for key, weight in SCORE_WEIGHTS:
        total += weight * np.nan_to_num(pd.to_numeric(frame[key], errors="coerce")
                                        .to_numpy(dtype=float))
    return total
