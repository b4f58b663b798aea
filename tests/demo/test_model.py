"""The demo model tells the 2026-06-02 story, exactly where exactness matters (no SQL, no Qt)."""

from __future__ import annotations

import hashlib
from datetime import date

import numpy as np
import pandas as pd
import pytest

from app.demo.build import build_demo_model
from app.demo.intraday import LAST, MORNING_END
from app.demo.model import SESSIONS, DemoModel
from app.demo.universe_spec import CONCEPTS, DEMO_DATE, PRIOR_DATE, SW_L1
from app.market.boards import Board, board_of
from app.market.calendar import trading_days_between
from app.market.limits import band_for, is_st_name, limit_fen, to_fen
from app.market.session import session_minutes

NOON = MORNING_END


@pytest.fixture(scope="module")
def model() -> DemoModel:
    return build_demo_model()


def _pos(model: DemoModel, symbol: str) -> int:
    return model.universe.pos(symbol)


def _index_pct(model: DemoModel, symbol: str, day: str, slot: int) -> float:
    bars = model.index_bars[day]
    level = bars[(bars["symbol"] == symbol) & (bars["time"] == session_minutes()[slot])]["close"]
    daily = model.index_daily
    prev = daily[(daily["symbol"] == symbol) & (daily["date"] == day)]["prev_close"]
    return (float(level.iloc[0]) / float(prev.iloc[0]) - 1.0) * 100.0


def _limits(model: DemoModel, symbol: str, day: str) -> tuple[int, int]:
    s = model.sessions[day]
    i = _pos(model, symbol)
    st = model.universe.stocks
    name = model.static_frame(day).at[symbol, "name"]
    band = band_for(Board(st.at[symbol, "board"]), date.fromisoformat(day), st=is_st_name(name))
    return limit_fen(int(s.plan.prev_fen[i]), band.up_pct, band.down_pct)


# ---- the universe ---------------------------------------------------------------------------

def test_board_mix_is_the_real_one(model):
    st = model.universe.stocks
    counts = st["board"].value_counts().to_dict()
    assert 5300 <= len(st) <= 5500
    assert 1650 <= counts["sse_main"] <= 1750
    assert 1450 <= counts["szse_main"] <= 1550
    assert 1330 <= counts["chinext"] <= 1430
    assert 560 <= counts["star"] <= 620
    assert 250 <= counts["bse"] <= 290
    for sym, code, market, board in zip(st.index, st["code"], st["market"], st["board"]):
        assert sym == market + code
        assert board_of(market, code).value == board
    assert (st.loc[st["board"] == "bse", "code"].str.startswith("920")).all()
    assert (st.loc[st["board"] == "bse", "market"] == "bj").all()


def test_real_leaders_and_invented_names(model):
    st = model.universe.stocks
    assert st.at["sh600487", "name"] == "亨通光电"
    assert st.at["sh601869", "name"] == "长飞光纤"
    assert st["name"].is_unique
    # Names look Chinese: CJK characters, optionally after an ST / *ST / N / C prefix.
    bare = st["name"].str.replace(r"^(\*ST|ST|N|C)", "", regex=True)
    assert bare.str.fullmatch(r"[\u4e00-\u9fff]{3,6}").all()


def test_st_names_and_new_listings(model):
    st = model.universe.stocks
    st_now = st["name"].map(is_st_name)
    assert 130 <= int(st_now.sum()) <= 170
    assert st.loc[st_now, "board"].isin(["sse_main", "szse_main", "chinext"]).all()
    days = trading_days_between("2026-05-01", DEMO_DATE)
    new = st[st["list_date"] >= "2026-05-01"]
    assert 3 <= len(new) <= 8
    for sym, row in new.iterrows():
        assert row["list_date"] in days, "listing dates are XSHG sessions"
        day_no = days.index(DEMO_DATE) - days.index(row["list_date"]) + 1
        assert 1 <= day_no <= 5
        assert row["name"].startswith("N" if day_no == 1 else "C"), (sym, row["name"])
    names = model.universe.names
    assert set(names["symbol"]) == set(st.index), "at least one names row per stock"
    assert names.duplicated(["symbol", "date"]).sum() == 0


def test_shares_and_caps_are_realistic(model):
    st = model.universe.stocks
    assert (st["float_shares"] > 0).all() and (st["float_shares"] <= st["total_shares"]).all()
    prev = model.sessions[DEMO_DATE].plan.prev_fen / 100.0
    cap = st["total_shares"].to_numpy() * prev
    assert (cap >= 1e11).sum() >= 10, "a few heavy weights of 1e11+ yuan"
    assert 5e13 <= cap.sum() <= 1.5e14


