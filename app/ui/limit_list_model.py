"""The limit list's table model: one row per stock at (or broken from) a limit, sortable.

Fed with ``app.market.limit_list.LimitList`` values built by the loader; a minute whose rows are
unchanged touches nothing, one whose rows changed resets the (small) model. Cell texts, colours
and sort keys are computed once per minute as tuples, as the sector tree's model does.
"""

from __future__ import annotations

import math
from enum import IntEnum
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.market.limit_list import LimitList
from app.ui.palette import Palette, palette

ModelIndex = QModelIndex | QPersistentModelIndex
SYMBOL_ROLE = int(Qt.ItemDataRole.UserRole) + 1    # 'sh600487'
KIND_ROLE = int(Qt.ItemDataRole.UserRole) + 2      # 'limit_up' | 'broken' | 'limit_down'
BROKEN_COLOUR = "#e8590c"                          # 炸板, as the ladder's summary shows it


class LCol(IntEnum):
    CODE = 0
    NAME = 1
    STATE = 2
    PCT = 3
    FIRST_SEAL = 4
    LAST_SEAL = 5
    OPENS = 6
    STREAK = 7
    REASON = 8
    SEAL_AMOUNT = 9


N_LCOLS = len(LCol)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_ALIGN = (_LEFT, _LEFT, _CENTER, _RIGHT, _CENTER, _CENTER, _RIGHT, _RIGHT, _LEFT, _RIGHT)


