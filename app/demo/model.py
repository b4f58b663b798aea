"""The deterministic demo session: a whole A-share market reproducing 2026-06-02 (and 2026-06-01).

Pure generation (numpy/pandas; no SQL, no Qt). ``app.demo.build.build_demo_model()`` returns the
``DemoModel`` defined here, whose frames carry the store's column names; ``app.demo.store`` writes
them. Intraday data are arrays indexed [slot, stock] (``DemoModel.sessions[date]``), so a live feed
can replay them minute by minute with ``DemoModel.quotes_at(date, slot)``.

Parts: universe (stocks, names, sectors), story (who does what), history (a year of
daily bars), intraday (minute engine), indices (cap-weighted indices), session_plan (each
session's anchors and calibration), build (all of it in order).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.demo.history import History
from app.demo.indices import IndexSet, indices_frame
from app.demo.intraday import LAST, DaySession
from app.demo.story import Cast
from app.demo.universe import Universe
from app.demo.universe_spec import DEMO_DATE, DEMO_SEED, PRIOR_DATE
from app.market.session import session_minutes

SESSIONS = (PRIOR_DATE, DEMO_DATE)
QUOTE_COLUMNS = ("date", "time", "symbol", "last", "prev_close", "open", "high", "low", "volume",
                 "amount")
DAILY_COLUMNS = ("date", "symbol", "open", "high", "low", "close", "prev_close", "volume", "amount")

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


def names_on(uni: Universe, date: str) -> pd.Series:
    """Point-in-time name of every stock on ``date`` (the latest names row on or before it)."""
    nm = uni.names[uni.names["date"] <= date]
    last = nm.groupby("symbol", sort=False)["name"].last()
    return last.reindex(uni.stocks.index).fillna(uni.stocks["base_name"])

