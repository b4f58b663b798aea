"""Render a widget to PNG (1×/2×), SVG or the clipboard, framed with a title line and the source.

PNG uses QWidget.render into a pixmap of the requested scale (QWidget.grab does the same at 1×);
SVG of a pyqtgraph chart uses pyqtgraph's SVGExporter on its scene, other panels QSvgGenerator.
The widget must be shown and laid out first (pyqtgraph#1997, #2555), which ``framed`` takes care of.
"""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from app.ui.palette import LIGHT, Palette


def tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


class ExportFrame(QWidget):
    """A title line above the content and a source line below it, as exports carry."""

    def __init__(self, content: QWidget, title: str, source: str,
                 parent: QWidget | None = None, *, pal: Palette = LIGHT) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # The frame in the theme of its content: a dark chart in a white frame reads as a hole.
        self.setStyleSheet(f"ExportFrame {{ background: {pal.background}; }} "
                           f"QLabel {{ color: {pal.foreground}; }}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 4)
        lay.setSpacing(4)
        self.title = QLabel(title, self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.title.setFont(f)
        self.source = QLabel(source, self)
        self.source.setStyleSheet(f"color: {pal.axis};")
        self.content = content
        lay.addWidget(self.title)
        lay.addWidget(content, 1)
        lay.addWidget(self.source)


# Qt's PNG "quality" is zlib effort: 80 writes files as small as the default in a third of the time.
PNG_QUALITY = 80


def lay_out(widget: QWidget, size: QSize) -> None:
    """Show (offscreen where there is no display) and lay out before rendering."""
    widget.resize(size)
    widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    widget.show()
    QApplication.processEvents()


def to_image(widget: QWidget, scale: float = 1.0, pal: Palette = LIGHT) -> QImage:
    """The widget as an image at ``scale`` × its logical size (2× for high-DPI notes)."""
    size = widget.size()
    pix = QPixmap(int(size.width() * scale), int(size.height() * scale))
    pix.setDevicePixelRatio(scale)
    pix.fill(QColor(pal.background))
    painter = QPainter(pix)
    widget.render(painter, QPoint())
    painter.end()
    return pix.toImage()


def save_png(widget: QWidget, path: Path, scale: float = 1.0, pal: Palette = LIGHT) -> Path:
    img = to_image(widget, scale, pal)
    if not img.save(str(path), "PNG", PNG_QUALITY):
        raise OSError(f"{path}: could not write PNG")
    return path


def _graphics_view(widget: QWidget) -> pg.GraphicsView | None:
    if isinstance(widget, pg.GraphicsView):
        return widget
    views = widget.findChildren(pg.GraphicsView)
    return views[0] if len(views) == 1 else None


def save_svg(widget: QWidget, path: Path, title: str = "", pal: Palette = LIGHT) -> Path:
    """SVG: pyqtgraph's SVGExporter for a single-scene chart, QSvgGenerator for other panels."""
    content = widget.content if isinstance(widget, ExportFrame) else widget
    view = _graphics_view(content)
    if view is not None:
        from pyqtgraph.exporters import SVGExporter

        svg = SVGExporter(view.scene()).export(toBytes=True)
        text = svg.decode("utf-8") if isinstance(svg, bytes) else str(svg)
        if title:
            # The chart's scene has no room for the frame's title line: add it as SVG text.
            esc = title.replace("&", "&amp;").replace("<", "&lt;")
            text = text.replace("</svg>", f'<text x="8" y="16" font-size="13" fill="{pal.foreground}">{esc}'
                                          f"</text>\n</svg>", 1)
        path.write_text(text, encoding="utf-8")
        return path
    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(widget.size())
    gen.setViewBox(widget.rect())
    gen.setTitle(title)
    painter = QPainter(gen)
    widget.render(painter, QPoint())
    painter.end()
    return path


def copy_image(widget: QWidget, scale: float = 1.0, pal: Palette = LIGHT) -> None:
    QGuiApplication.clipboard().setImage(to_image(widget, scale, pal))


HEADER_PX = 30
FOOTER_PX = 20


def framed_image(widget: QWidget, title: str, source: str, scale: float = 1.0,
                 pal: Palette = LIGHT) -> QImage:
    """A live widget (which cannot be re-parented into an ExportFrame) with a title line above and
    the source line below, as every export carries, on the theme's background."""
    size = widget.size()
    w, h = size.width(), size.height() + HEADER_PX + FOOTER_PX
    pix = QPixmap(int(w * scale), int(h * scale))
    pix.setDevicePixelRatio(scale)
    pix.fill(QColor(pal.background))
    painter = QPainter(pix)
    _paint_frame_text(painter, w, size.height(), title, source, pal)
    widget.render(painter, QPoint(0, HEADER_PX))
    painter.end()
    return pix.toImage()


def _paint_frame_text(painter: QPainter, w: int, content_h: int, title: str, source: str,
                      pal: Palette) -> None:
    font = painter.font()
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF(), 9) * 1.2)
    painter.setFont(font)
    painter.setPen(QColor(pal.foreground))
    painter.drawText(8, 0, w - 16, HEADER_PX, int(Qt.AlignmentFlag.AlignVCenter), title)
    font.setBold(False)
    font.setPointSizeF(font.pointSizeF() / 1.3)
    painter.setFont(font)
    painter.setPen(QColor(pal.axis))
    painter.drawText(8, HEADER_PX + content_h, w - 16, FOOTER_PX, int(Qt.AlignmentFlag.AlignVCenter),
                     source)


def save_framed(widget: QWidget, path: Path, title: str, source: str, scale: float = 1.0,
                svg: bool = False, pal: Palette = LIGHT) -> Path:
    if svg:
        size = widget.size()
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        total = QSize(size.width(), size.height() + HEADER_PX + FOOTER_PX)
        gen.setSize(total)
        gen.setViewBox(QRect(0, 0, total.width(), total.height()))
        gen.setTitle(title)
        painter = QPainter(gen)
        painter.fillRect(QRect(0, 0, total.width(), total.height()), QColor(pal.background))
        _paint_frame_text(painter, size.width(), size.height(), title, source, pal)
        widget.render(painter, QPoint(0, HEADER_PX))
        painter.end()
        return path
    if not framed_image(widget, title, source, scale, pal).save(str(path), "PNG", PNG_QUALITY):
        raise OSError(f"{path}: could not write PNG")
    return path
