"""Sector (board) aggregation and the limit-up ladder of an enriched cross-section.

Frames in, frames out; no Qt, no SQL. A stock may sit in several sectors (one SW level-2 industry
and any number of concepts), so everything runs on a long (sector, stock) pair table and is grouped
with ``np.bincount`` rather than a Python loop per sector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.market.snapshot import STATE_BROKEN, STATE_LIMIT_DOWN, STATE_ONE_WORD, STATE_SEALED

KIND_INDUSTRY = "industry"
KIND_CONCEPT = "concept"
_KIND_RANK = {KIND_INDUSTRY: 0, KIND_CONCEPT: 1}
_MAX_DEPTH = 6  # SW goes three levels deep; anything deeper is a data error, not a tree

SUMMARY_COLUMNS: tuple[str, ...] = (
    "name", "kind", "parent_id", "level", "n", "n_live", "pct_cap", "pct_eq", "up", "down", "flat",
    "limit_up", "limit_down", "broken", "turnover", "float_cap", "leader_symbol", "leader_name",
    "leader_pct", "max_streak",
)


def _clean_id(v: object) -> str | None:
    """A sector id as str, or None for 'no parent' (None, NaN, pd.NA and '' alike)."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) or v == "":
        return None
    return str(v)


@dataclass(frozen=True)
class SectorPairs:
    """Sector table plus the (sector, symbol) pairs with every stock also counted in its ancestors.

    Build once per membership frame (``compile_membership``) and reuse it for every minute.
    """

    sectors: pd.DataFrame       # index sector_id; name, kind, parent_id, level
    sector_codes: np.ndarray    # int64 position in ``sectors`` of each pair
    symbols: np.ndarray         # object symbol of each pair
    direct: np.ndarray          # bool: the pair is in the membership itself (not via a child)


def compile_membership(membership: pd.DataFrame, sectors: pd.DataFrame | None = None) -> SectorPairs:
    """Sector table and ancestor-expanded member pairs of a ``sector_membership`` frame.

    Parameters
    ----------
    membership
        Columns sector_id, name, kind, parent_id, symbol (one row per member).
    sectors
        Optional sector table (id or sector_id, name, kind, parent_id) naming parents that have
        no direct members and so do not appear in ``membership`` (SW level-1 industries).
    """
    # The sector table is small (hundreds of rows): plain dicts keep None as None whatever the
    # frame's string dtype does with missing values.
    info: dict[str, tuple[str, str, str | None]] = {}
    frames = [membership.rename(columns={"sector_id": "id"})]
    if sectors is not None and len(sectors):
        frames.append(sectors.rename(columns={"sector_id": "id"}))
    for frame in frames:
        for sid, name, kind, parent in zip(frame["id"], frame["name"], frame["kind"],
                                           frame["parent_id"]):
            key = _clean_id(sid)
            if key is not None and key not in info:
                info[key] = (str(name), str(kind), _clean_id(parent))
    # A parent referenced but known nowhere still gets a row, named by its id, so that its
    # children's stocks are not silently dropped from the level-1 view.
    for _, kind, parent in list(info.values()):
        if parent is not None and parent not in info:
            info[parent] = (parent, kind, None)
    level: dict[str, int] = {}
    for sid in info:
        depth, p = 1, info[sid][2]
        while p is not None and depth <= _MAX_DEPTH:
            depth, p = depth + 1, info[p][2] if p in info else None
        level[sid] = depth
    ids = sorted(info, key=lambda k: (_KIND_RANK.get(info[k][1], 2), level[k]))  # stable
    idx = pd.Index(ids, dtype=object, name="sector_id")
    table = pd.DataFrame({
        "name": pd.Series([info[k][0] for k in ids], dtype=object, index=idx),
        "kind": pd.Series([info[k][1] for k in ids], dtype=object, index=idx),
        "parent_id": pd.Series([info[k][2] for k in ids], dtype=object, index=idx),
        "level": pd.Series([level[k] for k in ids], dtype=np.int64, index=idx),
    }, index=idx)

    pairs = membership[["sector_id", "symbol"]].astype(str).drop_duplicates()
    codes = table.index.get_indexer(pairs["sector_id"])
    syms = pairs["symbol"].to_numpy(dtype=object)
    parent_code = table.index.get_indexer([p if p is not None else "" for p in table["parent_id"]])
    all_codes, all_syms, all_direct = [codes], [syms], [np.ones(len(codes), dtype=bool)]
    cur_codes, cur_syms = codes, syms
    for _ in range(_MAX_DEPTH):
        up = parent_code[cur_codes]
        keep = up >= 0
        if not keep.any():
            break
        cur_codes, cur_syms = up[keep], cur_syms[keep]
        all_codes.append(cur_codes)
        all_syms.append(cur_syms)
        all_direct.append(np.zeros(len(cur_codes), dtype=bool))
    long = pd.DataFrame({"c": np.concatenate(all_codes), "s": np.concatenate(all_syms),
                         "d": np.concatenate(all_direct)})
    # A stock in two children of one parent counts once in the parent (direct rows come first).
    long = long.drop_duplicates(["c", "s"], keep="first")
    return SectorPairs(sectors=table, sector_codes=long["c"].to_numpy(dtype=np.int64),
                       symbols=long["s"].to_numpy(dtype=object), direct=long["d"].to_numpy(dtype=bool))


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


