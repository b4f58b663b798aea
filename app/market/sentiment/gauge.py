"""A transparent sentiment gauge (情绪温度): seven components, each a percentile of the store's own
history, their mean, and a stage label from visible thresholds.

Components (value today → percentile among the past sessions held, computed per session from
daily bars by ``session_history``):

=================  =========================================================  =========
key                value                                                      direction
=================  =========================================================  =========
limit_ups          stocks closing at limit-up                                 hot  (+)
limit_downs        stocks closing at limit-down                               cold (−)
highest_board      the highest 连板 streak sealed                             hot  (+)
break_rate         炸板率 = touched limit-up but not closing there ÷ touched  cold (−)
promotion_rate     previous session's limit-ups closing at limit-up again     hot  (+)
premium            mean % change of the previous session's limit-ups          hot  (+)
turnover_change    turnover ÷ previous session's turnover − 1                 hot  (+)
=================  =========================================================  =========

- percentile = 100 × (#past values below + ½ #equal) / #past values, over the sessions strictly
  before the date with a defined value; None with fewer than ``MIN_HISTORY`` of them;
- heat = percentile for a hot component, 100 − percentile for a cold one;
- level = mean heat of the components that have one (0 … 100).

Stages, from the level and its change against the previous session (whose level is computed the
same way from the history before it):

- 冰点 ``ice``: level < ``ICE_BELOW``;
- 退潮 ``ebb``: the previous session's level was high (≥ ``EBB_FROM``) and today's is at least
  ``EBB_DROP`` points below it — the tide going out from a high, before it reaches 冰点;
- 修复 ``repair``: ``ICE_BELOW`` ≤ level < ``REPAIR_BELOW``;
- 发酵 ``ferment``: ``REPAIR_BELOW`` ≤ level < ``CLIMAX_FROM``;
- 高潮 ``climax``: level ≥ ``CLIMAX_FROM``.

At a replayed minute the day's figures so far are set against full-day history: an early minute
reads colder than the close will.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

HOT = 1
COLD = -1
COMPONENTS: tuple[tuple[str, str, int], ...] = (
    ("limit_ups", "涨停数", HOT),
    ("limit_downs", "跌停数", COLD),
    ("highest_board", "最高板", HOT),
    ("break_rate", "炸板率", COLD),
    ("promotion_rate", "晋级率", HOT),
    ("premium", "昨涨停溢价", HOT),
    ("turnover_change", "成交额变化", HOT),
)
MIN_HISTORY = 20

ICE_BELOW = 20.0
REPAIR_BELOW = 50.0
CLIMAX_FROM = 80.0
EBB_FROM = 50.0
EBB_DROP = 10.0

STAGE_ICE = "ice"
STAGE_REPAIR = "repair"
STAGE_FERMENT = "ferment"
STAGE_CLIMAX = "climax"
STAGE_EBB = "ebb"
STAGE_LABELS: dict[str, str] = {STAGE_ICE: "冰点", STAGE_REPAIR: "修复", STAGE_FERMENT: "发酵",
                                STAGE_CLIMAX: "高潮", STAGE_EBB: "退潮"}
STAGE_RULES = (f"冰点 level<{ICE_BELOW:g}; 退潮 previous level≥{EBB_FROM:g} and level ≥{EBB_DROP:g} "
               f"below it; else 修复 <{REPAIR_BELOW:g}, 发酵 <{CLIMAX_FROM:g}, 高潮 ≥{CLIMAX_FROM:g}")

HISTORY_COLUMNS: tuple[str, ...] = (
    "limit_ups", "limit_downs", "touched", "broken", "break_rate", "highest_board", "promo_base",
    "promoted", "promotion_rate", "premium", "turnover", "turnover_change",
)


def trailing_runs(symbols: np.ndarray, flag: np.ndarray) -> np.ndarray:
    """Per row (sorted by symbol, then date): length of the run of ``flag`` ending at the row
    within its symbol (0 where the flag is off)."""
    n = len(symbols)
    if not n:
        return np.zeros(0, dtype=np.int64)
    idx = np.arange(n)
    start = np.ones(n, dtype=bool)
    start[1:] = symbols[1:] != symbols[:-1]
    reset = start | ~flag
    last_reset = np.maximum.accumulate(np.where(reset, idx, 0))
    run = idx - last_reset + flag[last_reset].astype(np.int64)
    return np.where(flag, run, 0).astype(np.int64)


def _date_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(position of each row's date among the sorted distinct dates, those dates as str)."""
    codes, uniq = pd.factorize(values)
    u = np.asarray(uniq, dtype=str)
    order = np.argsort(u, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes].astype(np.int64), u[order]


