"""``tidemark collect --make-demo-replay DIR``: the demo session written as a recording of akshare
frames (the layout app.ingest.collect.replay_feed reads), so ``collect --replay DIR`` can be
watched without a market: per minute a ``stock_zh_a_spot_em`` frame (columns in Chinese, 成交量 in
手, as akshare returns it) and a ``stock_zh_index_spot_em`` frame of the five main indices.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from app.demo.build import build_demo_model
from app.demo.indices import INDEX_DEFS
from app.demo.live import LiveFeed
from app.demo.universe_spec import DEMO_DATE
from app.market.session import SLOTS

SPOT = "stock_zh_a_spot_em"
INDEX = "stock_zh_index_spot_em"


def _pct(last: np.ndarray, prev: np.ndarray) -> np.ndarray:
    return np.round((last / prev - 1.0) * 100.0, 2)


def spot_frame(q: pd.DataFrame, static: pd.DataFrame) -> pd.DataFrame:
    """One minute of the demo (LiveFeed.quotes) as akshare's spot frame."""
    st = static.reindex(q["symbol"].to_numpy())
    last, prev = q["last"].to_numpy(float), q["prev_close"].to_numpy(float)
    high, low = q["high"].to_numpy(float), q["low"].to_numpy(float)
    ref = np.where(np.isfinite(last), last, prev)
    return pd.DataFrame({
        "序号": np.arange(1, len(q) + 1),
        "代码": st["code"].to_numpy(dtype=object),
        "名称": st["name"].to_numpy(dtype=object),
        "最新价": np.round(last, 2),
        "涨跌幅": _pct(last, prev),
        "涨跌额": np.round(last - prev, 2),
        "成交量": np.round(q["volume"].to_numpy(float) / 100.0, 2),   # 手
        "成交额": np.round(q["amount"].to_numpy(float), 2),
        "振幅": np.round((high - low) / prev * 100.0, 2),
        "最高": np.round(high, 2),
        "最低": np.round(low, 2),
        "今开": np.round(q["open"].to_numpy(float), 2),
        "昨收": np.round(prev, 2),
        "总市值": np.round(st["total_shares"].to_numpy(float) * ref, 0),
        "流通市值": np.round(st["float_shares"].to_numpy(float) * ref, 0),
    })


def index_frames(feed: LiveFeed, prev_close: dict[str, float]) -> list[pd.DataFrame]:
    """Per minute, the five indices as akshare's index spot frame (cumulative volume / amount)."""
    per_sym = {}
    for sym, *_ in INDEX_DEFS:
        rows = pd.concat([feed.index_bars[t][feed.index_bars[t]["symbol"] == sym]
                          for t in feed.times], ignore_index=True)
        per_sym[sym] = rows
    out = []
    for slot in range(len(feed.times)):
        recs = []
        for i, (sym, code, _mkt, name, _en, _lvl) in enumerate(INDEX_DEFS):
            b = per_sym[sym].iloc[:slot + 1]
            last = float(b["close"].iloc[-1])
            prev = prev_close.get(sym, np.nan)
            recs.append({
                "序号": i + 1, "代码": code, "名称": name, "最新价": round(last, 2),
                "涨跌幅": round((last / prev - 1) * 100, 2), "涨跌额": round(last - prev, 2),
                "成交量": round(float(b["volume"].sum()) / 100.0, 2),
                "成交额": round(float(b["amount"].sum()), 2),
                "最高": round(float(b["high"].max()), 2), "最低": round(float(b["low"].min()), 2),
                "今开": round(float(b["open"].iloc[0]), 2), "昨收": round(prev, 2)})
        out.append(pd.DataFrame.from_records(recs))
    return out


def write_recording(out: str | Path, minutes: int = SLOTS) -> list[Path]:
    """Write the first ``minutes`` minutes of the demo session under ``out``; the spot files."""
    root = Path(out) / DEMO_DATE
    root.mkdir(parents=True, exist_ok=True)
    model = build_demo_model()
    feed = LiveFeed.from_model(model)
    static = model.stocks_frame().set_index("symbol")
    names = model.names_frame()
    pit = names[names["date"] <= DEMO_DATE].sort_values("date").groupby("symbol")["name"].last()
    static["name"] = pit.reindex(static.index).fillna(static["name"])
    prev = dict(zip(feed.index_daily["symbol"], feed.index_daily["prev_close"], strict=True))
    idx = index_frames(feed, prev)
    written = []
    for slot in range(min(minutes, SLOTS)):
        stem = feed.times[slot].replace(":", "")
        spot = root / f"{stem}_{SPOT}.csv"
        spot_frame(feed.quotes(slot), static).to_csv(spot, index=False)
        idx[slot].to_csv(root / f"{stem}_{INDEX}.csv", index=False)
        written.append(spot)
    return written


def run_make_replay(out: str | Path, minutes: int = SLOTS) -> int:
    files = write_recording(out, minutes)
    print(f"tidemark collect: {len(files)} minute(s) of the demo session recorded under {out} "
          f"(replay with: tidemark collect --replay {out} --db P)", file=sys.stderr)
    return 0
