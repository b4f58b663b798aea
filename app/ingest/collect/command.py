"""``tidemark collect`` from parsed arguments: pick the feed and the clock, then run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.config import history_store
from app.ingest.collect.akshare_feed import AkshareFeed
from app.ingest.collect.clock import ReplayClock, SessionClock
from app.ingest.collect.feeds import FeedUnavailable
from app.ingest.collect.history import run_history
from app.ingest.collect.replay_feed import ReplayFeed
from app.ingest.collect.runner import EXIT_BAD_INPUT, collect


def run_collect(args: argparse.Namespace) -> int:
    db = Path(args.db) if args.db else history_store()
    if args.history:
        if not (args.start and args.end):
            print("tidemark collect: --history needs --start D and --end D", file=sys.stderr)
            return EXIT_BAD_INPUT
        return run_history(db, AkshareFeed(), args.start, args.end)
    if args.start or args.end:
        print("tidemark collect: --start/--end go with --history", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.replay is not None:
        if not args.speed > 0:
            print(f"tidemark collect: --speed must be a positive number of minutes per second, "
                  f"not {args.speed}", file=sys.stderr)
            return EXIT_BAD_INPUT
        feed = ReplayFeed(args.replay)
        return collect(db, feed, ReplayClock(feed.minutes(), speed=args.speed))
    clock = SessionClock()
    feed = AkshareFeed()
    if clock.day() is None:
        try:
            feed.check()        # still say what is missing, so a set-up can be tested any day
        except FeedUnavailable as exc:
            print(f"tidemark collect (akshare): {exc}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"tidemark collect: today ({clock.today()}) is not an XSHG trading day; "
              "nothing to record", file=sys.stderr)
        return 0
    return collect(db, feed, clock, started=f"recording the XSHG session of {clock.day()} "
                   "(09:30-11:30, 13:01-15:00 Beijing time)")
