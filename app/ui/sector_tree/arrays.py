"""Per-stock and per-sector arrays behind the sector tree model, and their cell-change masks.

Pure numpy/pandas (no Qt): the model keeps one ``StockArrays`` / ``SectorArrays`` per minute and
compares consecutive ones to emit ``dataChanged`` only for cells that changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import numpy as np
import pandas as pd

from app.market.sectors import down_streaks, resealed, streaks


class Col(IntEnum):
    """One column layout for sector and stock rows (sector meaning / stock meaning)."""

    NAME = 0        # sector name / stock name
    CODE = 1        # member count / six-digit code
    PCT = 2         # float-cap-weighted % / % change
    EW_LAST = 3     # equal-weighted % / last price
    CHANGE = 4      # up/down counts / change in yuan
    LIMIT = 5       # 涨停/跌停 counts / limit badges
    AMOUNT = 6      # turnover 亿 (both)
    STREAK = 7      # highest streak in the sector / consecutive limit-ups
    FIRST_SEAL = 8  # — / first seal time
    LEADER = 9      # leading stock / —


N_COLS = len(Col)

# state codes in the stock arrays
S_NONE, S_SEALED, S_ONE_WORD, S_BROKEN, S_LIMIT_DOWN = 0, 1, 2, 3, 4
STATE_CODE = {"sealed": S_SEALED, "one_word": S_ONE_WORD, "broken": S_BROKEN,
              "limit_down": S_LIMIT_DOWN}
STATE_NAME = {v: k for k, v in STATE_CODE.items()} | {S_NONE: "none"}


def num(frame: pd.DataFrame, col: str, default: float = np.nan) -> np.ndarray:
    if col not in frame.columns:
        return np.full(len(frame), default, dtype=float)
    series = frame[col]
    if series.dtype.kind in "fiub":   # the usual case: no per-minute coercion cost
        return series.to_numpy(dtype=float, na_value=np.nan)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)


def ints_of(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame.columns:
        return np.zeros(len(frame), dtype=np.int64)
    if frame[col].dtype.kind in "iub":
        return frame[col].to_numpy(dtype=np.int64)
    return np.nan_to_num(num(frame, col), nan=0.0).astype(np.int64)


def objs_of(frame: pd.DataFrame, col: str) -> np.ndarray:
    """An object array with None for missing values (NaN, pd.NA, None)."""
    if col not in frame.columns:
        return np.full(len(frame), None, dtype=object)
    out = frame[col].to_numpy(dtype=object, copy=True)
    out[pd.isna(out)] = None
    return out


def differs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise 'changed', NaN equal to NaN."""
    if a.dtype.kind == "f":
        return ~((a == b) | (np.isnan(a) & np.isnan(b)))
    return a != b


def minutes_of(times: np.ndarray) -> np.ndarray:
    """'HH:MM' → minutes since midnight (NaN for None)."""
    out = np.full(len(times), np.nan)
    for i in np.flatnonzero(pd.notna(times)).tolist():
        t = times[i]
        if isinstance(t, str) and len(t) >= 4 and ":" in t:
            h, _, m = t.partition(":")
            if h.isdigit() and m[:2].isdigit():
                out[i] = int(h) * 60 + int(m[:2])
    return out


