"""Consecutive limit-up days (连板数) and related daily-history facts.

Pure pandas/numpy. A day is *sealed* (封板) when the close equals the limit-up price in integer fen;
the limit comes from the row's own ``prev_close`` (the exchange's ex-rights reference price) and
the band the stock had **on that date** (app.market.snapshot.limit_table: board, ST by name, listing
day), so an ST main-board stock is judged at ±5 % before 2026-07-06 and ±10 % from then, and a
ChiNext stock at ±20 %. Rows whose ``prev_close`` is missing fall back to the stock's previous
row's close.

Suspension days: whether a suspension breaks a streak is UNVERIFIED (../shared/DOMAIN.md §2).
Tidemark **skips** them: a day on which a stock has no row (or a row with no close, or zero volume)
neither extends nor breaks its streak, so sealed Mon, Tue, suspended Wed, sealed Thu gives 3 on
Thu. A trading day on which the stock traded and did not close sealed resets the streak to 0.

ST status comes from the name in ``static`` (as of the review date) and is applied to every date
of the history; the bands themselves are looked up per date.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from app.market.boards import UnknownCode, board_of_symbol
from app.market.calendar import as_iso
from app.market.limits import (CHINEXT_REFORM, ST_MAIN_10PCT_SINCE, limit_fen_arrays,
                               price_to_fen_array)
from app.market.snapshot import limit_table

STREAK_COLUMNS: tuple[str, ...] = (
    "streak", "prev_streak", "sealed_today", "down_streak", "prev_down_streak", "floored_today",
    "truncated", "last_date",
)


def _iso_dates(values: pd.Series) -> np.ndarray:
    """'YYYY-MM-DD' strings from ISO strings, YYYYMMDD ints/strings or timestamps."""
    codes, uniques = pd.factorize(values)     # a history holds few distinct dates
    u = pd.Series(uniques).astype(str)
    if not u.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all():
        parsed = pd.to_datetime(u.str.replace(r"\.0$", "", regex=True), format="mixed")
        u = parsed.dt.strftime("%Y-%m-%d")
    conv = np.append(u.to_numpy(dtype=object), None)   # code -1 (missing) maps to None
    return conv[codes]


def _static_for(symbols: np.ndarray, static: pd.DataFrame | None) -> pd.DataFrame:
    """board/name/list_date per symbol: from ``static`` where known, else from the symbol's prefix
    (no name, so not ST; no list date, so an established stock)."""
    uniq = pd.Index(pd.unique(symbols))
    out = pd.DataFrame(index=uniq)
    have = static.reindex(uniq) if static is not None else pd.DataFrame(index=uniq)
    boards = have["board"] if "board" in have else pd.Series(np.nan, index=uniq, dtype=object)
    missing = boards.isna().to_numpy()
    board_vals = boards.astype(object).to_numpy().copy()
    for i in np.flatnonzero(missing):
        try:
            board_vals[i] = board_of_symbol(str(uniq[i])).value
        except UnknownCode:
            board_vals[i] = "index"      # unknown: treated as unlimited, never sealed
    out["board"] = pd.Series(board_vals, index=uniq, dtype=object)
    names = have["name"] if "name" in have else pd.Series(None, index=uniq, dtype=object)
    out["name"] = pd.Series(names.astype(object).where(names.notna(), ""), index=uniq, dtype=object)
    ld = have["list_date"] if "list_date" in have else pd.Series(None, index=uniq, dtype=object)
    out["list_date"] = pd.Series(ld.astype(object), index=uniq, dtype=object)
    return out


_RECENT_LISTING_DAYS = 40      # calendar days: generous cover for the 1-6 trading-day windows


def _bands(dates: np.ndarray, syms: np.ndarray, static: pd.DataFrame | None
           ) -> tuple[np.ndarray, np.ndarray]:
    """(up_pct, down_pct) of each (date, symbol) row via ``limit_table``.

    The band of an established stock depends on the date only through the ChiNext reform
    (2020-08-24) and the main-board ST change (2026-07-06), so those rows take one
    ``limit_table`` call per regime; stocks listed shortly before a row's date (their listing day
    decides the band) take one call per date.
    """
    up = np.zeros(len(syms), dtype=np.int64)
    down = np.zeros(len(syms), dtype=np.int64)
    info = _static_for(syms, static)
    listed = pd.to_datetime(info["list_date"], errors="coerce", format="mixed")
    listed_iso = listed.dt.strftime("%Y-%m-%d").reindex(syms).to_numpy(dtype=object)
    first_day = (pd.Timestamp(min(dates)) - pd.Timedelta(days=_RECENT_LISTING_DAYS)).strftime(
        "%Y-%m-%d")
    recent = np.array([isinstance(x, str) and x >= first_day for x in listed_iso], dtype=bool)
    regime = ((dates >= as_iso(CHINEXT_REFORM)).astype(np.int64) * 2
              + (dates >= as_iso(ST_MAIN_10PCT_SINCE)).astype(np.int64))
    groups: list[tuple[np.ndarray, str]] = []
    for key in np.unique(regime[~recent]):
        sel = np.flatnonzero(~recent & (regime == key))
        groups.append((sel, str(dates[sel[0]])))
    for d in pd.unique(dates[recent]):
        groups.append((np.flatnonzero(recent & (dates == d)), str(d)))
    for sel, d in groups:
        table = limit_table(info.loc[pd.unique(syms[sel])], d)
        up[sel] = table["up_pct"].reindex(syms[sel]).to_numpy(dtype=np.int64)
        down[sel] = table["down_pct"].reindex(syms[sel]).to_numpy(dtype=np.int64)
    return up, down


def daily_limit_flags(daily: pd.DataFrame, static: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each traded daily row with its limit prices and limit flags.

    Parameters
    ----------
    daily
        Long frame with columns date, symbol, open, high, low, close, prev_close (volume optional).
        Dates may be 'YYYY-MM-DD' or YYYYMMDD.
    static
        board, name, list_date indexed by symbol (``app.store.queries.stocks``). Symbols missing from
        it get their board from the prefix and count as non-ST established stocks.

    Returns
    -------
    The traded rows (suspension rows dropped: no close, or volume 0), sorted by symbol then date,
    with ``date`` as 'YYYY-MM-DD' and added columns ref_close (prev_close used), limit_up,
    limit_down (yuan; NaN when the day was unlimited or the price never came within reach of that
    limit), sealed, touched_up, one_word, floored, touched_down.
    """
    cols = ["date", "symbol", "open", "high", "low", "close", "prev_close"]
    df = daily.loc[:, [c for c in [*cols, "volume"] if c in daily.columns]].copy()
    df["date"] = _iso_dates(df["date"]) if len(df) else df["date"]
    for c in ("open", "high", "low", "close", "prev_close"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    traded = np.isfinite(df["close"].to_numpy()) & (df["close"].to_numpy() > 0)
    if "volume" in df:
        vol = pd.to_numeric(df["volume"], errors="coerce").to_numpy(dtype=float)
        traded &= ~(vol == 0)
    df = df[traded]
    df = df.sort_values(["symbol", "date"], kind="stable")
    df = df.drop_duplicates(["symbol", "date"], keep="last").reset_index(drop=True)
    n = len(df)
    sym = df["symbol"].to_numpy(dtype=object)
    close = df["close"].to_numpy()
    first_row = np.ones(n, dtype=bool)
    if n:
        first_row[1:] = sym[1:] != sym[:-1]
    prior_close = np.r_[np.nan, close[:-1]] if n else np.empty(0)
    prior_close = np.where(first_row, np.nan, prior_close)
    ref = df["prev_close"].to_numpy()
    ref = np.where(np.isfinite(ref) & (ref > 0), ref, prior_close)
    df["ref_close"] = ref

    def fen(a: np.ndarray) -> np.ndarray:
        ok = np.isfinite(a) & (a > 0)
        return np.where(ok, price_to_fen_array(np.where(ok, a, 0.0)), -1)

    ref_f, close_f = fen(ref), fen(close)
    high_f, low_f = fen(df["high"].to_numpy()), fen(df["low"].to_numpy())
    open_f = fen(df["open"].to_numpy())
    # Only rows within reach of the narrowest band (5 %) need their band looked up: limit-up is
    # never below prev×1.05 − ½ fen and limit-down never above prev×0.95 + ½ fen.
    has_ref = ref_f > 0
    near_up = has_ref & (100 * np.maximum(high_f, close_f) >= 105 * ref_f - 50)
    near_down = has_ref & (low_f > 0) & (100 * np.minimum(low_f, close_f) <= 95 * ref_f + 50)
    near = near_up | near_down
    up_pct = np.zeros(n, dtype=np.int64)
    down_pct = np.zeros(n, dtype=np.int64)
    if near.any():
        rows = np.flatnonzero(near)
        up_pct[rows], down_pct[rows] = _bands(df["date"].to_numpy(dtype=object)[rows], sym[rows],
                                              static)
    up_f, down_f = limit_fen_arrays(np.where(has_ref, ref_f, 0), up_pct, down_pct)
    limited = (up_f > 0) & near
    df["limit_up"] = np.where(limited & near_up, up_f / 100.0, np.nan)
    df["limit_down"] = np.where(limited & near_down, down_f / 100.0, np.nan)
    sealed = limited & (close_f == up_f)
    df["sealed"] = sealed
    df["touched_up"] = limited & (high_f >= up_f)
    df["one_word"] = sealed & (open_f == up_f) & (high_f == up_f) & (low_f == up_f)
    df["floored"] = limited & (down_f > 0) & (close_f == down_f)
    df["touched_down"] = limited & (down_f > 0) & (low_f > 0) & (low_f <= down_f)
    return df


def _trailing_runs(sym: np.ndarray, flag: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: length of the run of ``flag`` ending at it within its symbol, and the row's
    0-based position within its symbol (rows sorted by symbol then date)."""
    n = len(sym)
    idx = np.arange(n)
    start = np.ones(n, dtype=bool)
    if n:
        start[1:] = sym[1:] != sym[:-1]
    sym_start = np.maximum.accumulate(np.where(start, idx, 0)) if n else idx
    reset = start | ~flag
    last_reset = np.maximum.accumulate(np.where(reset, idx, 0)) if n else idx
    run = np.where(flag, idx - last_reset + flag[last_reset].astype(np.int64), 0) if n else idx
    return run.astype(np.int64), (idx - sym_start).astype(np.int64)


def streaks(daily: pd.DataFrame, on_date: date | str, static: pd.DataFrame | None = None,
            today: pd.DataFrame | None = None) -> pd.DataFrame:
    """连板数 of each stock as of ``on_date``, and the streak as of the day before.

    Parameters
    ----------
    daily
        Daily history (see ``daily_limit_flags``); rows after ``on_date`` are ignored.
    on_date
        The review date.
    static
        board, name, list_date indexed by symbol.
    today
        Optional point-in-time state for ``on_date`` indexed by symbol, with boolean columns
        at_limit_up and at_limit_down (an ``enrich``-ed cross-section at the shown minute). When
        given, daily rows dated ``on_date`` are ignored: an intraday review must not see the close.

    Returns
    -------
    DataFrame indexed by symbol (every symbol in the history or in ``today``) with columns
    streak (consecutive sealed trading days ending today; 0 when today is not sealed),
    prev_streak (the streak as of the stock's latest traded day before ``on_date``; suspension
    days are skipped, see the module docstring), sealed_today, down_streak, prev_down_streak
    (the same for closes at limit-down, 连续跌停), floored_today, truncated (the counted run
    reaches the first row the history holds for the stock, or the stock has no history: a longer
    history might give a longer streak) and last_date (latest traded day before ``on_date``).
    """
    day = as_iso(on_date)
    hist = daily
    if len(daily):
        hist = daily.assign(date=_iso_dates(daily["date"]))
        hist = hist[hist["date"] <= day] if today is None else hist[hist["date"] < day]
    flags = daily_limit_flags(hist, static)
    before = flags[flags["date"] < day]
    sym = before["symbol"].to_numpy(dtype=object)
    sealed = before["sealed"].to_numpy(dtype=bool)
    floored = before["floored"].to_numpy(dtype=bool)
    run_up, pos = _trailing_runs(sym, sealed)
    run_down, _ = _trailing_runs(sym, floored)
    last = np.ones(len(sym), dtype=bool)
    if len(sym):
        last[:-1] = sym[:-1] != sym[1:]
    prev = pd.DataFrame({
        "prev_streak": run_up[last],
        "prev_down_streak": run_down[last],
        "trunc": ((run_up[last] > 0) & (run_up[last] == pos[last] + 1))
        | ((run_down[last] > 0) & (run_down[last] == pos[last] + 1)),
        "last_date": before["date"].to_numpy(dtype=object)[last],
    }, index=pd.Index(sym[last], name="symbol"))

    if today is not None:
        now_up = today["at_limit_up"].fillna(False).astype(bool)
        now_down = today["at_limit_down"].fillna(False).astype(bool)
    else:
        rows = flags[flags["date"] == day].set_index("symbol")
        now_up, now_down = rows["sealed"].astype(bool), rows["floored"].astype(bool)
    index = prev.index.union(pd.Index(now_up.index)).rename("symbol")
    p = prev.reindex(index)
    up_today = now_up.reindex(index).fillna(False).to_numpy(dtype=bool)
    down_today = now_down.reindex(index).fillna(False).to_numpy(dtype=bool)
    prev_streak = p["prev_streak"].fillna(0).to_numpy(dtype=np.int64)
    prev_down = p["prev_down_streak"].fillna(0).to_numpy(dtype=np.int64)
    no_history = p["last_date"].isna().to_numpy()
    out = pd.DataFrame({
        "streak": np.where(up_today, prev_streak + 1, 0),
        "prev_streak": prev_streak,
        "sealed_today": up_today,
        "down_streak": np.where(down_today, prev_down + 1, 0),
        "prev_down_streak": prev_down,
        "floored_today": down_today,
        "truncated": p["trunc"].fillna(False).to_numpy(dtype=bool)
        | (no_history & (up_today | down_today) & (len(before) > 0)),
        "last_date": pd.Series(p["last_date"].to_numpy(dtype=object), index=index, dtype=object),
    }, index=index)
    return out


def all_time_high(daily: pd.DataFrame, symbols: list[str] | pd.Index, on_date: date | str,
                  price: pd.Series | None = None) -> pd.DataFrame:
    """Whether each stock stands at its highest close in the stored history.

    ``price`` (indexed by symbol; e.g. the intraday last) defaults to the close on ``on_date``.
    Returns a frame indexed by ``symbols`` with price, prev_max_close (highest close before
    ``on_date``; NaN without history), history_days (traded days before ``on_date``) and ath
    (price at or above every earlier close; False without history or price). Prices are raw, not
    split-adjusted, so a split in the window hides a real high: pass the full stored history.
    """
    day = as_iso(on_date)
    idx = pd.Index(symbols, name="symbol")
    df = daily.loc[daily["symbol"].isin(idx), ["date", "symbol", "close"]].copy()
    df["date"] = _iso_dates(df["date"]) if len(df) else df["date"]
    df["close"] = pd.to_numeric(df["close"], errors="coerce").astype(float)
    df = df[np.isfinite(df["close"].to_numpy()) & (df["close"].to_numpy() > 0)]
    before = df[df["date"] < day].groupby("symbol")["close"].agg(["max", "count"])
    if price is None:
        price = df[df["date"] == day].drop_duplicates("symbol", keep="last").set_index("symbol")["close"]
    px = pd.to_numeric(price.reindex(idx), errors="coerce").to_numpy(dtype=float)
    prev_max = before["max"].reindex(idx).to_numpy(dtype=float)
    count = before["count"].reindex(idx).fillna(0).to_numpy(dtype=np.int64)
    ok = np.isfinite(px) & np.isfinite(prev_max)
    px_fen = np.where(ok, price_to_fen_array(np.where(ok, px, 0.0)), -1)
    max_fen = np.where(ok, price_to_fen_array(np.where(ok, prev_max, 0.0)), 0)
    return pd.DataFrame({"price": px, "prev_max_close": prev_max, "history_days": count,
                         "ath": ok & (px_fen >= max_fen)}, index=idx)
