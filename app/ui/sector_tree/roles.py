"""The sector tree model's constants: custom roles, badge keys, filters, node ids and alignments."""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from app.ui.sector_tree.arrays import N_COLS, Col

ModelIndex = QModelIndex | QPersistentModelIndex

# Custom roles.
SYMBOL_ROLE = int(Qt.ItemDataRole.UserRole) + 1      # stock rows: 'sh600487'
SECTOR_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2   # sector rows: id; stock rows: their sector
NODE_KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 3   # 'group' | 'sector' | 'stock'
BADGES_ROLE = int(Qt.ItemDataRole.UserRole) + 4      # LIMIT: stock [(key, text)]; sector (up, down)
STATE_ROLE = int(Qt.ItemDataRole.UserRole) + 5       # stock rows: sealed/one_word/broken/limit_down/none
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 6        # the numeric value the column sorts by

# Badge keys (the delegate picks colours by key).
BADGE_SEALED = "sealed"
BADGE_ONE_WORD = "one_word"
BADGE_BROKEN = "broken"
BADGE_RESEALED = "resealed"
BADGE_STREAK = "streak"
BADGE_LIMIT_DOWN = "limit_down"

FILTER_ALL = "all"
FILTER_LIMIT_UP = "limit_up"
FILTER_LIMIT_DOWN = "limit_down"
FILTER_BROKEN = "broken"
FILTERS = (FILTER_ALL, FILTER_LIMIT_UP, FILTER_LIMIT_DOWN, FILTER_BROKEN)

GROUP_INDUSTRY = 1
GROUP_CONCEPT = 2
FIRST_SECTOR = 3
INDEX_CACHE_MAX = 50_000   # cached QModelIndex objects (a few MB) before the cache starts over

# marker sort rank: one-word > sealed > broken > nothing > limit-down
STATE_RANK = np.array([1, 4, 5, 2, 0], dtype=np.int64)

ROLES = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ForegroundRole),
                   int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.FontRole),
                   int(Qt.ItemDataRole.ToolTipRole), SYMBOL_ROLE, SECTOR_ID_ROLE, NODE_KIND_ROLE,
                   BADGES_ROLE, STATE_ROLE, SORT_ROLE})

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)

# Roles served from the per-row cell tuples, and their slot in a row's tuple of tuples.
DISPLAY, FOREGROUND, ALIGN, FONT, BADGES = range(5)
CELL_ROLES = {int(Qt.ItemDataRole.DisplayRole): DISPLAY,
              int(Qt.ItemDataRole.ForegroundRole): FOREGROUND,
              int(Qt.ItemDataRole.TextAlignmentRole): ALIGN,
              int(Qt.ItemDataRole.FontRole): FONT,
              BADGES_ROLE: BADGES}
NONE_ROW: tuple[Any, ...] = (None,) * N_COLS
STOCK_ALIGN = tuple(LEFT if c == Col.NAME else CENTER if c in (Col.LIMIT, Col.FIRST_SEAL)
                    else RIGHT for c in Col)
SECTOR_ALIGN = tuple(LEFT if c in (Col.NAME, Col.LEADER) else CENTER if c == Col.LIMIT
                     else RIGHT for c in Col)
