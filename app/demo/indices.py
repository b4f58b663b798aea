"""Demo indices: constituents, divisors, levels, minute bars and daily bars.

Every level is Σ weight_shares × price / divisor over the constituents (a suspended constituent counts
at its previous close), so per-stock contributions w × (p − p_prev) / divisor add up to the index
move exactly. The divisor is fixed so that the prior session's close is a realistic level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

# symbol, code, market, Chinese name, English name, prior-session close level.
INDEX_DEFS: tuple[tuple[str, str, str, str, str, float], ...] = (
    ("sh000001", "000001", "sh", "上证指数", "SSE Composite", 3412.37),
    ("sz399001", "399001", "sz", "深证成指", "SZSE Component", 10486.52),
    ("sz399006", "399006", "sz", "创业板指", "ChiNext", 2196.84),
    ("sh000688", "000688", "sh", "科创50", "STAR 50", 1046.27),
    ("sh000300", "000300", "sh", "沪深300", "CSI 300", 3951.66),
)
INDEX_SYMBOLS = tuple(d[0] for d in INDEX_DEFS)


@dataclass
class IndexSet:
    """Constituent weights [index, stock] (0 = not a member) and one divisor per index."""

    symbols: tuple[str, ...]
    weights: np.ndarray        # float [K, N] weight shares
    divisors: np.ndarray       # float [K]

    def row(self, symbol: str) -> int:
        return self.symbols.index(symbol)

    def levels(self, price_fen: np.ndarray) -> np.ndarray:
        """Levels [..., K] from prices in fen [..., N]."""
        return (price_fen / 100.0) @ self.weights.T / self.divisors

    def members_frame(self, stock_symbols: np.ndarray, as_of: str) -> pd.DataFrame:
        k, i = np.nonzero(self.weights)
        return pd.DataFrame({"index_symbol": np.array(self.symbols, dtype=object)[k],
                             "symbol": stock_symbols[i], "as_of": as_of,
                             "weight_shares": self.weights[k, i]}
                            ).sort_values(["index_symbol", "symbol"]).reset_index(drop=True)


def choose_members(board: np.ndarray, market: np.ndarray, eligible: np.ndarray,
                   float_cap: np.ndarray, float_shares: np.ndarray, total_shares: np.ndarray,
                   sse_eligible: np.ndarray | None = None) -> np.ndarray:
    """Weights [K, N] by the rules: SSE Composite = every SSE stock (total shares); SZSE Component =
    500 largest SZ; ChiNext = 100 largest ChiNext; STAR 50 = 50 largest STAR; CSI 300 = 300 largest
    SH+SZ (free-float shares, ranked by float cap). ``sse_eligible`` (default ``eligible``) lets the
    composite keep risk-warned stocks, as the real one does."""
    n = len(board)
    w = np.zeros((len(INDEX_DEFS), n))

    def largest(mask: np.ndarray, k: int) -> np.ndarray:
        idx = np.flatnonzero(mask & eligible)
        return idx[np.argsort(-float_cap[idx], kind="stable")[:k]]

    sse = np.flatnonzero((market == "sh") & (eligible if sse_eligible is None else sse_eligible))
    w[0, sse] = total_shares[sse]
    for row, mask, k in ((1, market == "sz", 500), (2, board == "chinext", 100),
                         (3, board == "star", 50), (4, (market == "sh") | (market == "sz"), 300)):
        idx = largest(mask, k)
        w[row, idx] = float_shares[idx]
    return w


def index_bars(iset: IndexSet, date: str, times: tuple[str, ...], last_fen: np.ndarray,
               bar_high_fen: np.ndarray, bar_low_fen: np.ndarray, bar_volume: np.ndarray,
               bar_amount: np.ndarray) -> pd.DataFrame:
    """Per-minute OHLC (close = exact cap-weighted level) and per-minute volume/amount.

    ``last_fen`` has suspended constituents already filled with their previous close.
    """
    lv = iset.levels(last_fen)                               # [S, K]
    prev_last = np.vstack([last_fen[:1], last_fen[:-1]])
    top = np.where(bar_high_fen > 0, bar_high_fen, last_fen)
    bottom = np.where(bar_low_fen > 0, bar_low_fen, last_fen)
    # Constituents do not all print their minute highs at once: take a share of the excursion.
    up_ext = iset.levels(np.maximum(top - np.maximum(prev_last, last_fen), 0)) * 0.3
    dn_ext = iset.levels(np.maximum(np.minimum(prev_last, last_fen) - bottom, 0)) * 0.3
    opn = np.vstack([lv[:1], lv[:-1]])
    high = np.maximum(opn, lv) + up_ext
    low = np.minimum(opn, lv) - dn_ext
    high[0] = low[0] = opn[0] = lv[0]
    member = (iset.weights > 0).astype(float)                # [K, N]
    vol = bar_volume @ member.T
    amt = bar_amount @ member.T
    s, k = lv.shape
    return pd.DataFrame({
        "date": date,
        "time": np.tile(np.array(times, dtype=object), k),
        "symbol": np.repeat(np.array(iset.symbols, dtype=object), s),
        "open": opn.T.ravel(), "high": high.T.ravel(), "low": low.T.ravel(), "close": lv.T.ravel(),
        "volume": vol.T.ravel(), "amount": amt.T.ravel(),
    })


def index_daily_from_history(iset: IndexSet, days: list[str], open_fen: np.ndarray,
                             high_fen: np.ndarray, low_fen: np.ndarray, close_fen: np.ndarray,
                             traded: np.ndarray, volume: np.ndarray, amount: np.ndarray
                             ) -> pd.DataFrame:
    """Index daily bars of the history window (day 0 is the seed, used only as prev close)."""
    # Suspended constituents: carried close; their open/high/low count at that close too.
    o = np.where(traded, open_fen, close_fen)
    h = np.where(traded, high_fen, close_fen)
    lo = np.where(traded, low_fen, close_fen)
    c_lv = iset.levels(close_fen)
    o_lv = iset.levels(o)
    top = np.maximum(o_lv, c_lv)
    bot = np.minimum(o_lv, c_lv)
    h_lv = top + 0.5 * np.maximum(iset.levels(h) - top, 0)
    l_lv = bot - 0.5 * np.maximum(bot - iset.levels(lo), 0)
    member = (iset.weights > 0).astype(float)
    vol = np.where(traded, volume, 0) @ member.T
    amt = np.where(traded, amount, 0) @ member.T
    frames = []
    for k, sym in enumerate(iset.symbols):
        frames.append(pd.DataFrame({
            "date": days[1:], "symbol": sym,
            "open": o_lv[1:, k], "high": h_lv[1:, k], "low": l_lv[1:, k], "close": c_lv[1:, k],
            "prev_close": c_lv[:-1, k], "volume": vol[1:, k], "amount": amt[1:, k]}))
    return pd.concat(frames, ignore_index=True)


def index_daily_from_bars(bars: pd.DataFrame, prev_close: dict[str, float]) -> pd.DataFrame:
    """One daily row per index from a session's minute bars."""
    rows = []
    for sym, g in bars.groupby("symbol", sort=True):
        rows.append({"date": g["date"].iloc[0], "symbol": sym, "open": float(g["open"].iloc[0]),
                     "high": float(g["high"].max()), "low": float(g["low"].min()),
                     "close": float(g["close"].iloc[-1]), "prev_close": prev_close[sym],
                     "volume": float(g["volume"].sum()), "amount": float(g["amount"].sum())})
    return pd.DataFrame(rows)


def indices_frame() -> pd.DataFrame:
    return pd.DataFrame([(s, c, m, n, e) for s, c, m, n, e, _ in INDEX_DEFS],
                        columns=["symbol", "code", "market", "name", "name_en"])
