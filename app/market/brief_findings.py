"""The day's key takeaways as findings: numbers with an importance score and a link target.

Pure (no Qt, no SQL). Every finder reads a ``SessionView``-like object (attributes date, time,
enriched, counts, summary, indices, concentration, series, prior_series, prior_date; any may be
missing) and returns a ``Finding`` only where its data exists: no index minute at the shown time
means no index claim, no prior session at the same clock time means no turnover comparison, no
price history means no new-high claim.

Evidence holds plain Python values (JSON-ready, no NaN) and is what ``app.market.brief_text`` turns
into sentences. Percentages are kept as computed; the text rounds them as the panels do (2
decimals), and derived differences (the index spread) are taken from the *rounded* values so that a
reader who subtracts the printed numbers gets the printed difference.

Thresholds and the importance scale live in the constants block below, in one place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from app.config import MAIN_INDICES
from app.market.limits import price_to_fen_array
from app.market.meta_boards import theme_mask
from app.market.universe import UNIVERSE_PART, universe_of
from app.market.session import CLOSE_TIME, normalise_time

# -- thresholds (one place) ------------------------------------------------------------------------
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


# -- index moves -----------------------------------------------------------------------------------
def index_pct_at(series: Any, date: str, time: str) -> tuple[float | None, float | None]:
    """(level, % change) of an ``IndexSeries`` at ``time``: its last minute bar at or before it
    (as the index strip shows); with no minute bars at all, the daily bar of ``date`` when the time
    is the close. (None, None) where the data does not say."""
    prev = _num(getattr(series, "prev_close", None))
    if not prev or prev <= 0:
        return None, None
    mins = getattr(series, "minutes", None)
    if isinstance(mins, pd.DataFrame) and len(mins):
        upto = np.flatnonzero(mins["time"].to_numpy(dtype=str) <= time)
        if not len(upto):
            return None, None
        last = _num(mins["close"].to_numpy()[upto[-1]])
        return (last, (last / prev - 1.0) * 100.0) if last else (None, None)
    daily = getattr(series, "daily", None)
    if time == CLOSE_TIME and isinstance(daily, pd.DataFrame) and len(daily):
        rows = daily[daily["date"].astype(str) == date]
        if len(rows):
            last = _num(rows["close"].iloc[-1])
            return (last, (last / prev - 1.0) * 100.0) if last else (None, None)
    return None, None


def index_moves(view: Any) -> list[dict[str, Any]]:
    """The main indices with a level at the shown time, strongest first."""
    date, time = str(getattr(view, "date", "")), _time(view)
    indices: Mapping[str, Any] = getattr(view, "indices", None) or {}
    rows = []
    for sym, zh, en in MAIN_INDICES:
        series = indices.get(sym)
        if series is None:
            continue
        last, pct = index_pct_at(series, date, time)
        if pct is None:
            continue
        rows.append({"symbol": sym, "name": str(getattr(series, "name", "") or zh), "name_en": en,
                     "last": last, "pct": pct})
    rows.sort(key=lambda r: (-r["pct"], r["symbol"]))
    return rows


def find_indices(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    rows = index_moves(view) if moves is None else moves
    if not rows:
        return None
    time = _time(view)
    lead, lag = rows[0], rows[-1]
    spread = _r2(_r2(lead["pct"]) - _r2(lag["pct"])) if len(rows) > 1 else None
    ev = {"ranked": rows, "leader": lead["symbol"], "laggard": lag["symbol"], "spread_pp": spread}
    sal = 0.5 * _salience(lead["pct"], 3.0) + 0.5 * _salience(spread, 3.0)
    return Finding(KIND_INDICES, _score(KIND_INDICES, sal), ev,
                   _target(TARGET_INDEX, lead["symbol"], time))


def leading_index(view: Any, moves: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    rows = index_moves(view) if moves is None else moves
    return rows[0] if rows else None


def find_contributors(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    """Who carried the leading index (from its Concentration): named top contributors (or
    detractors when it fell), the panel's top-N total in points and its share of the move."""
    lead = leading_index(view, moves)
    conc = (getattr(view, "concentration", None) or {}).get(lead["symbol"]) if lead else None
    if conc is None or not getattr(conc, "members", 0):
        return None
    points = _num(conc.index_points)
    if points is None or points == 0:
        return None
    up = points > 0
    picks = tuple(conc.top_up if up else conc.top_down)
    if not picks:
        return None
    total = float(sum(c.points for c in picks))
    share = total / points * 100.0 if points else None
    named = [{"symbol": c.symbol, "code": _code(c.symbol), "name": c.name or c.symbol,
              "points": float(c.points), "pct": _num(c.pct_chg)}
             for c in picks[:CONTRIBUTORS_NAMED]]
    ev = {"index": lead["symbol"], "index_name": lead["name"], "index_name_en": lead["name_en"],
          "index_pct": _num(conc.shown_pct), "index_points": points,
          "direction": "up" if up else "down", "named": named, "top_n": len(picks),
          "top_points": total, "share_pct": _num(share),
          # from the printed (1-decimal) numbers, so that printed move − printed top = printed rest
          "rest_points": float(f"{float(f'{points:.1f}') - float(f'{total:.1f}'):.1f}"),
          "members_up": int(conc.members_up), "members_down": int(conc.members_down)}
    sal = _salience((share or 0.0) / 100.0, 1.5)
    return Finding(KIND_CONTRIBUTORS, _score(KIND_CONTRIBUTORS, sal), ev,
                   _target(TARGET_INDEX, lead["symbol"], _time(view)))


