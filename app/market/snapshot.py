"""Limit states of a cross-section: every stock's band, limit prices and state at one minute.

Frames in, frames out. Prices are compared in integer fen, never as floats.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from app.market.boards import Board
from app.market.calendar import as_iso, listing_day_numbers
from app.market.limits import band_for, limit_fen_arrays, price_to_fen_array

STATE_SEALED = "sealed"
STATE_ONE_WORD = "one_word"
STATE_BROKEN = "broken"
STATE_LIMIT_DOWN = "limit_down"
STATE_NONE = "none"


def limit_table(static: pd.DataFrame, on_date: date | str) -> pd.DataFrame:
    """Per-symbol band (up_pct, down_pct; 0 = unlimited), st flag and listing day on ``on_date``.

    ``static`` needs columns board, name, list_date (indexed by symbol). The band does not change
    within a session, so a viewer computes this once per date and reuses it for every minute.
    """
    day = pd.Timestamp(as_iso(on_date)).date()
    names = static["name"].fillna("").astype(str)
    st = names.str.upper().str.contains("ST", regex=False).to_numpy()
    # Names prefixed N (day 1) / C (days 2-5) mark new listings even when list_date is missing.
    listing = listing_day_numbers(static["list_date"], day)
    boards = static["board"].astype(str).to_numpy()
    cache: dict[tuple[str, bool, int], tuple[int, int]] = {}
    up = np.zeros(len(static), dtype=np.int64)
    down = np.zeros(len(static), dtype=np.int64)
    list_dates = pd.to_datetime(static["list_date"], errors="coerce", format="mixed")
    for i, (b, s, ld) in enumerate(zip(boards, st, listing)):
        recent = 0 < ld <= 6
        # The new-listing regimes depend on the listing date, so recent listings are not cached.
        key = (b, bool(s), int(ld) if recent else 0)
        band = None if recent else cache.get(key)
        if band is None:
            listed = list_dates.iloc[i].date() if recent and pd.notna(list_dates.iloc[i]) else day
            try:
                bd = band_for(Board(b), day, st=bool(s), listing_day=int(ld) if recent else None,
                              list_date=listed)
            except ValueError:  # not a known board: treat as unlimited rather than guess
                bd = band_for(Board.INDEX, day)
            band = (bd.up_pct or 0, bd.down_pct or 0)
            if not recent:
                cache[key] = band
        up[i], down[i] = band
    return pd.DataFrame({"up_pct": up, "down_pct": down, "st": st, "listing_day": listing},
                        index=static.index)


def enrich(frame: pd.DataFrame, on_date: date | str, limits: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add suspended, pct_chg, limit prices, limit flags, state and float_cap to a cross-section.

    ``frame`` is indexed by symbol with columns board, name, list_date, float_shares, last,
    prev_close, open, high, low, volume, amount. ``limits`` is ``limit_table`` for the date
    (computed here when not given).
    """
    if limits is None:
        limits = limit_table(frame, on_date)
    # Columns are computed as arrays and the frame is built once: setting ~15 columns one by one
    # on a 5,400-row frame costs several ms per minute of a scrub.
    cols: dict[str, object] = {c: frame[c].to_numpy() for c in frame.columns}
    lim = limits if limits.index.equals(frame.index) else limits.reindex(frame.index)
    cols["st"] = lim["st"].fillna(False).to_numpy(dtype=bool)
    cols["listing_day"] = lim["listing_day"].fillna(0).to_numpy(dtype=np.int64)
    up_pct = lim["up_pct"].fillna(0).to_numpy(dtype=np.int64)
    down_pct = lim["down_pct"].fillna(0).to_numpy(dtype=np.int64)
    cols["up_pct"] = up_pct
    cols["down_pct"] = down_pct

    last = _floats(frame, "last")
    prev = _floats(frame, "prev_close")
    suspended = ~np.isfinite(last) | (last <= 0) | ~np.isfinite(prev) | (prev <= 0)
    cols["suspended"] = suspended

    prev_fen = price_to_fen_array(np.where(np.isfinite(prev), prev, 0))
    last_fen = price_to_fen_array(np.where(np.isfinite(last), last, 0))
    high = _floats(frame, "high")
    low = _floats(frame, "low")
    opn = _floats(frame, "open")
    high_fen = price_to_fen_array(np.where(np.isfinite(high), high, 0))
    low_fen = price_to_fen_array(np.where(np.isfinite(low), low, 0))
    open_fen = price_to_fen_array(np.where(np.isfinite(opn), opn, 0))

    up_fen, down_fen = limit_fen_arrays(prev_fen, up_pct, down_pct)
    limited = (up_fen > 0) & ~suspended
    cols["limit_up"] = np.where(limited, up_fen / 100.0, np.nan)
    cols["limit_down"] = np.where(limited, down_fen / 100.0, np.nan)

    at_up = limited & (last_fen == up_fen)
    at_down = limited & (last_fen == down_fen)
    touched_up = limited & (high_fen >= up_fen)
    touched_down = limited & (low_fen > 0) & (low_fen <= down_fen)
    one_word = at_up & (open_fen == up_fen) & (low_fen == up_fen) & (high_fen == up_fen)
    cols["at_limit_up"] = at_up
    cols["at_limit_down"] = at_down
    cols["touched_up"] = touched_up
    cols["touched_down"] = touched_down

    state = np.full(len(frame), STATE_NONE, dtype=object)
    state[touched_up & ~at_up] = STATE_BROKEN
    state[at_down] = STATE_LIMIT_DOWN
    state[at_up] = STATE_SEALED
    state[one_word] = STATE_ONE_WORD
    cols["state"] = state

    with np.errstate(divide="ignore", invalid="ignore"):
        pct = (last_fen - prev_fen) / prev_fen * 100.0
    cols["pct_chg"] = np.where(suspended, np.nan, pct)
    cols["move_fen"] = np.where(suspended, 0, np.sign(last_fen - prev_fen)).astype(np.int64)
    fs = _floats(frame, "float_shares") if "float_shares" in frame.columns \
        else np.full(len(frame), np.nan)
    cols["float_cap"] = fs * np.where(suspended, prev, last)
    return pd.DataFrame(cols, index=frame.index, copy=False)


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as float64, text or None read as NaN (imported stores may hold either)."""
    values = frame[column].to_numpy()
    if values.dtype.kind == "f":
        return values.astype(float, copy=False)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