def seal_text(value: Any) -> str | None:
    """first_seal as 'HH:MM' (also accepts 'HHMMSS' / 'HH:MM:SS'); None when unknown."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    s = str(value).strip()
    if not s:
        return None
    if ":" in s:
        return s[:5]
    if s.isdigit() and len(s) in (4, 6):
        return f"{s[:2]}:{s[2:4]}"
    return s


@dataclass
class StockArrays:
    """Per-stock arrays aligned with the session's symbol order."""

    name: np.ndarray
    code: np.ndarray
    pct: np.ndarray
    last: np.ndarray
    chg: np.ndarray
    amount: np.ndarray
    state: np.ndarray       # int8 codes
    resealed: np.ndarray    # bool
    streak: np.ndarray      # int64 连板数 of stocks at limit-up (0 otherwise)
    down_streak: np.ndarray  # int64 consecutive limit-down days of stocks at limit-down
    first_seal: np.ndarray  # object 'HH:MM' / None (stocks that reached limit-up)
    down_first: np.ndarray  # object 'HH:MM' / None: first time at limit-down
    opens: np.ndarray       # int64
    suspended: np.ndarray   # bool

    @classmethod
    def from_frame(cls, e: pd.DataFrame) -> StockArrays:
        n = len(e)
        last = num(e, "last")
        prev = num(e, "prev_close")
        susp = (e["suspended"].fillna(False).to_numpy(dtype=bool) if "suspended" in e.columns
                else ~np.isfinite(last))
        state = np.zeros(n, dtype=np.int8)
        if "state" in e.columns:
            st = e["state"].to_numpy(dtype=object)
            for label, value in STATE_CODE.items():
                state[st == label] = value
        first = np.full(n, None, dtype=object)
        if "first_seal" in e.columns:
            raw = e["first_seal"].to_numpy(dtype=object)
            have = np.flatnonzero(e["first_seal"].notna().to_numpy())  # few: limit-ups only
            first[have] = [seal_text(v) for v in raw[have]]
        # The review's first_seal of a limit-down row is its first time at limit-down: keep the
        # 首封 column for stocks that reached limit-up (sealed, one-word, broken).
        down_first = np.full(n, None, dtype=object)
        at_down = state == S_LIMIT_DOWN
        down_first[at_down] = first[at_down]
        first[(state == S_NONE) | at_down] = None
        opens = ints_of(e, "opens")
        code = (e["code"].astype(str).to_numpy(dtype=object) if "code" in e.columns
                else np.array([s[-6:] for s in e.index], dtype=object))
        name = (e["name"].fillna("").astype(str).to_numpy(dtype=object) if "name" in e.columns
                else code.copy())
        last_shown = np.where(susp, np.nan, last)
        return cls(
            name=name, code=code,
            pct=np.where(susp, np.nan, num(e, "pct_chg")),
            last=last_shown,
            chg=np.where(susp, np.nan, last - prev),
            amount=num(e, "amount", 0.0),
            state=state,
            resealed=resealed(e),
            streak=streaks(e),
            down_streak=down_streaks(e),
            first_seal=first,
            down_first=down_first,
            opens=opens,
            suspended=susp,
        )

    def changed_columns(self, old: StockArrays) -> np.ndarray:
        """Bool matrix stocks × N_COLS of cells whose shown value differs from ``old``."""
        m = np.zeros((len(self.pct), N_COLS), dtype=bool)
        m[:, Col.NAME] = differs(self.name, old.name)
        m[:, Col.CODE] = differs(self.code, old.code)
        m[:, Col.PCT] = differs(self.pct, old.pct) | (self.suspended != old.suspended)
        m[:, Col.EW_LAST] = differs(self.last, old.last)
        m[:, Col.CHANGE] = differs(self.chg, old.chg)
        m[:, Col.LIMIT] = ((self.state != old.state) | (self.resealed != old.resealed)
                           | (self.streak != old.streak) | (self.opens != old.opens)
                           | (self.down_streak != old.down_streak))
        m[:, Col.AMOUNT] = differs(self.amount, old.amount)
        m[:, Col.STREAK] = self.streak != old.streak
        m[:, Col.FIRST_SEAL] = differs(self.first_seal, old.first_seal)
        return m


@dataclass
class SectorArrays:
    """Per-sector arrays aligned with the summary's row order."""

    name: np.ndarray
    n: np.ndarray
    pct_cap: np.ndarray
    pct_eq: np.ndarray
    up: np.ndarray
    down: np.ndarray
    limit_up: np.ndarray
    limit_down: np.ndarray
    broken: np.ndarray
    turnover: np.ndarray
    max_streak: np.ndarray
    leader_name: np.ndarray
    leader_symbol: np.ndarray
    leader_pct: np.ndarray

    @classmethod
    def from_frame(cls, s: pd.DataFrame) -> SectorArrays:
        def ints(col: str) -> np.ndarray:
            return ints_of(s, col)

        def objs(col: str) -> np.ndarray:
            return objs_of(s, col)

        return cls(
            name=np.array(["" if v is None else str(v) for v in objs_of(s, "name")], dtype=object),
            n=ints("n"), pct_cap=num(s, "pct_cap"), pct_eq=num(s, "pct_eq"),
            up=ints("up"), down=ints("down"), limit_up=ints("limit_up"),
            limit_down=ints("limit_down"), broken=ints("broken"), turnover=num(s, "turnover", 0.0),
            max_streak=ints("max_streak"), leader_name=objs("leader_name"),
            leader_symbol=objs("leader_symbol"), leader_pct=num(s, "leader_pct"),
        )

    def changed_columns(self, old: SectorArrays) -> np.ndarray:
        m = np.zeros((len(self.n), N_COLS), dtype=bool)
        m[:, Col.NAME] = differs(self.name, old.name)
        m[:, Col.CODE] = self.n != old.n
        m[:, Col.PCT] = differs(self.pct_cap, old.pct_cap)
        m[:, Col.EW_LAST] = differs(self.pct_eq, old.pct_eq)
        m[:, Col.CHANGE] = (self.up != old.up) | (self.down != old.down)
        m[:, Col.LIMIT] = (self.limit_up != old.limit_up) | (self.limit_down != old.limit_down)
        m[:, Col.AMOUNT] = differs(self.turnover, old.turnover)
        m[:, Col.STREAK] = self.max_streak != old.max_streak
        m[:, Col.LEADER] = (differs(self.leader_name, old.leader_name)
                            | differs(self.leader_pct, old.leader_pct))
        return m
