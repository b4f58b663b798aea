"""Market sentiment after the close (or at a replayed minute): pure maths, frames in, dataclasses out.

Pieces (one small module each):

- ``ladder``: 连板天梯 with yesterday's failures struck through, board types 一字/T字/换手/回封;
- ``promotion``: 连板晋级率 per tier, 封板率 / 炸板率;
- ``yesterday``: 昨日涨停今日表现 (first boards, multi-boards, yesterday's broken boards);
- ``auction``: 竞价 change and amount from the 09:30 opening-auction print;
- ``breadth_ext``: A-D line, McClellan oscillator, % above MA20/50/200, new highs − lows;
- ``board_strength``: per-board limit-ups, streaks, days, leader and a documented score;
- ``gauge``: seven components as percentiles of the store's own history, level and stage.

``compute_sentiment(SentimentInputs) -> SentimentResult`` runs them all; ``sentiment_dict`` turns
the result into the JSON-safe report of ``tidemark report sentiment --json``. The store side
(app.session.sentiment_data) builds the inputs point in time: the cross-section of the shown minute,
the daily history strictly before the date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from app.market.meta_boards import theme_mask
from app.market.reports import json_value
from app.market.sentiment.auction import AUCTION_SLOT, AuctionGroup, auction_summary
from app.market.sentiment.board_strength import (SCORE_FORMULA, SCORE_WEIGHTS, board_limit_days,
                                                 board_strength)
from app.market.sentiment.breadth_ext import (HIGH_LOW_WINDOWS, MA_WINDOWS, BreadthBase,
                                              breadth_history, breadth_next)
from app.market.sentiment.gauge import (COMPONENTS, STAGE_RULES, Gauge, sentiment_gauge,
                                        session_history)
from app.market.sentiment.ladder import (BOARD_TYPE_LABELS, STATUS_LABELS, Ladder,
                                         ladder_with_breaks, level_title)
from app.market.sentiment.promotion import SealRates, promotion_rates, seal_rates
from app.market.sentiment.yesterday import (BIG_DROP_PCT, GROUP_ALL, GROUP_LABELS,
                                            yesterday_groups, yesterday_performance)

TOP_BOARDS = 10
BREADTH_TAIL = 20           # sessions of the breadth series in the report

AUCTION_GROUPS: tuple[tuple[str, str], ...] = (("yesterday_limit_up", "昨日涨停"),
                                               ("today_limit_up", "今日涨停"))


@dataclass(frozen=True)
class SentimentInputs:
    """Everything the sentiment maths needs for one date and minute.

    today
        The enriched cross-section at the minute (app.market.snapshot.enrich) indexed by symbol,
        with streak (now), prev_streak (as of the previous session: 0 for a stock that did not
        trade then) and, where minute snapshots exist, first_seal, opens, resealed.
    history
        Long daily bars strictly before the date: date, symbol, close, prev_close, volume, amount.
    flags
        ``app.market.streaks.daily_limit_flags`` of ``history``.
    membership
        Board membership as of the date (sector_id, name, kind, symbol).
    auction
        The 09:30 opening-auction snapshot (open, prev_close, amount by symbol) or None.
    prior_turnover
        The previous session's turnover at the same clock time (yuan), None when unknown.
    prev_streaks
        Each symbol's streak as of the previous session (0: not a limit-up then), also for
        symbols without a row today; defaults to ``today["prev_streak"]``.
    """

    date: str
    time: str
    source: str
    prev_date: str | None
    today: pd.DataFrame
    history: pd.DataFrame
    flags: pd.DataFrame
    membership: pd.DataFrame
    auction: pd.DataFrame | None = None
    prior_turnover: float | None = None
    final: bool = True
    notes: tuple[str, ...] = ()
    past: pd.DataFrame | None = None      # past_sessions(history, flags), when cached by the caller
    breadth_base: BreadthBase | None = None   # breadth_base(history), when cached by the caller
    prev_streaks: pd.Series | None = None  # streak as of the previous session, every symbol


@dataclass(frozen=True)
class SentimentResult:
    date: str
    time: str
    source: str
    prev_date: str | None
    ladder: Ladder
    promotion: pd.DataFrame
    seal: SealRates
    yesterday: pd.DataFrame
    auction: dict[str, AuctionGroup] | None
    breadth: pd.DataFrame
    boards: pd.DataFrame
    gauge: Gauge
    history: pd.DataFrame
    turnover: float
    prior_turnover: float | None
    final: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)


def _live(today: pd.DataFrame) -> np.ndarray:
    if "suspended" not in today.columns:
        return np.ones(len(today), dtype=bool)
    return ~today["suspended"].fillna(False).to_numpy(dtype=bool)


def today_bars(today: pd.DataFrame, date: str) -> pd.DataFrame:
    """Today's traded rows of the cross-section as daily bars (close = last at the minute)."""
    live = today[_live(today)]
    return pd.DataFrame({"date": date, "symbol": live.index.to_numpy(dtype=object),
                         "close": pd.to_numeric(live["last"], errors="coerce").to_numpy(float),
                         "prev_close": pd.to_numeric(live["prev_close"], errors="coerce").to_numpy(float),
                         "volume": pd.to_numeric(live["volume"], errors="coerce").to_numpy(float)})


