"""Exports: the headless batch (names, images, SVG titles, errors) and the render helpers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel

from app.cli import main
from app.ui.export.render import ExportFrame, lay_out, to_image
from app.ui.palette import DARK, GREEN, LIGHT, RED, palette

EXPECTED = [
    "2026-06-02_1130_sse_intraday", "2026-06-02_1130_szse_intraday",
    "2026-06-02_1130_chinext_intraday", "2026-06-02_1130_star50_intraday",
    "2026-06-02_1130_csi300_intraday", "2026-06-02_1130_indices_overlay",
    "2026-06-02_1130_chinext_daily", "2026-06-02_1130_sectors_top",
    "2026-06-02_1130_market_breadth", "2026-06-02_1130_limitup_ladder",
]
BRIEFS = ["2026-06-02_1130_brief_zh"]       # the interface's language only (Chinese here)


def _count_near(img: QImage, colour: str, tol: int = 40, step: int = 2) -> int:
    target = QColor(colour)
    n = 0
    for y in range(0, img.height(), step):
        for x in range(0, img.width(), step):
            c = img.pixelColor(x, y)
            if (abs(c.red() - target.red()) + abs(c.green() - target.green())
                    + abs(c.blue() - target.blue())) < tol:
                n += 1
    return n


@pytest.fixture(scope="module")
def png_batch(demo_store, tmp_path_factory, qapp):
    out = tmp_path_factory.mktemp("export")
    # Light and red-up as given, whatever another test left as the View menu's choice.
    assert main(["export", "--db", str(demo_store), "--date", "2026-06-02", "--time", "11:30",
                 "--out", str(out), "--no-sentiment", "--theme", "light",
                 "--colours", "red-up"]) == 0
    return out


def test_batch_names_and_images(png_batch, capsys):
    files = sorted(p.stem for p in png_batch.glob("*.png"))
    assert files == sorted(EXPECTED + BRIEFS)
    md = (png_batch / "2026-06-02_1130_brief_zh.md").read_text(encoding="utf-8")
    assert "创业板指" in md and "1.81万亿" in md
    for stem in EXPECTED:
        img = QImage(str(png_batch / f"{stem}.png"))
        assert img.width() >= 1000 and img.height() >= 400, stem
        # Not blank: a real chart has many distinct colours.
        colours = {img.pixel(x, y) for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)}
        assert len(colours) > 8, f"{stem} looks blank"


def test_up_and_down_colours_follow_red_up(png_batch):
    # The breadth panel at 11:30: far more green (decliners) than red, and both present.
    img = QImage(str(png_batch / "2026-06-02_1130_market_breadth.png"))
    red, green = _count_near(img, RED), _count_near(img, GREEN)
    assert red > 200 and green > red
    # ChiNext's intraday line is above its base all morning: red line pixels present.
    chinext = QImage(str(png_batch / "2026-06-02_1130_chinext_intraday.png"))
    assert _count_near(chinext, RED) > 100


def test_svg_batch_carries_titles(demo_store, tmp_path, qapp):
    assert main(["export", "--db", str(demo_store), "--date", "2026-06-02", "--time", "11:30",
                 "--out", str(tmp_path), "--format", "svg"]) == 0
    svg = (tmp_path / "2026-06-02_1130_chinext_intraday.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") or "<svg" in svg[:400]
    assert "创业板指" in svg and "2026-06-02 11:30" in svg
    # Without --no-sentiment the batch also carries the sentiment dock.
    assert (tmp_path / "2026-06-02_1130_market_sentiment.svg").exists()
    assert len(list(tmp_path.glob("*.svg"))) == len(EXPECTED) + 1


def test_missing_session_or_minute_exits_2(demo_store, tmp_path, capsys, qapp):
    assert main(["export", "--db", str(demo_store), "--date", "2026-06-03", "--out",
                 str(tmp_path)]) == 2
    assert "no session 2026-06-03" in capsys.readouterr().err
    assert main(["export", "--db", str(demo_store), "--date", "2026-06-02", "--time", "12:31",
                 "--out", str(tmp_path)]) == 2
    assert "12:31" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.png"))


def test_render_scale_doubles_pixels(qapp):
    frame = ExportFrame(QLabel("涨停 44"), "title", "source")
    lay_out(frame, frame.sizeHint())
    one, two = to_image(frame, 1.0), to_image(frame, 2.0)
    assert (two.width(), two.height()) == (2 * one.width(), 2 * one.height())
    frame.close()


def test_window_exports_carry_title_and_source(tmp_path, qapp):
    from app.ui.export.actions import FILTER_PNG2, FILTER_SVG, export_widget
    from app.ui.export.render import FOOTER_PX, HEADER_PX

    label = QLabel("跌停 27")
    lay_out(label, label.sizeHint())
    png = export_widget(label, tmp_path / "x.png", FILTER_PNG2, "创业板指 2026-06-02 11:30", "src")
    img = QImage(str(png))
    assert img.height() == 2 * (label.height() + HEADER_PX + FOOTER_PX)
    svg = export_widget(label, tmp_path / "x", FILTER_SVG, "创业板指 2026-06-02 11:30", "Tidemark")
    text = svg.read_text(encoding="utf-8")
    assert svg.suffix == ".svg" and "创业板指 2026-06-02 11:30" in text and "Tidemark" in text
    label.close()


def _corner(img: QImage) -> str:
    return img.pixelColor(2, 2).name()


def test_batch_follows_the_view_menu_and_its_options(demo_store, tmp_path, qapp, dialogs):
    """Without options the batch is drawn as the viewer's View menu was left (dark, green-up
    here), frames included; --theme / --colours override it."""
    from app.ui.appearance import save_palette, use_palette

    style = qapp.style().name()
    save_palette(palette("dark", red_up=False))
    try:
        assert main(["export", "--db", str(demo_store), "--date", "2026-06-02", "--time", "11:30",
                     "--out", str(tmp_path / "saved"), "--no-sentiment"]) == 0
        assert main(["export", "--db", str(demo_store), "--date", "2026-06-02", "--time", "11:30",
                     "--out", str(tmp_path / "given"), "--no-sentiment", "--theme", "light",
                     "--colours", "red-up"]) == 0
    finally:
        use_palette(LIGHT)
        qapp.setStyle(style)
    for stem in EXPECTED + BRIEFS:
        assert _corner(QImage(str(tmp_path / "saved" / f"{stem}.png"))) == DARK.background, stem
        assert _corner(QImage(str(tmp_path / "given" / f"{stem}.png"))) == LIGHT.background, stem
    # Green-up: the 4,335 decliners are red, ChiNext's rising line green.
    breadth = QImage(str(tmp_path / "saved" / "2026-06-02_1130_market_breadth.png"))
    assert _count_near(breadth, DARK.red) > _count_near(breadth, DARK.green) > 200
    chinext = QImage(str(tmp_path / "saved" / "2026-06-02_1130_chinext_intraday.png"))
    assert _count_near(chinext, DARK.green) > 100
    light = QImage(str(tmp_path / "given" / "2026-06-02_1130_market_breadth.png"))
    assert _count_near(light, GREEN) > _count_near(light, RED) > 200


def test_a_window_export_is_framed_in_the_panel_theme(tmp_path, qapp):
    from app.ui.export.actions import FILTER_PNG, export_widget

    label = QLabel("跌停 27")
    lay_out(label, label.sizeHint())
    img = QImage(str(export_widget(label, tmp_path / "d.png", FILTER_PNG, "创业板指", "src",
                                   pal=DARK)))
    assert _corner(img) == DARK.background
    # The title is drawn in the theme's text colour: light pixels on the dark header.
    assert _count_near(img.copy(0, 0, img.width(), 30), DARK.foreground, tol=60, step=1) > 5
    label.close()
