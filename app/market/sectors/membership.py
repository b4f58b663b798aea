"""Sector membership compiled once per session: the sector table and ancestor-expanded pairs.

A stock may sit in several sectors (one SW level-2 industry and any number of concepts), so
everything downstream runs on a long (sector, stock) pair table built here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

KIND_INDUSTRY = "industry"
KIND_CONCEPT = "concept"
_KIND_RANK = {KIND_INDUSTRY: 0, KIND_CONCEPT: 1}
_MAX_DEPTH = 6  # SW goes three levels deep; anything deeper is a data error, not a tree


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
