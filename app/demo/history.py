"""A year of daily bars for the demo market, up to the session before the prior session.

Closes are generated forward in integer fen with each day's limit band (board, ST status on that
day), so a limit-up close is exactly the limit price. Limit moves happen only where an event flag
says so (random events with some persistence, plus the story's streaks), which keeps the 连板
ladder of the demo date under the story's control.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from app.market.limits import limit_fen_arrays


@dataclass
class History:
    """Daily arrays [day, stock]; day 0 is a seed day (its bar is not written, only its close)."""

    days: list[str]
    open_fen: np.ndarray
    high_fen: np.ndarray
    low_fen: np.ndarray
    close_fen: np.ndarray
    prev_fen: np.ndarray
    volume: np.ndarray
    amount: np.ndarray
    traded: np.ndarray      # bool: a bar exists (listed and not suspended)


# The market's cumulative log move over the year, as (fraction of the window, level) knots: a summer
# rally into autumn, a winter pullback, a spring grind higher.
MARKET_PATH = ((0.0, 0.0), (0.38, 0.15), (0.62, 0.05), (0.85, 0.10), (1.0, 0.085))


def market_factor(rng: np.random.Generator, t: int) -> np.ndarray:
    """Daily market log-returns following MARKET_PATH plus noise pinned to it at both ends."""
    x = np.linspace(0.0, 1.0, t)
    knots_x, knots_y = zip(*MARKET_PATH)
    level = np.interp(x, knots_x, knots_y)
    w = np.cumsum(0.0075 * rng.standard_normal(t))
    w -= np.linspace(0.0, 1.0, t) * w[-1]
    path = level + w
    return np.diff(np.concatenate([[path[0]], path]))


def build_history(rng: np.random.Generator, days: list[str], anchor_fen: np.ndarray,
                  up_pct: np.ndarray, down_pct: np.ndarray, sigma: np.ndarray, beta: np.ndarray,
                  listed_from: np.ndarray, suspended_from: np.ndarray,
                  forced_up: np.ndarray, forbid_up: np.ndarray, ath: np.ndarray, ipo_paths: dict[int, list[float]],
                  float_shares: np.ndarray, turnover: np.ndarray, one_word_up: np.ndarray,
                  amount_target: float, event_scale: np.ndarray | None = None) -> History:
    """Generate the daily history.

    ``up_pct``/``down_pct`` are [day, stock] bands (0 = unlimited); ``listed_from`` the first day
    index a stock trades (0 = before the window); ``suspended_from`` the first suspended day index
    (len(days) = never); ``forced_up`` [day, stock] story limit-ups; ``forbid_up`` days that must not close at
    the limit (the day before a story streak starts); ``ath`` stocks whose year ends
    at its high; ``ipo_paths`` close/issue ratios of listing days inside the window; ``one_word_up``
    [day, stock] forced limit-ups that are 一字 (open = high = low = close).
    ``anchor_fen`` is the close wanted on the last day (reached up to the limit clipping).
    ``event_scale`` scales each stock's chance of a random limit move (heavy weights rarely move
    by the limit).
    """
    t_n, n = len(days), len(anchor_fen)
    event_scale = np.ones(n) if event_scale is None else event_scale
    m = market_factor(rng, t_n)
    z = rng.standard_t(4, size=(t_n, n)) / np.sqrt(2.0)
    r = beta[None, :] * m[:, None] + sigma[None, :] * z
    band_up = np.log1p(np.where(up_pct > 0, up_pct, 30) / 100.0)
    band_dn = np.log1p(-np.where(down_pct > 0, down_pct, 30) / 100.0)
    r = np.clip(r, band_dn + 0.004, band_up - 0.004)

    # Random limit events with persistence (a first board sometimes becomes a streak).
    ev_up = rng.random((t_n, n)) < 0.0055 * event_scale[None, :]
    ev_dn = rng.random((t_n, n)) < 0.0022 * event_scale[None, :]
    cont = rng.random((t_n, n))
    for t in range(1, t_n):
        ev_up[t] |= ev_up[t - 1] & (cont[t] < 0.28)
    ev_up |= forced_up
    ev_up &= ~forbid_up
    ev_dn &= ~ev_up
    r = np.where(ev_up, band_up, r)
    r = np.where(ev_dn, band_dn, r)
    # Limit events are lopsided (more up than down): spread their net drift back over the other
    # days so that they do not lift the whole market by ~10 % a year.
    ev = ev_up | ev_dn
    drift = np.where(ev, r, 0.0).sum(axis=0) / np.maximum((~ev).sum(axis=0), 1)
    r = np.where(ev, r, np.clip(r - drift[None, :], band_dn + 0.004, band_up - 0.004))
    # A stock whose year ends at its all-time high: reflect the walk below the final level.
    for i in np.flatnonzero(ath):
        y = np.cumsum(r[1:, i][::-1])[::-1]          # log distance from day t to the end
        below = -np.abs(y)
        steps = np.diff(np.concatenate([below, [0.0]]))
        r[1:, i] = steps
        ev_up[:, i] &= forced_up[:, i]
        ev_dn[:, i] = False

    start = anchor_fen * np.exp(-r[1:].sum(axis=0))
    close = np.zeros((t_n, n), dtype=np.int64)
    opn = np.zeros_like(close)
    high = np.zeros_like(close)
    low = np.zeros_like(close)
    prev = np.zeros_like(close)
    traded = np.zeros((t_n, n), dtype=bool)
    close[0] = np.where(listed_from > 0, 0, np.maximum(np.rint(start), 100)).astype(np.int64)
    gap = 0.35 * r + 0.45 * sigma[None, :] * rng.standard_normal((t_n, n))
    ext_h = np.abs(rng.standard_normal((t_n, n))) * 0.55 * sigma[None, :]
    ext_l = np.abs(rng.standard_normal((t_n, n))) * 0.55 * sigma[None, :]
    for t in range(1, t_n):
        pc = close[t - 1]
        u, d = limit_fen_arrays(pc, up_pct[t], down_pct[t])
        limited = u > 0
        tgt = np.maximum(np.rint(pc * np.exp(r[t])).astype(np.int64), 100)
        c = np.where(limited, np.clip(tgt, d + 1, np.maximum(u - 1, d + 1)), tgt)
        c = np.where(limited & ev_up[t], u, c)
        c = np.where(limited & ev_dn[t], d, c)
        o = np.rint(pc * np.exp(gap[t])).astype(np.int64)
        o = np.where(limited, np.clip(o, d, u), np.maximum(o, 1))
        h = np.ceil(np.maximum(o, c) * np.exp(ext_h[t])).astype(np.int64)
        lo = np.floor(np.minimum(o, c) * np.exp(-ext_l[t])).astype(np.int64)
        h = np.where(limited, np.minimum(h, u), h)
        lo = np.where(limited, np.maximum(lo, d), np.maximum(lo, 1))
        ow = one_word_up[t] & limited
        o = np.where(ow, u, o)
        h = np.where(ow, u, h)
        lo = np.where(ow, u, lo)
        active = (t >= listed_from) & (t < suspended_from)
        not_yet = t < listed_from
        c = np.where(active, c, np.where(not_yet, 0, pc))
        close[t], opn[t], high[t], low[t], prev[t] = c, o, h, lo, pc
        traded[t] = active
    # Listing days inside the window: unlimited, close = issue × ratio (issue is the prev close).
    for i, ratios in ipo_paths.items():
        t0 = int(listed_from[i])
        issue = int(anchor_fen[i])
        pc = issue
        for k, ratio in enumerate(ratios):
            t = t0 + k
            if t >= t_n:
                break
            c = int(round(issue * ratio))
            o = int(round(pc * (1 + 0.6 * (ratio * issue / pc - 1)))) if k == 0 else int(
                round(pc * (1 + 0.02 * np.sign(c - pc))))
            close[t, i], opn[t, i], prev[t, i] = c, o, pc
            high[t, i] = int(max(o, c) * 1.06)
            low[t, i] = int(min(o, c) * 0.95)
            traded[t, i] = True
            pc = c
    close[:, ~traded.any(axis=0) & (listed_from >= t_n)] = 0

    # Volume: turnover × a rising market-wide regime × noise, more on big moves, little on 一字.
    regime = np.linspace(0.62, 1.0, t_n) * np.exp(0.08 * rng.standard_normal(t_n))
    rel = np.abs(np.log(np.where(prev > 0, close, 1) / np.where(prev > 0, prev, 1)))
    busy = 1 + 1.8 * np.minimum(rel / np.maximum(sigma[None, :], 1e-4), 5.0)
    vol = float_shares[None, :] * turnover[None, :] * regime[:, None] * busy * np.exp(
        0.3 * rng.standard_normal((t_n, n)))
    vol = np.where(one_word_up, vol * 0.08, vol)
    typical = (opn + high + low + close) // 4
    est = (vol * typical / 100.0)[-5:][traded[-5:]].sum() / 5.0
    k = amount_target / est if est > 0 else 1.0
    lots = np.rint(vol * k / 100.0).astype(np.int64)
    lots = np.where(traded, np.maximum(lots, 1), 0)
    return History(days=list(days), open_fen=opn, high_fen=high, low_fen=low, close_fen=close,
                   prev_fen=prev, volume=lots * 100, amount=lots * typical, traded=traded)
