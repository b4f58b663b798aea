"""Generating the whole demo market in order: universe, story, a year of history, indices, sessions."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from app.demo.history import build_history
from app.demo.indices import (
    INDEX_DEFS,
    IndexSet,
    choose_members,
    index_bars,
    index_daily_from_bars,
    index_daily_from_history,
)
from app.demo.intraday import LAST, DayNoise, DaySession, build_session
from app.demo.model import SESSIONS, DemoModel
from app.demo.session_plan import calibrate, day_plan, stock_params
from app.demo.story import cast_story
from app.demo.universe import Universe, build_universe
from app.demo.universe_spec import DEMO_DATE, DEMO_SEED, PRIOR_DATE
from app.market.boards import Board
from app.market.calendar import trading_days_between
from app.market.limits import band_for
from app.market.session import session_minutes

HISTORY_SEED_DAY = "2025-05-30"   # the session before the year of daily bars (prev close only)


def _st_matrix(uni: Universe, days: list[str]) -> np.ndarray:
    """[day, stock] bool: the stock's name carried ST/*ST that day."""
    out = np.zeros((len(days), uni.n), dtype=bool)
    day_arr = np.array(days)
    names = uni.names
    flagged = set(names.loc[names["name"].str.contains("ST", regex=False), "symbol"])
    sub = names[names["symbol"].isin(flagged)].sort_values(["symbol", "date"])
    for sym, rows in sub.groupby("symbol", sort=True):
        i = uni.pos(str(sym))
        dates = rows["date"].tolist()
        for d, name, nxt in zip(dates, rows["name"].tolist(), dates[1:] + ["9999-12-31"]):
            if "ST" in name:
                out[int(np.searchsorted(day_arr, d)):int(np.searchsorted(day_arr, nxt)), i] = True
    return out


@lru_cache(maxsize=64)
def _band(board: str, st: bool, on: str) -> tuple[int, int]:
    b = band_for(Board(board), pd.Timestamp(on).date(), st=st)
    return b.up_pct or 0, b.down_pct or 0


