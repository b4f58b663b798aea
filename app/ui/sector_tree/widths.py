"""The sector tree's column widths, from its fonts: the drill-down columns from what they show.

The drill-down (名称 涨幅 涨停/跌停 成交额 换手 量比, the columns read first) must fit a laptop
screen's tree: each is as wide as its widest figure or its header label with the sort arrow,
whichever is wider, and no wider. The name column fits a four-character name at a member's depth
(longer names elide, their tooltip has them whole); figures never elide. The other columns keep
widths in digit advances.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle

from app.ui.sector_tree.arrays import Col
from app.ui.sector_tree.delegate import CELL_MARGIN, badges_width

# Columns beyond the drill-down, in digits (the name column is the tree column).
_WIDTHS = {Col.CODE: 7, Col.EW_LAST: 8, Col.CHANGE: 6.5, Col.STREAK: 4, Col.FIRST_SEAL: 5.5,
           Col.LEADER: 14}
# English headers are longer in Latin letters than their Chinese in CJK glyphs.
_WIDTHS_EN = {**_WIDTHS, Col.CODE: 10, Col.EW_LAST: 9.5, Col.STREAK: 5.5, Col.FIRST_SEAL: 7}

DRILL_DOWN = (Col.NAME, Col.PCT, Col.LIMIT, Col.AMOUNT, Col.TURNOVER_RATE, Col.VOL_RATIO)
# A member row sits under a group and a sector: three indentation steps with the root's arrows.
MEMBER_DEPTH = 3
NAME_SAMPLE = "中际旭创"
# The widest figures each column prints (a stock's amount in 亿 has two decimals).
_FIGURES = {Col.PCT: ("+20.00%", "−20.00%"), Col.AMOUNT: ("8888.88",),
            Col.TURNOVER_RATE: ("88.88%",), Col.VOL_RATIO: ("88.88",)}
_SLACK = 2    # a pixel each side for rounding between metrics and painting


def header_need(header: QHeaderView, text: str) -> int:
    """Width a header section needs to show ``text`` whole with the sort arrow beside it (the
    Fusion style draws the arrow right of the label, inside the section's margins)."""
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    mark = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    return header.fontMetrics().horizontalAdvance(text) + 3 * margin + mark


def cell_need(fm: QFontMetrics, text: str) -> int:
    """Width a cell needs to paint ``text`` whole (the delegate's margins each side)."""
    return fm.horizontalAdvance(text) + 2 * CELL_MARGIN + _SLACK


def column_widths(tree: Any, model: Any, english: bool) -> dict[int, int]:
    """Every column's width for ``tree`` (a QTreeView) showing ``model`` (a SectorTreeModel)."""
    fm = QFontMetrics(tree.font())
    header = tree.header()
    unit = fm.horizontalAdvance("0")   # a digit: the CJK font's average glyph is wider (9 px vs 7)
    out = {int(col): int(unit * chars * 1.25) + 8
           for col, chars in (_WIDTHS_EN if english else _WIDTHS).items()}
    def cells_tr(text: str) -> str:   # the words the model's cells show, in their context
        return QCoreApplication.translate("SectorTreeCells", text)

    content = {
        Col.NAME: MEMBER_DEPTH * tree.indentation() + cell_need(fm, NAME_SAMPLE),
        # A resealed 10-day streak is the widest pair of badges.
        Col.LIMIT: badges_width(fm, [cells_tr("Resealed"), cells_tr("{0}-day").format(10)])
                   + _SLACK,
    }
    for col, figures in _FIGURES.items():
        content[col] = max(cell_need(fm, t) for t in figures)
    content[Col.PCT] = max(content[Col.PCT], cell_need(fm, cells_tr("Suspended")))
    for col in DRILL_DOWN:
        title = str(model.headerData(int(col), Qt.Orientation.Horizontal))
        out[int(col)] = max(content[col], header_need(header, title))
    return out


def scroll_area_chrome(view: Any, panel: Any) -> int:
    """What ``panel`` takes beside ``view``'s viewport across: the view's frame, its vertical
    scroll bar and the panel's layout margins."""
    style = view.style()
    bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view.verticalScrollBar())
    margins = panel.layout().contentsMargins() if panel.layout() is not None else None
    side = margins.left() + margins.right() if margins is not None else 0
    return 2 * view.frameWidth() + bar + side