def _bool_col(frame: pd.DataFrame, col: str) -> np.ndarray:
    """``col`` as a bool array, missing values False (a copy: callers may modify it)."""
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    series = frame[col]
    if series.dtype == bool:   # the usual case: no per-minute NA handling (fillna costs ~0.3 ms)
        return series.to_numpy(dtype=bool, copy=True)
    # Review columns joined on the limit-ups only are object dtype, mostly NaN.
    values = series.to_numpy(dtype=object)
    out = np.zeros(len(values), dtype=bool)
    have = pd.notna(values)
    out[have] = values[have].astype(bool)
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
    amount = pd.to_numeric(enriched["amount"], errors="coerce").fillna(0).to_numpy(dtype=float)[rows]
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
        "turnover": total(amount),
        "float_cap": total(np.where(np.isfinite(cap), cap, 0.0)),
        "leader_symbol": pd.Series(leader_symbol, dtype=object, index=table.index),
        "leader_name": pd.Series(leader_name, dtype=object, index=table.index),
        "leader_pct": leader_pct,
        "max_streak": max_streak,
    }, index=table.index.rename("sector_id"))
    return out


# --- Limit-up review: the ladder (连板梯队) and seal rate (封板率) --------------------------------


@dataclass(frozen=True)
class SealStats:
    """Counts of stocks (not of seal openings): at the limit-up price, broken, at limit-down."""

    limit_up: int
    one_word: int
    broken: int
    limit_down: int

    @property
    def seal_rate(self) -> float:
        """封板率 = 涨停 / (涨停 + 炸板); NaN when nothing touched the limit."""
        total = self.limit_up + self.broken
        return self.limit_up / total if total else float("nan")

    @property
    def broken_rate(self) -> float:
        """炸板率 = 炸板 / (涨停 + 炸板)."""
        total = self.limit_up + self.broken
        return self.broken / total if total else float("nan")


def seal_stats(enriched: pd.DataFrame) -> SealStats:
    """Limit-up, one-word, broken and limit-down counts of an enriched cross-section."""
    state = enriched["state"].to_numpy()
    return SealStats(
        limit_up=int(_bool_col(enriched, "at_limit_up").sum()),
        one_word=int((state == STATE_ONE_WORD).sum()),
        broken=int((state == STATE_BROKEN).sum()),
        limit_down=int(_bool_col(enriched, "at_limit_down").sum()),
    )


def _raw_streak(enriched: pd.DataFrame) -> np.ndarray:
    if "streak" not in enriched.columns:
        return np.zeros(len(enriched), dtype=np.int64)
    s = enriched["streak"]
    if s.dtype.kind in "iu":
        return s.to_numpy(dtype=np.int64)
    if s.dtype.kind == "f":    # the loader's left join: float with NaN off the limit-ups
        return np.nan_to_num(s.to_numpy(dtype=float)).astype(np.int64)
    return np.nan_to_num(pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)).astype(np.int64)


