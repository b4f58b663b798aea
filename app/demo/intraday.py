"""Intraday engine of the demo model: one session as arrays indexed [slot, stock].

A stock's path is either *generic* (log-return anchors at 09:30, 11:30 and 15:00 joined by Brownian
bridges plus a common market wiggle) or *scripted* (waypoints such as "reach the limit at 10:05, hold,
break at 10:20, re-seal at 10:41"). Prices are integer fen, clipped to the day's limit band, so a
limit move is exactly the limit price. Volumes are whole lots; amounts are lots × the minute's
average price in fen, hence whole yuan.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

SLOTS = 241
MORNING_END = 120      # 11:30
LAST = SLOTS - 1       # 15:00 (closing auction)
UP = "U"
DOWN = "D"

Waypoint = tuple[int, float | str]


@dataclass
class DayPlan:
    """Everything the engine needs for one session; arrays are per stock (column order)."""

    date: str
    prev_fen: np.ndarray          # int64 prev close (issue price on listing day); 0 = not listed
    listed: np.ndarray            # bool: has a quote row this day
    suspended: np.ndarray         # bool
    up_fen: np.ndarray            # int64 limit-up, -1 = unlimited
    down_fen: np.ndarray          # int64 limit-down, -1 = unlimited
    r0: np.ndarray                # log-return at 09:30 (opening auction)
    r1: np.ndarray                # log-return at 11:30
    r2: np.ndarray                # log-return at 15:00
    sigma: np.ndarray             # per-minute log volatility
    beta: np.ndarray              # loading on the common intraday wiggle
    turnover: np.ndarray          # expected full-day turnover, fraction of float shares
    float_shares: np.ndarray
    scripts: dict[int, list[Waypoint]] = field(default_factory=dict)
    one_word: np.ndarray | None = None  # bool: sealed all day (thin volume)
    turnover_1130: float = 1.8e12  # target of the sum of amounts at 11:30 (yuan)
    fixed_turnover: np.ndarray | None = None  # bool: volume not scaled to the target (new listings)


@dataclass
class DayNoise:
    """Random draws of one session, made once so that re-generating columns is deterministic."""

    eps: np.ndarray        # [SLOTS, N] bridge increments (standard normal)
    ext_hi: np.ndarray     # [SLOTS, N] |normal| minute-high excursions
    ext_lo: np.ndarray     # [SLOTS, N]
    vol: np.ndarray        # [SLOTS, N] log-normal volume noise
    market: np.ndarray     # [SLOTS] common intraday wiggle, zero at 09:30, 11:30 and 15:00

    @classmethod
    def draw(cls, rng: np.random.Generator, n: int) -> "DayNoise":
        eps = rng.standard_normal((SLOTS, n))
        ext_hi = np.abs(rng.standard_normal((SLOTS, n)))
        ext_lo = np.abs(rng.standard_normal((SLOTS, n)))
        vol = np.exp(0.35 * rng.standard_normal((SLOTS, n)))
        # Smooth (AR(1)) market increments make an index-like line rather than white noise.
        inc = rng.standard_normal(SLOTS) * 0.0003
        ar = np.zeros(SLOTS)
        for s in range(1, SLOTS):
            ar[s] = 0.55 * ar[s - 1] + inc[s]
        w = np.cumsum(ar)
        market = _pin(w[:, None], (0, MORNING_END, LAST))[:, 0]
        return cls(eps=eps, ext_hi=ext_hi, ext_lo=ext_lo, vol=vol, market=market)


@dataclass
class DaySession:
    """Generated arrays of one session ([slot, stock]; fen are int64, 0 where no price)."""

    date: str
    plan: DayPlan
    last_fen: np.ndarray
    bar_high_fen: np.ndarray     # the minute's own high
    bar_low_fen: np.ndarray
    high_fen: np.ndarray         # high so far
    low_fen: np.ndarray
    bar_volume: np.ndarray       # shares traded in the minute
    bar_amount: np.ndarray       # yuan traded in the minute
    volume: np.ndarray           # cumulative shares
    amount: np.ndarray           # cumulative yuan
    volume_scale: float = 1.0    # factor applied to the planned volumes to meet the turnover

    @property
    def open_fen(self) -> np.ndarray:
        return self.last_fen[0]

    @property
    def trading(self) -> np.ndarray:
        return self.plan.listed & ~self.plan.suspended


def _pin(w: np.ndarray, knots: tuple[int, ...]) -> np.ndarray:
    """Brownian bridges: subtract the linear interpolation of ``w`` between knots (w is [S, k])."""
    out = np.empty_like(w)
    for a, b in zip(knots[:-1], knots[1:]):
        t = (np.arange(a, b + 1) - a) / (b - a)
        seg = w[a:b + 1] - w[a]
        out[a:b + 1] = seg - t[:, None] * seg[-1]
    return out


def _front(n: int, tau: float) -> np.ndarray:
    """0..1 over n+1 points, front-loaded with time constant tau (large tau = linear)."""
    s = np.arange(n + 1, dtype=float)
    return (1 - np.exp(-s / tau)) / (1 - np.exp(-n / tau))


PHI_AM = _front(MORNING_END, 45.0)
PHI_PM = _front(LAST - MORNING_END, 160.0)


def generic_log_paths(plan: DayPlan, noise: DayNoise, cols: np.ndarray) -> np.ndarray:
    """[SLOTS, len(cols)] log-returns vs prev close for anchored (generic) stocks."""
    r0, r1, r2 = plan.r0[cols], plan.r1[cols], plan.r2[cols]
    w = np.cumsum(noise.eps[:, cols] * plan.sigma[cols], axis=0)
    bridge = _pin(w, (0, MORNING_END, LAST))
    x = np.empty((SLOTS, len(cols)))
    x[:MORNING_END + 1] = r0 + (r1 - r0) * PHI_AM[:, None]
    x[MORNING_END:] = r1 + (r2 - r1) * PHI_PM[:, None]
    x += bridge + noise.market[:, None] * plan.beta[cols]
    return x


def scripted_log_path(plan: DayPlan, noise: DayNoise, col: int, waypoints: list[Waypoint]
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log path of one scripted stock plus masks of the minutes held at limit-up / limit-down."""
    p0 = float(plan.prev_fen[col])
    up = float(plan.up_fen[col])
    down = float(plan.down_fen[col])
    x = np.zeros(SLOTS)
    hold_up = np.zeros(SLOTS, dtype=bool)
    hold_down = np.zeros(SLOTS, dtype=bool)

    def value(v: float | str) -> float:
        if v == UP:
            return float(np.log(up / p0))
        if v == DOWN:
            return float(np.log(down / p0))
        return float(v)

    sig = float(plan.sigma[col]) * 0.7
    eps = noise.eps[:, col]
    if waypoints[0][0] != 0:
        waypoints = [(0, waypoints[0][1]), *waypoints]
    for (a, va), (b, vb) in zip(waypoints[:-1], waypoints[1:]):
        if va == vb and va in (UP, DOWN):
            x[a:b + 1] = value(va)
            (hold_up if va == UP else hold_down)[a:b + 1] = True
            continue
        xa, xb = value(va), value(vb)
        w = np.concatenate([[0.0], np.cumsum(eps[a + 1:b + 1] * sig)])
        t = np.arange(b - a + 1) / max(b - a, 1)
        x[a:b + 1] = xa + (xb - xa) * t + (w - t * w[-1])
        if va == UP:
            hold_up[a] = True
        if vb == UP:
            hold_up[b] = True
        if va == DOWN:
            hold_down[a] = True
        if vb == DOWN:
            hold_down[b] = True
    last_b = waypoints[-1][0]
    if last_b < LAST:
        x[last_b:] = x[last_b]
        vb = waypoints[-1][1]
        if vb == UP:
            hold_up[last_b:] = True
        elif vb == DOWN:
            hold_down[last_b:] = True
    return x, hold_up, hold_down