def session_history(flags: pd.DataFrame, turnover: pd.Series | None = None) -> pd.DataFrame:
    """Gauge inputs per past session, from ``app.market.streaks.daily_limit_flags`` output.

    ``flags`` holds traded rows sorted by symbol then date (date 'YYYY-MM-DD', symbol, close,
    ref_close, sealed, touched_up, floored). ``turnover`` is the summed amount per date (yuan).
    Streaks count from the first session held, so the first sessions' highest board is a lower
    bound. Promotion and premium need the previous session: a stock counts in them on a date only
    if its previous traded row is the previous session of the history.

    Returns a frame indexed by date with ``HISTORY_COLUMNS``.
    """
    d_idx, dates = _date_codes(flags["date"])
    n_d = len(dates)
    sym = flags["symbol"].to_numpy(dtype=object)
    sealed = flags["sealed"].to_numpy(dtype=bool)
    touched = flags["touched_up"].to_numpy(dtype=bool) | sealed
    floored = flags["floored"].to_numpy(dtype=bool)
    run = trailing_runs(sym, sealed)
    n = len(flags)
    same = np.zeros(n, dtype=bool)
    if n:
        same[1:] = (sym[1:] == sym[:-1]) & (d_idx[1:] == d_idx[:-1] + 1)
    prev_sealed = np.zeros(n, dtype=bool)
    prev_sealed[1:] = same[1:] & sealed[:-1]
    close = flags["close"].to_numpy(dtype=float)
    ref = flags["ref_close"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = (close / ref - 1.0) * 100.0
    prem_ok = prev_sealed & np.isfinite(pct)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(d_idx[mask], minlength=n_d).astype(np.int64)

    limit_ups, t_count = count(sealed), count(touched)
    broken = count(touched & ~sealed)
    highest = np.zeros(n_d, dtype=np.int64)
    if n:
        np.maximum.at(highest, d_idx, run)
    base, promoted = count(prev_sealed), count(prev_sealed & sealed)
    prem_n = count(prem_ok)
    prem_sum = np.bincount(d_idx[prem_ok], weights=pct[prem_ok], minlength=n_d)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = pd.DataFrame({
            "limit_ups": limit_ups,
            "limit_downs": count(floored),
            "touched": t_count,
            "broken": broken,
            "break_rate": np.where(t_count > 0, broken / np.maximum(t_count, 1), np.nan),
            "highest_board": highest,
            "promo_base": base,
            "promoted": promoted,
            "promotion_rate": np.where(base > 0, promoted / np.maximum(base, 1), np.nan),
            "premium": np.where(prem_n > 0, prem_sum / np.maximum(prem_n, 1), np.nan),
        }, index=pd.Index(dates.astype(object), name="date"))
    # no previous session for the first date: promotion and premium undefined there
    if n_d:
        out.iloc[0, out.columns.get_indexer(["promotion_rate", "premium"])] = np.nan
    tv = np.full(n_d, np.nan)
    if turnover is not None and len(turnover):
        tv_s = pd.to_numeric(turnover, errors="coerce")
        keys = pd.Series(tv_s.index.astype(str)).str.replace(r"\.0$", "", regex=True)
        if not keys.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all():     # YYYYMMDD keys
            keys = pd.to_datetime(keys, format="mixed").dt.strftime("%Y-%m-%d")
        tv_s.index = pd.Index(keys.to_numpy(dtype=object))
        tv = tv_s.groupby(level=0).sum().reindex(out.index).to_numpy(dtype=float)
    out["turnover"] = tv
    prev_tv = np.r_[np.nan, tv[:-1]] if n_d else tv
    with np.errstate(divide="ignore", invalid="ignore"):
        out["turnover_change"] = np.where(prev_tv > 0, tv / prev_tv - 1.0, np.nan)
    return out[list(HISTORY_COLUMNS)]


def percentile_rank(value: float | None, sample: np.ndarray,
                    min_history: int = MIN_HISTORY) -> float:
    """100 × (#below + ½ #equal) / n over the finite values of ``sample``; NaN when ``value`` is
    undefined or the sample holds fewer than ``min_history`` values."""
    if value is None or not math.isfinite(float(value)):
        return float("nan")
    s = np.asarray(sample, dtype=float)
    s = s[np.isfinite(s)]
    if len(s) < min_history:
        return float("nan")
    v = float(value)
    return float(100.0 * ((s < v).sum() + 0.5 * (s == v).sum()) / len(s))


@dataclass(frozen=True)
class GaugeComponent:
    key: str
    label: str
    direction: int          # HOT or COLD
    value: float            # NaN when undefined
    percentile: float       # NaN when undefined
    heat: float             # percentile, inverted for COLD components
    history_n: int          # past sessions the percentile was taken over


@dataclass(frozen=True)
class Gauge:
    components: tuple[GaugeComponent, ...]
    level: float            # mean heat (NaN when no component has one)
    prev_level: float       # the previous session's level (NaN when unknown)
    change: float           # level − prev_level
    stage: str | None       # STAGE_* code
    stage_label: str | None


def components_of(values: Mapping[str, float], history: pd.DataFrame,
                  min_history: int = MIN_HISTORY) -> tuple[tuple[GaugeComponent, ...], float]:
    """Components and level of ``values`` against every row of ``history`` (session_history)."""
    comps = []
    for key, label, direction in COMPONENTS:
        v = values.get(key)
        v = float("nan") if v is None else float(v)
        sample = (history[key].to_numpy(dtype=float) if key in history.columns
                  else np.empty(0))
        n = int(np.isfinite(sample).sum())
        p = percentile_rank(v, sample, min_history)
        heat = p if direction == HOT or not math.isfinite(p) else 100.0 - p
        comps.append(GaugeComponent(key, label, direction, v, p, heat, n))
    heats = [c.heat for c in comps if math.isfinite(c.heat)]
    return tuple(comps), (float(np.mean(heats)) if heats else float("nan"))


def stage_of(level: float, prev_level: float = float("nan")) -> str | None:
    """The stage code of a level (see the module docstring); None when the level is undefined."""
    if not math.isfinite(level):
        return None
    if level < ICE_BELOW:
        return STAGE_ICE
    if math.isfinite(prev_level) and prev_level >= EBB_FROM and prev_level - level >= EBB_DROP:
        return STAGE_EBB
    if level < REPAIR_BELOW:
        return STAGE_REPAIR
    if level < CLIMAX_FROM:
        return STAGE_FERMENT
    return STAGE_CLIMAX


def sentiment_gauge(values: Mapping[str, float], history: pd.DataFrame,
                    prev_date: str | None = None, min_history: int = MIN_HISTORY) -> Gauge:
    """The gauge of today's ``values`` against ``history`` (sessions strictly before today).

    The previous session's level is that of ``history.loc[prev_date]`` against the rows before it.
    """
    comps, level = components_of(values, history, min_history)
    prev_level = float("nan")
    if prev_date is not None and prev_date in history.index:
        before = history[history.index.to_numpy(dtype=str) < str(prev_date)]
        prev_vals = {k: history.at[prev_date, k] for k, _, _ in COMPONENTS if k in history.columns}
        _, prev_level = components_of(prev_vals, before, min_history)
    stage = stage_of(level, prev_level)
    return Gauge(components=comps, level=level, prev_level=prev_level,
                 change=level - prev_level if math.isfinite(level) and math.isfinite(prev_level)
                 else float("nan"),
                 stage=stage, stage_label=STAGE_LABELS.get(stage) if stage else None)
