"""The window's panels and how a SessionView maps onto them (no data loading here).

The same mapping serves the window and the headless export, so both show the same picture.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.config import MAIN_INDICES
from app.ui.format import index_name
from app.ui.breadth import BreadthPanel
from app.ui.palette import LIGHT, Palette
from app.ui.charts.stack import ChartStack
from app.ui.limit_list import LimitListWidget
from app.ui.sector_tree.arrays import Col
from app.ui.sector_tree.ladder import LimitLadderWidget
from app.ui.sector_tree.view import SectorTreeWidget

INDEX_NAMES = {s: n for s, n, _ in MAIN_INDICES}


def index_intraday_args(series, time: str | None = None, equal_weight=None,  # type: ignore[no-untyped-def]
                        avg_name: str | None = None) -> dict | None:
    """IntradayChart.set_data arguments for an index's minute bars up to ``time`` (point in time:
    a replayed 11:30 shows no afternoon). The second line is the index's equal-weight line
    (``equal_weight``: the loader's (levels at the bars, complete) for it), as terminals draw
    an index's 不含加权 line; none while it is incomplete or unknown."""
    if series.minutes is None or not series.prev_close:
        return None
    n = series.count_upto(time)
    if n == 0:
        return None
    a = series.arrays
    close, vol, amt = a["close"][:n], a["volume"][:n], a["amount"][:n]
    avg = None
    if equal_weight is not None and equal_weight[1] and len(equal_weight[0]) == n:
        avg = equal_weight[0]
    return dict(times=list(a["time"][:n]), price=close, avg_price=avg, volume=vol, amount=amt,
                prev_close=float(series.prev_close), title=index_name(series.symbol, series.name),
                avg_name=avg_name)


def stock_intraday_args(minutes: pd.DataFrame, name: str, limit_up: float | None,
                        limit_down: float | None, marks=()) -> dict | None:  # type: ignore[no-untyped-def]
    """IntradayChart.set_data arguments for a stock's cumulative snapshots."""
    live = minutes[minutes["last"].notna() & (minutes["last"] > 0)]
    if live.empty:
        return None
    vol = np.diff(np.concatenate([[0.0], live["volume"].to_numpy(dtype=float)]))
    amt = np.diff(np.concatenate([[0.0], live["amount"].to_numpy(dtype=float)]))
    cum_v = live["volume"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        avg = np.where(cum_v > 0, live["amount"].to_numpy(dtype=float) / cum_v,
                       live["last"].to_numpy(dtype=float))
    return dict(times=list(live["time"]), price=live["last"].to_numpy(dtype=float), avg_price=avg,
                volume=vol, amount=amt, prev_close=float(live["prev_close"].iloc[-1]), title=name,
                limit_up=limit_up, limit_down=limit_down, seal_marks=list(marks))


def daily_at(series, date: str, time: str) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    """Daily bars as known at ``date`` ``time``: the session's own bar is rebuilt from its minute
    bars up to that minute, so a replay at 11:30 does not show the close."""
    daily = series.daily
    if daily is None or len(daily) == 0:
        return daily
    before = daily[daily["date"] < date]
    mins = series.minutes
    mins = mins[mins["time"] <= time] if mins is not None and len(mins) else mins
    if mins is None or len(mins) == 0:
        return daily[daily["date"] <= date].reset_index(drop=True)
    bar = pd.DataFrame([{
        "date": date, "open": float(mins["open"].iloc[0]), "high": float(mins["high"].max()),
        "low": float(mins["low"].min()), "close": float(mins["close"].iloc[-1]),
        "prev_close": series.prev_close, "volume": float(mins["volume"].sum()),
        "amount": float(mins["amount"].sum())}])
    return pd.concat([before, bar], ignore_index=True)


def overlay_series(view, time: str | None = None) -> list[tuple]:  # type: ignore[no-untyped-def]
    out = []
    for sym, _name, _en in MAIN_INDICES:
        series = view.indices.get(sym)
        if series is None or not series.prev_close or len(series.minutes) == 0:
            continue
        n = series.count_upto(time)
        pct = (series.arrays["close"][:n] / series.prev_close - 1) * 100
        out.append((index_name(sym, series.name), list(series.arrays["time"][:n]), pct))
    return out


def index_with_data(view, wanted: str) -> str:  # type: ignore[no-untyped-def]
    """``wanted`` when the view holds minute or daily bars of it, else the first main index that
    has some (a store of main-board days may hold no ChiNext at all)."""
    def has(sym: str) -> bool:
        s = view.indices.get(sym)
        return s is not None and (len(s.minutes) > 0 or (s.daily is not None and len(s.daily) > 0))
    if has(wanted):
        return wanted
    return next((sym for sym, _n, _e in MAIN_INDICES if has(sym)), wanted)


def seal_events(minutes: pd.DataFrame, limit_up: float) -> list[tuple[str, str]]:
    """Where a stock sealed (first time), broke (left the limit) and re-sealed, minute by minute."""
    last = minutes["last"].to_numpy(dtype=float)
    at = np.isfinite(last) & (np.floor(last * 100 + 0.5) == np.floor(limit_up * 100 + 0.5))
    times = list(minutes["time"])
    events: list[tuple[str, str]] = []
    sealed_before = False
    for i in range(len(at)):
        prev = at[i - 1] if i else False
        if at[i] and not prev:
            events.append((times[i], "resealed" if sealed_before else "sealed"))
            sealed_before = True
        elif prev and not at[i]:
            events.append((times[i], "broken"))
    return events


def hidden(widget: QWidget) -> bool:
    """Behind another tab or closed, in a window on screen (a window not yet shown paints all).

    A dock tabbed behind another keeps ``isVisible()`` true (Qt only stacks it): what tells is an
    empty visible region."""
    return widget.window().isVisible() and (not widget.isVisible()
                                            or widget.visibleRegion().isEmpty())


class Panels(QObject):
    """Creates the panels once and updates them in place for every minute."""

    index_selected = Signal(str)
    stock_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None, pal: Palette = LIGHT) -> None:
        super().__init__(parent)
        self.pal = pal
        self.charts = ChartStack(parent, pal=pal)
        self.sectors = SectorTreeWidget(parent, colours=pal)
        self.ladder = LimitLadderWidget(parent, colours=pal)
        self.limits = LimitListWidget(parent, colours=pal)
        self.breadth = BreadthPanel(parent, pal=pal)
        header = self.sectors.tree.header()
        # Read change % and the limit counts first, as terminals' sector lists do.
        header.moveSection(header.visualIndex(2), 1)
        header.moveSection(header.visualIndex(5), 2)
        # then what a member trades: 成交额, 换手, 量比 (the drill-down's columns) before the code
        for at, col in enumerate((Col.AMOUNT, Col.TURNOVER_RATE, Col.VOL_RATIO), start=3):
            header.moveSection(header.visualIndex(col), at)
        self.charts.index_selected.connect(self.index_selected)
        self._syncing = False
        self.sectors.stock_selected.connect(self._tree_stock)
        self.ladder.stock_selected.connect(self.stock_selected)
        self.limits.stock_selected.connect(self.stock_selected)
        self._session: str | None = None
        self._view = None
        self._index = ""
        self._stale: set[str] = set()          # panels skipped while hidden
        self.stock: str | None = None          # a selected stock replaces the index intraday chart
        self.charts.mode_changed.connect(lambda _m: self.refresh_hidden())

    def show_view(self, view, index_symbol: str) -> None:  # type: ignore[no-untyped-def]
        for stage in self.stages(view, index_symbol):
            stage()

    def stages(self, view, index_symbol: str) -> list[Callable[[], None]]:  # type: ignore[no-untyped-def]
        """``show_view`` in slices, one panel each: the window runs one slice per event-loop turn,
        so each is painted before the next starts and the thread never stalls for the whole."""
        new_session = view.date != self._session
        self._session = view.date
        self._view, self._index = view, index_symbol
        if new_session and getattr(view, "level", None) is not None and view.level.daily_only \
                and self.charts.mode == "intraday":
            self.charts.set_mode("daily")     # no minute data: the day reads as a daily review
        return [lambda: self.show_charts(view, index_symbol),
                lambda: self._show_sectors(view, new_session),
                lambda: self._show_limits(view),
                lambda: self._show_ladder(view),
                *self.breadth.stages(view.counts, view.series, view.prior_series,
                                     view.concentration.get(index_symbol), view.time)]

    def _show_sectors(self, view, new_session: bool) -> None:  # type: ignore[no-untyped-def]
        self.sectors.set_snapshot(view.enriched, view.summary if len(view.summary) else None,
                                  membership=view.membership if new_session else None,
                                  sectors=view.sectors if new_session else None,
                                  session=view.date, columns=view.extras.get("tree"),
                                  activity=view.extras.get("activity"))
        if new_session:
            # Themes tell the day's story (CPO up, media down); the 31 industries stay one click away.
            self.sectors.tree.collapse(self.sectors.model.group_index("industry"))
            self.sectors.tree.expand(self.sectors.model.group_index("concept"))

    def _show_ladder(self, view) -> None:  # type: ignore[no-untyped-def]
        if hidden(self.ladder):
            self._stale.add("ladder")      # behind another tab: filled when it is shown
        else:
            self.ladder.set_snapshot(view.enriched, ladder=view.extras.get("ladder"))
            self._stale.discard("ladder")

    def _show_limits(self, view) -> None:  # type: ignore[no-untyped-def]
        value = view.extras.get("limit_list")
        if value is None:
            return
        if hidden(self.limits):
            self._stale.add("limits")      # behind another tab: filled when it is shown
        else:
            self.limits.set_list(value)
            self._stale.discard("limits")

    def equal_weight_name(self) -> str:
        return self.tr("Equal-weight")

    def show_equal_weight(self, view, index_symbol: str, values: np.ndarray) -> None:  # type: ignore[no-untyped-def]
        """The index's equal-weight line, complete after the minute was painted."""
        if self.stock is None and view is self._view and index_symbol == self._index:
            self.charts.intraday.set_avg_line(values)

    def select_stock(self, symbol: str) -> None:
        """Show ``symbol`` as selected in every panel that lists it (no signals go out)."""
        self.limits.select_stock(symbol)
        if self.sectors.current_symbol() != symbol:
            self._syncing = True          # the tree's own signal must not select it again
            try:
                self.sectors.select_stock(symbol)
            finally:
                self._syncing = False

    def _tree_stock(self, symbol: str) -> None:
        if not self._syncing:
            self.stock_selected.emit(symbol)

    def show_charts(self, view, index_symbol: str) -> None:  # type: ignore[no-untyped-def]
        series = view.indices.get(index_symbol)
        if index_symbol in self.charts.index_buttons:
            self.charts.select_index(index_symbol)
        mode = self.charts.mode
        if series is not None and self.stock is None:
            args = index_intraday_args(series, view.time,
                                       view.extras.get("equal_weight", {}).get(index_symbol),
                                       self.equal_weight_name())
            if args is not None:
                self.charts.set_intraday(**args)
            # Only the page in view is rebuilt each minute; the others when they are shown.
            if mode == "daily" and len(series.daily):
                self.charts.set_daily(daily_at(series, view.date, view.time),
                                      index_name(series.symbol, series.name))
        if mode == "overlay":
            self.charts.set_overlay(overlay_series(view, view.time), self.tr("Indices overlaid (%)"))
        self._stale.update({"daily", "overlay"} - {mode})

    def refresh_hidden(self) -> None:
        """Fill a page or panel that was skipped while hidden, now that it shows."""
        view = self._view
        if view is None:
            return
        if "ladder" in self._stale and not hidden(self.ladder):
            self.ladder.set_snapshot(view.enriched, ladder=view.extras.get("ladder"))
            self._stale.discard("ladder")
        value = view.extras.get("limit_list")
        if "limits" in self._stale and value is not None and not hidden(self.limits):
            self.limits.set_list(value)
            self._stale.discard("limits")
        mode = self.charts.mode
        if mode in self._stale:
            series = view.indices.get(self._index)
            if mode == "daily" and series is not None and len(series.daily):
                self.charts.set_daily(daily_at(series, view.date, view.time),
                                      index_name(series.symbol, series.name))
            elif mode == "overlay":
                self.charts.set_overlay(overlay_series(view, view.time), self.tr("Indices overlaid (%)"))
            self._stale.discard(mode)

    def show_stock(self, minutes: pd.DataFrame, row: pd.Series | None, name: str) -> None:
        """Show a stock's intraday chart with its limit lines (from the enriched row)."""
        lu = float(row["limit_up"]) if row is not None and pd.notna(row.get("limit_up")) else None
        ld = float(row["limit_down"]) if row is not None and pd.notna(row.get("limit_down")) else None
        marks = seal_events(minutes, lu) if lu else []
        args = stock_intraday_args(minutes, name, lu, ld, marks)
        if args is not None:
            self.charts.set_intraday(**args)
            self.charts.set_mode("intraday")
