"""A wrapped TextLine whose text changed while it fitted gets its height when it is narrowed."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.breadth._style import font
from app.ui.text_line import TextLine, unbroken

ITEMS = ["成分股等权 −0.36%", "中位数 −1.06%", "全市场中位数 −1.65%"]


def test_narrowing_after_a_new_text_gives_the_line_its_height(qtbot):
    box = QWidget()
    lay = QVBoxLayout(box)
    line = TextLine(box, font=font(9), colour="#000000", rich=True, wrap=True)
    lay.addWidget(line)
    lay.addStretch(1)
    qtbot.addWidget(box)
    box.resize(900, 300)
    box.show()
    qtbot.waitExposed(box)
    line.setText("—")
    qtbot.wait(20)
    line.setText(" | ".join(unbroken(i) for i in ITEMS))     # one line at 900 px: no relayout
    qtbot.wait(20)
    one = line.height()
    box.resize(max(line.minimumSizeHint().width() + 20, 160), 300)
    needed = line.heightForWidth(line.width())
    qtbot.waitUntil(lambda: line.height() >= line.heightForWidth(line.width()), timeout=2000)
    assert needed > one, "the narrow width should need more lines (the test shows nothing)"
