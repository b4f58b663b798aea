"""Splitting decoded text into a header, stripped string columns and their source line numbers."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from app.ingest.errors import IngestError
from app.ingest.frames import Source


def split_csv(src: Source, text: str, delim: str) -> tuple[list[str], list[np.ndarray],
                                                               np.ndarray]:
    """(header, data columns, line numbers) with the csv module: quoting and exact line numbers."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    width = 0
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            if header is None:
                header, width = row, len(row)
                continue
            if len(row) != width:
                if len(row) > width and not any(c.strip() for c in row[width:]):
                    row = row[:width]
                else:
                    raise IngestError(src.path, reader.line_num, None,
                                      f"expected {width} fields, found {len(row)}")
            rows.append(row)
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise IngestError(src.path, reader.line_num, None,
                          f"not a readable CSV row ({exc})") from exc
    if header is None:
        raise IngestError(src.path, None, None, "empty file: no header line")
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    out = []
    for c in columns:
        arr = np.empty(len(c), dtype=object)
        arr[:] = [x.strip() for x in c]
        out.append(arr)
    return header, out, np.asarray(lines, dtype=np.int64)


def split_fast(text: str, delim: str) -> tuple[list[str], list[np.ndarray], np.ndarray] | None:
    """The same with pandas' C parser, for plain files (no quotes, every line the header's
    width); None when the file needs the csv module (quotes, ragged lines, bare CR)."""
    if '"' in text or "\r" in text.replace("\r\n", ""):
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Blank as the csv path sees it: no cell has anything but whitespace.
    nonblank = np.fromiter((bool(ln.replace(delim, "").strip()) for ln in lines), dtype=bool,
                           count=len(lines))
    if not nonblank.any():
        return None
    counts = np.fromiter((ln.count(delim) for ln in lines), dtype=np.int64, count=len(lines))
    first = int(nonblank.argmax())
    if (counts[nonblank] != counts[first]).any():
        return None
    try:
        df = pd.read_csv(io.StringIO(text), sep=delim, header=None, dtype=str, na_filter=False,
                         skip_blank_lines=False, engine="c", quoting=csv.QUOTE_NONE)
    except (pd.errors.ParserError, ValueError):
        return None
    if len(df) != len(lines) or df.shape[1] != counts[first] + 1:
        return None
    keep = nonblank.copy()
    keep[first] = False
    header = [str(x) for x in df.iloc[first].tolist()]
    cols = [df[c].to_numpy(dtype=object)[keep] for c in df.columns]
    cols = [pd.Series(c, dtype=object).str.strip().to_numpy(dtype=object) for c in cols]
    return header, cols, (np.nonzero(keep)[0] + 1).astype(np.int64)

