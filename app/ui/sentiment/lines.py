"""The Sentiment dock's one-line summaries: seal and break rates, the opening auction, market breadth."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from app.ui.sentiment.values import finite, rate, signed_text


class SentimentLines:
    """The seal, auction and breadth lines, mixed into ``SentimentDock`` (which owns the palette and the layout)."""

    def _build_lines(self, lay: QVBoxLayout) -> None:
        self.seal_line = QLabel(self)
        self.auction_line = QLabel(self)
        self.breadth_line = QLabel(self)
        for label in (self.seal_line, self.auction_line, self.breadth_line):
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            lay.addWidget(label)
        self.breadth_line.setToolTip(self.tr(
            "A/D line = cumulative advancers − decliners; McClellan = EMA19 − EMA39 of 1000×(adv−dec)/"
            "(adv+dec); above MA = % of trading stocks closing above their n-day average; "
            "highs − lows = stocks at a new n-day closing high minus those at a new low."))

    def _set_lines(self, rep: dict[str, Any]) -> None:
        s = rep["promotion"]["seal"]
        self.seal_line.setText(self.tr(
            "Seal rate <b style='color:{0}'>{1}</b> · break rate <b>{2}</b> "
            "(limit-up {3} / touched {4} / broken {5})").format(
            self._pal.up, rate(s.get("seal_rate")), rate(s.get("break_rate")), s.get("limit_up"),
            s.get("touched"), s.get("broken")))
        a = rep["auction"]
        if not a.get("available"):
            self.auction_line.setText(self.tr("Auction: no 09:30 opening-auction data"))
            self.auction_line.setToolTip(a.get("reason") or "")
        else:
            parts = []
            for key, label in (("yesterday_limit_up", self.tr("Yesterday's limit-ups")),
                               ("today_limit_up", self.tr("Today's limit-ups"))):
                g = a["groups"].get(key) or {}
                mean = g.get("mean_pct")
                col = self._pal.colour_for(float(mean)) if finite(mean) else self._pal.flat
                parts.append(self.tr("{0} <b style='color:{1}'>{2}</b> amount ratio {3}").format(
                    label, col, signed_text(mean, 2, "%"), rate(g.get("amount_ratio"), 1)))
            self.auction_line.setText(self.tr("Auction ") + " · ".join(parts))
            self.auction_line.setToolTip(self.tr(
                "From the 09:30 opening-auction print: auction change = open vs prev close; "
                "amount ratio = summed auction amount ÷ the same stocks' amount on the previous session."))
        b = rep["breadth"]
        if not b.get("date"):
            self.breadth_line.setText(self.tr("Breadth: —"))
            return
        ma = b.get("above_ma", {})
        hl = b.get("nh_nl", {})

        def num(v: Any, digits: int = 0) -> str:
            return f"{float(v):.{digits}f}" if finite(v) else "—"

        mc = b.get("mcclellan")
        mc_col = self._pal.colour_for(float(mc)) if finite(mc) else self._pal.flat
        self.breadth_line.setText(self.tr(
            "Adv/dec <span style='color:{0}'>{1}</span>/<span style='color:{2}'>{3}</span> · "
            "A/D line {4} · McClellan <b style='color:{5}'>{6}</b> · above MA20/50/200 {7}/{8}/{9}% · "
            "highs − lows 20d {10} 60d {11} 250d {12}").format(
            self._pal.up, num(b.get("adv")), self._pal.down, num(b.get("dec")), num(b.get("ad_line")),
            mc_col, signed_text(mc, 1), num(ma.get("20")), num(ma.get("50")), num(ma.get("200")),
            signed_text(hl.get("20"), 0), signed_text(hl.get("60"), 0), signed_text(hl.get("250"), 0)))