def streaks(enriched: pd.DataFrame) -> np.ndarray:
    """连板数 of each stock at the limit-up price now (≥ 1, 1 = 首板); 0 for every other stock.

    Uses the ``streak`` review column where present; a stock at the limit-up price counts at
    least 1 even when the review data lacks it. The review's streak of a limit-down row counts
    limit-down days and is not a 连板, so it is dropped here (see ``down_streaks``).
    """
    at_up = _bool_col(enriched, "at_limit_up")
    return np.where(at_up, np.maximum(_raw_streak(enriched), 1), 0).astype(np.int64)


def down_streaks(enriched: pd.DataFrame) -> np.ndarray:
    """Consecutive limit-down days of each stock at the limit-down price now (≥ 1); else 0."""
    at_down = _bool_col(enriched, "at_limit_down")
    return np.where(at_down, np.maximum(_raw_streak(enriched), 1), 0).astype(np.int64)


def resealed(enriched: pd.DataFrame) -> np.ndarray:
    """回封: at the limit-up price after the seal opened today (``resealed``, else ``opens`` > 0)."""
    at_up = _bool_col(enriched, "at_limit_up")
    if "resealed" in enriched.columns:
        return at_up & _bool_col(enriched, "resealed")
    if "opens" in enriched.columns:
        return at_up & (pd.to_numeric(enriched["opens"], errors="coerce").fillna(0).to_numpy() > 0)
    return np.zeros(len(enriched), dtype=bool)


def _column_at(enriched: pd.DataFrame, col: str, rows: np.ndarray, default: np.ndarray) -> np.ndarray:
    """``col`` at positions ``rows`` as an object array, ``default`` when the column is absent."""
    if col not in enriched.columns:
        return default
    return enriched[col].to_numpy(dtype=object)[rows]


def _ladder_columns(enriched: pd.DataFrame) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """The ladder's symbols and columns, already in ladder order (see ``limit_ladder``)."""
    # Positions first: filtering the whole frame (30-odd columns) for a few dozen rows and
    # sorting through pandas cost ~5 ms a minute; numpy on the few rows costs a fifth of that.
    rows = np.flatnonzero(_bool_col(enriched, "at_limit_up"))
    symbols = enriched.index.to_numpy(dtype=object)[rows]
    first = _column_at(enriched, "first_seal", rows, np.full(len(rows), None, dtype=object))
    first = np.where(pd.notna(first), first, None).astype(object)
    streak = streaks(enriched)[rows]
    seal_key = ["99:99" if v is None else str(v) for v in first]
    order = np.array(sorted(range(len(rows)), key=lambda i: (-streak[i], seal_key[i], symbols[i])),
                     dtype=np.int64)
    rows = rows[order]
    pct = pd.to_numeric(enriched["pct_chg"], errors="coerce").to_numpy(dtype=float)[rows]
    columns = {
        "name": _column_at(enriched, "name", rows, symbols[order]),
        "code": _column_at(enriched, "code", rows, symbols[order]),
        "streak": streak[order],
        "first_seal": first[order],
        "state": _column_at(enriched, "state", rows, np.full(len(rows), None, dtype=object)),
        "resealed": resealed(enriched)[rows],
        "pct_chg": pct,
    }
    return enriched.index[rows], columns


def limit_ladder(enriched: pd.DataFrame) -> pd.DataFrame:
    """Stocks at the limit-up price with their streak, for the 连板梯队.

    Returns a frame indexed by symbol with name, code, streak (≥ 1), first_seal ('HH:MM' or None),
    state (sealed / one_word), resealed and pct_chg, sorted by streak descending, then first seal
    time (earliest first; unknown last), then symbol.
    """
    index, columns = _ladder_columns(enriched)
    return pd.DataFrame(columns, index=index)


@dataclass(frozen=True)
class LadderRow:
    """One stock of the 连板梯队, as shown (hashable, compared by value)."""

    symbol: str
    name: str
    code: str
    streak: int
    first_seal: str | None
    state: str
    resealed: bool
    pct_chg: float | None   # None when unknown: NaN would never compare equal to itself


@dataclass(frozen=True)
class LadderSnapshot:
    """The ladder's rows (``limit_ladder`` order) and the seal counts of one minute.

    Compared by value, so a widget can tell in microseconds that a minute changed nothing.
    """

    rows: tuple[LadderRow, ...]
    stats: SealStats

    def levels(self, highest_first: bool = True) -> list[int]:
        """Streak levels present, each once."""
        return sorted({r.streak for r in self.rows}, reverse=highest_first)

    def rows_at(self, level: int) -> tuple[LadderRow, ...]:
        return tuple(r for r in self.rows if r.streak == level)


