"""The limit-up review of one minute: the ladder (连板梯队), streaks and seal rate (封板率)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.market.sectors.frame_arrays import _bool_col
from app.market.snapshot import STATE_BROKEN, STATE_ONE_WORD


@dataclass(frozen=True)
class SealStats:
    """Counts of stocks (not of seal openings): at the limit-up price, broken, at limit-down."""

    limit_up: int
    one_word: int
    broken: int
    limit_down: int

    @property
    def seal_rate(self) -> float:
        """封板率 = 涨停 / (涨停 + 炸板); NaN when nothing touched the limit."""
        total = self.limit_up + self.broken
        return self.limit_up / total if total else float("nan")

    @property
    def broken_rate(self) -> float:
        """炸板率 = 炸板 / (涨停 + 炸板)."""
        total = self.limit_up + self.broken
        return self.broken / total if total else float("nan")


def seal_stats(enriched: pd.DataFrame) -> SealStats:
    """Limit-up, one-word, broken and limit-down counts of an enriched cross-section."""
    state = enriched["state"].to_numpy()
    return SealStats(
        limit_up=int(_bool_col(enriched, "at_limit_up").sum()),
        one_word=int((state == STATE_ONE_WORD).sum()),
        broken=int((state == STATE_BROKEN).sum()),
        limit_down=int(_bool_col(enriched, "at_limit_down").sum()),
    )


def _raw_streak(enriched: pd.DataFrame) -> np.ndarray:
    if "streak" not in enriched.columns:
        return np.zeros(len(enriched), dtype=np.int64)
    s = enriched["streak"]
    if s.dtype.kind in "iu":
        return s.to_numpy(dtype=np.int64)
    if s.dtype.kind == "f":    # the loader's left join: float with NaN off the limit-ups
        return np.nan_to_num(s.to_numpy(dtype=float)).astype(np.int64)
    return np.nan_to_num(pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)).astype(np.int64)


def streaks(enriched: pd.DataFrame) -> np.ndarray:
    """连板数 of each stock at the limit-up price now (≥ 1, 1 = 首板); 0 for every other stock.

    Uses the ``streak`` review column where present; a stock at the limit-up price counts at
    least 1 even when the review data lacks it. The review's streak of a limit-down row counts
    limit-down days and is not a 连板, so it is dropped here (see ``down_streaks``).
    """
    at_up = _bool_col(enriched, "at_limit_up")
    return np.where(at_up, np.maximum(_raw_streak(enriched), 1), 0).astype(np.int64)


def down_streaks(enriched: pd.DataFrame) -> np.ndarray:
    """Consecutive limit-down days of each stock at the limit-down price now (≥ 1); else 0."""
    at_down = _bool_col(enriched, "at_limit_down")
    return np.where(at_down, np.maximum(_raw_streak(enriched), 1), 0).astype(np.int64)


def resealed(enriched: pd.DataFrame) -> np.ndarray:
    """回封: at the limit-up price after the seal opened today (``resealed``, else ``opens`` > 0)."""
    at_up = _bool_col(enriched, "at_limit_up")
    if "resealed" in enriched.columns:
        return at_up & _bool_col(enriched, "resealed")
    if "opens" in enriched.columns:
        return at_up & (pd.to_numeric(enriched["opens"], errors="coerce").fillna(0).to_numpy() > 0)
    return np.zeros(len(enriched), dtype=bool)


def _column_at(enriched: pd.DataFrame, col: str, rows: np.ndarray, default: np.ndarray) -> np.ndarray:
    """``col`` at positions ``rows`` as an object array, ``default`` when the column is absent."""
    if col not in enriched.columns:
        return default
    return enriched[col].to_numpy(dtype=object)[rows]


def _ladder_columns(enriched: pd.DataFrame) -> tuple[pd.Index, dict[str, np.ndarray]]:
    """The ladder's symbols and columns, already in ladder order (see ``limit_ladder``)."""
    # Positions first: filtering the whole frame (30-odd columns) for a few dozen rows and
    # sorting through pandas cost ~5 ms a minute; numpy on the few rows costs a fifth of that.
    rows = np.flatnonzero(_bool_col(enriched, "at_limit_up"))
    symbols = enriched.index.to_numpy(dtype=object)[rows]
    first = _column_at(enriched, "first_seal", rows, np.full(len(rows), None, dtype=object))
    first = np.where(pd.notna(first), first, None).astype(object)
    streak = streaks(enriched)[rows]
    seal_key = ["99:99" if v is None else str(v) for v in first]
    order = np.array(sorted(range(len(rows)), key=lambda i: (-streak[i], seal_key[i], symbols[i])),
                     dtype=np.int64)
    rows = rows[order]
    pct = pd.to_numeric(enriched["pct_chg"], errors="coerce").to_numpy(dtype=float)[rows]
    columns = {
        "name": _column_at(enriched, "name", rows, symbols[order]),
        "code": _column_at(enriched, "code", rows, symbols[order]),
        "streak": streak[order],
        "first_seal": first[order],
        "state": _column_at(enriched, "state", rows, np.full(len(rows), None, dtype=object)),
        "resealed": resealed(enriched)[rows],
        "pct_chg": pct,
    }
    return enriched.index[rows], columns


def limit_ladder(enriched: pd.DataFrame) -> pd.DataFrame:
    """Stocks at the limit-up price with their streak, for the 连板梯队.

    Returns a frame indexed by symbol with name, code, streak (≥ 1), first_seal ('HH:MM' or None),
    state (sealed / one_word), resealed and pct_chg, sorted by streak descending, then first seal
    time (earliest first; unknown last), then symbol.
    """
    index, columns = _ladder_columns(enriched)
    return pd.DataFrame(columns, index=index)


@dataclass(frozen=True)
class LadderRow:
    """One stock of the 连板梯队, as shown (hashable, compared by value)."""

    symbol: str
    name: str
    code: str
    streak: int
    first_seal: str | None
    state: str
    resealed: bool
    pct_chg: float | None   # None when unknown: NaN would never compare equal to itself


@dataclass(frozen=True)
class LadderSnapshot:
    """The ladder's rows (``limit_ladder`` order) and the seal counts of one minute.

    Compared by value, so a widget can tell in microseconds that a minute changed nothing.
    """

    rows: tuple[LadderRow, ...]
    stats: SealStats

    def levels(self, highest_first: bool = True) -> list[int]:
        """Streak levels present, each once."""
        return sorted({r.streak for r in self.rows}, reverse=highest_first)

    def rows_at(self, level: int) -> tuple[LadderRow, ...]:
        return tuple(r for r in self.rows if r.streak == level)


def ladder_snapshot(enriched: pd.DataFrame) -> LadderSnapshot:
    """``limit_ladder`` and ``seal_stats`` of a cross-section as one frozen value.

    Cheap enough for the GUI thread (~1 ms) but meant for the loader's: compute it there and
    hand it to the ladder widget with the rest of the minute.
    """
    index, c = _ladder_columns(enriched)
    rows = tuple(
        LadderRow(symbol=str(sym), name=str(name), code=str(code), streak=int(streak),
                  first_seal=None if first is None else str(first), state=str(state),
                  resealed=bool(res), pct_chg=None if pct != pct else float(pct))
        for sym, name, code, streak, first, state, res, pct in zip(
            index.tolist(), c["name"].tolist(), c["code"].tolist(), c["streak"].tolist(),
            c["first_seal"].tolist(), c["state"].tolist(), c["resealed"].tolist(),
            c["pct_chg"].tolist()))
    return LadderSnapshot(rows=rows, stats=seal_stats(enriched))