class LimitListModel(QAbstractTableModel):
    """Rows of a ``LimitList``; ``sort`` orders them by a column (the review's order to start)."""

    def __init__(self, parent: Any = None, *, colours: Palette | None = None) -> None:
        super().__init__(parent)
        pal = colours or palette("light")
        self._up, self._down = QColor(pal.up), QColor(pal.down)
        self._broken = QColor(BROKEN_COLOUR)
        self._list: LimitList | None = None
        self._order = np.zeros(0, dtype=np.int64)
        self._cells: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []   # (texts, colours)
        self._sort_col = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._headers = [self.tr("Code"), self.tr("Name"), self.tr("State"), self.tr("Change %"),
                         self.tr("First seal"), self.tr("Last seal"), self.tr("Broken"),
                         self.tr("Streak"), self.tr("Board"), self.tr("Seal amount")]
        self.resets = 0          # model resets so far (an unchanged minute adds none)

    # -- data in --------------------------------------------------------------------------------
    def set_list(self, value: LimitList) -> bool:
        """Show ``value``; False (and nothing emitted) when its rows are those shown."""
        if value.same_as(self._list):
            self._list = value
            return False
        self.beginResetModel()
        self._list = value
        self._cells = [self._row_cells(i) for i in range(len(value.rows))]
        self._order = self._sorted()
        self.endResetModel()
        self.resets += 1
        return True

    def rows(self) -> pd.DataFrame:
        """The rows in display order."""
        if self._list is None:
            return pd.DataFrame()
        return self._list.rows.iloc[self._order].reset_index(drop=True)

    def row_of(self, symbol: str) -> int:
        if self._list is None:
            return -1
        syms = self._list.rows["symbol"].to_numpy(dtype=object)[self._order]
        hits = np.flatnonzero(syms == symbol)
        return int(hits[0]) if hits.size else -1

    # -- sorting --------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_col, self._sort_order = column, order
        if self._list is None:
            return
        self.layoutAboutToBeChanged.emit()
        old = self._order
        self._order = self._sorted()
        # Persistent indexes (the selection) follow their rows.
        where = np.empty(len(old), dtype=np.int64)
        where[self._order] = np.arange(len(self._order))
        frm, to = [], []
        for idx in self.persistentIndexList():
            if idx.isValid():
                frm.append(idx)
                to.append(self.index(int(where[old[idx.row()]]), idx.column()))
        self.changePersistentIndexList(frm, to)
        self.layoutChanged.emit()

    def _sorted(self) -> np.ndarray:
        n = 0 if self._list is None else len(self._list.rows)
        base = np.arange(n, dtype=np.int64)
        if self._sort_col < 0 or n == 0:
            return base
        key = self._key(self._sort_col)
        missing = pd.isna(key)
        desc = self._sort_order == Qt.SortOrder.DescendingOrder
        if key.dtype.kind == "f":
            k = np.where(missing, 0.0, -key if desc else key)
            order = np.lexsort((base, k, missing))
        else:
            ranks = pd.Series(np.where(missing, "", key.astype(object))).rank(method="dense")
            r = ranks.to_numpy(dtype=float)
            order = np.lexsort((base, -r if desc else r, missing))
        return order.astype(np.int64)      # missing values last either way, as terminals do

    def _key(self, col: int) -> np.ndarray:
        r = self._list.rows if self._list is not None else pd.DataFrame()
        column = {LCol.CODE: "code", LCol.NAME: "name", LCol.STATE: "kind", LCol.PCT: "pct_chg",
                  LCol.FIRST_SEAL: "first_seal", LCol.LAST_SEAL: "last_seal",
                  LCol.OPENS: "opens", LCol.STREAK: "streak", LCol.REASON: "reason",
                  LCol.SEAL_AMOUNT: "seal_amount"}[LCol(col)]
        values = r[column].to_numpy()
        return values.astype(float) if values.dtype.kind in "fiu" else values.astype(object)

    # -- Qt model -------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else N_LCOLS

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < N_LCOLS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[section]
        return None

    def _header_tip(self, section: int) -> str:
        tips = {
            LCol.STATE: self.tr("Limit state now: limit-up, one-word, re-sealed, broken or "
                                "limit-down."),
            LCol.FIRST_SEAL: self.tr("First time at the limit price today."),
            LCol.LAST_SEAL: self.tr("Last time the seal was made (after the last opening)."),
            LCol.OPENS: self.tr("How many times the seal opened today."),
            LCol.STREAK: self.tr("Consecutive limit-up closes, today included."),
            LCol.REASON: self.tr("The board it trades under: its concept with the most "
                                 "limit-ups now, else its industry."),
            LCol.SEAL_AMOUNT: self.seal_amount_reason(),
        }
        return tips.get(LCol(section), self._headers[section])

    def seal_amount_reason(self) -> str:
        reason = self._list.seal_amount_reason if self._list is not None else None
        if reason is None:
            return self.tr("Bid amount sealed at the limit price.")
        return self.tr("Seal amount needs order-book data; the store has none, so it is empty.")

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._list is None:
            return None
        i = int(self._order[index.row()])
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[i][0][col]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._cells[i][1][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN[col]
        if role == SYMBOL_ROLE:
            return str(self._list.rows["symbol"].iat[i])
        if role == KIND_ROLE:
            return self._list.rows["kind"].iat[i]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == LCol.SEAL_AMOUNT and self._cells[i][0][col] == "":
                return self.seal_amount_reason()
            row = self._list.rows.iloc[i]
            if col == LCol.REASON and row["reason"]:
                return f"{row['name']} {row['symbol']} · {row['reason']}"   # the tag may elide
            return f"{row['name']} {row['symbol']}"
        return None

    # -- cells ----------------------------------------------------------------------------------
    def state_text(self, kind: object, state: object, opens: float) -> str:
        if kind == "limit_down":
            return self.tr("Limit-down")
        if kind == "broken":
            return self.tr("Broken")
        if state == "one_word":
            return self.tr("One-word")
        if opens == opens and opens > 0:
            return self.tr("Re-sealed")
        return self.tr("Limit-up")

    def streak_text(self, kind: object, streak: float) -> str:
        if math.isnan(streak) or streak < 1:
            return ""
        if kind == "limit_down":
            return self.tr("{0} down in a row").format(int(streak)) if streak >= 2 else ""
        if kind != "limit_up":
            return ""
        return self.tr("First") if streak == 1 else self.tr("{0} in a row").format(int(streak))

    def _row_cells(self, i: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        r = self._list.rows.iloc[i]    # type: ignore[union-attr]
        kind = r["kind"]
        pct, opens, streak = float(r["pct_chg"]), float(r["opens"]), float(r["streak"])
        amount = float(r["seal_amount"])
        texts = (
            r["code"] or "", r["name"] or "", self.state_text(kind, r["state"], opens),
            "" if math.isnan(pct) else f"{pct:+.2f}%",
            r["first_seal"] or "", r["last_seal"] or "",
            "" if math.isnan(opens) else str(int(opens)),
            self.streak_text(kind, streak),
            r["reason"] or "",
            "" if math.isnan(amount) else f"{amount / 1e8:.2f}",
        )
        move = None if math.isnan(pct) else (self._up if pct > 0 else self._down if pct < 0 else None)
        state_colour = {"limit_up": self._up, "limit_down": self._down,
                        "broken": self._broken}.get(kind)
        colours = (None, None, state_colour, move, None, None, None,
                   self._up if kind == "limit_up" else None, None, None)
        return texts, colours
