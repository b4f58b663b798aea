"""The demo market's static side: stocks, boards, names, caps, industries and concept boards.

Everything here is deterministic from one ``numpy.random.Generator``. The fixed tables are in
``universe_spec``, the names in ``stock_names``, the sector tables in ``sector_tables``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from app.demo.sector_tables import concept_members, sector_tables
from app.demo.stock_names import invent_names, point_in_time_names
from app.demo.universe_spec import (
    BOARD_CAPS,
    BOARD_PLAN,
    DEMO_DATE,
    HEAVY_STOCKS,
    NEW_LISTINGS,
    REAL_STOCKS,
    SW_L1,
)


@dataclass
class Universe:
    """Static attributes of every demo stock, sorted by symbol (the column order of all arrays)."""

    stocks: pd.DataFrame            # index symbol; see build_universe for the columns
    concepts: dict[str, np.ndarray]  # concept id -> member row positions
    sectors: pd.DataFrame            # id, name, kind, parent_id, source
    sector_members: pd.DataFrame     # sector_id, symbol, as_of
    names: pd.DataFrame              # symbol, date, name (point-in-time)
    roles: np.ndarray                # story role per row ('' = generic)

    @property
    def n(self) -> int:
        return len(self.stocks)

    def pos(self, symbol: str) -> int:
        return int(self.stocks.index.get_loc(symbol))


def _sample_codes(rng: np.random.Generator, prefixes: tuple[tuple[str, float], ...], count: int,
                  taken: set[str]) -> list[str]:
    shares = np.array([s for _, s in prefixes])
    per = np.floor(shares * count).astype(int)
    per[0] += count - per.sum()
    codes: list[str] = []
    for (prefix, _), k in zip(prefixes, per):
        free = [n for n in range(1, 1000) if f"{prefix}{n:03d}" not in taken]
        pick = np.sort(rng.choice(np.array(free), size=int(k), replace=False))
        codes.extend(f"{prefix}{n:03d}" for n in pick)
    return codes


def build_universe(rng: np.random.Generator, trading_days: list[str]) -> Universe:
    """Draw the demo market's stocks. ``trading_days`` are XSHG sessions up to the demo date."""
    l1_codes = [c for c, *_ in SW_L1]
    l1_weight = np.array([w for _, _, w, _, _ in SW_L1])
    l1_weight = l1_weight / l1_weight.sum()
    l1_index = {c: i for i, c in enumerate(l1_codes)}

    # ---- codes per board: real names first, then heavies, new listings and the rest -------------
    real_codes = {c for c, *_ in REAL_STOCKS}
    rows: list[dict[str, object]] = []
    taken: set[str] = set(real_codes)
    for code, name, board, l1, l2, cap, price, concepts, role in REAL_STOCKS:
        rows.append(dict(code=code, board=board, name=name, l1=l1, l2=l2, cap=cap, price=price,
                         float_ratio=0.97, fixed_concepts=concepts, role=role, real=True))
    board_codes: dict[str, list[str]] = {}
    for board, _market, prefixes, count in BOARD_PLAN:
        fixed = sum(1 for r in rows if r["board"] == board)
        codes = _sample_codes(rng, prefixes, count - fixed, taken)
        taken.update(codes)
        board_codes[board] = list(rng.permutation(codes))
    heavy_rows: list[dict[str, object]] = []
    for board, l1, l2, cap, price, fr, concepts in HEAVY_STOCKS:
        code = board_codes[board].pop()
        heavy_rows.append(dict(code=code, board=board, name=None, l1=l1, l2=l2, cap=cap, price=price,
                               float_ratio=fr, fixed_concepts=concepts, role="heavy", real=False))
    rows.extend(heavy_rows)
    for board, day_no, issue, cap, fr in NEW_LISTINGS:
        # Newly listed codes are the highest of their range, as real allocation tends to be.
        codes = sorted(board_codes[board])
        code = codes[-1]
        board_codes[board].remove(code)
        rows.append(dict(code=code, board=board, name=None, l1=None, l2=None, cap=cap, price=issue,
                         float_ratio=fr, fixed_concepts=(), role=f"ipo_day{day_no}", real=False))
    for board, codes in board_codes.items():
        med, sig, pmed, psig = BOARD_CAPS[board]
        caps = med * np.exp(sig * rng.standard_normal(len(codes)))
        prices = pmed * np.exp(psig * rng.standard_normal(len(codes)))
        for code, cap, price in zip(codes, caps, prices):
            rows.append(dict(code=code, board=board, name=None, l1=None, l2=None, cap=float(cap),
                             price=float(price), float_ratio=float(rng.uniform(0.55, 1.0)),
                             fixed_concepts=(), role="", real=False))

    df = pd.DataFrame(rows)
    market_of = {b: m for b, m, _, _ in BOARD_PLAN}
    df["market"] = df["board"].map(market_of)
    df["symbol"] = df["market"] + df["code"]
    df = df.sort_values("symbol").reset_index(drop=True)
    n = len(df)

    # ---- industries --------------------------------------------------------------------------
    l1 = df["l1"].to_numpy(dtype=object).copy()
    need = pd.isna(df["l1"]).to_numpy()
    draws = rng.choice(len(l1_codes), size=n, p=l1_weight)
    l1[need] = np.array(l1_codes, dtype=object)[draws[need]]
    # BSE and STAR lean towards machinery/electronics/pharma; banks list only on the main boards.
    boards = df["board"].to_numpy(dtype=object)
    bank_or_fin = np.isin(l1, ["801780"]) & ~np.isin(boards, ["sse_main", "szse_main"]) & need
    l1[bank_or_fin] = "801890"
    df["l1"] = l1
    l2 = df["l2"].to_numpy(dtype=object).copy()
    for i in np.flatnonzero(pd.isna(df["l2"]).to_numpy()):
        k = len(SW_L1[l1_index[l1[i]]][3])
        l2[i] = int(rng.integers(k))
    df["l2"] = l2.astype(int)
    df["sw_l1"] = "sw" + df["l1"].astype(str)
    df["sw_l2"] = "sw" + (df["l1"].astype(int) + 1 + df["l2"]).astype(str)
    df["industry"] = [SW_L1[l1_index[c]][1] for c in df["l1"]]

    # ---- names -------------------------------------------------------------------------------
    real_names = {name for _, name, *_ in REAL_STOCKS}
    invent = df["name"].isna().to_numpy()
    suffixes = [SW_L1[l1_index[c]][4] for c in df.loc[invent, "l1"]]
    df.loc[invent, "name"] = invent_names(rng, suffixes, real_names)
    df["base_name"] = df["name"]

    # ---- ST / *ST: about 150, mostly main board, small caps -----------------------------------
    roles = df["role"].to_numpy(dtype=object).copy()
    generic = roles == ""
    main = np.isin(boards := df["board"].to_numpy(dtype=object), ["sse_main", "szse_main"])
    cands_main = np.flatnonzero(generic & main)
    cands_gem = np.flatnonzero(generic & (boards == "chinext"))
    st_rows = np.concatenate([rng.choice(cands_main, 140, replace=False),
                              rng.choice(cands_gem, 12, replace=False)])
    st_kind = np.full(n, "", dtype=object)
    st_kind[st_rows] = np.where(rng.random(len(st_rows)) < 0.45, "*ST", "ST")
    roles[st_rows] = "st"
    df["st_kind"] = st_kind
    caps = df["cap"].to_numpy(dtype=float).copy()
    prices = df["price"].to_numpy(dtype=float).copy()
    caps[st_rows] = 1.8e9 * np.exp(0.5 * rng.standard_normal(len(st_rows)))
    prices[st_rows] = 2.9 * np.exp(0.45 * rng.standard_normal(len(st_rows)))
    # Fiction needs at least a few cents of room; keep everything above 1.20 yuan.
    prices = np.maximum(prices, 1.2)
    df["cap"] = caps
    df["price"] = np.round(prices, 2)

    # ---- listing dates ---------------------------------------------------------------------
    demo_pos = trading_days.index(DEMO_DATE)
    list_date = np.empty(n, dtype=object)
    years = rng.integers(1993, 2025, size=n)
    months = rng.integers(1, 13, size=n)
    mdays = rng.integers(1, 29, size=n)
    # Board inception bounds: ChiNext from 2009-10-30, STAR from 2019-07-22, BSE from 2021-11-15.
    floor_year = {"chinext": 2010, "star": 2020, "bse": 2022, "sse_main": 1993, "szse_main": 1993}
    for i in range(n):
        y = max(int(years[i]), floor_year[boards[i]])
        if boards[i] in ("star", "bse") and y < 2020:
            y = 2020 + int(rng.integers(0, 5))
        list_date[i] = f"{min(y, 2024):04d}-{months[i]:02d}-{mdays[i]:02d}"
    for i in np.flatnonzero(pd.Series(roles).str.startswith("ipo_day").to_numpy()):
        day_no = int(str(roles[i])[len("ipo_day"):])
        list_date[i] = trading_days[demo_pos - day_no + 1]
    df["list_date"] = list_date

    # ---- shares: caps from the target cap at the anchor price --------------------------------
    total_shares = np.round(df["cap"].to_numpy() / df["price"].to_numpy() / 1e4) * 1e4
    float_shares = np.round(total_shares * df["float_ratio"].to_numpy() / 100) * 100
    df["total_shares"] = total_shares
    df["float_shares"] = float_shares

    df["role"] = roles
    df = df.set_index("symbol")

    names = point_in_time_names(rng, df, trading_days)
    current = names.sort_values(["symbol", "date"]).groupby("symbol")["name"].last()
    df["name"] = current.reindex(df.index)

    concepts = concept_members(rng, df)
    sectors, members = sector_tables(df, concepts)
    uni = Universe(stocks=df, concepts=concepts, sectors=sectors, sector_members=members,
                   names=names, roles=df["role"].to_numpy(dtype=object))
    return uni

