"""The standard export set of a session minute: what an analyst pastes into the day's notes.

Files are named ``{date}_{HHMM}_{subject}_{kind}.{ext}`` (``2026-06-02_1130_chinext_intraday.png``)
so that a batch re-run overwrites the same names and notes can link to them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QWidget

from app.config import INDEX_SLUGS, MAIN_INDICES
from app.ui.breadth import BreadthPanel
from app.ui.charts.intraday import IntradayChart
from app.ui.charts.kline import KLineChart
from app.ui.charts.overlay import OverlayChart
from app.ui import i18n
from app.ui.export.render import ExportFrame, lay_out, save_png, save_svg
from app.ui.format import index_name
from app.ui.palette import LIGHT, Palette
from app.ui.panels import daily_at, index_intraday_args, overlay_series
from app.ui.sector_tree.arrays import Col
from app.ui.sector_tree.ladder import LimitLadderWidget
from app.ui.sector_tree.view import SectorTreeWidget

# lupdate reads translate("Context", "text") calls with literal arguments.
translate = QCoreApplication.translate
CHART_SIZE = QSize(1200, 720)
PANEL_SIZE = QSize(1400, 760)
TREE_SIZE = QSize(1200, 1000)
DAILY_INDEX = "sz399006"



def file_name(date: str, time: str, subject: str, kind: str, ext: str) -> str:
    return f"{date}_{time.replace(':', '')}_{subject}_{kind}.{ext}"


def source_line(view, store_name: str) -> str:  # type: ignore[no-untyped-def]
    return translate("StandardExport", "Source: Tidemark store {0} · session {1} · minute {2}"
                     ).format(store_name, view.date, view.time)


def export_standard_set(view, out_dir: Path, fmt: str = "png", store_name: str = "",  # type: ignore[no-untyped-def]
                        scale: float = 1.0, pal: Palette = LIGHT) -> list[Path]:
    """Render every chart and panel of the standard set for ``view`` into ``out_dir``, in the
    theme and colour convention of ``pal`` and the interface's language (titles, brief)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    src = source_line(view, store_name)
    jobs: list[tuple[str, str, str, Callable[[], QWidget], QSize]] = []
    for sym, _zh, _en in MAIN_INDICES:
        series = view.indices.get(sym)
        args = index_intraday_args(series, view.time, view.extras.get("equal_weight", {}).get(sym),
                                   translate("StandardExport", "Equal-weight")) if series is not None else None
        if args is None:
            continue
        title = translate("StandardExport", "{0} intraday").format(index_name(sym))
        jobs.append((INDEX_SLUGS[sym], "intraday", title,
                     _maker(IntradayChart, lambda w, a=args: w.set_data(**a), pal=pal), CHART_SIZE))
    overlay = overlay_series(view, view.time)
    if overlay:
        inner = translate("StandardExport", "Indices overlaid (%)")
        jobs.append(("indices", "overlay", translate("StandardExport", "Indices overlaid (% change)"),
                     _maker(OverlayChart, lambda w: w.set_data(overlay, inner), pal=pal),
                     CHART_SIZE))
    daily = view.indices.get(DAILY_INDEX)
    if daily is not None and len(daily.daily):
        title = translate("StandardExport", "{0} daily K-line").format(index_name(DAILY_INDEX))
        jobs.append((INDEX_SLUGS[DAILY_INDEX], "daily", title,
                     _maker(KLineChart, lambda w: w.set_data(daily_at(daily, view.date, view.time),
                                                             index_name(DAILY_INDEX)), pal=pal),
                     CHART_SIZE))
    jobs.append(("sectors", "top", translate("StandardExport", "Sectors (concepts)"),
                 lambda: _sector_tree(view, pal), TREE_SIZE))
    jobs.append(("market", "breadth",
                 translate("StandardExport", "Breadth · distribution · concentration"),
                 _maker(BreadthPanel, lambda w: w.set_view(
                     view.counts, view.series, view.prior_series,
                     view.concentration.get(DAILY_INDEX), view.time), pal=pal), PANEL_SIZE))
    if view.extras.get("sentiment") is not None:
        from app.ui.sentiment import SentimentDock

        jobs.append(("market", "sentiment", translate("StandardExport", "Market sentiment"),
                     _maker(SentimentDock, lambda w: w.set_data(view.extras["sentiment"]), colours=pal),
                     QSize(760, 760)))
    jobs.append(("limitup", "ladder", translate("StandardExport", "Limit-up ladder"),
                 _maker(LimitLadderWidget, lambda w: w.set_snapshot(view.enriched), colours=pal),
                 QSize(1200, 420)))

    written: list[Path] = []
    frames: dict[object, ExportFrame] = {}
    for subject, kind, title, make, size in jobs:
        full_title = f"{title} · {view.date} {view.time}"
        # One widget per class, refilled for each index: building pyqtgraph plots is the slow part.
        key = getattr(make, "cls", make)
        frame = frames.get(key)
        if frame is None:
            frame = frames[key] = ExportFrame(make(), full_title, src, pal=pal)
        else:
            make.setup(frame.content)      # type: ignore[attr-defined]
            frame.title.setText(full_title)
        lay_out(frame, size)
        path = out_dir / file_name(view.date, view.time, subject, kind, fmt)
        if fmt == "svg":
            save_svg(frame, path, full_title, pal)
        else:
            save_png(frame, path, scale, pal)
        written.append(path)
    for frame in frames.values():
        frame.close()
        frame.deleteLater()
    from app.ui.brief_panel import export_brief

    # The day's takeaways, as Markdown for notes and as an image, in the interface's language.
    written += export_brief(view, out_dir, i18n.current(), store_name=store_name, scale=scale,
                            pal=pal)
    return written


def _maker(cls, setup, **options):  # type: ignore[no-untyped-def]
    """A widget of ``cls`` built with ``options`` (its palette) and filled by ``setup``."""
    def make() -> QWidget:
        w = cls(**options)
        setup(w)
        return w
    make.cls = cls          # type: ignore[attr-defined]
    make.setup = setup      # type: ignore[attr-defined]
    return make


def _sector_tree(view, pal: Palette) -> QWidget:  # type: ignore[no-untyped-def]
    tree = SectorTreeWidget(colours=pal)
    tree.set_snapshot(view.enriched, view.summary if len(view.summary) else None,
                      membership=view.membership, sectors=view.sectors, session=view.date,
                      activity=view.extras.get("activity"))
    tree.tree.collapse(tree.model.group_index("industry"))
    tree.tree.expand(tree.model.group_index("concept"))
    header = tree.tree.header()
    header.moveSection(header.visualIndex(2), 1)
    header.moveSection(header.visualIndex(5), 2)
    # then what a member trades: 成交额, 换手, 量比 (the drill-down's columns) before the code
    for at, col in enumerate((Col.AMOUNT, Col.TURNOVER_RATE, Col.VOL_RATIO), start=3):
        header.moveSection(header.visualIndex(col), at)
    concepts = view.summary[view.summary["kind"] == "concept"] if len(view.summary) else None
    pct = pd.to_numeric(concepts["pct_cap"], errors="coerce") if concepts is not None else None
    if pct is not None and pct.notna().any():     # all unknown without share counts
        tree.expand_sector(str(pct.idxmax()))     # the day's strongest theme
    return tree
