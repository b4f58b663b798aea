"""A wrapped readout breaks between its items, never inside one (Chinese breaks anywhere)."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument, QTextOption

from app.ui.text_line import WORD_JOINER, unbroken

ITEMS = ["成分股等权 −0.36%", "中位数 −1.06%", "全市场中位数 −1.65%"]


def _lines(html: str, width: int) -> list[str]:
    doc = QTextDocument()
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    doc.setDefaultTextOption(option)
    doc.setHtml(html)
    doc.setTextWidth(width)
    doc.size()
    block = doc.begin()
    lay = block.layout()
    text = block.text()
    return [text[lay.lineAt(i).textStart():lay.lineAt(i).textStart() + lay.lineAt(i).textLength()]
            .replace(WORD_JOINER, "").replace("\u00a0", " ").strip(" |")
            for i in range(lay.lineCount())]


def test_items_stay_whole_at_every_width(qapp):
    plain = " | ".join(ITEMS)
    html = " | ".join(unbroken(i) for i in ITEMS)
    broke_plain = False
    for width in range(60, 420, 10):
        lines = _lines(html, width)
        pieces = [p.strip() for line in lines for p in line.split(" | ") if p.strip()]
        assert pieces == ITEMS, (width, lines)
        plain_pieces = [p.strip() for line in _lines(plain, width) for p in line.split(" | ")
                        if p.strip()]
        broke_plain |= plain_pieces != ITEMS
    assert broke_plain, "the plain text never broke inside an item: the test shows nothing"


def test_markup_and_placeholders_are_left_alone():
    out = unbroken("中位数 {0}")
    assert out.endswith("{0}") and out.format("<span>x</span>").endswith("<span>x</span>")
    assert unbroken("<b>涨停</b>").startswith("<b>") and "</b>" in unbroken("<b>涨停</b>")
