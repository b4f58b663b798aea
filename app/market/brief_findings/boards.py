"""Board findings: strongest and weakest concepts, industries and limit-down clusters."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from app.market.brief_findings.base import (BOARD_MIN_MOVE_PCT, BOARDS_NAMED, CLUSTERS_NAMED,
                                            KIND_BOARDS_DOWN, KIND_BOARDS_UP, KIND_INDUSTRIES,
                                            KIND_LIMIT_DOWN, LIMIT_DOWN_CLUSTER_MIN,
                                            LIMIT_DOWN_CLUSTER_SHARE, MIN_BOARD_STOCKS,
                                            STOCKS_NAMED, TARGET_SECTOR, _by_cap, _frame, _num,
                                            _salience, _score, _stock, _target, _time, Finding)
from app.market.meta_boards import theme_mask


def _ranked_boards(summary: pd.DataFrame, kind: str) -> pd.DataFrame:
    if summary.empty or "pct_cap" not in summary.columns:
        return summary.iloc[0:0]
    s = summary[summary["kind"].astype(str) == kind] if "kind" in summary.columns else summary
    if "name" in s.columns:       # 融资融券, 富时罗素 … rank above every theme and tell nothing
        s = s[theme_mask(s["name"]).to_numpy(dtype=bool)]
    live = s["n_live"] if "n_live" in s.columns else s.get("n", pd.Series(0, index=s.index))
    s = s[(pd.to_numeric(live, errors="coerce").fillna(0) >= MIN_BOARD_STOCKS)
          & np.isfinite(pd.to_numeric(s["pct_cap"], errors="coerce"))]
    return s


def _board(sid: str, row: pd.Series) -> dict[str, Any]:
    return {"id": str(sid), "name": str(row.get("name", sid)), "kind": str(row.get("kind", "")),
            "level": int(row["level"]) if _num(row.get("level")) is not None else None,
            "n": int(_num(row.get("n_live", row.get("n", 0))) or 0),
            "pct_cap": _num(row.get("pct_cap")), "pct_eq": _num(row.get("pct_eq")),
            "limit_up": int(_num(row.get("limit_up")) or 0),
            "limit_down": int(_num(row.get("limit_down")) or 0)}


def _members(view: Any, sector_ids: list[str]) -> list[str]:
    m = _frame(view, "membership")
    if m.empty or "sector_id" not in m.columns:
        return []
    return list(dict.fromkeys(m.loc[m["sector_id"].isin(sector_ids), "symbol"]))


def find_boards(view: Any, up: bool, kind: str = "concept") -> Finding | None:
    """The strongest (``up``) or weakest concept boards by cap-weighted change, with their limit
    counts and the stocks at the limit among their members, heaviest first."""
    ranked = _ranked_boards(_frame(view, "summary"), kind)
    if ranked.empty:
        return None
    pct = pd.to_numeric(ranked["pct_cap"], errors="coerce")
    order = pct.sort_values(ascending=not up, kind="mergesort")
    picks = [sid for sid in order.index[:BOARDS_NAMED]
             if (pct[sid] >= BOARD_MIN_MOVE_PCT if up else pct[sid] <= -BOARD_MIN_MOVE_PCT)]
    if not picks:
        return None
    boards = [_board(sid, ranked.loc[sid]) for sid in picks]
    ev: dict[str, Any] = {"board_kind": kind, "boards": boards}
    enriched = _frame(view, "enriched")
    flag = "at_limit_up" if up else "at_limit_down"
    members = list(enriched.index.intersection(pd.Index(_members(view, picks)), sort=False))
    if members and flag in enriched.columns:
        flags = enriched.loc[members, flag].fillna(False).to_numpy(dtype=bool)
        hit = [s for s, f in zip(members, flags) if f]
        ev["limit_total"] = len(hit)
        ev["stocks"] = [_stock(enriched, s) for s in _by_cap(enriched, hit)[:STOCKS_NAMED]]
    kind_key = KIND_BOARDS_UP if up else KIND_BOARDS_DOWN
    sal = _salience(boards[0]["pct_cap"], 10.0)
    return Finding(kind_key, _score(kind_key, sal), ev,
                   _target(TARGET_SECTOR, boards[0]["id"], _time(view)))


def find_industries(view: Any) -> Finding | None:
    """Best and worst industry at the top level of the industry tree."""
    ranked = _ranked_boards(_frame(view, "summary"), "industry")
    if ranked.empty:
        return None
    if "level" in ranked.columns:
        lv = pd.to_numeric(ranked["level"], errors="coerce")
        ranked = ranked[lv == lv.min()]
    if len(ranked) < 2:
        return None
    pct = pd.to_numeric(ranked["pct_cap"], errors="coerce").sort_values(ascending=False,
                                                                          kind="mergesort")
    best, worst = _board(pct.index[0], ranked.loc[pct.index[0]]), \
        _board(pct.index[-1], ranked.loc[pct.index[-1]])
    ev = {"best": best, "worst": worst, "count": int(len(ranked)), "level": best["level"],
          "up": int((pct > 0).sum()), "down": int((pct < 0).sum())}
    sal = _salience((best["pct_cap"] or 0) - (worst["pct_cap"] or 0), 10.0)
    return Finding(KIND_INDUSTRIES, _score(KIND_INDUSTRIES, sal), ev,
                   _target(TARGET_SECTOR, best["id"], _time(view)))


def find_limit_down(view: Any) -> Finding | None:
    """Limit-down count and the boards where limit-downs cluster (same-name boards of another
    taxonomy, and parents/children of a named board, are not named twice)."""
    counts = getattr(view, "counts", None)
    total = int(getattr(counts, "limit_down", 0) or 0)
    if total <= 0:
        return None
    summary = _frame(view, "summary")
    clusters: list[dict[str, Any]] = []
    if not summary.empty and "limit_down" in summary.columns:
        ld = pd.to_numeric(summary["limit_down"], errors="coerce").fillna(0)
        n = pd.to_numeric(summary.get("n_live", summary.get("n")), errors="coerce")
        falling = pd.to_numeric(summary["pct_cap"], errors="coerce") < 0
        s = summary[(ld >= LIMIT_DOWN_CLUSTER_MIN) & (ld >= LIMIT_DOWN_CLUSTER_SHARE * n) & falling]
        if len(s):
            s = s.assign(_pct=pd.to_numeric(s["pct_cap"], errors="coerce").fillna(0.0),
                         _ld=pd.to_numeric(s["limit_down"], errors="coerce"))
            s = s.sort_values(["_ld", "_pct"], ascending=[False, True], kind="mergesort")
            names: set[str] = set()
            ids: set[str] = set()
            parents: set[str] = set()
            for sid, row in s.iterrows():
                parent = row.get("parent_id")
                parent = str(parent) if isinstance(parent, str) and parent else None
                if str(row["name"]) in names or (parent and parent in ids) or str(sid) in parents:
                    continue
                clusters.append(_board(str(sid), row))
                names.add(str(row["name"]))
                ids.add(str(sid))
                if parent:
                    parents.add(parent)
                if len(clusters) >= CLUSTERS_NAMED:
                    break
    ev = {"limit_down": total, "clusters": clusters}
    target = (_target(TARGET_SECTOR, clusters[0]["id"], _time(view)) if clusters else None)
    return Finding(KIND_LIMIT_DOWN, _score(KIND_LIMIT_DOWN, _salience(total, 50.0)), ev, target)
