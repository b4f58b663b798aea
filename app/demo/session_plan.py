"""Each demo session's plan: per-stock volatility and turnover, the price anchors and calibration.

The story's scripted stocks keep their scripts; every other stock gets anchors from its concepts'
theme, its size and a draw, and the calibrator stocks are moved until the indices hit the day's
targets.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.demo.indices import IndexSet
from app.demo.intraday import LAST, MORNING_END, DayNoise, DayPlan, price_paths
from app.demo.model import names_on
from app.demo.story import DECLINE_SHARE, PM_DRIFT, TARGETS, TURNOVER_1130, Cast
from app.demo.universe import Universe
from app.demo.universe_spec import CONCEPTS, DEMO_DATE
from app.market.limits import limit_fen_arrays
from app.market.snapshot import limit_table

# IPO anchors (r0, r1, r2) by trading-day number since listing.
IPO_ANCHORS = {1: (np.log(1.95), np.log(2.62), np.log(2.44)), 2: (0.035, -0.052, -0.071),
               3: (-0.02, 0.048, 0.061), 4: (0.012, -0.041, -0.033)}
IPO_TURNOVER = {1: 0.62, 2: 0.45, 3: 0.34, 4: 0.30, 5: 0.27}


def stock_params(rng: np.random.Generator, uni: Universe, cast: Cast
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Daily volatility, beta and base turnover (fraction of float shares per day)."""
    st = uni.stocks
    board = st["board"].to_numpy(dtype=object)
    roles = uni.roles
    vol_by_board = {"sse_main": 0.021, "szse_main": 0.022, "chinext": 0.028, "star": 0.029, "bse": 0.034}
    sigma = np.array([vol_by_board[b] for b in board]) * np.exp(0.2 * rng.standard_normal(uni.n))
    sigma[roles == "st"] = 0.017
    sigma[roles == "heavy"] *= 0.5
    hot = np.array(sorted(cast.hot), dtype=np.int64)
    sigma[hot] *= 1.25
    beta = rng.uniform(0.7, 1.3, uni.n)
    turnover = 0.028 * np.exp(0.5 * rng.standard_normal(uni.n))
    turnover[roles == "st"] *= 0.6
    turnover[hot] *= 2.0
    turnover[roles == "heavy"] = 0.0045
    turnover[cast.rows("cpo_heavy")] = 0.04
    turnover[cast.rows("lead")] = 0.05
    return sigma, beta, np.minimum(turnover, 0.10)


