"""The demo market's sector tables: concept membership drawn by industry, Shenwan and concept rows."""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.demo.universe_spec import CONCEPTS, MEMBERSHIP_AS_OF, SECTOR_SOURCE, SW_L1

def concept_members(rng: np.random.Generator, df: pd.DataFrame) -> dict[str, np.ndarray]:
    """Concept membership by row position: fixed members first, then draws from the right
    industries (the story's CPO / fibre / sports / media casts are drawn here)."""
    n = len(df)
    l1 = df["l1"].astype(str).to_numpy()
    eligible = (df["role"].to_numpy(dtype=object) == "") & ~df["board"].eq("bse").to_numpy()
    members: dict[str, set[int]] = {cid: set() for cid, *_ in CONCEPTS}
    fixed = df["fixed_concepts"].to_numpy(dtype=object)
    for i in range(n):
        for cid in fixed[i] or ():
            members[cid].add(i)
    taken_story: set[int] = set()
    for cid, _name, _t1, _t0, size, inds in CONCEPTS:
        pool = np.flatnonzero(eligible & np.isin(l1, inds))
        if cid in ("bk_cpo", "bk_fibre", "bk_sports", "bk_media"):
            # Story casts do not overlap each other, so each stock has one clear role.
            pool = np.array([i for i in pool if i not in taken_story])
        want = max(0, size - len(members[cid]))
        pick = rng.choice(pool, size=min(want, len(pool)), replace=False)
        members[cid].update(int(i) for i in pick)
        if cid in ("bk_cpo", "bk_fibre", "bk_sports", "bk_media"):
            taken_story.update(int(i) for i in pick)
    # Some natural overlaps: CPO names are also compute/AI names.
    cpo = sorted(members["bk_cpo"])
    for i in rng.choice(cpo, size=len(cpo) // 2, replace=False):
        members["bk_compute"].add(int(i))
    for i in rng.choice(sorted(members["bk_compute"]), size=20, replace=False):
        members["bk_ai"].add(int(i))
    return {cid: np.array(sorted(s), dtype=np.int64) for cid, s in members.items()}


def sector_tables(df: pd.DataFrame, concepts: dict[str, np.ndarray]
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sectors, members): the Shenwan L1/L2 and concept rows, and every stock's memberships."""
    rows = []
    for code, name, _w, children, _s in SW_L1:
        rows.append(("sw" + code, name, "industry", None, SECTOR_SOURCE))
        for k, child in enumerate(children):
            rows.append((f"sw{int(code) + 1 + k}", child, "industry", "sw" + code, SECTOR_SOURCE))
    for cid, name, *_ in CONCEPTS:
        rows.append((cid, name, "concept", None, SECTOR_SOURCE))
    sectors = pd.DataFrame(rows, columns=["id", "name", "kind", "parent_id", "source"])
    symbols = df.index.to_numpy()
    mem = [pd.DataFrame({"sector_id": df["sw_l2"].to_numpy(), "symbol": symbols})]
    for cid, pos in concepts.items():
        mem.append(pd.DataFrame({"sector_id": cid, "symbol": symbols[pos]}))
    members = pd.concat(mem, ignore_index=True)
    members["as_of"] = MEMBERSHIP_AS_OF
    members = members.sort_values(["sector_id", "symbol"]).reset_index(drop=True)
    return sectors, members
