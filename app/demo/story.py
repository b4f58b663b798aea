"""The demo story: who does what on 2026-06-01 and 2026-06-02.

On the demo date the market is narrow: CPO and fibre-optic names lead (streaks, auction seals,
re-seals, a few broken boards), ChiNext is carried up by its heavy optical-module weights, the SSE
Composite is flat on its heavyweights, and more than three quarters of all stocks fall; sports and
media names hit limit-down. The prior session is an ordinary, mildly positive day.

This module only decides the *cast* (which row plays which part) and the intraday scripts
(waypoints, see app.demo.intraday); the engine turns them into prices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from app.demo.intraday import DOWN, UP, Waypoint
from app.demo.universe import Universe

# Index targets: (index symbol, % at 11:30, % at 15:00) per session.
TARGETS: dict[str, tuple[tuple[str, float, float], ...]] = {
    "2026-06-01": (("sz399006", 0.0082, 0.0113), ("sh000688", 0.0041, 0.0056),
                   ("sh000001", 0.0016, 0.0033)),
    "2026-06-02": (("sz399006", 0.0215, 0.0191), ("sh000688", 0.0100, 0.0084),
                   ("sh000001", -0.0006, -0.0019)),
}
# Sum of all stocks' amount at 11:30 (yuan).
TURNOVER_1130 = {"2026-06-01": 1.86e12, "2026-06-02": 1.81e12}
# Share of generic stocks that should be below their prev close at 11:30.
DECLINE_SHARE = {"2026-06-01": 0.44, "2026-06-02": 0.815}
PM_DRIFT = {"2026-06-01": 0.002, "2026-06-02": -0.0025}


@dataclass
class Cast:
    """Rows (positions in the universe) per story part, and per-day scripts."""

    parts: dict[str, list[int]] = field(default_factory=dict)
    scripts: dict[str, dict[int, list[Waypoint]]] = field(default_factory=dict)
    streak: dict[int, int] = field(default_factory=dict)        # streak length on the demo date
    one_word: dict[str, set[int]] = field(default_factory=dict)  # per day
    suspended: dict[str, set[int]] = field(default_factory=dict)
    suspended_since: dict[int, str] = field(default_factory=dict)
    calibrators: dict[str, list[int]] = field(default_factory=dict)  # index symbol -> rows
    hot: set[int] = field(default_factory=set)
    anchors: dict[str, dict[int, tuple[float, float, float]]] = field(default_factory=dict)

    def rows(self, part: str) -> list[int]:
        return self.parts.get(part, [])


def _seal_late(rng: np.random.Generator, first: int, last: int, r0: float | None = None
               ) -> list[Waypoint]:
    s1 = int(rng.integers(first, last))
    start = float(rng.uniform(0.0, 0.035)) if r0 is None else r0
    return [(0, start), (s1, UP), (240, UP)]


def _reseal(rng: np.random.Generator, first: int = 8, last: int = 60) -> list[Waypoint]:
    s1 = int(rng.integers(first, last))
    s2 = s1 + int(rng.integers(4, 14))
    s3 = s2 + int(rng.integers(5, 30))
    return [(0, float(rng.uniform(0.01, 0.04))), (s1, UP), (s2, UP),
            (s2 + 4, float(rng.uniform(0.055, 0.08))), (s3, UP), (240, UP)]


def _broken(rng: np.random.Generator) -> list[Waypoint]:
    s1 = int(rng.integers(10, 60))
    s2 = s1 + int(rng.integers(3, 15))
    r_noon = float(rng.uniform(0.035, 0.07))
    return [(0, float(rng.uniform(0.01, 0.03))), (s1, UP), (s2, UP), (120, r_noon),
            (240, r_noon - float(rng.uniform(0.0, 0.02)))]


def _auction_seal(dip: bool, rng: np.random.Generator) -> list[Waypoint]:
    if not dip:
        return [(0, UP), (240, UP)]
    a = int(rng.integers(5, 30))
    return [(0, UP), (a, UP), (a + 3, float(rng.uniform(0.07, 0.088))), (a + int(rng.integers(6, 14)), UP),
            (240, UP)]


def _limit_down(rng: np.random.Generator, from_open: bool = False) -> list[Waypoint]:
    if from_open:
        return [(0, DOWN), (240, DOWN)]
    s1 = int(rng.integers(5, 100))
    return [(0, float(rng.uniform(-0.04, -0.01))), (s1, DOWN), (240, DOWN)]


def cast_story(rng: np.random.Generator, uni: Universe) -> Cast:
    """Assign the story's parts to rows of the universe and write the two sessions' scripts."""
    st = uni.stocks
    sym_pos = {s: i for i, s in enumerate(st.index)}
    roles = st["role"].to_numpy(dtype=object)
    board = st["board"].to_numpy(dtype=object)
    main = np.isin(board, ["sse_main", "szse_main"])
    used: set[int] = set()
    cast = Cast(scripts={"2026-06-01": {}, "2026-06-02": {}},
                one_word={"2026-06-01": set(), "2026-06-02": set()},
                suspended={"2026-06-01": set(), "2026-06-02": set()},
                anchors={"2026-06-01": {}, "2026-06-02": {}})
    d0, d1 = "2026-06-01", "2026-06-02"

    def take(pool: np.ndarray | list[int], k: int, part: str, only_main: bool = False) -> list[int]:
        cand = [int(i) for i in pool if int(i) not in used and roles[int(i)] == ""
                and (main[int(i)] or not only_main)]
        pick = [int(i) for i in rng.choice(np.array(cand), size=k, replace=False)]
        used.update(pick)
        cast.parts.setdefault(part, []).extend(pick)
        return pick

    members = uni.concepts
    cpo, fibre = members["bk_cpo"], members["bk_fibre"]
    pcb, compute = members["bk_pcb"], members["bk_compute"]
    sports, media = members["bk_sports"], members["bk_media"]
    for cid in ("bk_cpo", "bk_fibre", "bk_pcb", "bk_compute"):
        cast.hot.update(int(i) for i in members[cid])

    real = {code: sym_pos[s] for s, code in zip(st.index, st["code"]) if roles[sym_pos[s]] != ""
            and str(roles[sym_pos[s]]).startswith(("lead", "cpo"))}
    used.update(real.values())

    s1 = cast.scripts[d1]
    s0 = cast.scripts[d0]

    # ---- streaks (连板) ending on the demo date ------------------------------------------------
    (r5,) = take(compute, 1, "streak5", only_main=True)
    (r4,) = take(cpo, 1, "streak4", only_main=True)
    r3 = take(cpo, 2, "streak3", only_main=True)
    r2 = take(np.concatenate([cpo, fibre]), 2, "streak2", only_main=True)
    lead2 = real["601869"]
    cast.parts["streak2"].append(lead2)
    for r, k in [(r5, 5), (r4, 4), (r3[0], 3), (r3[1], 3), (r2[0], 2), (r2[1], 2), (lead2, 2)]:
        cast.streak[r] = k
    s1[r5] = _auction_seal(False, rng)
    s1[r4] = _auction_seal(False, rng)
    s1[r3[0]] = _auction_seal(True, rng)
    s1[r3[1]] = _reseal(rng)
    s1[r2[0]] = _reseal(rng)
    s1[r2[1]] = _seal_late(rng, 45, 100)
    s1[lead2] = [(0, UP), (31, UP), (34, 0.082), (41, UP), (240, UP)]
    cast.one_word[d1].update([r5, r4])
    # Their prior session: sealed too (the streak's previous day).
    s0[r5] = _auction_seal(False, rng)
    cast.one_word[d0].add(r5)
    s0[r4] = _auction_seal(True, rng)
    s0[r3[0]] = _seal_late(rng, 20, 90)
    s0[r3[1]] = _reseal(rng)
    s0[r2[0]] = _seal_late(rng, 60, 200)
    s0[r2[1]] = _seal_late(rng, 100, 220)
    s0[lead2] = _seal_late(rng, 160, 175, r0=0.012)

    # ---- first boards among the leaders ---------------------------------------------------------
    lead = real["600487"]
    cast.parts["lead"] = [lead, lead2]
    s1[lead] = [(0, 0.021), (18, 0.062), (22, UP), (27, UP), (31, 0.081), (35, UP), (240, UP)]
    cast.anchors[d0][lead] = (0.004, 0.017, 0.029)   # a firm prior day just under its highs
    reseal = [real["002281"], *take(fibre, 2, "reseal", only_main=True)]
    cast.parts.setdefault("reseal", []).insert(0, real["002281"])
    for r in reseal:
        s1[r] = _reseal(rng)
    late = [real["300394"], *take(cpo, 3, "seal_late"), *take(fibre, 2, "seal_late", only_main=True)]
    cast.parts["seal_late"].insert(0, real["300394"])
    for r in late:
        s1[r] = _seal_late(rng, 6, 90)
    (ow,) = take(fibre, 1, "auction_seal", only_main=True)
    s1[ow] = _auction_seal(True, rng)
    broken = [real["603083"], *take(fibre, 1, "broken", only_main=True),
              *take(cpo, 1, "broken", only_main=True)]
    cast.parts["broken"].insert(0, real["603083"])
    for r in broken:
        s1[r] = _broken(rng)
    for r in take(pcb, 3, "seal_late_pcb"):
        s1[r] = _seal_late(rng, 20, 110)
    for r in take(pcb, 1, "broken"):
        s1[r] = _broken(rng)
    for r in take(compute, 3, "seal_late_compute"):
        s1[r] = _seal_late(rng, 20, 110)

    # ---- the heavy optical-module weights carry ChiNext; a STAR optical chip name is up -------------
    heavy_cpo = [real["300308"], real["300502"]]
    cast.parts["cpo_heavy"] = heavy_cpo
    cast.anchors[d1][heavy_cpo[0]] = (0.045, 0.125, 0.115)
    cast.anchors[d1][heavy_cpo[1]] = (0.052, 0.142, 0.131)
    cast.anchors[d0][heavy_cpo[0]] = (0.006, 0.021, 0.028)
    cast.anchors[d0][heavy_cpo[1]] = (0.004, 0.024, 0.031)
    cast.anchors[d1][real["688498"]] = (0.035, 0.092, 0.087)
    cast.calibrators["sz399006"] = heavy_cpo

    # ---- random limit-ups elsewhere, ST limit moves ------------------------------------------------
    generic = np.flatnonzero(roles == "")
    for r in take(generic, 16, "random_up"):
        s1[r] = _seal_late(rng, 5, 115)
    st_rows = np.flatnonzero(roles == "st")
    for r in _take_st(rng, st_rows, used, 4, cast, "st_up"):
        s1[r] = _seal_late(rng, 10, 110)
    for r in _take_st(rng, st_rows, used, 6, cast, "st_down"):
        s1[r] = _limit_down(rng, from_open=bool(rng.random() < 0.3))

    # ---- limit-downs: sports and media, a few others --------------------------------------------
    for k, r in enumerate(take(sports, 9, "sports_down")):
        s1[r] = _limit_down(rng, from_open=k < 1)
    for k, r in enumerate(take(media, 9, "media_down")):
        s1[r] = _limit_down(rng, from_open=k < 1)
    for r in take(generic, 3, "random_down"):
        s1[r] = _limit_down(rng)
    (bounce,) = take(media, 1, "touch_down")
    s_dn = int(rng.integers(15, 50))
    s1[bounce] = [(0, -0.03), (s_dn, DOWN), (s_dn + 3, DOWN), (120, -0.072), (240, -0.068)]

    # ---- prior session: an ordinary day with its own limit-ups/downs -------------------------------
    for r in take(generic, 34, "prior_up"):
        s0[r] = _seal_late(rng, 5, 230)
    for r in take(generic, 10, "prior_down"):
        s0[r] = _limit_down(rng)

    # ---- suspensions ----------------------------------------------------------------------------
    susp = take(generic, 10, "suspended")
    for k, r in enumerate(susp):
        cast.suspended[d1].add(r)
        if k < 4:
            cast.suspended[d0].add(r)
            cast.suspended_since[r] = "2026-05-25"
        else:
            cast.suspended_since[r] = d1

    # ---- calibrators: SSE heavies hold the SSE Composite, STAR heavies lift the STAR 50 -----------
    heavy = np.flatnonzero(roles == "heavy")
    cast.calibrators["sh000688"] = [int(i) for i in heavy if board[i] == "star"]
    cast.calibrators["sh000001"] = [int(i) for i in heavy if board[i] == "sse_main"]
    cast.hot.update(cast.calibrators["sz399006"])
    return cast


def _take_st(rng: np.random.Generator, st_rows: np.ndarray, used: set[int], k: int, cast: Cast,
             part: str) -> list[int]:
    cand = np.array([int(i) for i in st_rows if int(i) not in used])
    pick = [int(i) for i in rng.choice(cand, size=k, replace=False)]
    used.update(pick)
    cast.parts.setdefault(part, []).extend(pick)
    return pick


def story_limit_ups(cast: Cast) -> list[int]:
    """Rows scripted to be sealed at the limit at 11:30 on the demo date."""
    out = []
    for part in ("streak5", "streak4", "streak3", "streak2", "lead", "reseal", "seal_late",
                 "auction_seal", "seal_late_pcb", "seal_late_compute", "random_up", "st_up"):
        out.extend(cast.rows(part))
    return sorted(set(out))