def test_sectors_industries_and_concepts(model):
    sec = model.universe.sectors
    l1 = sec[(sec["kind"] == "industry") & sec["parent_id"].isna()]
    assert len(l1) == 31
    assert set(l1["id"]) == {"sw" + c for c, *_ in SW_L1}
    assert "sw801080" in set(l1["id"]) and l1.set_index("id").at["sw801770", "name"] == "通信"
    children = sec[sec["parent_id"].notna()].groupby("parent_id").size()
    assert children.between(2, 4).all() and children.index.size == 31
    concepts = set(sec.loc[sec["kind"] == "concept", "name"])
    assert {"CPO", "光纤", "PCB", "算力", "体育", "传媒"} <= concepts
    assert 12 <= len(concepts) <= 16
    mem = model.universe.sector_members
    assert (mem["as_of"] == "2026-01-01").all()
    l2_ids = set(sec.loc[sec["parent_id"].notna(), "id"])
    in_l2 = mem[mem["sector_id"].isin(l2_ids)]
    assert in_l2["symbol"].is_unique and len(in_l2) == model.universe.n, "each stock in one L2"
    cpo = set(mem.loc[mem["sector_id"] == "bk_cpo", "symbol"])
    assert {"sh600487", "sz300308", "sz300502"} <= cpo
    assert len(CONCEPTS) == len(concepts)


# ---- the half-day story ----------------------------------------------------------------------

def test_index_moves_at_half_day(model):
    assert _index_pct(model, "sz399006", DEMO_DATE, NOON) == pytest.approx(2.15, abs=0.05)
    assert 0.7 <= _index_pct(model, "sh000688", DEMO_DATE, NOON) <= 1.3
    assert abs(_index_pct(model, "sh000001", DEMO_DATE, NOON)) <= 0.2


def test_index_levels_are_realistic_and_carried_by_weights(model):
    daily = model.index_daily
    prior = daily[daily["date"] == PRIOR_DATE].set_index("symbol")["close"]
    assert prior["sh000001"] == pytest.approx(3400, rel=0.02)
    assert prior["sz399001"] == pytest.approx(10500, rel=0.02)
    assert prior["sz399006"] == pytest.approx(2200, rel=0.02)
    assert prior["sh000688"] == pytest.approx(1050, rel=0.02)
    assert prior["sh000300"] == pytest.approx(3950, rel=0.02)
    # ChiNext: a few heavy optical-module weights up strongly, most constituents down.
    s = model.sessions[DEMO_DATE]
    w = model.indices.weights[model.indices.row("sz399006")]
    members = np.flatnonzero(w > 0)
    assert len(members) == 100
    pct = s.last_fen[NOON, members] / s.plan.prev_fen[members] - 1
    assert (pct < 0).sum() > 50
    contrib = w[members] * (s.last_fen[NOON, members] - s.plan.prev_fen[members])
    top = np.argsort(-contrib)[:3]
    assert contrib[top].sum() > contrib.sum(), "three names carry more than the whole index move"
    assert {model.symbols[members[i]] for i in top} & {"sz300308", "sz300502"}


def test_turnover_and_decliners_at_half_day(model):
    today = model.sessions[DEMO_DATE]
    prior = model.sessions[PRIOR_DATE]
    t_today = float(today.amount[NOON].sum())
    t_prior = float(prior.amount[NOON].sum())
    assert t_today == pytest.approx(1.81e12, rel=0.01)
    assert t_today < t_prior
    trading = today.trading
    down = trading & (today.last_fen[NOON] < today.plan.prev_fen)
    assert int(down.sum()) > 4100
    assert int(today.plan.suspended.sum()) == 10


def test_leaders_sealed_at_exact_limit_and_600487_at_a_new_high(model):
    s = model.sessions[DEMO_DATE]
    for sym in ("sh600487", "sh601869"):
        up, _ = _limits(model, sym, DEMO_DATE)
        assert s.last_fen[NOON, _pos(model, sym)] == up
        assert s.last_fen[LAST, _pos(model, sym)] == up
    i = _pos(model, "sh600487")
    daily = model.daily_frame()
    hist = daily[(daily["symbol"] == "sh600487") & (daily["date"] < DEMO_DATE)]
    assert len(hist) > 200
    assert to_fen(hist["high"].max()) < s.last_fen[NOON, i], "all-time high"


