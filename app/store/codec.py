"""Schema v2's encodings: dates as day numbers, minutes as grid slots, prices as fen, packed keys.

Every function works on whole arrays (numpy / pandas), never row by row:
- a day is the count of days since 1970-01-01 (2026-06-02 is 20606);
- a minute is its slot on the 241-slot grid of app.market.session (09:30 is 0, 15:00 is 240);
- a price is a whole number of fen (yuan × 100, exact: a price that is not a whole number of fen
  is refused, not rounded); B shares (sh900…, sz200…, sz201…) quote in thousandths, so their
  prices are whole thousandths (the security's ``unit``, 1000 per yuan instead of 100);
- a quote row's key packs (day, slot, sid) into one integer, ``day << 24 | slot << 16 | sid``, and a
  daily bar's packs (day, sid) into ``day << 16 | sid`` (sid is a ``securities`` id below 65,536).
Decoding fen / 100.0 gives the double nearest to the decimal price, the value a parser gives.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from app.market.session import session_minutes

SLOT_SHIFT = 16
DAY_SHIFT = 24                  # in a quote key
DAILY_DAY_SHIFT = 16            # in a daily key
SID_MASK = (1 << 16) - 1
SLOT_MASK = (1 << 8) - 1
MAX_SID = SID_MASK
# A price within this many fen of a whole fen is that fen (float32 sources, sums of floats).
FEN_TOLERANCE = 1e-4
_EPOCH = np.datetime64("1970-01-01", "D")


def days_of(dates: pd.Series | np.ndarray | list) -> np.ndarray:
    """'YYYY-MM-DD' strings (or datetimes) → int64 day numbers; ValueError naming a bad date."""
    values = pd.Series(dates)
    codes, uniques = pd.factorize(values, sort=False)
    try:
        parsed = pd.to_datetime(pd.Series(uniques), format="%Y-%m-%d" if _all_text(uniques)
                                else None)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not a date (YYYY-MM-DD): {exc}") from None
    if parsed.isna().any():
        raise ValueError(f"not a date (YYYY-MM-DD): {uniques[parsed.isna().to_numpy()][0]!r}")
    day = (parsed.to_numpy().astype("datetime64[D]") - _EPOCH).astype(np.int64)
    if (codes < 0).any():
        raise ValueError("a row has no date")
    return day[codes]


def _all_text(values: object) -> bool:
    return all(isinstance(v, str) for v in values)   # type: ignore[union-attr]


def day_of(date: str) -> int:
    """One 'YYYY-MM-DD' → its day number."""
    return int((np.datetime64(str(date)[:10], "D") - _EPOCH).astype(np.int64))


def date_of(day: int) -> str:
    return str(_EPOCH + np.timedelta64(int(day), "D"))


def dates_of(days: np.ndarray) -> np.ndarray:
    """Day numbers → 'YYYY-MM-DD' strings (object array), through the unique days only."""
    uniq, inverse = np.unique(np.asarray(days, dtype=np.int64), return_inverse=True)
    labels = np.array([date_of(d) for d in uniq], dtype=object)
    return labels[inverse]


_SLOT = {t: i for i, t in enumerate(session_minutes())}
_TIMES = np.array(session_minutes(), dtype=object)


def slots_of(times: pd.Series | np.ndarray | list, what: str = "quotes") -> np.ndarray:
    """'HH:MM' labels → slot numbers; ValueError naming a time off the 241-slot grid."""
    from app.market.session import normalise_time

    codes, uniques = pd.factorize(pd.Series(times), sort=False)
    out = np.empty(len(uniques), dtype=np.int64)
    for k, t in enumerate(uniques):
        slot = _SLOT.get(t) if isinstance(t, str) else None
        if slot is None:
            try:
                slot = _SLOT.get(normalise_time(t))
            except (TypeError, ValueError):
                slot = None
        if slot is None:
            raise ValueError(f"{what}: time {t!r} is not a minute of the 241-slot session grid "
                             "(09:30..11:30, 13:01..15:00)")
        out[k] = slot
    if (codes < 0).any():
        raise ValueError(f"{what}: a row has no time")
    return out[codes]


def times_of(slots: np.ndarray) -> np.ndarray:
    return _TIMES[np.asarray(slots, dtype=np.int64)]


B_SHARE_PREFIXES = ("sh900", "sz200", "sz201")
FEN, MILLS = 100, 1000


def units_of(symbols: pd.Series | np.ndarray | list) -> np.ndarray:
    """Price units per yuan of each symbol: 1000 for a B share, 100 (fen) for the rest."""
    prefix = pd.Series(symbols, dtype=object).astype(str).str[:5]
    return np.where(prefix.isin(B_SHARE_PREFIXES).to_numpy(), MILLS, FEN).astype(np.int64)


def fen_of(values: pd.Series | np.ndarray, what: str,
           units: np.ndarray | int = FEN) -> tuple[np.ndarray, np.ndarray]:
    """Yuan → (int64 fen, or thousandths where ``units`` is 1000; mask of present values); NaN /
    None are absent. ValueError when a present price is not a whole number of its units
    (``what`` names the column)."""
    v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    present = np.isfinite(v)
    scaled = np.where(present, v * np.asarray(units, dtype=float), 0.0)
    fen = np.rint(scaled)
    bad = present & (np.abs(scaled - fen) > FEN_TOLERANCE)
    if bad.any():
        raise ValueError(f"{what} {v[bad][0]!r} is not a whole number of fen (prices are stored "
                         "exactly, in fen)")
    return fen.astype(np.int64), present


def whole_of(values: pd.Series | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Volumes / amounts → (int64 rounded half away from zero, mask of present values)."""
    v = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)
    present = np.isfinite(v)
    whole = np.where(present, np.sign(v) * np.floor(np.abs(v) + 0.5), 0.0)
    return whole.astype(np.int64), present


def bindable(values: np.ndarray, present: np.ndarray) -> list:
    """Python ints with None where absent (what sqlite3 binds fastest)."""
    out = values.astype(object)
    out[~present] = None
    return out.tolist()


def quote_key(day: np.ndarray | int, slot: np.ndarray | int, sid: np.ndarray | int):
    return (np.asarray(day, dtype=np.int64) << DAY_SHIFT) | (
        np.asarray(slot, dtype=np.int64) << SLOT_SHIFT) | np.asarray(sid, dtype=np.int64)


def daily_key(day: np.ndarray | int, sid: np.ndarray | int):
    return (np.asarray(day, dtype=np.int64) << DAILY_DAY_SHIFT) | np.asarray(sid, dtype=np.int64)


def day_range(day: int) -> tuple[int, int]:
    """First and last quote key of a day."""
    return int(day) << DAY_SHIFT, ((int(day) + 1) << DAY_SHIFT) - 1


def slot_range(day: int, lo: int, hi: int) -> tuple[int, int]:
    """First and last quote key of slots lo..hi of a day."""
    base = int(day) << DAY_SHIFT
    return base | (int(lo) << SLOT_SHIFT), base | (int(hi) << SLOT_SHIFT) | SID_MASK


def split_quote_keys(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    k = np.asarray(keys, dtype=np.int64)
    return k >> DAY_SHIFT, (k >> SLOT_SHIFT) & SLOT_MASK, k & SID_MASK


def prices_of(fen: np.ndarray) -> np.ndarray:
    """float fen (NaN absent) → yuan."""
    return np.asarray(fen, dtype=float) / 100.0
