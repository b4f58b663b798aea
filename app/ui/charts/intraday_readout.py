"""The intraday chart's title and crosshair readout: price, change, average, volume, seal events."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from app.market.session import AUCTION_TIME, SLOTS, time_of
from app.ui.charts.style import fmt_big, fmt_pct, fmt_price, join_fields, span
from app.ui.format import signed


class IntradayReadout:
    """Title and readout of ``IntradayChart``, mixed into it (which holds the rows and the labels)."""

    # -- readout -----------------------------------------------------------------------------------
    def readout_at(self, x: float) -> dict[str, Any]:
        """Numbers under the crosshair at slot ``x`` (rounded); {} outside the session grid.

        Keys: slot, time, price, change, pct, avg, volume, amount, event (封板/炸板/回封 or '').
        Values are NaN at a slot with no data yet (the afternoon of a morning-only load).
        """
        if not math.isfinite(x):
            return {}
        slot = int(round(x))
        if slot < 0 or slot >= SLOTS:
            return {}
        i = int(self._index_of_slot[slot])
        nan = math.nan
        out: dict[str, Any] = {"slot": slot, "time": time_of(slot), "price": nan, "change": nan,
                               "pct": nan, "avg": nan, "volume": nan, "amount": nan, "event": ""}
        if i < 0:
            return out
        price = float(self._price[i])
        base = self._prev_close
        out["price"] = price
        out["change"] = price - base
        out["pct"] = (price / base - 1.0) * 100.0 if base else nan
        if self._avg is not None:
            out["avg"] = float(self._avg[i])
        out["volume"] = float(self._volume[i])
        out["amount"] = float(self._amount[i])
        kind = self._seals.get(slot)
        if kind:
            out["event"] = {"sealed": self.tr("Sealed"), "broken": self.tr("Broken"),
                            "resealed": self.tr("Resealed")}[kind]
            if slot == 0 and kind == "sealed":
                out["event_time"] = AUCTION_TIME
        return out

    def _last_index(self) -> int:
        finite = np.flatnonzero(np.isfinite(self._price))
        return int(finite[-1]) if finite.size else -1

    def _render_title(self) -> None:
        pal = self._pal
        parts = [span(self._title or self.tr("Intraday"), pal.foreground, bold=True)]
        i = self._last_index()
        if i >= 0:
            r = self.readout_at(float(self._slots[i]))
            colour = pal.colour_for(r["change"])
            parts += [span(fmt_price(r["price"], self._decimals), colour, bold=True),
                      span(signed(r["change"], self._decimals, missing="--"), colour),
                      span(fmt_pct(r["pct"]), colour),
                      span(r["time"], pal.foreground)]
        self.title_label.set_html(join_fields(parts))

    def _render_readout(self, x: float | None) -> None:
        pal = self._pal
        if x is None:
            i = self._last_index()
            if i < 0:
                self.readout_label.set_html(" ")
                return
            x = float(self._slots[i])
        r = self.readout_at(x)
        if not r:
            self.readout_label.set_html(" ")
            return
        colour = pal.colour_for(r["change"]) if math.isfinite(r["change"]) else pal.foreground
        fg = pal.foreground
        # (field, rank): what a narrow chart leaves out first has the highest rank.
        fields = [(span(r["time"], fg, bold=True), 0),
                  (span(self.tr("Price") + " " + fmt_price(r["price"], self._decimals), colour), 0),
                  (span(fmt_pct(r["pct"]), colour), 0)]
        if self._avg is not None or self._avg_name:
            value = fmt_price(r["avg"], self._decimals) if self._avg is not None else "—"
            fields.append((span(self.avg_name() + " " + value, pal.avg_line), 1))
        fields.append((span(self.tr("Vol") + " " + self.tr("{0} lots").format(
            fmt_big(r["volume"] / self._volume_divisor)), fg), 2))
        if math.isfinite(r["amount"]):
            fields.append((span(self.tr("Amt") + " " + fmt_big(r["amount"]), fg), 3))
        if r["event"]:
            when = r.get("event_time", r["time"])
            fields.append((span(f"{r['event']} {when}", pal.up if r["event"] != self.tr("Broken")
                                else pal.down, bold=True), 0))
        self.readout_label.set_fields(fields)


