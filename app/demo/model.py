"""The deterministic demo session: a whole A-share market reproducing 2026-06-02 (and 2026-06-01).

Pure generation (numpy/pandas; no SQL, no Qt). ``build_demo_model()`` returns a ``DemoModel`` whose
frames carry the store's column names; ``app.demo.store`` writes them. Intraday data are
arrays indexed [slot, stock] (``DemoModel.sessions[date]``), so a live feed can replay them minute by
minute with ``DemoModel.quotes_at(date, slot)``.

Parts: universe (stocks, names, sectors), story (who does what), history (a year of
daily bars), intraday (minute engine), indices (cap-weighted indices).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from app.market.boards import Board
from app.market.calendar import trading_days_between
from app.demo.history import History, build_history
from app.demo.indices import (
    INDEX_DEFS,
    IndexSet,
    choose_members,
    index_bars,
    index_daily_from_bars,
    index_daily_from_history,
    indices_frame,
)
from app.demo.intraday import (
    LAST,
    MORNING_END,
    DayNoise,
    DayPlan,
    DaySession,
    build_session,
    price_paths,
)
from app.demo.story import (
    DECLINE_SHARE,
    PM_DRIFT,
    TARGETS,
    TURNOVER_1130,
    Cast,
    cast_story,
)
from app.demo.universe import (
    CONCEPTS,
    DEMO_DATE,
    DEMO_SEED,
    PRIOR_DATE,
    Universe,
    build_universe,
)
from app.market.limits import band_for, limit_fen_arrays
from app.market.session import session_minutes
from app.market.snapshot import limit_table

HISTORY_SEED_DAY = "2025-05-30"   # the session before the year of daily bars (prev close only)
SESSIONS = (PRIOR_DATE, DEMO_DATE)
QUOTE_COLUMNS = ("date", "time", "symbol", "last", "prev_close", "open", "high", "low", "volume",
                 "amount")
DAILY_COLUMNS = ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume", "amount")
# IPO anchors (r0, r1, r2) by trading-day number since listing.
IPO_ANCHORS = {1: (np.log(1.95), np.log(2.62), np.log(2.44)), 2: (0.035, -0.052, -0.071),
               3: (-0.02, 0.048, 0.061), 4: (0.012, -0.041, -0.033)}
IPO_TURNOVER = {1: 0.62, 2: 0.45, 3: 0.34, 4: 0.30, 5: 0.27}


@dataclass
class DemoModel:
    universe: Universe
    cast: Cast
    history: History
    indices: IndexSet
    sessions: dict[str, DaySession]
    index_bars: dict[str, pd.DataFrame]
    index_daily: pd.DataFrame
    index_as_of: str

    # ---- static tables ---------------------------------------------------------------------
    @property
    def symbols(self) -> np.ndarray:
        return self.universe.stocks.index.to_numpy(dtype=object)

    def stocks_frame(self) -> pd.DataFrame:
        st = self.universe.stocks
        return pd.DataFrame({
            "symbol": st.index.to_numpy(dtype=object), "code": st["code"].to_numpy(dtype=object),
            "market": st["market"].to_numpy(dtype=object), "board": st["board"].to_numpy(dtype=object),
            "name": st["name"].to_numpy(dtype=object), "list_date": st["list_date"].to_numpy(dtype=object),
            "float_shares": st["float_shares"].to_numpy(dtype=float),
            "total_shares": st["total_shares"].to_numpy(dtype=float),
            "industry": st["industry"].to_numpy(dtype=object)})

    def names_frame(self) -> pd.DataFrame:
        return self.universe.names[["symbol", "date", "name"]].copy()

    def sectors_frame(self) -> pd.DataFrame:
        return self.universe.sectors.copy()

    def sector_members_frame(self) -> pd.DataFrame:
        return self.universe.sector_members.copy()

    def indices_frame(self) -> pd.DataFrame:
        return indices_frame()

    def index_members_frame(self) -> pd.DataFrame:
        return self.indices.members_frame(self.symbols, self.index_as_of)

    def meta(self) -> dict[str, str]:
        out = {"source": "demo", "demo_date": DEMO_DATE, "prior_date": PRIOR_DATE,
               "demo_seed": str(DEMO_SEED)}
        for sym, div in zip(self.indices.symbols, self.indices.divisors):
            out[f"index_divisor:{sym}"] = repr(float(div))
        return out

    # ---- intraday --------------------------------------------------------------------------
    def quotes_arrays(self, date: str, slots: slice | int = slice(None)) -> dict[str, np.ndarray]:
        """Quote columns as [slot, listed stock] float arrays (prices in yuan, NaN if suspended)
        for ``slots`` (all by default; an int gives one row of 1-D arrays). ``cols`` are the
        listed stocks' positions in the universe."""
        s = self.sessions[date]
        cols = np.flatnonzero(s.plan.listed)
        susp = s.plan.suspended[cols]

        def price(a: np.ndarray) -> np.ndarray:
            out = a[slots][..., cols] / 100.0
            out[..., susp] = np.nan
            return out

        last = price(s.last_fen)
        shape = last.shape
        opn = np.broadcast_to(s.last_fen[0, cols] / 100.0, shape).copy()
        opn[..., susp] = np.nan
        return {"cols": cols, "last": last, "prev_close": np.broadcast_to(
                    s.plan.prev_fen[cols] / 100.0, shape).copy(), "open": opn,
                "high": price(s.high_fen), "low": price(s.low_fen),
                "volume": s.volume[slots][..., cols].astype(float),
                "amount": s.amount[slots][..., cols].astype(float)}

    def quotes_frame(self, date: str) -> pd.DataFrame:
        """Every snapshot of a session, in primary-key order (date, time, symbol)."""
        a = self.quotes_arrays(date)
        cols = a["cols"]
        k = len(cols)
        times = np.array(session_minutes(), dtype=object)
        return pd.DataFrame({
            "date": np.full(k * (LAST + 1), date, dtype=object),
            "time": np.repeat(times, k),
            "symbol": np.tile(self.symbols[cols], LAST + 1),
            **{c: a[c].ravel() for c in QUOTE_COLUMNS[3:]}})

    def quotes_at(self, date: str, slot: int) -> pd.DataFrame:
        """One minute's snapshot rows (what a live feed appends at that minute)."""
        a = self.quotes_arrays(date, int(slot))
        return pd.DataFrame({"date": date, "time": session_minutes()[int(slot)],
                             "symbol": self.symbols[a["cols"]],
                             **{c: a[c] for c in QUOTE_COLUMNS[3:]}})

    def static_frame(self, date: str) -> pd.DataFrame:
        """Stocks with their point-in-time names on ``date`` (as app.store.queries.stocks gives)."""
        st = self.universe.stocks
        return pd.DataFrame({"code": st["code"], "market": st["market"], "board": st["board"],
                             "name": names_on(self.universe, date), "list_date": st["list_date"],
                             "float_shares": st["float_shares"]}, index=st.index)

    # ---- daily -----------------------------------------------------------------------------
    def session_daily(self, date: str) -> pd.DataFrame:
        """The session's daily rows: the 15:00 snapshot of every trading stock."""
        s = self.sessions[date]
        cols = np.flatnonzero(s.plan.listed & ~s.plan.suspended)
        return pd.DataFrame({
            "date": date, "symbol": self.symbols[cols],
            "open": s.last_fen[0, cols] / 100.0, "high": s.high_fen[LAST, cols] / 100.0,
            "low": s.low_fen[LAST, cols] / 100.0, "close": s.last_fen[LAST, cols] / 100.0,
            "prev_close": s.plan.prev_fen[cols] / 100.0,
            "volume": s.volume[LAST, cols].astype(float), "amount": s.amount[LAST, cols].astype(float)})

    def daily_frame(self) -> pd.DataFrame:
        """A year of daily bars, in primary-key order (symbol, date): the history's days, then the
        two sessions' 15:00 snapshots."""
        h = self.history
        parts = {k: [getattr(h, f)[1:]] for k, f in (
            ("open", "open_fen"), ("high", "high_fen"), ("low", "low_fen"), ("close", "close_fen"),
            ("prev_close", "prev_fen"), ("volume", "volume"), ("amount", "amount"))}
        traded = [h.traded[1:]]
        for d in SESSIONS:
            s = self.sessions[d]
            for k, a in (("open", s.last_fen[0]), ("high", s.high_fen[LAST]), ("low", s.low_fen[LAST]),
                         ("close", s.last_fen[LAST]), ("prev_close", s.plan.prev_fen),
                         ("volume", s.volume[LAST]), ("amount", s.amount[LAST])):
                parts[k].append(a[None, :])
            traded.append(s.trading[None, :])
        days = np.array(list(h.days[1:]) + list(SESSIONS), dtype=object)
        mask = np.vstack(traded)
        # Row-major over [stock, day]: symbols ascending, then dates ascending = the primary key.
        s_idx, d_idx = np.nonzero(mask.T)
        out = {"date": days[d_idx], "symbol": self.symbols[s_idx]}
        for k, arrs in parts.items():
            a = np.vstack(arrs)[d_idx, s_idx]
            out[k] = a / 100.0 if k not in ("volume", "amount") else a.astype(float)
        return pd.DataFrame(out, columns=list(DAILY_COLUMNS))

    def index_bars_frame(self) -> pd.DataFrame:
        df = pd.concat([self.index_bars[d] for d in SESSIONS], ignore_index=True)
        return df.sort_values(["symbol", "date", "time"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
def names_on(uni: Universe, date: str) -> pd.Series:
    """Point-in-time name of every stock on ``date`` (the latest names row on or before it)."""
    nm = uni.names[uni.names["date"] <= date]
    last = nm.groupby("symbol", sort=False)["name"].last()
    return last.reindex(uni.stocks.index).fillna(uni.stocks["base_name"])


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


def _stock_params(rng: np.random.Generator, uni: Universe, cast: Cast
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


def _plan(uni: Universe, cast: Cast, date: str, prev_fen: np.ndarray, listed: np.ndarray,
          sigma_d: np.ndarray, beta: np.ndarray, turnover: np.ndarray,
          rng: np.random.Generator) -> DayPlan:
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


def _calibrate(plan: DayPlan, noise: DayNoise, iset: IndexSet, cast: Cast) -> np.ndarray:
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
    sigma_d, beta, turnover = _stock_params(g_par, uni, cast)
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
        plan = _plan(uni, cast, date, prev_fen, listed, sigma_d, beta, turnover, g)
        noise = DayNoise.draw(g, n)
        last = _calibrate(plan, noise, iset, cast)
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
