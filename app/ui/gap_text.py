"""How the window names the minutes a collector could not record (the status line and tooltips)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CONTEXT = "Gaps"
KINDS = {
    "not_running": QT_TRANSLATE_NOOP("Gaps", "no collector running"),
    "request_failed": QT_TRANSLATE_NOOP("Gaps", "the feed failed"),
    "unusable": QT_TRANSLATE_NOOP("Gaps", "the feed's data was unusable"),
    "other": QT_TRANSLATE_NOOP("Gaps", "not recorded"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def span(gap) -> str:  # type: ignore[no-untyped-def]
    return gap.first if gap.first == gap.last else f"{gap.first}–{gap.last}"


def reason(gap) -> str:  # type: ignore[no-untyped-def]
    return _tr(KINDS.get(gap.kind, KINDS["other"]))


def gaps_note(gaps: Sequence) -> str:
    """One line for the status bar: how many minutes are missing, and the first gap named; ''
    when none is."""
    if not gaps:
        return ""
    minutes = sum(g.minutes for g in gaps)
    first = gaps[0]
    if len(gaps) == 1:
        return QCoreApplication.translate("Gaps", "   not recorded: {0} ({1})").format(span(first), reason(first))
    return QCoreApplication.translate(
        "Gaps", "   not recorded: {0} minutes in {1} gaps, first {2} ({3})").format(
        minutes, len(gaps), span(first), reason(first))


def gaps_tooltip(gaps: Sequence) -> str:
    """Every gap on its own line with the collector's detail (an error's own text)."""
    lines = []
    for g in gaps:
        line = QCoreApplication.translate(
            "Gaps", "{0}: {1} minute(s) not recorded, {2}").format(span(g), g.minutes, reason(g))
        lines.append(f"{line} — {g.detail}" if g.detail else line)
    return "\n".join(lines)
