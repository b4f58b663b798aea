"""How concentrated an index move is: per-constituent contributions in index points and the gap
between the cap-weighted index and the equal-weighted constituents / market.

The index is rebuilt from its constituents as a cap-weighted sum over a divisor fixed at the
previous close::

    divisor = Σ weight_shares × prev_close / index_prev_close
    points_i = weight_shares_i × (last_i − prev_close_i) / divisor

so that the contributions add up to the index move exactly (up to float rounding), whatever the
vendor's own divisor adjustments were. A suspended constituent (no last) contributes 0 points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DEFAULT_TOP_N = 5


@dataclass(frozen=True)
class Contribution:
    """One constituent's share of the index move."""

    symbol: str
    name: str
    pct_chg: float     # the stock's own % change (NaN when suspended)
    points: float      # index points it added (negative: took away)
    weight: float      # its share of the index's cap at the previous close (0..1)


@dataclass(frozen=True)
class Concentration:
    """Index move, its contributors and the equal-weight view of the same minute.

    ``contributions`` is indexed by symbol with columns name, weight, pct_chg, points, sorted by
    points from the largest gain to the largest loss.
    """

    index_symbol: str
    index_name: str
    index_prev_close: float
    divisor: float
    index_points: float          # Σ contributions (reconstructed move, points)
    index_pct: float             # reconstructed move, %
    actual_pct: float            # the index's own printed move when given, else NaN
    contributions: pd.DataFrame
    top_up: tuple[Contribution, ...]
    top_down: tuple[Contribution, ...]
    members: int                 # constituents priced in the cross-section
    missing: int                 # constituents absent from the cross-section (left out)
    members_up: int
    members_down: int
    eq_mean_pct: float           # equal-weighted mean % of the (trading) constituents
    eq_median_pct: float
    market_mean_pct: float       # equal-weighted mean % of every trading stock in the cross-section
    market_median_pct: float
    spread_pct: float            # shown index % − constituents' equal-weighted mean %

    @property
    def shown_pct(self) -> float:
        """The index % to display: the printed one when known, else the reconstruction."""
        return self.actual_pct if np.isfinite(self.actual_pct) else self.index_pct

    def top_points(self, n: int | None = None) -> float:
        """Points added by the ``n`` largest contributors (all of ``top_up`` by default)."""
        picks = self.top_up if n is None else self.top_up[:n]
        return float(sum(c.points for c in picks))


def _floats(values: np.ndarray) -> np.ndarray:
    """Float64 values; text or None (from an imported store) read as NaN."""
    if values.dtype.kind in "fiub":
        return values.astype(float, copy=False)
    return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)


def _nan_stat(values: np.ndarray, fn) -> float:  # type: ignore[no-untyped-def]
    v = values[np.isfinite(values)]
    return float(fn(v)) if len(v) else float("nan")