def ladder_snapshot(enriched: pd.DataFrame) -> LadderSnapshot:
    """``limit_ladder`` and ``seal_stats`` of a cross-section as one frozen value.

    Cheap enough for the GUI thread (~1 ms) but meant for the loader's: compute it there and
    hand it to the ladder widget with the rest of the minute.
    """
    index, c = _ladder_columns(enriched)
    rows = tuple(
        LadderRow(symbol=str(sym), name=str(name), code=str(code), streak=int(streak),
                  first_seal=None if first is None else str(first), state=str(state),
                  resealed=bool(res), pct_chg=None if pct != pct else float(pct))
        for sym, name, code, streak, first, state, res, pct in zip(
            index.tolist(), c["name"].tolist(), c["code"].tolist(), c["streak"].tolist(),
            c["first_seal"].tolist(), c["state"].tolist(), c["resealed"].tolist(),
            c["pct_chg"].tolist()))
    return LadderSnapshot(rows=rows, stats=seal_stats(enriched))


# --- The sector tree's columns of one minute ----------------------------------------------------
#
# What the sector tree shows, as plain numpy arrays: the viewer's loader computes them off the GUI
# thread (``tree_columns``), so a new minute costs the tree a comparison and no pandas at all.

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


def _floats(frame: pd.DataFrame, col: str, default: float = np.nan) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), default, dtype=float)
    series = frame[col]
    if series.dtype.kind in "fiub":   # the usual case: no coercion
        return series.to_numpy(dtype=float, na_value=np.nan)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)


def _ints(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=np.int64)
    if frame[col].dtype.kind in "iub":
        return frame[col].to_numpy(dtype=np.int64)
    return np.nan_to_num(_floats(frame, col), nan=0.0).astype(np.int64)


def _ints_at(frame: pd.DataFrame, col: str, rows: np.ndarray) -> np.ndarray:
    """``col`` as int64 (missing 0) at positions ``rows``, zero elsewhere: the review columns
    (opens) are object dtype, NaN off the limit-ups, and converting all rows costs ~1 ms."""
    out = np.zeros(len(frame), dtype=np.int64)
    if col in frame.columns and len(rows):
        values = pd.to_numeric(frame[col].to_numpy(dtype=object)[rows], errors="coerce")
        out[rows] = np.nan_to_num(np.asarray(values, dtype=float), nan=0.0).astype(np.int64)
    return out


def _objects(frame: pd.DataFrame, col: str) -> np.ndarray:
    """An object array with None for missing values (NaN, pd.NA, None)."""
    if col not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    out = frame[col].to_numpy(dtype=object, copy=True)
    out[pd.isna(out)] = None
    return out


def _strings(frame: pd.DataFrame, col: str, previous: np.ndarray | None = None) -> np.ndarray:
    """``col`` as an object array of str ('' when missing).

    Names and codes are fixed within a session: when they equal ``previous`` (the last minute's
    array) that array is returned as is, which saves a ~0.3 ms coercion and lets a comparison
    with the last minute stop at ``is``.
    """
    raw = frame[col].to_numpy(dtype=object)
    if previous is not None and len(previous) == len(raw) and bool((raw == previous).all()):
        return previous
    return frame[col].fillna("").astype(str).to_numpy(dtype=object)


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
        amount=_floats(e, "amount", 0.0),
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


__all__ = [
    "KIND_CONCEPT", "KIND_INDUSTRY", "STATE_BROKEN", "STATE_ONE_WORD", "STATE_SEALED",
    "SUMMARY_COLUMNS", "TREE_BROKEN", "TREE_LIMIT_DOWN", "TREE_NONE", "TREE_ONE_WORD",
    "TREE_SEALED", "TREE_STATE_CODES", "LadderRow", "LadderSnapshot", "SealStats", "SectorColumns",
    "SectorPairs", "StockColumns", "TreeColumns", "board_summary", "compile_membership",
    "down_streaks", "ladder_snapshot", "limit_ladder", "resealed", "seal_stats", "seal_text",
    "sector_columns", "stock_columns", "streaks", "tree_columns",
]