def _to_fen(plan: DayPlan, cols: np.ndarray, x: np.ndarray) -> np.ndarray:
    p0 = plan.prev_fen[cols].astype(float)
    fen = np.rint(p0 * np.exp(x)).astype(np.int64)
    up = plan.up_fen[cols]
    down = plan.down_fen[cols]
    limited = up > 0
    fen = np.where(limited, np.minimum(fen, up), fen)
    fen = np.where(limited, np.maximum(fen, down), fen)
    return np.maximum(fen, 1)


def price_paths(plan: DayPlan, noise: DayNoise, cols: np.ndarray | None = None) -> np.ndarray:
    """Last price in fen [SLOTS, len(cols)] (0 for suspended / unlisted columns)."""
    n = len(plan.prev_fen)
    cols = np.arange(n) if cols is None else np.asarray(cols)
    scripted = np.array([c in plan.scripts for c in cols], dtype=bool)
    out = np.zeros((SLOTS, len(cols)), dtype=np.int64)
    gen = ~scripted
    if gen.any():
        gcols = cols[gen]
        x = generic_log_paths(plan, noise, gcols)
        out[:, gen] = _to_fen(plan, gcols, x)
    for j in np.flatnonzero(scripted):
        c = int(cols[j])
        x, hold_up, hold_down = scripted_log_path(plan, noise, c, plan.scripts[c])
        fen = _to_fen(plan, np.array([c]), x[:, None])[:, 0]
        fen[hold_up] = plan.up_fen[c]
        fen[hold_down] = plan.down_fen[c]
        out[:, j] = fen
    # Closing call auction: no continuous trades 14:58-14:59, the 15:00 print is the auction.
    out[LAST - 2] = out[LAST - 3]
    out[LAST - 1] = out[LAST - 3]
    dead = ~plan.listed[cols] | plan.suspended[cols]
    out[:, dead] = 0
    return out


