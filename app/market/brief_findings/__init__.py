"""The day's key takeaways as findings: numbers with an importance score and a link target.

Pure (no Qt, no SQL). Every finder reads a ``SessionView``-like object (attributes date, time,
enriched, counts, summary, indices, concentration, series, prior_series, prior_date; any may be
missing) and returns a ``Finding`` only where its data exists: no index minute at the shown time
means no index claim, no prior session at the same clock time means no turnover comparison, no
price history means no new-high claim.

Evidence holds plain Python values (JSON-ready, no NaN) and is what ``app.market.brief_text`` turns
into sentences. Percentages are kept as computed; the text rounds them as the panels do (2
decimals), and derived differences (the index spread) are taken from the *rounded* values so that a
reader who subtracts the printed numbers gets the printed difference.

Thresholds and the importance scale live in ``base``, in one place; one module per
kind of finding (``indices``, ``boards``, ``limit_ups``, ``breadth``), ``assemble`` ranks them.
"""

from __future__ import annotations

from app.market.brief_findings.base import (BASE_SCORE, BASE_SCORE_PLAIN_BREADTH,
                                            BASE_SCORE_PLAIN_TURNOVER, BOARDS_NAMED,
                                            BOARD_MIN_MOVE_PCT, BROAD_ADVANCER_SHARE,
                                            CLUSTERS_NAMED, CONCENTRATED_DECLINER_SHARE,
                                            CONCENTRATED_INDEX_MIN_PCT, CONTRIBUTORS_NAMED,
                                            Finding, INDEX_NAMES_EN, INDEX_NAMES_ZH,
                                            KIND_BOARDS_DOWN, KIND_BOARDS_UP, KIND_BREADTH,
                                            KIND_CONTRIBUTORS, KIND_INDICES, KIND_INDUSTRIES,
                                            KIND_LIMIT_DOWN, KIND_LIMIT_UP, KIND_NEW_HIGHS,
                                            KIND_TURNOVER, LIMIT_DOWN_CLUSTER_MIN,
                                            LIMIT_DOWN_CLUSTER_SHARE, MIN_BOARD_STOCKS,
                                            NEW_HIGH_MIN_DAYS, SALIENCE_SPAN, STOCKS_NAMED,
                                            SWEEPING_SHARE, TARGET_INDEX, TARGET_SECTOR,
                                            TARGET_STOCK, TURNOVER_SHARP_PCT, TURNOVER_SLIGHT_PCT)
from app.market.brief_findings.indices import (find_contributors, find_indices, index_moves,
                                               index_pct_at, leading_index)
from app.market.brief_findings.boards import find_boards, find_industries, find_limit_down
from app.market.brief_findings.limit_ups import (find_limit_up, find_new_highs,
                                                 history_high_from_daily)
from app.market.brief_findings.breadth import find_breadth, find_turnover
from app.market.brief_findings.assemble import findings

__all__ = [
    "BASE_SCORE",
    "BASE_SCORE_PLAIN_BREADTH",
    "BASE_SCORE_PLAIN_TURNOVER",
    "BOARDS_NAMED",
    "BOARD_MIN_MOVE_PCT",
    "BROAD_ADVANCER_SHARE",
    "CLUSTERS_NAMED",
    "CONCENTRATED_DECLINER_SHARE",
    "CONCENTRATED_INDEX_MIN_PCT",
    "CONTRIBUTORS_NAMED",
    "Finding",
    "INDEX_NAMES_EN",
    "INDEX_NAMES_ZH",
    "KIND_BOARDS_DOWN",
    "KIND_BOARDS_UP",
    "KIND_BREADTH",
    "KIND_CONTRIBUTORS",
    "KIND_INDICES",
    "KIND_INDUSTRIES",
    "KIND_LIMIT_DOWN",
    "KIND_LIMIT_UP",
    "KIND_NEW_HIGHS",
    "KIND_TURNOVER",
    "LIMIT_DOWN_CLUSTER_MIN",
    "LIMIT_DOWN_CLUSTER_SHARE",
    "MIN_BOARD_STOCKS",
    "NEW_HIGH_MIN_DAYS",
    "SALIENCE_SPAN",
    "STOCKS_NAMED",
    "SWEEPING_SHARE",
    "TARGET_INDEX",
    "TARGET_SECTOR",
    "TARGET_STOCK",
    "TURNOVER_SHARP_PCT",
    "TURNOVER_SLIGHT_PCT",
    "find_boards",
    "find_breadth",
    "find_contributors",
    "find_indices",
    "find_industries",
    "find_limit_down",
    "find_limit_up",
    "find_new_highs",
    "find_turnover",
    "findings",
    "history_high_from_daily",
    "index_moves",
    "index_pct_at",
    "leading_index",
]