# -- boards ----------------------------------------------------------------------------------------
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


# -- limit-ups, streaks, new highs -----------------------------------------------------------------
def find_limit_up(view: Any) -> Finding | None:
    counts = getattr(view, "counts", None)
    total = int(getattr(counts, "limit_up", 0) or 0)
    if total <= 0:
        return None
    enriched = _frame(view, "enriched")
    ev: dict[str, Any] = {"limit_up": total, "broken": int(getattr(counts, "broken", 0) or 0)}
    target = None
    if "streak" in enriched.columns:
        at = enriched[_bool_col(enriched, "at_limit_up")]
        streak = pd.to_numeric(at["streak"], errors="coerce")
        if streak.notna().any():
            top = int(streak.max())
            leaders = list(streak.index[streak == top])
            ev["top_streak"] = top
            has_state = "state" in enriched.columns
            ev["leaders"] = [
                _stock(enriched, s,
                       one_word=bool(has_state and enriched.at[s, "state"] == "one_word"))
                for s in _by_cap(enriched, leaders)[:STOCKS_NAMED]]
            ev["leaders_total"] = len(leaders)
            ev["multi_day"] = int((streak >= 2).sum())
            if top >= 2:
                target = _target(TARGET_STOCK, ev["leaders"][0]["symbol"], _time(view))
    return Finding(KIND_LIMIT_UP, _score(KIND_LIMIT_UP, _salience(total, 100.0)), ev, target)


def history_high_from_daily(daily: pd.DataFrame, on_date: str) -> pd.DataFrame:
    """The compact history input of ``find_new_highs`` from a long daily frame (date, symbol,
    close): per symbol the highest close before ``on_date`` (max_close), the number of traded days
    before it (days) and the first stored date (first_date)."""
    if daily is None or daily.empty:
        return pd.DataFrame(columns=["max_close", "days", "first_date"])
    d = daily.loc[:, ["date", "symbol", "close"]].copy()
    d["date"] = d["date"].astype(str).str[:10]
    d["close"] = pd.to_numeric(d["close"], errors="coerce")
    d = d[(d["date"] < on_date) & (d["close"] > 0)]
    g = d.groupby("symbol").agg(max_close=("close", "max"), days=("close", "size"),
                                first_date=("date", "min"))
    g.index.name = "symbol"
    return g