def test_limit_states_of_the_cast(model):
    s = model.sessions[DEMO_DATE]
    cast = model.cast
    up = {}
    for i in range(model.universe.n):
        if s.plan.up_fen[i] > 0:
            up[i] = int(s.plan.up_fen[i])
    auction = [i for i in cast.rows("streak5") + cast.rows("streak4") + cast.rows("auction_seal")
               + [_pos(model, "sh601869")]]
    for i in auction:
        assert s.last_fen[0, i] == s.high_fen[NOON, i] == s.last_fen[NOON, i] == up[i]
    # Re-sealed: touched, broke open (traded below the limit after the first touch), sealed again.
    for i in cast.rows("reseal") + [_pos(model, "sh600487")]:
        at = s.last_fen[:NOON + 1, i] == up[i]
        first = int(np.argmax(at))
        assert at.any() and not at[first:].all() and at[NOON]
    # Broken boards (炸板): touched the limit, closed the morning below it.
    broken = cast.rows("broken")
    assert len(broken) >= 2
    for i in broken:
        assert s.high_fen[NOON, i] == up[i] and s.last_fen[NOON, i] < up[i]
    assert _pos(model, "sh603083") in broken
    # Sports and media at limit-down.
    for part in ("sports_down", "media_down"):
        rows = cast.rows(part)
        assert len(rows) >= 5
        for i in rows:
            assert s.last_fen[NOON, i] == s.plan.down_fen[i]
    # CPO / fibre among the limit-ups at 11:30.
    concepts = model.universe.concepts
    optical = set(concepts["bk_cpo"]) | set(concepts["bk_fibre"])
    sealed = {i for i, u in up.items() if s.last_fen[NOON, i] == u}
    assert len(sealed & optical) >= 10
    assert 30 <= len(sealed) <= 90


def test_prices_stay_inside_the_limits(model):
    for day in SESSIONS:
        s = model.sessions[day]
        limited = (s.plan.up_fen > 0) & s.trading
        for arr in (s.last_fen, s.high_fen, s.low_fen, s.bar_high_fen, s.bar_low_fen):
            a = arr[:, limited]
            assert (a <= s.plan.up_fen[limited]).all() and (a >= s.plan.down_fen[limited]).all()
        t = s.trading
        assert (s.low_fen[:, t] <= s.last_fen[:, t]).all() and (s.last_fen[:, t] <= s.high_fen[:, t]).all()
        assert (np.diff(s.volume[:, t], axis=0) >= 0).all()
        assert (s.volume[:, t] % 100 == 0).all()
        vwap = s.amount[LAST, t] / np.maximum(s.volume[LAST, t], 1) * 100
        assert (vwap >= s.low_fen[LAST, t] - 1e-6).all() and (vwap <= s.high_fen[LAST, t] + 1e-6).all()


def test_suspended_and_unlisted(model):
    q = model.quotes_frame(DEMO_DATE)
    at = q[q["time"] == "11:30"]
    susp = at[at["last"].isna()]
    assert len(susp) == 10
    assert (susp["volume"] == 0).all() and (susp["prev_close"] > 0).all()
    prior = model.quotes_frame(PRIOR_DATE)
    day1 = model.universe.stocks.index[model.universe.stocks["list_date"] == DEMO_DATE]
    assert len(day1) >= 1 and not prior["symbol"].isin(day1).any(), "not quoted before listing"


def test_streaks_in_the_daily_history(model):
    daily = model.daily_frame()
    s = model.sessions[DEMO_DATE]
    sealed = model.symbols[(s.plan.up_fen > 0) & (s.last_fen[LAST] == s.plan.up_fen)]
    recent = daily[(daily["date"] >= "2026-05-20") & daily["symbol"].isin(sealed)]
    st = model.universe.stocks
    names = {d: model.static_frame(d)["name"] for d in recent["date"].unique()}

    def limit_up(row) -> bool:
        band = band_for(Board(st.at[row.symbol, "board"]), date.fromisoformat(row.date),
                        st=is_st_name(names[row.date][row.symbol]))
        if band.unlimited:
            return False
        return to_fen(row.close) == limit_fen(to_fen(row.prev_close), band.up_pct, band.down_pct)[0]

    recent["lu"] = [limit_up(r) for r in recent.itertuples()]
    streaks = {}
    for sym, g in recent.groupby("symbol"):
        if g["date"].iloc[-1] == DEMO_DATE and g["lu"].iloc[-1]:
            flags = g["lu"].to_numpy()[::-1]
            streaks[sym] = int(np.argmin(flags)) if not flags.all() else len(flags)
    ladder = pd.Series(streaks).value_counts()
    for k in (2, 3, 4, 5):
        assert ladder.get(k, 0) >= 1, f"no {k}-board streak"
    assert streaks["sh601869"] == 2 and streaks["sh600487"] == 1
    cpo = set(model.symbols[model.universe.concepts["bk_cpo"]])
    assert sum(1 for s, k in streaks.items() if s in cpo and 2 <= k <= 4) >= 2


