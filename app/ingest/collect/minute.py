"""One minute's rows from one spot frame and one index frame (no SQL: the runner writes them).

The spot frame goes through the ``akshare_spot_em`` importer itself (the frame is written as the CSV
akshare would save and parsed as ``tidemark import`` parses it), so a collected minute and an
imported spot file are the same rows: quotes (cumulative volume/amount, suspended = last NULL),
stocks, point-in-time names, and at 15:00 the day's daily bars. Rows whose code fits no board are
dropped with a note rather than losing the minute.

Index rows: ``index_bars`` are per-minute bars, so each index's bar is the difference of its
cumulative volume/amount since the previous recorded minute (``IndexState``), opening at the
previous minute's close; a minute noted missing folds its volume into the next recorded one.
``index_daily`` holds the day so far (今开/最高/最低/最新价, 昨收), final with the 15:00 minute,
as a terminal's daily chart shows today's bar while it forms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from app.config import MAIN_INDICES
from app.ingest import akshare_spot_em
from app.ingest.errors import IngestError
from app.ingest.frames import COLUMNS, Options, Source, index_rows
from app.market.boards import UnknownCode, board_of, split_symbol, to_symbol

INDEX_SYMBOLS = tuple(s for s, _, _ in MAIN_INDICES)
# East Money index spot volume is taken to be in 手 like its stock spot (UNVERIFIED).
INDEX_VOLUME_SCALE = 100.0


@dataclass
class Minute:
    """The frames of one minute by kind (app.ingest.frames.COLUMNS), and what was dropped."""

    date: str
    time: str
    frames: dict[str, pd.DataFrame]
    notes: list[str] = field(default_factory=list)

    @property
    def quotes(self) -> int:
        f = self.frames.get("quotes")
        return 0 if f is None else len(f)


@dataclass
class IndexState:
    """Each index's cumulative volume (shares) / amount (fen) and close at the last recorded
    minute of a day."""

    date: str | None = None
    cum: dict[str, tuple[int, int, float]] = field(default_factory=dict)

    def reset(self, date: str) -> None:
        self.date, self.cum = date, {}


def _known_codes(codes: pd.Series) -> np.ndarray:
    ok = {}
    for c in codes.unique():
        try:
            sym = to_symbol(str(c))
            board_of(*split_symbol(sym))
            ok[c] = True
        except (UnknownCode, ValueError):
            ok[c] = False
    return codes.map(ok).to_numpy(dtype=bool)


def stock_frames(spot: pd.DataFrame, date: str, time: str) -> tuple[dict[str, pd.DataFrame],
                                                                     list[str]]:
    """quotes / stocks / names (and daily at 15:00) of one spot frame, via the spot importer."""
    notes: list[str] = []
    if "代码" not in spot.columns:
        raise IngestError(Path(f"stock_zh_a_spot_em {date} {time}"), 1, "代码", "missing column")
    codes = spot["代码"].astype(str).str.strip().str.zfill(6)
    keep = _known_codes(codes)
    if not keep.all():
        notes.append(f"{int((~keep).sum())} rows with codes that fit no board dropped "
                     f"(e.g. {codes[~keep].iloc[0]})")
    frame = spot.loc[keep].assign(代码=codes[keep])
    data = frame.to_csv(index=False).encode("utf-8")
    src = Source(Path(f"stock_zh_a_spot_em_{date}_{time.replace(':', '')}.csv"), data)
    parsed = akshare_spot_em.parse(src, Options(date=date, time=time))
    notes.extend(n for n in parsed.notes if not n.startswith("intraday snapshot"))
    return parsed.frames, notes


def _index_symbol(code: object) -> str | None:
    c = str(code).strip().lower()
    for s in INDEX_SYMBOLS:
        if c in (s, s[2:]):
            return s
    return None


def _num(df: pd.DataFrame, col: str, *, price: bool = True) -> np.ndarray:
    """A numeric column (NaN where absent or not a number); a price of 0 means none."""
    if col not in df.columns:
        return np.full(len(df), np.nan)
    v = pd.to_numeric(df[col], errors="coerce").to_numpy(dtype=float)
    return np.where(v > 0, v, np.nan) if price else v


def index_frames(index: pd.DataFrame, date: str, time: str, state: IndexState
                 ) -> dict[str, pd.DataFrame]:
    """index_bars / index_daily / indices rows of the main indices in one index frame; advances
    ``state`` (call only for a minute that is then written)."""
    if state.date != date:
        state.reset(date)
    if "代码" not in index.columns or not len(index):
        return {}
    syms = [_index_symbol(c) for c in index["代码"]]
    rows = index.assign(_sym=syms)
    rows = rows[rows["_sym"].notna()].drop_duplicates("_sym")
    last, prev = _num(rows, "最新价"), _num(rows, "昨收")
    open_, high, low = _num(rows, "今开"), _num(rows, "最高"), _num(rows, "最低")
    vol = _num(rows, "成交量", price=False) * INDEX_VOLUME_SCALE
    amt = _num(rows, "成交额", price=False)
    bars, daily, cum = [], [], {}
    for i, sym in enumerate(rows["_sym"]):
        if not np.isfinite(last[i]):
            continue
        # Whole shares and fen: the difference of two cumulative figures is then exact, and a
        # collector that resumes from the stored bars gets the very bars it would have written.
        v = int(round(vol[i])) if np.isfinite(vol[i]) else None
        a = int(round(amt[i] * 100)) if np.isfinite(amt[i]) else None
        p_vol, p_amt, p_close = state.cum.get(sym, (0, 0, np.nan))
        o = p_close if np.isfinite(p_close) else (open_[i] if np.isfinite(open_[i]) else last[i])
        bars.append((date, time, sym, o, max(o, last[i]), min(o, last[i]), last[i],
                     float(max(v - p_vol, 0)) if v is not None else np.nan,
                     max(a - p_amt, 0) / 100 if a is not None else np.nan))
        daily.append((date, sym, open_[i], high[i], low[i], last[i], prev[i], vol[i], amt[i]))
        cum[sym] = (p_vol if v is None else v, p_amt if a is None else a, float(last[i]))
    state.cum.update(cum)
    out = {"indices": index_rows(set(cum))}
    if bars:
        out["index_bars"] = pd.DataFrame.from_records(bars, columns=list(COLUMNS["index_bars"]))
        out["index_daily"] = pd.DataFrame.from_records(daily, columns=list(COLUMNS["index_daily"]))
    return out


def build_minute(spot: pd.DataFrame, index: pd.DataFrame, date: str, time: str,
                 state: IndexState) -> Minute:
    """Every row of one minute; IngestError (nothing built) when the spot frame is unusable."""
    frames, notes = stock_frames(spot, date, time)
    frames.update(index_frames(index, date, time, state))
    return Minute(date, time, frames, notes)


def daily_from_quotes(quotes: pd.DataFrame, date: str) -> pd.DataFrame:
    """The day's daily bars from its last stored minute (``queries.quotes_at``, indexed by symbol),
    for a session whose 15:00 minute could not be recorded; suspended stocks get none."""
    q = quotes[quotes["last"].notna()]
    return pd.DataFrame({
        "date": date, "symbol": q.index.to_numpy(), "open": q["open"].to_numpy(),
        "high": q["high"].to_numpy(), "low": q["low"].to_numpy(), "close": q["last"].to_numpy(),
        "prev_close": q["prev_close"].to_numpy(), "volume": q["volume"].to_numpy(),
        "amount": q["amount"].to_numpy()})