def find_new_highs(view: Any, history_high: pd.DataFrame | None) -> Finding | None:
    """Limit-up stocks whose price stands at or above every earlier stored close.

    ``history_high`` is indexed by symbol with max_close (highest close before the session),
    days (traded days before it) and optionally first_date. A stock whose history starts at or
    before its listing date is at an all-time high; otherwise the claim is an N-day high, N the
    shortest history among the named stocks (plus today). No history → no finding.
    """
    if history_high is None or len(history_high) == 0:
        return None
    enriched = _frame(view, "enriched")
    at = enriched[_bool_col(enriched, "at_limit_up")]
    if at.empty or "last" not in at.columns:
        return None
    h = history_high.reindex(at.index)
    px = pd.to_numeric(at["last"], errors="coerce").to_numpy(dtype=float)
    mx = pd.to_numeric(h["max_close"], errors="coerce").to_numpy(dtype=float)
    days = pd.to_numeric(h["days"], errors="coerce").fillna(0).to_numpy(dtype=np.int64)
    ok = np.isfinite(px) & (px > 0) & np.isfinite(mx) & (mx > 0) & (days >= NEW_HIGH_MIN_DAYS)
    px_f = np.where(ok, price_to_fen_array(np.where(ok, px, 1.0)), -1)
    mx_f = np.where(ok, price_to_fen_array(np.where(ok, mx, 1.0)), 0)
    hit = ok & (px_f >= mx_f)
    if not hit.any():
        return None
    syms = list(at.index[hit])
    full = np.zeros(len(at), dtype=bool)
    if "first_date" in h.columns and "list_date" in at.columns:
        first = h["first_date"].astype(str).str[:10].to_numpy()
        listed = at["list_date"].astype(str).str[:10].to_numpy()
        full = np.array([f <= ld if isinstance(ld, str) and len(ld) == 10 and f != "nan" else False
                         for f, ld in zip(first, listed)])
    all_time = bool(full[hit].all())
    window = int(days[hit].min()) + 1
    ev = {"count": len(syms), "of_limit_up": int(len(at)), "all_time": all_time,
          "window_days": None if all_time else window,
          "stocks": [_stock(enriched, s) for s in _by_cap(enriched, syms)[:STOCKS_NAMED]]}
    return Finding(KIND_NEW_HIGHS, _score(KIND_NEW_HIGHS, _salience(len(syms), 30.0)), ev,
                   _target(TARGET_STOCK, ev["stocks"][0]["symbol"], _time(view)))


# -- turnover and breadth --------------------------------------------------------------------------
def _scope(enriched: pd.DataFrame) -> str:
    """Exchanges present among the cross-section: a '+'-joined subset of sh, sz, bj."""
    if enriched.empty:
        return ""
    if "market" in enriched.columns:
        markets = {str(m) for m in enriched["market"].unique()}
    else:
        markets = {str(s)[:2] for s in pd.unique(enriched.index.str[:2])}
    return "+".join(m for m in ("sh", "sz", "bj") if m in markets)


def _universe(view: Any) -> str:
    """主板 / 全市场 / part of it, from the boards of the cross-section (app.market.universe)."""
    e = _frame(view, "enriched")
    return universe_of(e["board"].unique()) if "board" in e.columns and len(e) else UNIVERSE_PART


def _prior_turnover_exact(prior: pd.DataFrame, clock: str) -> float | None:
    if prior.empty or "time" not in prior.columns or "turnover_yuan" not in prior.columns:
        return None
    rows = prior[prior["time"].astype(str) == clock]
    return _num(rows["turnover_yuan"].iloc[-1]) if len(rows) else None


