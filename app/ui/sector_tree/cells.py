"""The sector tree's cell contents: per-row display tuples, tooltips, badges and header texts."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.market.turnover import (NO_FLOAT, NO_HISTORY, NO_VOLUME, PRIOR_SESSIONS,
                                 SUSPENDED)
from app.ui.format import fmt_pct, fmt_yi, fmt_yi_unit, sign_of, signed
from app.ui.sector_tree.arrays import (N_COLS, S_BROKEN, S_LIMIT_DOWN, S_ONE_WORD, S_SEALED, STATE_NAME,
                                       Col)
from app.ui.sector_tree.roles import (BADGE_BROKEN, BADGE_LIMIT_DOWN, BADGE_ONE_WORD, BADGE_RESEALED,
                                      BADGE_SEALED, BADGE_STREAK, FIRST_SECTOR, GROUP_INDUSTRY,
                                      NODE_KIND_ROLE, NONE_ROW, SECTOR_ALIGN, SECTOR_ID_ROLE,
                                      SORT_ROLE, STATE_ROLE, STOCK_ALIGN, SYMBOL_ROLE)

class SectorTreeCells:
    """The cell half of ``SectorTreeModel``: what each row shows, from the model's arrays.

    A mixin: ``self.tr`` finds its strings under this class's name (PySide6 tries each class of
    the instance's MRO), which is the context lupdate files them under."""

    def _headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Code / members"), self.tr("Change %"), self.tr("Mean % / last"),
                self.tr("Up/down"), self.tr("Limit-up/down"), self.tr("Turnover (100m)"),
                self.tr("Turnover rate"), self.tr("Vol. ratio"), self.tr("Streak"),
                self.tr("First seal"), self.tr("Leader")]

    def _header_tips(self) -> list[str]:
        return [
            self.tr("Sector or stock name."),
            self.tr("Sector: number of member stocks. Stock: six-digit code."),
            self.tr("Sector: float-cap-weighted % change of its trading members. Stock: % change."),
            self.tr("Sector: equal-weighted (mean) % change. Stock: last price."),
            self.tr("Sector: members up / down. Stock: change in yuan."),
            self.tr("Sector: members at limit-up / limit-down. Stock: its limit state."),
            self.tr("Turnover so far today, in 100 million yuan."),
            self.tr("Turnover rate: the shares traded so far today as a percentage of the float "
                    "shares; for a sector, its members' sums (members without float shares left "
                    "out)."),
            self.tr("Volume ratio: the volume per minute traded so far today over the average "
                    "volume per minute of the previous 5 sessions (daily volume ÷ 240); for a "
                    "sector, its members' sums (members without earlier bars left out). The "
                    "09:30 opening auction counts as the first minute."),
            self.tr("Consecutive limit-up closes; for a sector, its highest."),
            self.tr("Time the stock first sealed at limit-up today."),
            self.tr("Sector: the member with the highest % change."),
        ]

    def _colour(self, v: float) -> QColor:
        s = sign_of(v)           # as printed: '0.00%' is grey
        if s > 0:
            return self._up
        if s < 0:
            return self._down
        return self._flat

    def _row_cells(self, node: int) -> tuple[tuple[Any, ...], ...]:
        """(display, foreground, alignment, font, badges) of a row, one entry per column."""
        if node < FIRST_SECTOR:
            return self._group_cells(node)
        if node < self._leaf_base:
            return self._sector_cells(node - FIRST_SECTOR)
        return self._stock_cells(self._pair_stock_l[node - self._leaf_base])

    def _group_cells(self, node: int) -> tuple[tuple[Any, ...], ...]:
        label = self.tr("Industries") if node == GROUP_INDUSTRY else self.tr("Concepts")
        display = (f"{label} ({len(self._lay.child_secs.get(node, ()))})",) + NONE_ROW[1:]
        return display, NONE_ROW, NONE_ROW, (self._bold,) * N_COLS, NONE_ROW

    def _sector_cells(self, s: int) -> tuple[tuple[Any, ...], ...]:
        sc = self._sc
        assert sc is not None
        cap, eq, lead = float(sc.pct_cap[s]), float(sc.pct_eq[s]), float(sc.leader_pct[s])
        up, down = int(sc.limit_up[s]), int(sc.limit_down[s])
        streak = int(sc.max_streak[s])
        leader = sc.leader_name[s]
        board = self._board
        display = (sc.name[s], str(int(sc.n[s])), _pct(cap), _pct(eq),
                   f"{int(sc.up[s])}/{int(sc.down[s])}", f"{up}/{down}",
                   _yi(float(sc.turnover[s]), 1), _rate(float(board.turnover[s])),
                   _ratio(float(board.ratio[s])), str(streak) if streak >= 2 else "",
                   None, "" if leader is None else f"{leader} {_pct(lead)}")
        colour = self._colour
        fore = (None, None, colour(cap), colour(eq), None, None, None, None, None, None, None,
                colour(lead))
        font = ((self._bold if self._sec_has_sub[s] else None),) + NONE_ROW[1:]
        badges = NONE_ROW[:Col.LIMIT] + ((up, down),) + NONE_ROW[Col.LIMIT + 1:]
        return display, fore, SECTOR_ALIGN, font, badges

    def _stock_cells(self, r: int) -> tuple[tuple[Any, ...], ...]:
        st = self._st
        assert st is not None
        pct, chg = float(st.pct[r]), float(st.chg[r])
        streak = int(st.streak[r])
        badges = self._badges(r)
        display = (st.name[r], st.code[r],
                   self.tr("Suspended") if st.suspended[r] else _pct(pct),
                   _price(float(st.last[r])), signed(chg, 2),
                   " ".join(text for _, text in badges), _yi(float(st.amount[r]), 2),
                   _rate(float(self._act.turnover[r])), _ratio(float(self._act.ratio[r])),
                   str(streak) if streak > 0 else "", st.first_seal[r] or "", None)
        move = self._flat if math.isnan(pct) else self._colour(pct)
        fore = (None, None, move, move, move, None, None, None, None, self._up, self._up, None)
        cell_badges = NONE_ROW[:Col.LIMIT] + (badges,) + NONE_ROW[Col.LIMIT + 1:]
        return display, fore, STOCK_ALIGN, NONE_ROW, cell_badges

    def _sector_data(self, s: int, col: int, role: int) -> Any:
        """The roles outside the cell tuples (ids, kinds, sort keys, tooltips)."""
        sc = self._sc
        assert sc is not None
        if role == SECTOR_ID_ROLE:
            return self._sec_id_list[s]
        if role == NODE_KIND_ROLE:
            return "sector"
        if role == SYMBOL_ROLE:
            return sc.leader_symbol[s] if col == Col.LEADER else None
        if role == SORT_ROLE:
            v = self._sector_key(col)[s]
            return None if np.isnan(v) else float(v)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._sector_tip(s, col)
        return None

    def _no_weighted_change(self) -> bool:
        """No sector has a cap-weighted change: the store holds no float shares (a daily file)."""
        return self._sc is not None and len(self._sc.pct_cap) > 0 and bool(np.isnan(self._sc.pct_cap).all())

    def _no_weight_reason(self) -> str:
        return self.tr("No float shares in this store, so no cap-weighted change; see Mean %.")

    def _sector_tip(self, s: int, col: int) -> str | None:
        sc = self._sc
        assert sc is not None
        if col == Col.PCT and np.isnan(sc.pct_cap[s]):
            return self._no_weight_reason()
        if col == Col.LEADER and sc.leader_symbol[s] is not None:
            return self.tr("Leader: {0} {1} {2}").format(
                sc.leader_name[s], sc.leader_symbol[s], _pct(sc.leader_pct[s]))
        if col == Col.STREAK:
            return self.tr("Highest streak among the members: {0}.").format(
                int(sc.max_streak[s]))
        if col == Col.TURNOVER_RATE:
            return self._board_turnover_tip(s)
        if col == Col.VOL_RATIO:
            return self._board_ratio_tip(s)
        return self.tr("{0}: {1} stocks, {2} up / {3} down; limit-up {4}, limit-down {5}, broken {6}; "
                       "cap-weighted {7}, equal-weighted {8}; turnover {9}").format(
            sc.name[s], int(sc.n[s]), int(sc.up[s]), int(sc.down[s]), int(sc.limit_up[s]),
            int(sc.limit_down[s]), int(sc.broken[s]), _pct(sc.pct_cap[s]), _pct(sc.pct_eq[s]),
            fmt_yi_unit(sc.turnover[s], 1))

    def _board_turnover_tip(self, s: int) -> str:
        b = self._board
        n, counted = int(b.members[s]), int(b.counted[s])
        if counted == 0:
            return self.tr("No member has float shares and volume in the store, so the board "
                           "has no turnover rate.")
        return self.tr("Turnover rate {0}: {1} shares traded of {2} float shares, summed over "
                       "{3} of its {4} members (those with float shares, not suspended).").format(
            _rate(float(b.turnover[s])), _shares(b.volume[s]), _shares(b.float_shares[s]),
            counted, n)

    def _board_ratio_tip(self, s: int) -> str:
        b = self._board
        counted, n = int(b.ratio_counted[s]), int(b.members[s])
        if counted == 0:
            return self.tr("No member has earlier daily bars with volume in the store, so the "
                           "board has no volume ratio.")
        return self.tr("Volume ratio {0} = ({1} shares ÷ {2} minute(s)) ÷ ({3} shares, the "
                       "members' average day of the previous sessions, ÷ 240), summed over {4} "
                       "of its {5} members (those with earlier bars, not suspended).").format(
            _ratio(float(b.ratio[s])), _shares(b.ratio_volume[s]), b.minutes,
            _shares(b.average[s]), counted, n)

    def _stock_data(self, r: int, s: int, col: int, role: int) -> Any:
        """The roles outside the cell tuples (ids, kinds, states, sort keys, tooltips)."""
        st = self._st
        assert st is not None
        if role == SYMBOL_ROLE:
            return str(self._symbols[r])
        if role == SECTOR_ID_ROLE:
            return self._sec_id_list[s]
        if role == NODE_KIND_ROLE:
            return "stock"
        if role == STATE_ROLE:
            return STATE_NAME[int(st.state[r])]
        if role == SORT_ROLE:
            v = self._stock_key(col)[r]
            return None if np.isnan(v) else float(v)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == Col.LIMIT:
                return self._badge_tip(r) or None
            if col == Col.TURNOVER_RATE:
                return self._turnover_tip(r)
            if col == Col.VOL_RATIO:
                return self._ratio_tip(r)
            return f"{st.name[r]} {self._symbols[r]}"
        return None

    def _missing_tip(self, why: int) -> str | None:
        if why == SUSPENDED:
            return self.tr("Suspended: no trades today.")
        if why == NO_VOLUME:
            return self.tr("No volume for this stock in the store.")
        if why == NO_FLOAT:
            return self.tr("No float shares in the store, so no turnover rate.")
        if why == NO_HISTORY:
            return self.tr("No earlier daily bars with volume in the store, so no volume ratio "
                           "(it compares with the previous 5 sessions).")
        return None

    def _turnover_tip(self, r: int) -> str | None:
        act = self._act
        missing = self._missing_tip(int(act.turnover_why[r]))
        if missing is not None:
            return missing
        return self.tr("Turnover rate {0}: {1} shares traded of {2} float shares.").format(
            _rate(float(act.turnover[r])), _shares(act.volume[r]), _shares(act.float_shares[r]))

    def _ratio_tip(self, r: int) -> str | None:
        act = self._act
        missing = self._missing_tip(int(act.ratio_why[r]))
        if missing is not None:
            return missing
        n = int(act.sessions[r])
        tip = self.tr("Volume ratio {0} = ({1} shares ÷ {2} minute(s)) ÷ ({3} shares, the average "
                      "day of the previous {4} session(s), ÷ 240).").format(
            _ratio(float(act.ratio[r])), _shares(act.volume[r]), act.minutes,
            _shares(act.average[r]), n)
        if n < PRIOR_SESSIONS:
            tip += "\n" + self.tr("Only {0} earlier session(s) with volume in the store: the "
                                  "average uses what there is (the terminals use 5).").format(n)
        return tip

    def _badges(self, r: int) -> list[tuple[str, str]]:
        """Limit-marker badges of stock ``r`` as (key, text), state first."""
        st = self._st
        assert st is not None
        state = int(st.state[r])
        out: list[tuple[str, str]] = []
        if state == S_ONE_WORD:
            out.append((BADGE_ONE_WORD, self.tr("One-word")))
        elif state == S_SEALED:
            out.append((BADGE_RESEALED, self.tr("Resealed")) if st.resealed[r]
                       else (BADGE_SEALED, self.tr("Limit-up")))
        elif state == S_BROKEN:
            out.append((BADGE_BROKEN, self.tr("Broken")))
        elif state == S_LIMIT_DOWN:
            out.append((BADGE_LIMIT_DOWN, self.tr("Limit-down")))
        if st.streak[r] >= 2 and state in (S_SEALED, S_ONE_WORD):
            out.append((BADGE_STREAK, self.tr("{0}-day").format(int(st.streak[r]))))
        return out

    def _badge_tip(self, r: int) -> str:
        st = self._st
        assert st is not None
        seal = st.first_seal[r]
        lines: list[str] = []
        for key, _ in self._badges(r):
            if key == BADGE_SEALED:
                lines.append(self.tr("Limit-up (sealed): the last price equals today's limit-up price."))
            elif key == BADGE_ONE_WORD:
                lines.append(self.tr("One-word board: opened at the limit-up price and has "
                                     "traded nowhere else today (O = H = L = last)."))
            elif key == BADGE_RESEALED:
                lines.append(self.tr("Resealed: the seal opened {0} time(s) today and the price "
                                     "is back at the limit-up price.").format(max(int(st.opens[r]), 1)))
            elif key == BADGE_BROKEN:
                lines.append(self.tr("Broken board: touched the limit-up price today but now "
                                     "trades below it."))
            elif key == BADGE_LIMIT_DOWN:
                lines.append(self.tr("Limit-down: the last price equals today's limit-down "
                                     "price."))
                if st.down_streak[r] >= 2:
                    lines.append(self.tr("{0} consecutive trading days at the limit-down price, "
                                         "today included.").format(int(st.down_streak[r])))
                if st.down_first[r]:
                    lines.append(self.tr("First at limit-down at {0}.").format(st.down_first[r]))
            elif key == BADGE_STREAK:
                lines.append(self.tr("{0}-day streak: {0} consecutive trading days closed at the "
                                     "limit-up price, today included.").format(int(st.streak[r])))
        if seal and st.state[r] in (S_SEALED, S_ONE_WORD, S_BROKEN):
            # DESIGN: a one-word seal in the 09:30 slot is the opening auction's (09:25).
            if seal <= "09:25" or (seal == "09:30" and st.state[r] == S_ONE_WORD):
                lines.append(self.tr("First sealed at the opening auction (09:25)."))
            else:
                lines.append(self.tr("First sealed at {0}.").format(seal))
        return "\n".join(lines)


def _rate(v: float) -> str:
    """换手 as the terminals print it: '3.21%' (empty when missing)."""
    return "" if math.isnan(v) else f"{v:.2f}%"


def _ratio(v: float) -> str:
    """量比 with two decimals: '1.85' (empty when missing)."""
    return "" if math.isnan(v) else f"{v:.2f}"


def _shares(v: float) -> str:
    return f"{v:,.0f}"


def _pct(v: float) -> str:
    return fmt_pct(v)


def _price(v: float) -> str:
    return "—" if v is None or math.isnan(v) else f"{v:.2f}"


def _yi(v: float, digits: int) -> str:
    return fmt_yi(v, digits)