def past_sessions(history: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    """``gauge.session_history`` of the daily history (with its turnover per date): the same for
    every minute of a session, so a caller may compute it once and pass it as ``past``."""
    turnover = (pd.to_numeric(history["amount"], errors="coerce").groupby(history["date"]).sum()
                if len(history) else pd.Series(dtype=float))
    return session_history(flags, turnover)


def compute_sentiment(inp: SentimentInputs) -> SentimentResult:
    today = inp.today
    live = _live(today)
    at_up = today["at_limit_up"].fillna(False).to_numpy(dtype=bool) & live
    at_down = today["at_limit_down"].fillna(False).to_numpy(dtype=bool) & live

    ladder = ladder_with_breaks(today, final=inp.final)
    streak_now = pd.Series(np.where(at_up, pd.to_numeric(today["streak"], errors="coerce")
                                    .fillna(0).to_numpy(), 0), index=today.index)
    # yesterday's boards, including those with no row today (a daily-bar day omits suspensions)
    prev_streak = pd.to_numeric(inp.prev_streaks if inp.prev_streaks is not None
                                else today["prev_streak"], errors="coerce").fillna(0)
    traded = pd.Series(live, index=today.index)
    promotion = promotion_rates(prev_streak, streak_now, traded)
    seal = seal_rates(today)

    # the previous session's rows (sealed / touched) with its streak
    flags = inp.flags
    prev_rows = (flags[(flags["date"] == str(inp.prev_date)).to_numpy(dtype=bool)]
                 .drop_duplicates("symbol", keep="last").set_index("symbol")
                 if inp.prev_date is not None and len(flags) else flags.iloc[0:0].set_index("symbol"))
    prev_day = pd.DataFrame({
        "sealed": prev_rows["sealed"].astype(bool),
        "touched_up": prev_rows["touched_up"].astype(bool),
        "streak": prev_streak.reindex(prev_rows.index).fillna(0).astype(np.int64),
    }, index=prev_rows.index)
    groups = yesterday_groups(prev_day)
    pct = pd.to_numeric(today["pct_chg"], errors="coerce").where(live)
    yesterday = yesterday_performance(groups, pct)

    prior_amount = pd.Series(dtype=float)
    if inp.prev_date is not None and len(inp.history):
        h = inp.history
        on_prev = h[(h["date"] == str(inp.prev_date)).to_numpy(dtype=bool)]
        prior_amount = on_prev.drop_duplicates("symbol", keep="last").set_index("symbol")["amount"]
    auction = auction_summary(inp.auction, prior_amount, {
        "yesterday_limit_up": groups[GROUP_ALL], "today_limit_up": today.index[at_up]})

    hist = inp.history
    if inp.breadth_base is not None:
        breadth = breadth_next(inp.breadth_base, inp.date, today_bars(today, inp.date))
    else:
        bars = pd.concat([hist[["date", "symbol", "close", "prev_close", "volume"]],
                          today_bars(today, inp.date)], ignore_index=True) if len(hist) \
            else today_bars(today, inp.date)
        breadth = breadth_history(bars)

    sealed_hist = flags.loc[flags["sealed"].to_numpy(dtype=bool), ["date", "symbol"]]
    dates = tuple(sorted(str(d) for d in pd.unique(flags["date"])))
    themes = inp.membership
    if len(themes) and "name" in themes.columns:     # meta-boards are no theme (app.market.meta_boards)
        themes = themes[theme_mask(themes["name"]).to_numpy(dtype=bool)]
    days = board_limit_days(sealed_hist, themes, today.index[at_up], dates)
    boards = board_strength(today, themes, days)

    history = inp.past if inp.past is not None else past_sessions(hist, flags)
    amounts = pd.to_numeric(today["amount"], errors="coerce").to_numpy(dtype=float)[live]
    # A blank 成交额 column is unknown turnover, not zero (nor a −100 % change).
    turnover = float(np.nansum(amounts)) if np.isfinite(amounts).any() else float("nan")
    prior = inp.prior_turnover
    all_row = promotion[promotion["tier"] == "all"].iloc[0]
    values = {
        "limit_ups": float(at_up.sum()),
        "limit_downs": float(at_down.sum()),
        "highest_board": float(ladder.highest),
        "break_rate": seal.break_rate,
        "promotion_rate": float(all_row["rate"]),
        "premium": float(yesterday.loc[yesterday["group"] == GROUP_ALL, "mean_pct"].iloc[0]),
        "turnover_change": (turnover / prior - 1.0) if prior and np.isfinite(turnover)
        else float("nan"),
    }
    gauge = sentiment_gauge(values, history, inp.prev_date)
    return SentimentResult(date=inp.date, time=inp.time, source=inp.source,
                           prev_date=inp.prev_date, ladder=ladder, promotion=promotion, seal=seal,
                           yesterday=yesterday, auction=auction, breadth=breadth, boards=boards,
                           gauge=gauge, history=history, turnover=turnover,
                           prior_turnover=prior, final=inp.final, notes=inp.notes)


# --- the JSON report ----------------------------------------------------------------------------

def _j(v: Any, decimals: int | None = None) -> Any:
    return json_value(v, decimals)


def _int(v: Any) -> int | None:
    """Counts come out of mixed-dtype rows as floats: back to int (None when undefined)."""
    f = _j(v)
    return None if f is None else int(round(float(f)))


_BREADTH_COUNTS = {"adv", "dec", "unch", "ad_line", "traded"} | {
    f"{k}_{n}" for k in ("nh_nl", "new_high", "new_low") for n in HIGH_LOW_WINDOWS}


def _records(frame: pd.DataFrame, rounding: dict[str, int] | None = None) -> list[dict[str, Any]]:
    rounding = rounding or {}
    cols = list(frame.columns)
    return [{c: _j(v, rounding.get(c)) for c, v in zip(cols, row)}
            for row in frame.itertuples(index=False, name=None)]


def sentiment_dict(res: SentimentResult, top_boards: int = TOP_BOARDS,
                   breadth_tail: int = BREADTH_TAIL) -> dict[str, Any]:
    """The JSON-safe report (no NaN, no numpy scalars): see the keys below."""
    lad = res.ladder
    tiles = lad.tiles.copy()
    tiles["board_type_label"] = tiles["board_type"].map(BOARD_TYPE_LABELS).astype(object)
    tiles["status_label"] = tiles["status"].map(STATUS_LABELS).astype(object)
    ladder = {
        "highest": lad.highest,
        "levels": [{"level": lv.level, "title": level_title(lv.level, lad.highest),
                    "sealed": lv.sealed, "failed": lv.failed, "pending": lv.pending,
                    "highest": lv.highest}
                   for lv in reversed(lad.levels)],
        "tiles": _records(tiles, {"pct_chg": 2}),
    }
    seal = res.seal
    promotion = {
        "tiers": _records(res.promotion, {"rate": 4}),
        "seal": {"limit_up": seal.limit_up, "touched": seal.touched, "broken": seal.broken,
                 "seal_rate": _j(seal.seal_rate, 4), "break_rate": _j(seal.break_rate, 4)},
    }
    yrows = res.yesterday.copy()
    yrows.insert(1, "label", yrows["group"].map(GROUP_LABELS).astype(object))
    yesterday = {"big_drop_pct": BIG_DROP_PCT,
                 "groups": _records(yrows, {"mean_pct": 3, "median_pct": 3})}
    if res.auction is None:
        auction: dict[str, Any] = {"available": False, "slot": AUCTION_SLOT, "groups": None,
                                   "reason": "no opening-auction (09:30) snapshot for this date"}
    else:
        auction = {"available": True, "slot": AUCTION_SLOT, "groups": {
            key: {"label": label, **{k: _j(v, 4) for k, v in vars(res.auction[key]).items()}}
            for key, label in AUCTION_GROUPS}}
    br = res.breadth
    latest = br.iloc[-1] if len(br) else None
    breadth: dict[str, Any] = {"date": _j(br.index[-1]) if len(br) else None}
    if latest is not None:
        breadth.update({
            "traded": _int(latest["traded"]), "adv": _int(latest["adv"]),
            "dec": _int(latest["dec"]), "unch": _int(latest["unch"]),
            "ad_line": _int(latest["ad_line"]), "mcclellan": _j(latest["mcclellan"], 2),
            "above_ma": {str(n): _j(latest[f"above_ma{n}"], 2) for n in MA_WINDOWS},
            "nh_nl": {str(n): _int(latest[f"nh_nl_{n}"]) for n in HIGH_LOW_WINDOWS},
            "new_high": {str(n): _int(latest[f"new_high_{n}"]) for n in HIGH_LOW_WINDOWS},
            "new_low": {str(n): _int(latest[f"new_low_{n}"]) for n in HIGH_LOW_WINDOWS},
        })
    tail = br.tail(breadth_tail)
    keep = ["adv", "dec", "ad_line", "mcclellan", *[f"above_ma{n}" for n in MA_WINDOWS],
            *[f"nh_nl_{n}" for n in HIGH_LOW_WINDOWS]]
    breadth["series"] = [{"date": str(d), **{c: (_int(r[c]) if c in _BREADTH_COUNTS else _j(r[c], 2))
                                             for c in keep}}
                         for d, r in tail[keep].iterrows()] if len(tail) else []
    top = res.boards[res.boards["limit_ups"] > 0].head(top_boards)
    boards = {"formula": SCORE_FORMULA, "weights": dict(SCORE_WEIGHTS),
              "top": [{"sector_id": str(i), **row} for i, row in
                      zip(top.index, _records(top, {"change_pct": 3, "score": 3}))]}
    g = res.gauge
    gauge = {
        "level": _j(g.level, 2), "prev_level": _j(g.prev_level, 2), "change": _j(g.change, 2),
        "stage": g.stage, "stage_label": g.stage_label, "rules": STAGE_RULES,
        "components": [{"key": c.key, "label": c.label,
                        "direction": "hot" if c.direction > 0 else "cold",
                        "value": _j(c.value, 4), "percentile": _j(c.percentile, 2),
                        "heat": _j(c.heat, 2), "history_n": c.history_n} for c in g.components],
        "history_sessions": int(len(res.history)),
    }
    return {
        "date": res.date, "time": res.time, "source": res.source, "prev_date": res.prev_date,
        "final": bool(res.final),
        "turnover_yuan": _j(res.turnover, 2), "prior_turnover_yuan": _j(res.prior_turnover, 2),
        "ladder": ladder, "promotion": promotion, "yesterday": yesterday, "auction": auction,
        "breadth": breadth, "boards": boards, "gauge": gauge, "notes": list(res.notes),
    }


__all__ = [
    "AUCTION_GROUPS", "COMPONENTS", "SentimentInputs", "SentimentResult", "compute_sentiment",
    "past_sessions", "sentiment_dict", "today_bars", "TOP_BOARDS",
]