def volume_profile() -> np.ndarray:
    """Expected share of a day's volume per slot: opening auction, U-shaped continuous trading,
    a thin 14:58, nothing at 14:59 and the closing auction at 15:00."""
    prof = np.zeros(SLOTS)
    am = np.arange(1, MORNING_END + 1)
    prof[am] = 1.0 + 3.2 * np.exp(-(am - 1) / 14.0) + 0.25 * np.exp(-(MORNING_END - am) / 6.0)
    pm = np.arange(MORNING_END + 1, LAST + 1)
    prof[pm] = 0.74 + 0.45 * np.exp(-(pm - MORNING_END - 1) / 7.0) + 0.9 * np.exp(-(LAST - 3 - pm) / 9.0)
    cont = prof.sum()
    prof[0] = 0.028 * cont
    prof[LAST - 2] = 0.05 * prof[LAST - 3]
    prof[LAST - 1] = 0.0
    prof[LAST] = 0.032 * cont
    return prof / prof.sum()


PROFILE = volume_profile()


def build_session(plan: DayPlan, noise: DayNoise, last_fen: np.ndarray) -> DaySession:
    """Minute bars, cumulative high/low and volumes around given last prices."""
    n = len(plan.prev_fen)
    live = plan.listed & ~plan.suspended
    prev_last = np.vstack([last_fen[:1], last_fen[:-1]])
    p0f = plan.prev_fen.astype(float)
    span = np.maximum(1.0, np.rint(p0f * plan.sigma * 0.6))
    hi = np.maximum(prev_last, last_fen) + np.floor(noise.ext_hi * span).astype(np.int64)
    lo = np.minimum(prev_last, last_fen) - np.floor(noise.ext_lo * span).astype(np.int64)
    up, down = plan.up_fen, plan.down_fen
    limited = up > 0
    sealed_up = limited & (prev_last == up) & (last_fen == up)
    sealed_down = limited & (prev_last == down) & (last_fen == down)
    flat_auction = np.zeros((SLOTS, n), dtype=bool)
    flat_auction[[0, LAST - 1, LAST]] = True
    still = sealed_up | sealed_down | flat_auction
    hi = np.where(still, np.maximum(prev_last, last_fen), hi)
    lo = np.where(still, np.minimum(prev_last, last_fen), lo)
    # The auctions are single prints.
    hi[0] = lo[0] = last_fen[0]
    hi[LAST] = lo[LAST] = last_fen[LAST]
    hi = np.where(limited, np.minimum(hi, up), hi)
    lo = np.where(limited, np.maximum(lo, down), lo)
    lo = np.maximum(lo, 1)
    hi[:, ~live] = 0
    lo[:, ~live] = 0

    # Volume: profile × daily base × noise, thinner while sealed, busier when the price moves.
    with np.errstate(divide="ignore", invalid="ignore"):
        move = np.abs(np.log(np.where(live, last_fen, 1) / np.where(live, prev_last, 1)))
    move = np.nan_to_num(move / np.maximum(plan.sigma, 1e-6))
    base = plan.float_shares * plan.turnover
    v = PROFILE[:, None] * base[None, :] * noise.vol * (1 + 0.3 * np.minimum(move, 4.0))
    v = np.where(sealed_up | sealed_down, v * 0.12, v)
    if plan.one_word is not None:
        v[:, plan.one_word] *= 0.3
    v[:, ~live] = 0.0
    vwap = (hi + lo + prev_last + last_fen) // 4
    vwap[0] = last_fen[0]
    vwap[LAST] = last_fen[LAST]
    # One factor scales every stock (but the new listings) so that 11:30 hits the day's turnover.
    fixed = np.zeros(n, dtype=bool) if plan.fixed_turnover is None else plan.fixed_turnover
    morning = (v * vwap / 100.0)[:MORNING_END + 1].sum(axis=0)
    est = morning[~fixed].sum()
    k = (plan.turnover_1130 - morning[fixed].sum()) / est if est > 0 else 1.0
    v = np.where(fixed[None, :], v, v * k)
    lots = np.rint(v / 100.0).astype(np.int64)
    # A minute with no lots at a moved price would be a price without a trade: keep one lot.
    lots = np.where(live & (lots == 0) & (last_fen != prev_last), 1, lots)
    lots[LAST - 1] = 0
    lots[:, ~live] = 0
    bar_volume = lots * 100
    bar_amount = lots * vwap          # lots × fen = yuan (100 shares × fen / 100)
    session = DaySession(
        date=plan.date, plan=plan, last_fen=last_fen,
        bar_high_fen=hi, bar_low_fen=lo,
        high_fen=np.maximum.accumulate(hi, axis=0), low_fen=_cummin_positive(lo),
        bar_volume=bar_volume, bar_amount=bar_amount,
        volume=np.cumsum(bar_volume, axis=0), amount=np.cumsum(bar_amount, axis=0),
        volume_scale=float(k))
    return session


def _cummin_positive(lo: np.ndarray) -> np.ndarray:
    big = np.iinfo(np.int64).max
    out = np.minimum.accumulate(np.where(lo > 0, lo, big), axis=0)
    return np.where(out == big, 0, out)
