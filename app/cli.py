"""The `tidemark` command. Exit 0 on success, 2 on bad usage or bad input with one line on stderr."""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
from pathlib import Path

from app.config import default_store

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class UsageError(Exception):
    """Bad usage or bad input: printed as one line, exit 2."""


def _date(value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise argparse.ArgumentTypeError(f"--date must be YYYY-MM-DD, not {value!r}")
    return value


def _time(value: str) -> str:
    if not re.fullmatch(r"\d{1,2}:\d{2}", value):
        raise argparse.ArgumentTypeError(f"--time must be HH:MM, not {value!r}")
    h, m = value.split(":")
    return f"{int(h):02d}:{m}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one clear line and exit 2, as the contract says
        self.exit(EXIT_BAD_INPUT, f"tidemark: {message}\n")


def _lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["zh", "en"],
                   help="interface language: Chinese or English (default: TIDEMARK_LANG, then "
                        "the viewer's View → Language choice, then the system locale; Chinese "
                        "for an unset or C locale)")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tidemark", description="Review a China A-share trading session.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    v = sub.add_parser("view", help="open the viewer")
    v.add_argument("--db", type=Path)
    v.add_argument("--date", type=_date)
    v.add_argument("--time", type=_time)
    _lang_option(v)

    d = sub.add_parser("demo", help="write the deterministic demo session store")
    d.add_argument("--db", type=Path)
    d.add_argument("--live", action="store_true", help="append the session minute by minute")
    d.add_argument("--speed", type=float, default=1.0, help="live mode: minutes per second")

    i = sub.add_parser("import", help="import akshare / Tushare / TDX / sector files")
    i.add_argument("paths", nargs="+", type=Path)
    i.add_argument("--db", type=Path)
    i.add_argument("--format", default="auto")
    i.add_argument("--date", type=_date)
    i.add_argument("--time", type=_time)

    e = sub.add_parser("export", help="write the standard set of chart screenshots, headless")
    e.add_argument("--db", type=Path, required=True)
    e.add_argument("--date", type=_date, required=True)
    e.add_argument("--time", type=_time)
    e.add_argument("--out", type=Path, required=True)
    e.add_argument("--format", choices=["png", "svg"], default="png")
    e.add_argument("--scale", type=float, choices=[1.0, 2.0], default=1.0, help="PNG scale")
    e.add_argument("--no-sentiment", action="store_true",
                   help="skip the sentiment dock (its history takes several seconds to compute)")
    e.add_argument("--theme", choices=["light", "dark"],
                   help="the viewer's View menu choice unless given (light before any)")
    e.add_argument("--colours", choices=["red-up", "green-up"],
                   help="up/down colours: red-up as in China, green-up for others "
                        "(the viewer's View menu choice unless given)")
    _lang_option(e)

    m = sub.add_parser("migrate", help="upgrade an older store's schema (a backup is kept)")
    m.add_argument("--db", type=Path, required=True)

    c = sub.add_parser("collect", help="record real sessions (akshare) or a replay into a store")
    c.add_argument("--db", type=Path, help="default: $TIDEMARK_DB, else "
                   "$XDG_DATA_HOME/tidemark/history.sqlite")
    c.add_argument("--replay", type=Path, metavar="DIR",
                   help="play a recording of akshare frames instead of the market")
    c.add_argument("--speed", type=float, default=1.0, help="replay: minutes per second")
    c.add_argument("--history", action="store_true",
                   help="backfill daily bars of stocks and indices from --start to --end")
    c.add_argument("--start", type=_date)
    c.add_argument("--end", type=_date)
    c.add_argument("--make-demo-replay", type=Path, metavar="DIR",
                   help="write the demo session as a recording for --replay")
    c.add_argument("--minutes", type=int, default=241,
                   help="--make-demo-replay: how many minutes of the session")

    b = sub.add_parser("bench", help="measure speed and memory goals against their baselines")
    b.add_argument("--quick", action="store_true")
    b.add_argument("--json", action="store_true")

    r = sub.add_parser("report", help="print a report of a session")
    r.add_argument("kind", choices=["breadth", "limits", "brief", "sentiment"])
    _lang_option(r)
    r.add_argument("--db", type=Path, required=True)
    r.add_argument("--date", type=_date, required=True)
    r.add_argument("--time", type=_time)
    r.add_argument("--json", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "view"
    if getattr(args, "lang", None):
        from app.ui.i18n import request

        request(args.lang)
    try:
        if command == "view":
            return _view(args)
        if command == "demo":
            return _demo(args)
        if command == "import":
            return _import(args)
        if command == "report":
            return _report(args)
        if command == "collect":
            return _collect(args)
        if command == "migrate":
            from app.commands.migrate import run_migrate

            return run_migrate(args.db)
        if command == "bench":
            from app.bench.run import run_bench

            return run_bench(args.quick, args.json)
        if command == "export":
            from app.commands.export import run_export

            return run_export(args.db, args.date, args.time, args.out, args.format, args.scale,
                              sentiment=not args.no_sentiment, theme=args.theme,
                              red_up=None if args.colours is None else args.colours == "red-up")
    except UsageError as exc:
        print(f"tidemark: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    parser.error(f"unknown command {command}")
    return EXIT_BAD_INPUT


def _db(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "db", None) or default_store())


def _ensure_demo(path: Path) -> None:
    if not path.exists():
        from app.demo.store import build_demo_store

        print(f"tidemark: no store at {path}; writing the demo session there", file=sys.stderr)
        build_demo_store(path)


def _view(args: argparse.Namespace) -> int:
    db = _db(args)
    if getattr(args, "db", None) is None:
        _ensure_demo(db)
    from app.commands.view import run_view

    return run_view(db, getattr(args, "date", None), getattr(args, "time", None))


def _demo(args: argparse.Namespace) -> int:
    db = _db(args)
    if args.live:
        from app.demo.live import run_live

        return run_live(db, speed=args.speed)
    from app.demo.store import run_demo

    return run_demo(str(db))


def _collect(args: argparse.Namespace) -> int:
    if args.make_demo_replay is not None:
        from app.demo.recording import run_make_replay

        return run_make_replay(args.make_demo_replay, args.minutes)
    from app.ingest.collect.command import run_collect

    return run_collect(args)


def _import(args: argparse.Namespace) -> int:
    from app.ingest.runner import main_import

    return main_import(args)


def _open_for_report(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from app.store.connection import StoreError, open_readonly

    try:
        return open_readonly(args.db)
    except StoreError as exc:
        raise UsageError(str(exc)) from exc


def _report(args: argparse.Namespace) -> int:
    if args.kind == "sentiment":
        from app.commands.sentiment import run_sentiment

        return run_sentiment(args.db, args.date, args.time, args.json)
    if args.kind == "brief":
        from app.commands.brief import run_brief

        return run_brief(args.db, args.date, args.time, args.lang, args.json)
    from app.session.view import resolve_time
    from app.store.reader import StoreReader

    conn = _open_for_report(args)
    try:
        store = StoreReader(conn)
        time = resolve_time(store, args.date, args.time)
        if args.kind == "breadth":
            from app.market.reports import breadth_report
            from app.session.review import breadth_at

            out = breadth_report(breadth_at(store, args.date, time), args.date, time)
        else:
            from app.market.reports import limits_report
            from app.session.review import limit_review

            out = limits_report(limit_review(store, args.date, time), args.date, time)
    except LookupError as exc:
        raise UsageError(str(exc)) from exc
    except sqlite3.DatabaseError as exc:   # damage past the header only shows when read
        from app.store.connection import describe_error

        raise UsageError(describe_error(args.db, exc)) from exc
    finally:
        conn.close()
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        _print_human(out)
    return EXIT_OK


def _print_human(out: dict) -> None:
    for key, value in out.items():
        if isinstance(value, list):
            print(f"{key}: {len(value)}")
            for item in value:
                print("   ", "  ".join(f"{k}={v}" for k, v in item.items()))
        else:
            print(f"{key}: {value}")


if __name__ == "__main__":
    raise SystemExit(main())
