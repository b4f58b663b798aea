"""``tidemark import FILE_OR_DIR... [--db P] [--format auto|NAME] [--date D] [--time HH:MM]``.

One command is one transaction: every file is parsed (normalised frames, no SQL) and written inside
a single BEGIN … COMMIT, which also fills prev_close of minute-bar quotes from the store's daily
bars and recomputes breadth_minutes for every minute the import touched. Any IngestError rolls the whole
import back, so the store's bytes are unchanged (a store the import created is removed again). A
file whose bytes (and, for files that need them, --date/--time or its file name's symbol) were
imported before is reported "already imported" and not written.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sqlite3
import sys
import time as _time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import TextIO

import numpy as np

from app.ingest import sink, tdx_vipdoc
from app.ingest.dates import iso_date
from app.ingest.detect import FORMATS, TEXT_EXTENSIONS, detect
from app.ingest.errors import IngestError
from app.ingest.frames import Options, Parsed, Source
from app.market.session import normalise_time
from app.store import writers
from app.store.connection import StoreError, open_writer

EXIT_OK = 0
EXIT_BAD_INPUT = 2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Progress = Callable[[int, int, str], None]   # (files done, files in all, current file)


@dataclass
class FileResult:
    path: str
    format: str
    status: str                     # 'imported', 'already imported', 'skipped'
    rows: int = 0                   # records read from the file
    written: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    encoding: str | None = None

    def line(self) -> str:
        parts = [f"{self.path}: {self.format}: {self.status}"]
        if self.status == "imported":
            parts.append(f"{self.rows:,} rows read")
            if self.written:
                parts.append(", ".join(f"{k} {v:,}" for k, v in self.written.items()))
            if self.encoding and self.encoding != "utf-8":
                parts.append(f"encoding {self.encoding}")
        parts.extend(self.notes)
        return "; ".join(parts)


@dataclass
class ImportSummary:
    db: str
    files: list[FileResult] = field(default_factory=list)
    seconds: float = 0.0

    def _count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def imported(self) -> int:
        return self._count("imported")

    @property
    def already(self) -> int:
        return self._count("already imported")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def totals(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            for k, v in f.written.items():
                out[k] = out.get(k, 0) + v
        return out

    def lines(self, *, per_file_limit: int = 50) -> list[str]:
        shown = [f for f in self.files if f.status != "skipped"]
        out = [f.line() for f in shown[:per_file_limit]]
        if len(shown) > per_file_limit:
            out.append(f"... and {len(shown) - per_file_limit} more files")
        skipped = [f for f in self.files if f.status == "skipped"]
        if skipped:
            out.append(f"skipped {len(skipped)} files: {skipped[0].notes[0]} "
                       f"(e.g. {skipped[0].path})")
        tot = ", ".join(f"{k} {v:,}" for k, v in self.totals.items()) or "nothing written"
        out.append(f"{self.db}: {self.imported} imported, {self.already} already imported, "
                   f"{self.skipped} skipped in {self.seconds:.1f} s; {tot}")
        return out


def _options(date: str | None, time: str | None) -> Options:
    if date is not None:
        iso = iso_date(str(date)) if _ISO_DATE.fullmatch(str(date)) else None
        if iso is None:
            raise IngestError(None, None, "--date", f"{date!r} is not a date (YYYY-MM-DD)")
        date = iso
    if time is not None:
        try:
            time = normalise_time(str(time))
        except ValueError:
            raise IngestError(None, None, "--time", f"{time!r} is not a clock time (HH:MM)") \
                from None
    return Options(date=date, time=time, today=_date.today().isoformat())


@dataclass
class _Job:
    path: Path
    skip_reason: str | None = None


def _expand(paths: Sequence[str | Path]) -> list[_Job]:
    jobs: list[_Job] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in
                           TEXT_EXTENSIONS + tdx_vipdoc.EXTENSIONS)
            if not found:
                raise IngestError(p, None, None, "no importable files in this folder (.csv, .txt, "
                                  ".tsv, .day, .lc1, .lc5)")
            for q in found:
                if q.suffix.lower() in tdx_vipdoc.EXTENSIONS and not tdx_vipdoc.fits_a_board(q):
                    jobs.append(_Job(q, "TDX files of funds, bonds and other codes that fit no "
                                        "board are not imported"))
                else:
                    jobs.append(_Job(q))
        elif p.is_file():
            jobs.append(_Job(p))
        elif p.exists():
            raise IngestError(p, None, None, "not a regular file or folder")
        else:
            raise IngestError(p, None, None, "no such file or folder")
    return jobs


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(path, None, None, f"cannot read ({exc.strerror or exc})") from exc


def _key(src: Source, parsed: Parsed) -> str:
    if not parsed.params:
        return src.sha256
    return hashlib.sha256(src.data + b"\0" + parsed.params.encode()).hexdigest()


def _quote_times(parsed: Parsed) -> dict[str, set[str]]:
    q = parsed.frames.get("quotes")
    if q is None or not len(q):
        return {}
    pairs = q[["date", "time"]].drop_duplicates()
    out: dict[str, set[str]] = {}
    for d, t in zip(pairs["date"].tolist(), pairs["time"].tolist(), strict=True):
        out.setdefault(d, set()).add(t)
    return out


def _null_prev_pairs(parsed: Parsed) -> set[tuple[str, str]]:
    q = parsed.frames.get("quotes")
    if q is None or not len(q):
        return set()
    m = ~np.isfinite(q["prev_close"].to_numpy(dtype=float))
    if not m.any():
        return set()
    sub = q.loc[m, ["symbol", "date"]].drop_duplicates()
    return set(zip(sub["symbol"].tolist(), sub["date"].tolist(), strict=True))


def parse_file(path: Path, fmt: str = "auto", opts: Options | None = None,
               data: bytes | None = None) -> Parsed:
    """Parse one file into normalised frames (no store involved)."""
    opts = opts or Options()
    src = Source(path, _read(path) if data is None else data)
    name = _format_for(src, fmt)
    return FORMATS[name](src, opts)


def _format_for(src: Source, fmt: str) -> str:
    if src.path.suffix.lower() in tdx_vipdoc.EXTENSIONS and fmt in ("auto", tdx_vipdoc.NAME):
        return tdx_vipdoc.NAME
    if fmt != "auto":
        return fmt
    return detect(src)


def run_import(paths: Sequence[str | Path], db: str | Path, fmt: str = "auto",
               date: str | None = None, time: str | None = None,
               progress: Progress | None = None) -> ImportSummary:
    """Import files and folders into the store at ``db`` in one transaction.

    Raises IngestError (bad input: nothing written) or StoreError (the store cannot be written).
    """
    t0 = _time.monotonic()
    if fmt != "auto" and fmt not in FORMATS:
        raise IngestError(None, None, "--format", f"unknown format {fmt!r}; one of: auto, "
                          f"{', '.join(FORMATS)}")
    opts = _options(date, time)
    jobs = _expand(paths)
    db = Path(db)
    summary = ImportSummary(str(db))
    existed = db.exists()
    conn = open_writer(db)
    total = len(jobs)
    try:
        sink.tune_for_bulk(conn)
        conn.execute("BEGIN IMMEDIATE")
        prev_pairs: set[tuple[str, str]] = set()
        quote_times: dict[str, set[str]] = {}
        for i, job in enumerate(jobs):
            if progress:
                progress(i, total, str(job.path))
            if job.skip_reason:
                summary.files.append(FileResult(str(job.path), tdx_vipdoc.NAME, "skipped",
                                                notes=[job.skip_reason]))
                continue
            src = Source(job.path, _read(job.path))
            name = _format_for(src, fmt)
            parsed = FORMATS[name](src, opts)
            key = _key(src, parsed)
            earlier = sink.already_imported(conn, key)
            if earlier:
                summary.files.append(FileResult(
                    str(job.path), name, "already imported", parsed.rows,
                    notes=[f"same content as {earlier[0]} imported {earlier[1]}; nothing written"]))
                continue
            written = sink.write_frames(conn, parsed.frames)
            sink.record_import(conn, key, str(job.path.resolve()), name, parsed.rows)
            prev_pairs |= _null_prev_pairs(parsed)
            for d, ts in _quote_times(parsed).items():
                quote_times.setdefault(d, set()).update(ts)
            notes = list(parsed.notes)
            summary.files.append(FileResult(str(job.path), name, "imported", parsed.rows, written,
                                            notes, parsed.encoding))
        if prev_pairs:
            sink.fill_prev_close(conn, sorted(prev_pairs))
        # The viewer draws breadth from breadth_minutes: recompute it for every minute this import
        # touched, from everything the store now holds at that minute.
        for n, (d, ts) in enumerate(sorted(quote_times.items())):
            if progress:
                progress(total, total, f"breadth of {d} ({n + 1}/{len(quote_times)} days)")
            writers.materialise_breadth(conn, d, sorted(ts))
        if progress:
            progress(total, total, "committing")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
        if not existed:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(db) + suffix).unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"{db}: import failed and was rolled back ({exc})") from exc
        raise
    conn.close()
    summary.seconds = _time.monotonic() - t0
    return summary


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The import sub-command's arguments (the same names app.cli uses)."""
    p.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_DIR")
    p.add_argument("--db", type=Path)
    p.add_argument("--format", default="auto", help=f"auto or one of: {', '.join(FORMATS)}")
    p.add_argument("--date", help="YYYY-MM-DD: the date of a spot file (or membership as-of)")
    p.add_argument("--time", help="HH:MM: the time of a spot snapshot (default its 时间戳 or 15:00)")