def _generic_anchors(rng: np.random.Generator, uni: Universe, cast: Cast, date: str,
                     up_pct: np.ndarray, down_pct: np.ndarray, free: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Anchors for every stock; the share of ``free`` stocks below prev close at 11:30 is set by
    DECLINE_SHARE (a market level solved from the quantile of the idiosyncratic draws)."""
    n = uni.n
    st = uni.stocks
    board = st["board"].to_numpy(dtype=object)
    scale = np.select([np.isin(board, ["chinext", "star"]), board == "bse"], [1.35, 1.7], 1.0)
    scale = np.where(uni.roles == "st", 0.55, scale)
    theme = np.zeros(n)
    demo = date == DEMO_DATE
    for cid, _name, t_demo, t_prior, _size, _inds in CONCEPTS:
        t = t_demo if demo else t_prior
        idx = uni.concepts[cid]
        replace = np.abs(t) > np.abs(theme[idx])
        theme[idx[replace]] = t
    cap = (st["total_shares"] * st["price"]).to_numpy(dtype=float)
    size = 0.0035 * np.clip(np.log(cap / 1e10), -1.0, 3.0) if demo else np.zeros(n)
    z = rng.standard_normal(n)
    raw = theme + size + 0.016 * scale * z
    m = -float(np.quantile(raw[free], DECLINE_SHARE[date]))
    r1 = m + raw
    r0 = 0.35 * r1 + 0.004 * scale * rng.standard_normal(n)
    r2 = r1 + PM_DRIFT[date] + 0.006 * scale * rng.standard_normal(n)
    up = np.where(up_pct > 0, up_pct, 30) / 100.0
    dn = np.where(down_pct > 0, down_pct, 30) / 100.0
    hi, lo = np.log1p(up - 0.012), np.log1p(-(dn - 0.012))
    r0, r1, r2 = (np.clip(r, lo, hi) for r in (r0, r1, r2))
    return r0, r1, r2


def day_plan(uni: Universe, cast: Cast, date: str, prev_fen: np.ndarray, listed: np.ndarray,
             sigma_d: np.ndarray, beta: np.ndarray, turnover: np.ndarray,
             rng: np.random.Generator) -> DayPlan:
    """The session's plan: limits, suspensions, scripts, anchors, volatility and turnover of every stock."""
    lt = limit_table(_static_for_limits(uni, date), date)
    up_pct = lt["up_pct"].to_numpy(dtype=np.int64)
    down_pct = lt["down_pct"].to_numpy(dtype=np.int64)
    listing_day = lt["listing_day"].to_numpy(dtype=np.int64)
    up_fen, down_fen = limit_fen_arrays(prev_fen, up_pct, down_pct)
    suspended = np.zeros(uni.n, dtype=bool)
    suspended[list(cast.suspended[date])] = True
    scripts = dict(cast.scripts[date])
    anchored = cast.anchors[date]
    ipo = listed & (listing_day >= 1) & (listing_day <= 5)
    calib = {i for rows in cast.calibrators.values() for i in rows}
    free = listed & ~suspended & ~ipo
    free[list(scripts)] = False
    free[list(anchored)] = False
    free[list(calib)] = False
    r0, r1, r2 = _generic_anchors(rng, uni, cast, date, up_pct, down_pct, free)
    for i, (a0, a1, a2) in anchored.items():
        r0[i], r1[i], r2[i] = a0, a1, a2
    sig = sigma_d * 0.8 / np.sqrt(240.0)
    turn = turnover.copy()
    for i in np.flatnonzero(ipo):
        r0[i], r1[i], r2[i] = IPO_ANCHORS[int(min(listing_day[i], 4))]
        sig[i] *= 2.5
        turn[i] = IPO_TURNOVER[int(listing_day[i])]
    turn[list(scripts)] *= 1.6
    fixed = ipo.copy()
    one_word = np.zeros(uni.n, dtype=bool)
    one_word[list(cast.one_word[date])] = True
    plan = DayPlan(date=date, prev_fen=np.where(listed, prev_fen, 0), listed=listed,
                   suspended=suspended, up_fen=np.where(listed, up_fen, -1),
                   down_fen=np.where(listed, down_fen, -1), r0=r0, r1=r1, r2=r2, sigma=sig,
                   beta=beta, turnover=turn, float_shares=uni.stocks["float_shares"].to_numpy(float),
                   scripts=scripts, one_word=one_word, turnover_1130=TURNOVER_1130[date],
                   fixed_turnover=fixed)
    return plan


def _static_for_limits(uni: Universe, date: str) -> pd.DataFrame:
    st = uni.stocks
    return pd.DataFrame({"board": st["board"], "name": names_on(uni, date),
                         "list_date": st["list_date"]}, index=st.index)


def calibrate(plan: DayPlan, noise: DayNoise, iset: IndexSet, cast: Cast) -> np.ndarray:
    """Move the calibrator stocks' 11:30 and 15:00 anchors so the indices hit the day's targets."""
    last = price_paths(plan, noise)
    trading = plan.listed & ~plan.suspended
    for _ in range(5):
        for sym, t1130, t1500 in TARGETS[plan.date]:
            w = iset.weights[iset.row(sym)]
            cal = np.array(cast.calibrators[sym], dtype=np.int64)
            base = float(np.sum(w * plan.prev_fen))
            for slot, target, arr in ((MORNING_END, t1130, plan.r1), (LAST, t1500, plan.r2)):
                p = np.where(trading, last[slot], plan.prev_fen).astype(float)
                cur = float(np.sum(w * p)) / base - 1.0
                denom = float(np.sum(w[cal] * p[cal]))
                arr[cal] += (target - cur) * base / denom
            last[:, cal] = price_paths(plan, noise, cal)
    return last