def _history_bands(uni: Universe, days: list[str], st: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    board = uni.stocks["board"].to_numpy(dtype=object)
    up = np.zeros((len(days), uni.n), dtype=np.int64)
    dn = np.zeros_like(up)
    for b in np.unique(board):
        cols = np.flatnonzero(board == b)
        for flag in (False, True):
            u, d = _band(str(b), flag, days[-1])
            sel = st[:, cols] == flag
            up[:, cols] = np.where(sel, u, up[:, cols])
            dn[:, cols] = np.where(sel, d, dn[:, cols])
    return up, dn


def _fill_suspended(session: DaySession) -> np.ndarray:
    """Last prices with suspended / unlisted stocks at their previous close (for index levels)."""
    plan = session.plan
    dead = ~plan.listed | plan.suspended
    return np.where(dead[None, :], plan.prev_fen[None, :], session.last_fen)


def build_demo_model(seed: int = DEMO_SEED) -> DemoModel:
    """Generate the whole demo market. Deterministic: the same seed gives the same arrays."""
    ss = np.random.SeedSequence(seed)
    g_uni, g_story, g_par, g_hist, g_d0, g_d1 = (np.random.default_rng(s) for s in ss.spawn(6))
    all_days = trading_days_between(HISTORY_SEED_DAY, DEMO_DATE)
    hist_days = all_days[:-2]
    if all_days[-2:] != [PRIOR_DATE, DEMO_DATE]:
        raise RuntimeError(f"calendar does not have {PRIOR_DATE} / {DEMO_DATE} as sessions")
    uni = build_universe(g_uni, all_days)
    cast = cast_story(g_story, uni)
    sigma_d, beta, turnover = stock_params(g_par, uni, cast)
    n = uni.n
    st = uni.stocks
    t_n = len(hist_days)

    # ---- history -------------------------------------------------------------------------------
    st_mat = _st_matrix(uni, hist_days)
    up_pct, dn_pct = _history_bands(uni, hist_days, st_mat)
    listed_from = np.zeros(n, dtype=np.int64)
    day_index = {d: i for i, d in enumerate(all_days)}
    list_idx = np.array([day_index.get(d, -1) if d >= HISTORY_SEED_DAY else 0
                         for d in st["list_date"]], dtype=np.int64)
    listed_from = np.where(list_idx > 0, list_idx, 0)
    ipo_paths: dict[int, list[float]] = {}
    for i in np.flatnonzero((listed_from > 0) & (listed_from < t_n)):
        k = t_n - int(listed_from[i])
        ipo_paths[i] = [2.45, 2.62, 2.51, 2.58][:k]
        up_pct[listed_from[i]:, i] = 0
        dn_pct[listed_from[i]:, i] = 0
    suspended_from = np.full(n, t_n, dtype=np.int64)
    for i, since in cast.suspended_since.items():
        if since in day_index and day_index[since] < t_n:
            suspended_from[i] = day_index[since]
    forced = np.zeros((t_n, n), dtype=bool)
    forbid = np.zeros((t_n, n), dtype=bool)
    one_word_hist = np.zeros((t_n, n), dtype=bool)
    for i, k in cast.streak.items():
        # Day T-1 is 2026-05-29: streak k needs k-2 limit-ups ending there, and none before.
        for j in range(k - 2):
            forced[t_n - 1 - j, i] = True
        forbid[t_n - 1 - (k - 2), i] = True
        if k >= 5:
            one_word_hist[t_n - 2:, i] = True
    for i in cast.rows("lead"):
        if i not in cast.streak:
            forbid[t_n - 1, i] = True
    ath = np.zeros(n, dtype=bool)
    ath[cast.rows("lead")[0]] = True
    anchor_fen = np.rint(st["price"].to_numpy(dtype=float) * 100).astype(np.int64)
    history = build_history(
        g_hist, hist_days, anchor_fen.astype(float), up_pct, dn_pct, sigma_d, beta, listed_from,
        suspended_from, forced, forbid, ath, ipo_paths, st["float_shares"].to_numpy(float),
        turnover, one_word_hist, amount_target=2.80e12,
        event_scale=np.where(uni.roles == "heavy", 0.05, 1.0))

    # ---- indices: constituents from the established, non-new stocks -----------------------------
    established = (listed_from == 0)
    not_st = ~_st_matrix(uni, [DEMO_DATE])[0]
    float_cap = st["float_shares"].to_numpy(float) * history.close_fen[-1] / 100.0
    weights = choose_members(st["board"].to_numpy(dtype=object), st["market"].to_numpy(dtype=object),
                             established & not_st, float_cap, st["float_shares"].to_numpy(float),
                             st["total_shares"].to_numpy(float), sse_eligible=established)
    iset = IndexSet(symbols=tuple(d[0] for d in INDEX_DEFS), weights=weights,
                    divisors=np.ones(len(INDEX_DEFS)))

    # ---- the two sessions ----------------------------------------------------------------------
    sessions: dict[str, DaySession] = {}
    prev_fen = history.close_fen[-1].copy()
    list_dates = st["list_date"].to_numpy(dtype=object)
    for date, g in ((PRIOR_DATE, g_d0), (DEMO_DATE, g_d1)):
        listed = list_dates <= date
        ipo_today = list_dates == date
        prev_fen = np.where(ipo_today, anchor_fen, prev_fen)
        plan = day_plan(uni, cast, date, prev_fen, listed, sigma_d, beta, turnover, g)
        noise = DayNoise.draw(g, n)
        last = calibrate(plan, noise, iset, cast)
        session = build_session(plan, noise, last)
        sessions[date] = session
        trading = plan.listed & ~plan.suspended
        prev_fen = np.where(trading, session.last_fen[LAST], plan.prev_fen)

    # ---- divisors: the prior session closes at the realistic levels ------------------------------
    raw_close = iset.levels(_fill_suspended(sessions[PRIOR_DATE])[LAST])
    iset.divisors = raw_close / np.array([d[5] for d in INDEX_DEFS])
    times = session_minutes()
    bars: dict[str, pd.DataFrame] = {}
    for date in SESSIONS:
        s = sessions[date]
        bars[date] = index_bars(iset, date, times, _fill_suspended(s), s.bar_high_fen,
                                s.bar_low_fen, s.bar_volume, s.bar_amount)
    hist_idx = index_daily_from_history(iset, hist_days, history.open_fen, history.high_fen,
                                        history.low_fen, history.close_fen, history.traded,
                                        history.volume, history.amount)
    prev_close = dict(zip(iset.symbols, iset.levels(history.close_fen[-1])))
    d0 = index_daily_from_bars(bars[PRIOR_DATE], prev_close)
    d1 = index_daily_from_bars(bars[DEMO_DATE], dict(zip(d0["symbol"], d0["close"])))
    index_daily = pd.concat([hist_idx, d0, d1], ignore_index=True).sort_values(
        ["symbol", "date"], kind="stable").reset_index(drop=True)
    return DemoModel(universe=uni, cast=cast, history=history, indices=iset, sessions=sessions,
                     index_bars=bars, index_daily=index_daily, index_as_of=hist_days[1])
