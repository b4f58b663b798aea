"""`tidemark report sentiment`: market sentiment of a session minute, as JSON or as text."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from app.session.sentiment_data import sentiment_report
from app.session.view import resolve_time
from app.store.connection import StoreError, open_readonly
from app.store.reader import StoreReader

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _pct(v: Any, digits: int = 1, scale: float = 100.0) -> str:
    return "—" if v is None else f"{v * scale:.{digits}f}%"


def _num(v: Any, digits: int = 2) -> str:
    return "—" if v is None else f"{v:+.{digits}f}"


def format_text(rep: dict[str, Any]) -> str:
    """The report as a few lines of text (the --json form carries everything)."""
    lines = [f"sentiment {rep['date']} {rep['time']} ({rep['source']}; previous session "
             f"{rep['prev_date'] or '—'})"]
    g = rep["gauge"]
    lines.append(f"gauge {g['level'] if g['level'] is not None else '—'}  "
                 f"stage {g['stage_label'] or '—'}  (previous {g['prev_level']}, change "
                 f"{g['change']})")
    for c in g["components"]:
        lines.append(f"    {c['label']:<8} value {c['value']}  pct {c['percentile']}  "
                     f"heat {c['heat']}  ({c['direction']})")
    lad = rep["ladder"]
    lines.append("ladder " + "  ".join(f"{lv['title']} {lv['sealed']}"
                                       + (f" (failed {lv['failed']})" if lv["failed"] else "")
                                       + (f" (pending {lv['pending']})" if lv.get("pending")
                                          else "")
                                       for lv in lad["levels"]))
    p = rep["promotion"]
    lines.append("promotion " + "  ".join(f"{t['tier']} {t['promoted']}/{t['base']} "
                                          f"{_pct(t['rate'])}" for t in p["tiers"]))
    s = p["seal"]
    lines.append(f"seal rate {_pct(s['seal_rate'])}  break rate {_pct(s['break_rate'])}  "
                 f"(limit-up {s['limit_up']}, touched {s['touched']}, broken {s['broken']})")
    for grp in rep["yesterday"]["groups"]:
        lines.append(f"yesterday {grp['label']}: n {grp['n']}  mean {_num(grp['mean_pct'])}%  "
                     f"median {_num(grp['median_pct'])}%  <= {rep['yesterday']['big_drop_pct']}%: "
                     f"{grp['big_drop']}")
    a = rep["auction"]
    if not a["available"]:
        lines.append(f"auction: none ({a['reason']})")
    else:
        for key, grp in a["groups"].items():
            lines.append(f"auction {grp['label']}: mean {_num(grp['mean_pct'])}%  amount ratio "
                         f"{_pct(grp['amount_ratio'], 2)}")
    b = rep["breadth"]
    if b.get("date"):
        lines.append(f"breadth {b['date']}: adv {b['adv']} dec {b['dec']}  A-D line "
                     f"{b['ad_line']}  McClellan {b['mcclellan']}  above MA "
                     f"{b['above_ma']}  NH-NL {b['nh_nl']}")
    lines.append(f"boards ({rep['boards']['formula']}):")
    for row in rep["boards"]["top"]:
        lines.append(f"    {row['name']} ({row['kind']}) score {row['score']}  limit-ups "
                     f"{row['limit_ups']}  highest {row['highest_streak']}  days {row['days']}  "
                     f"leader {row['leader_name'] or '—'}")
    for note in rep.get("notes", []):
        lines.append(f"note: {note}")
    return "\n".join(lines)


def run_sentiment(db: Path | str, date: str | None, time: str | None = None,
                  as_json: bool = False) -> int:
    """Print the sentiment report; exit 2 with one line on stderr for a bad store or session."""
    try:
        conn = open_readonly(db)
    except StoreError as exc:
        print(f"tidemark: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        if date is None:
            from app.store import queries

            dates = queries.sessions(conn) or queries.daily_dates(conn)[-1:]
            if not dates:
                print(f"tidemark: {db}: the store holds no session", file=sys.stderr)
                return EXIT_BAD_INPUT
            date = dates[-1]
        store = StoreReader(conn)
        t = resolve_time(store, date, time)
        rep = sentiment_report(store, date, t)
    except LookupError as exc:
        print(f"tidemark: {db}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        conn.close()
    if as_json:
        print(json.dumps(rep, ensure_ascii=False, indent=1, allow_nan=False))
    else:
        print(format_text(rep))
    return EXIT_OK
