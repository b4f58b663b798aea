"""Text encodings of files analysts hold: UTF-8, UTF-8 with a BOM, GBK / GB18030, UTF-16 with a BOM.

Files saved on Chinese Windows machines are often GBK; Excel adds a BOM. Detect, do not assume: a
BOM decides; otherwise strict UTF-8, then strict GB18030 (a superset of GBK and GB2312). Bytes that
none of them decode, or NUL bytes in a file that should be text, are an IngestError.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from app.ingest.errors import IngestError

CANDIDATES = ("utf-8", "gb18030")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str   # 'utf-8', 'utf-8-sig', 'utf-16', 'gb18030'


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, path: str | Path) -> Decoded:
    """Decode ``data`` (the whole file) or raise IngestError naming the first undecodable line."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise IngestError(path, _line_of(data, exc.start + 3), None,
                              f"starts with a UTF-8 BOM but byte {exc.start + 3} is not UTF-8 "
                              f"(wrong encoding)") from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(path, None, None, "starts with a UTF-16 BOM but is not UTF-16 "
                              "(wrong encoding)") from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(path, _line_of(data, nul), None,
                          "contains NUL bytes: a binary file, not a text (CSV) file")
    furthest: UnicodeDecodeError | None = None
    for enc in CANDIDATES:
        try:
            return Decoded(data.decode(enc), enc)
        except UnicodeDecodeError as exc:
            # Report where the candidate that got furthest stopped: that is the bad byte.
            if furthest is None or exc.start > furthest.start:
                furthest = exc
    assert furthest is not None
    off = furthest.start
    raise IngestError(path, _line_of(data, off), None,
                      f"wrong encoding: byte 0x{data[off]:02x} at offset {off} decodes as neither "
                      f"UTF-8 nor GBK/GB18030")