def find_turnover(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    """Cumulative turnover at the shown minute (as the index strip: the cross-section's amount),
    against the prior session at the same clock time when that session has a row at that time."""
    counts = getattr(view, "counts", None)
    today = _num(getattr(counts, "turnover_yuan", None))
    if not today or today <= 0:
        return None
    time = _time(view)
    label = {"11:30": "half_day", CLOSE_TIME: "full_day", "09:30": "auction"}.get(time, "intraday")
    prior = _prior_turnover_exact(_frame(view, "prior_series"), time)
    diff = (today / prior - 1.0) * 100.0 if prior else None
    ev = {"time": time, "label": label, "today": today, "prior": prior,
          "prior_date": getattr(view, "prior_date", None) if prior else None,
          "diff_pct": _num(diff), "scope": _scope(_frame(view, "enriched")),
          "universe": _universe(view)}
    if diff is None:
        return Finding(KIND_TURNOVER, BASE_SCORE_PLAIN_TURNOVER, ev, None)
    lead = leading_index(view, moves)
    target = _target(TARGET_INDEX, lead["symbol"], time) if lead else None
    return Finding(KIND_TURNOVER, _score(KIND_TURNOVER, _salience(diff, TURNOVER_SHARP_PCT)), ev,
                   target)


def find_breadth(view: Any, moves: list[dict[str, Any]] | None = None) -> Finding | None:
    """Decliners and advancers out of all stocks, the median move against the leading index, and
    the flag: 'concentrated' (leading index up, most stocks down) or 'broad' (every index down,
    most stocks up)."""
    c = getattr(view, "counts", None)
    if c is None or not getattr(c, "stocks", 0):
        return None
    trading = int(c.up) + int(c.down) + int(c.flat)
    if trading <= 0:
        return None
    down_share, up_share = c.down / trading, c.up / trading
    lead = leading_index(view, moves)
    flag = None
    if lead is not None and lead["pct"] > CONCENTRATED_INDEX_MIN_PCT \
            and down_share > CONCENTRATED_DECLINER_SHARE:
        flag = "concentrated"
    elif lead is not None and lead["pct"] < 0 and up_share > BROAD_ADVANCER_SHARE:
        flag = "broad"
    ev = {"stocks": int(c.stocks), "up": int(c.up), "down": int(c.down), "flat": int(c.flat),
          "suspended": int(c.suspended), "decliner_share": down_share,
          "median_pct": _num(c.median_pct), "mean_pct": _num(c.mean_pct), "flag": flag,
          "index": lead["symbol"] if lead else None, "index_name": lead["name"] if lead else None,
          "index_name_en": lead["name_en"] if lead else None,
          "index_pct": lead["pct"] if lead else None, "universe": _universe(view)}
    target = _target(TARGET_INDEX, lead["symbol"], _time(view)) if lead else None
    if flag is None:
        sal = _salience(ev["median_pct"], 3.0)
        return Finding(KIND_BREADTH, _score(KIND_BREADTH, sal, BASE_SCORE_PLAIN_BREADTH), ev,
                       target)
    sal = down_share if flag == "concentrated" else up_share
    return Finding(KIND_BREADTH, _score(KIND_BREADTH, sal), ev, target)


# -- all of them -----------------------------------------------------------------------------------
def _drop_repeats(found: list[Finding]) -> list[Finding]:
    """Drop the weakest-boards bullet when the limit-down bullet already names the same boards
    (a sell-off concentrated in a theme is one takeaway, not two)."""
    by_kind = {f.kind: f for f in found}
    weak, down = by_kind.get(KIND_BOARDS_DOWN), by_kind.get(KIND_LIMIT_DOWN)
    if weak is None or down is None:
        return found
    weak_names = {b["name"] for b in weak.evidence["boards"]}
    cluster_names = {c["name"] for c in down.evidence.get("clusters", [])}
    if weak_names and weak_names <= cluster_names:
        return [f for f in found if f is not weak]
    return found


def findings(view: Any, history_high: pd.DataFrame | None = None,
             pause: Callable[[], None] | None = None) -> list[Finding]:
    """Every finding the data supports, most important first (ties keep a fixed kind order).
    ``pause`` is called between finders (a thread that shares the interpreter with a GUI hands
    it over there)."""
    moves = index_moves(view)
    finders: tuple[Callable[[], Finding | None], ...] = (
        lambda: find_indices(view, moves),
        lambda: find_boards(view, up=True),
        lambda: find_turnover(view, moves),
        lambda: find_breadth(view, moves),
        lambda: find_limit_up(view),
        lambda: find_contributors(view, moves),
        lambda: find_limit_down(view),
        lambda: find_boards(view, up=False),
        lambda: find_new_highs(view, history_high),
        lambda: find_industries(view),
    )
    found = []
    for find in finders:
        found.append(find())
        if pause is not None:
            pause()
    out = [f for f in found if f is not None]
    out = _drop_repeats(out)
    order = {k: i for i, k in enumerate(BASE_SCORE)}
    out.sort(key=lambda f: (-f.score, order.get(f.kind, 99)))
    return out