def test_daily_history_is_consistent_with_sessions(model):
    daily = model.daily_frame()
    assert daily["date"].nunique() == 243
    assert daily["date"].max() == DEMO_DATE
    for day in SESSIONS:
        s = model.sessions[day]
        rows = daily[daily["date"] == day].set_index("symbol")
        cols = np.flatnonzero(s.trading)
        assert len(rows) == len(cols)
        sym = model.symbols[cols]
        assert np.array_equal(np.rint(rows.loc[sym, "close"].to_numpy() * 100), s.last_fen[LAST, cols])
        assert np.array_equal(rows.loc[sym, "volume"].to_numpy(), s.volume[LAST, cols])
    d = daily.sort_values(["symbol", "date"])
    prev_close = d.groupby("symbol")["close"].shift()
    ok = prev_close.notna()
    assert np.array_equal(d.loc[ok, "prev_close"].to_numpy(), prev_close[ok].to_numpy())
    cents = d[["open", "high", "low", "close", "prev_close"]].to_numpy() * 100
    assert np.allclose(cents, np.round(cents), atol=1e-6), "fen precision"
    assert (d["low"] <= d[["open", "close"]].min(axis=1)).all()
    assert (d["high"] >= d[["open", "close"]].max(axis=1)).all()


def test_index_levels_are_exact_cap_weighted_sums(model):
    iset = model.indices
    for day in SESSIONS:
        s = model.sessions[day]
        bars = model.index_bars[day]
        price = np.where(s.trading[None, :], s.last_fen, s.plan.prev_fen[None, :]) / 100.0
        for k, sym in enumerate(iset.symbols):
            close = bars[bars["symbol"] == sym]["close"].to_numpy()
            assert np.allclose(close, price @ iset.weights[k] / iset.divisors[k], rtol=1e-12)
            # Contributions w·Δp/divisor add up to the index move.
            dp = price[NOON] - s.plan.prev_fen / 100.0
            contrib = iset.weights[k] * dp / iset.divisors[k]
            prev_level = float(s.plan.prev_fen / 100.0 @ iset.weights[k] / iset.divisors[k])
            assert contrib.sum() == pytest.approx(close[NOON] - prev_level, abs=1e-6)


def test_afternoon_continues_the_story(model):
    assert 1.0 <= _index_pct(model, "sz399006", DEMO_DATE, LAST) <= 3.0
    assert abs(_index_pct(model, "sh000001", DEMO_DATE, LAST)) <= 0.6
    s = model.sessions[DEMO_DATE]
    down = s.trading & (s.last_fen[LAST] < s.plan.prev_fen)
    assert int(down.sum()) > 3800
    full = float(s.amount[LAST].sum())
    assert 2.5e12 <= full <= 3.3e12


def test_live_frames_match_the_session(model):
    q = model.quotes_frame(DEMO_DATE)
    at = model.quotes_at(DEMO_DATE, 57)
    ref = q[q["time"] == session_minutes()[57]].reset_index(drop=True)
    pd.testing.assert_frame_equal(at.reset_index(drop=True), ref, check_dtype=False)


def _digest(m: DemoModel) -> str:
    h = hashlib.sha256()
    for day in SESSIONS:
        s = m.sessions[day]
        for a in (s.last_fen, s.high_fen, s.low_fen, s.volume, s.amount):
            h.update(np.ascontiguousarray(a).tobytes())
    h.update(pd.util.hash_pandas_object(m.daily_frame(), index=False).to_numpy().tobytes())
    h.update(pd.util.hash_pandas_object(m.stocks_frame(), index=False).to_numpy().tobytes())
    h.update(pd.util.hash_pandas_object(m.index_daily, index=False).to_numpy().tobytes())
    return h.hexdigest()


def test_deterministic(model):
    assert _digest(build_demo_model()) == _digest(model)
