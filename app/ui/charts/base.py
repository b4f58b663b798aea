"""Common frame of the chart widgets: a header row (title on the left, crosshair readout on the
right) above a GraphicsLayoutWidget, with the themed CJK fonts.

The header is made of text lines outside the graphics scene: its text changes on every crosshair move
and pan step, and a LabelItem inside the scene would re-lay out the whole plot layout each time.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from app.ui.charts.crosshair import Crosshair
from app.ui.charts.style import LABEL_PT, TICK_PT, join_fields, style_plot
from app.ui.palette import LIGHT, Palette, cjk_font
from app.ui.text_line import TextLine


class _HeaderLabel(TextLine):
    """Rich-text line that ignores its text width in layout (long readouts clip, never widen).

    A new readout every minute and on every crosshair move is one repaint of the line: a QLabel
    re-ran the header's layout and laid the rich text out twice each time (~2 ms per minute)."""

    def __init__(self, align: Qt.AlignmentFlag, font: QFont, colour: str) -> None:
        super().__init__(font=font, colour=colour, rich=True, align=align)
        self._fields: list[tuple[str, int]] = []
        self._measure: QTextDocument | None = None
        self.setText(" ")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_html(self, html: str) -> None:
        self._fields = []
        self.setText(html)

    def set_fields(self, fields: list[tuple[str, int]]) -> None:
        """Readout fields (HTML, rank: 0 matters most) in reading order. Those that do not fit
        the line's width are left out, the highest rank first and the last of equal rank first:
        a narrow chart shows the minute and its prices, a wide one volume and amount as well,
        and nothing is cut in half."""
        self._fields = list(fields)
        self._fit()

    def _fit(self) -> None:
        fields = self._fields
        width = self.width()
        html = join_fields([h for h, _ in fields])
        if width > 0 and self._width_of(html) > width:
            # Most expendable first: highest rank, then the later of equal rank.
            keep = set(range(len(fields)))
            for i in sorted(keep, key=lambda i: (-fields[i][1], -i))[:-1]:
                keep.discard(i)
                html = join_fields([fields[j][0] for j in sorted(keep)])
                if self._width_of(html) <= width:
                    break
        self.setText(html)

    def _width_of(self, html: str) -> float:
        """Width of ``html`` on one line in this line's font (measured aside: the shown text
        changes once, to what fits)."""
        if self._measure is None:
            self._measure = QTextDocument()
            self._measure.setDocumentMargin(0)
            self._measure.setDefaultFont(self.font())
        self._measure.setHtml(html)
        return self._measure.idealWidth()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        if self._fields:
            self._fit()


class ChartBase(QWidget):
    """Subclasses add their panes with ``_add_plot``, create ``self.crosshair`` with
    ``_attach_crosshair`` and implement ``readout_at`` and ``_render_readout``."""

    def __init__(self, parent: QWidget | None = None, *, pal: Palette = LIGHT) -> None:
        super().__init__(parent)
        self._pal = pal
        self._tick_font = cjk_font(TICK_PT)
        self._label_font = cjk_font(LABEL_PT)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        header = QWidget(self)
        header.setObjectName("chartHeader")
        header.setAutoFillBackground(True)
        header.setStyleSheet(f"#chartHeader {{ background: {pal.background}; }}")
        self.title_label = _HeaderLabel(Qt.AlignmentFlag.AlignLeft, self._label_font,
                                        pal.foreground)
        self.readout_label = _HeaderLabel(Qt.AlignmentFlag.AlignRight, self._label_font,
                                          pal.foreground)
        # Second header line (the K-line's MA legend); hidden unless a chart uses it.
        self.sub_label = _HeaderLabel(Qt.AlignmentFlag.AlignLeft, self._tick_font, pal.foreground)
        grid = QGridLayout(header)
        grid.setContentsMargins(8, 3, 8, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(0)
        grid.addWidget(self.title_label, 0, 0)
        grid.addWidget(self.readout_label, 0, 1)
        grid.addWidget(self.sub_label, 1, 0, 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.sub_label.hide()
        self.header = header

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(pal.background)
        self.view.ci.setContentsMargins(4, 2, 4, 2)
        self.view.ci.setSpacing(0)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(header)
        lay.addWidget(self.view, 1)
        self.crosshair: Crosshair | None = None

    @property
    def chart_palette(self) -> Palette:
        return self._pal

    def _add_plot(self, row: int, axis_items: dict[str, pg.AxisItem], *, stretch: int
                  ) -> pg.PlotItem:
        plot = pg.PlotItem(axisItems=axis_items)
        self.view.ci.addItem(plot, row=row, col=0)
        self.view.ci.layout.setRowStretchFactor(row, stretch)
        plot.showAxis("right")
        style_plot(plot, self._pal, self._tick_font)
        return plot

    def _attach_crosshair(self, plots: list[pg.PlotItem]) -> Crosshair:
        cross = Crosshair(self.view, plots, colour=self._pal.crosshair, shortcut_parent=self)
        cross.moved.connect(self._on_crosshair_moved)
        self.crosshair = cross
        return cross

    def _on_crosshair_moved(self, x: object) -> None:
        self._render_readout(None if x is None else float(x))  # type: ignore[arg-type]

    # -- subclass API ------------------------------------------------------------------------------
    def readout_at(self, x: float) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _render_readout(self, x: float | None) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def readout_text(self) -> str:
        """The readout label's current HTML (for tests and screenshots)."""
        return self.readout_label.text()

    def title_text(self) -> str:
        return self.title_label.text()
