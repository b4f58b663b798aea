"""Session brief: the day's key takeaways, written from the data (no Qt, no SQL, no network).

``brief(view, lang)`` turns a ``SessionView`` (or anything with the same attributes) into bullets
ordered by importance, each a ``BriefItem(text, finding)``; ``brief_markdown`` prints them. The
findings live in ``app.market.brief_findings`` and the templates in ``app.market.brief_text``.

New highs need price history the view does not carry: pass ``history_high`` (indexed by symbol,
columns max_close, days, first_date; see ``brief_findings.history_high_from_daily``) or put that
frame into ``view.extras[EXTRAS_HISTORY_HIGH]``. Without it the brief makes no new-high claim.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from app.market.brief_findings import (Finding, findings, history_high_from_daily)
from app.market.brief_text import LANGS, sentence, title

EXTRAS_HISTORY_HIGH = "history_high"

__all__ = ["EXTRAS_HISTORY_HIGH", "LANGS", "BriefItem", "Finding", "brief", "brief_dict",
           "brief_json", "brief_markdown", "findings", "history_high_from_daily", "title"]


@dataclass(frozen=True)
class BriefItem:
    text: str
    finding: Finding


def _history(view: Any, history_high: pd.DataFrame | None) -> pd.DataFrame | None:
    if history_high is not None:
        return history_high
    extras = getattr(view, "extras", None) or {}
    h = extras.get(EXTRAS_HISTORY_HIGH) if isinstance(extras, dict) else None
    return h if isinstance(h, pd.DataFrame) else None


def brief(view: Any, lang: str = "zh", history_high: pd.DataFrame | None = None,
          limit: int | None = None) -> list[BriefItem]:
    """The bullets of the session minute ``view`` in ``lang`` ('zh' or 'en'), most important first
    (at most ``limit``)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    found = findings(view, _history(view, history_high))
    if limit is not None:
        found = found[:limit]
    return [BriefItem(sentence(f, lang), f) for f in found]


def brief_markdown(view: Any, lang: str = "zh", history_high: pd.DataFrame | None = None,
                   limit: int | None = None, heading: bool = True,
                   items: list[BriefItem] | None = None) -> str:
    """Markdown: an optional '## title' line, then one '- ' bullet per item."""
    items = brief(view, lang, history_high, limit) if items is None else items
    lines = [f"## {title(str(view.date), str(view.time), lang)}", ""] if heading else []
    lines += [f"- {it.text}" for it in items]
    return "\n".join(lines) + "\n"


def brief_dict(view: Any, lang: str = "zh", history_high: pd.DataFrame | None = None,
               limit: int | None = None) -> dict[str, Any]:
    """JSON-ready: date, time, lang, title and the items (text, kind, score, evidence, target)."""
    items = brief(view, lang, history_high, limit)
    return {"date": str(view.date), "time": str(view.time), "lang": lang,
            "title": title(str(view.date), str(view.time), lang),
            "items": [{"text": it.text, **it.finding.as_dict()} for it in items]}


def brief_json(view: Any, lang: str = "zh", history_high: pd.DataFrame | None = None,
               limit: int | None = None) -> str:
    return json.dumps(brief_dict(view, lang, history_high, limit), ensure_ascii=False, indent=1,
                      allow_nan=False)