def concentration(members: pd.DataFrame, enriched: pd.DataFrame, index_prev_close: float, *,
                  index_symbol: str = "", index_name: str = "", index_last: float | None = None,
                  top_n: int = DEFAULT_TOP_N) -> Concentration:
    """Contributions of an index's constituents at one minute.

    Parameters
    ----------
    members
        Constituents: column ``symbol`` (or the index) and ``weight_shares``.
    enriched
        The whole market's cross-section after ``app.market.snapshot.enrich`` (indexed by symbol,
        with last, prev_close, pct_chg, suspended and optionally name). Market-wide mean and median
        come from all its trading stocks.
    index_prev_close
        The index's previous close, which fixes the divisor.
    index_last
        The index's printed level at the minute, for ``actual_pct`` (optional).
    top_n
        How many contributors to keep on each side.
    """
    if not np.isfinite(index_prev_close) or index_prev_close <= 0:
        raise ValueError(f"index_prev_close must be positive, got {index_prev_close!r}")
    if not enriched.index.is_unique:   # a cross-section has one row per symbol; keep the latest
        enriched = enriched[~enriched.index.duplicated(keep="last")]
    m = members.set_index("symbol") if "symbol" in members.columns else members
    weights = pd.to_numeric(m["weight_shares"], errors="coerce").fillna(0.0)
    weights = weights[~weights.index.duplicated(keep="last")]
    present = weights.index.intersection(enriched.index)
    missing = int(len(weights) - len(present))
    w = weights.reindex(present).to_numpy(dtype=float)
    # Positions of the constituents, then only the columns needed: reindexing the whole
    # 35-column cross-section per minute costs milliseconds.
    pos = enriched.index.get_indexer(present)

    def col(name: str) -> np.ndarray:
        return enriched[name].to_numpy()[pos]

    prev = _floats(col("prev_close"))
    last = _floats(col("last"))
    susp = (col("suspended").astype(bool) if "suspended" in enriched.columns
            else ~np.isfinite(last) | (last <= 0))
    ok_prev = np.isfinite(prev) & (prev > 0)
    w = np.where(ok_prev, w, 0.0)
    prev = np.where(ok_prev, prev, 0.0)
    # A suspended stock stays at its previous close for the index.
    last = np.where(susp | ~np.isfinite(last) | (last <= 0), prev, last)

    base_cap = w * prev
    total_cap = float(base_cap.sum())
    divisor = total_cap / index_prev_close if total_cap > 0 else float("nan")
    if total_cap > 0:
        points = w * (last - prev) / divisor
        weight = base_cap / total_cap
    else:
        points = np.zeros(len(present))
        weight = np.zeros(len(present))
    pct = (_floats(col("pct_chg")) if "pct_chg" in enriched.columns
           else np.full(len(present), np.nan))
    pct = np.where(susp, np.nan, pct)
    names = (np.array(["" if n is None or n != n else str(n) for n in col("name")], dtype=object)
             if "name" in enriched.columns else np.full(len(present), "", dtype=object))

    table = pd.DataFrame({"name": names, "weight": weight, "pct_chg": pct, "points": points},
                         index=pd.Index(present, name="symbol"))
    table = table.sort_values("points", ascending=False, kind="mergesort")

    index_points = float(points.sum())
    index_pct = index_points / index_prev_close * 100.0
    actual_pct = (float(index_last) / index_prev_close * 100.0 - 100.0
                  if index_last is not None and np.isfinite(index_last) and index_last > 0
                  else float("nan"))

    def _rows(frame: pd.DataFrame) -> tuple[Contribution, ...]:
        return tuple(Contribution(symbol=str(sym), name=str(nm), pct_chg=float(pc),
                                  points=float(pt), weight=float(wt))
                     for sym, nm, pc, pt, wt in zip(frame.index, frame["name"], frame["pct_chg"],
                                                    frame["points"], frame["weight"]))

    ups = table[table["points"] > 0].head(top_n)
    downs = table[table["points"] < 0].sort_values("points", kind="mergesort").head(top_n)

    live = ~enriched["suspended"].to_numpy(dtype=bool) if "suspended" in enriched.columns \
        else np.ones(len(enriched), dtype=bool)
    market_pct = _floats(enriched["pct_chg"].to_numpy())[live]
    eq_mean = _nan_stat(pct, np.mean)
    shown = actual_pct if np.isfinite(actual_pct) else index_pct
    return Concentration(
        index_symbol=index_symbol,
        index_name=index_name,
        index_prev_close=float(index_prev_close),
        divisor=float(divisor),
        index_points=index_points,
        index_pct=float(index_pct),
        actual_pct=float(actual_pct),
        contributions=table,
        top_up=_rows(ups),
        top_down=_rows(downs),
        members=int(len(present)),
        missing=missing,
        members_up=int(np.sum(np.isfinite(pct) & (pct > 0))),
        members_down=int(np.sum(np.isfinite(pct) & (pct < 0))),
        eq_mean_pct=eq_mean,
        eq_median_pct=_nan_stat(pct, np.median),
        market_mean_pct=_nan_stat(market_pct, np.mean),
        market_median_pct=_nan_stat(market_pct, np.median),
        spread_pct=float(shown - eq_mean),
    )