class _StderrProgress:
    """Prints progress to stderr once an import has run for more than a second."""

    def __init__(self, stream: TextIO | None = None, after: float = 1.0,
                 every: float = 1.0) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.t0 = _time.monotonic()
        self.after, self.every = after, every
        self.last = 0.0
        self.shown = False

    def __call__(self, done: int, total: int, label: str) -> None:
        now = _time.monotonic()
        if now - self.t0 < self.after or (now - self.last < self.every and done < total):
            return
        self.last = now
        self.shown = True
        text = f"tidemark import: {done}/{total} files, {now - self.t0:.0f} s ({label})"
        if self.tty:   # one line, rewritten in place
            end = "\n" if done >= total else ""
            print(f"\r\x1b[K{text}", end=end, file=self.stream, flush=True)
        else:
            print(text, file=self.stream, flush=True)


def main_import(args: argparse.Namespace | Sequence[str]) -> int:
    """Entry point of ``tidemark import``: 0 on success, 2 on bad input (one line on stderr)."""
    if not isinstance(args, argparse.Namespace):
        p = argparse.ArgumentParser(prog="tidemark import")
        add_arguments(p)
        args = p.parse_args(list(args))
    db = getattr(args, "db", None)
    if db is None:
        from app.config import default_store

        db = default_store()
    try:
        summary = run_import(args.paths, db, fmt=getattr(args, "format", "auto") or "auto",
                             date=getattr(args, "date", None), time=getattr(args, "time", None),
                             progress=_StderrProgress())
    except (IngestError, StoreError) as exc:
        print(f"tidemark: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for line in summary.lines():
        print(line)
    return EXIT_OK
