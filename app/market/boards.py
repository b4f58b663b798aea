"""Which board a security trades on, from its exchange and six-digit code.

Six-digit codes collide between exchanges (000001 is both the SSE Composite and Ping An Bank), so the
canonical key is market prefix + code: ``sh600487``, ``sz300308``, ``bj920001``.
Prefix table: ../shared/DOMAIN.md §1.4.
"""

from __future__ import annotations

import re
from enum import Enum


class Board(str, Enum):
    SSE_MAIN = "sse_main"
    SZSE_MAIN = "szse_main"
    CHINEXT = "chinext"
    STAR = "star"
    BSE = "bse"
    B_SHARE = "b_share"
    INDEX = "index"

    @property
    def is_a_share(self) -> bool:
        return self in A_SHARE_BOARDS

    @property
    def is_main(self) -> bool:
        return self in (Board.SSE_MAIN, Board.SZSE_MAIN)


A_SHARE_BOARDS = frozenset({Board.SSE_MAIN, Board.SZSE_MAIN, Board.CHINEXT, Board.STAR, Board.BSE})
MARKETS = ("sh", "sz", "bj")

_SYMBOL_RE = re.compile(r"^(sh|sz|bj)(\d{6})$")
_SUFFIXED_RE = re.compile(r"^(\d{6})\.(SH|SZ|BJ)$", re.IGNORECASE)
_DOTTED_RE = re.compile(r"^(sh|sz|bj)\.(\d{6})$", re.IGNORECASE)


class UnknownCode(ValueError):
    """A code that fits no board."""


def board_of(market: str, code: str) -> Board:
    """Board of ``code`` listed on ``market`` ('sh', 'sz' or 'bj').

    Raises UnknownCode when the pair fits no board.
    """
    market = market.lower()
    if len(code) != 6 or not code.isdigit():
        raise UnknownCode(f"not a six-digit code: {code!r}")
    p3, p2 = code[:3], code[:2]
    if market == "sh":
        if p3 in ("600", "601", "603", "605"):
            return Board.SSE_MAIN
        if p3 in ("688", "689"):
            return Board.STAR
        if p3 == "900":
            return Board.B_SHARE
        if p3 in ("000", "880", "999"):
            return Board.INDEX
    elif market == "sz":
        if p3 in ("000", "001", "002", "003", "004"):
            return Board.SZSE_MAIN
        if p3 in ("300", "301", "302"):
            return Board.CHINEXT
        if p3 in ("200", "201"):
            return Board.B_SHARE
        if p3 == "399":
            return Board.INDEX
    elif market == "bj":
        if p3 == "920" or p2 in ("43", "83", "87", "82", "88"):
            return Board.BSE
        if p3 == "899":
            return Board.INDEX
    else:
        raise UnknownCode(f"unknown market {market!r} for code {code}")
    raise UnknownCode(f"code {market}{code} fits no board")


def market_of_stock_code(code: str) -> str:
    """Exchange of a *stock* code given without a prefix (indices need their prefix)."""
    if len(code) != 6 or not code.isdigit():
        raise UnknownCode(f"not a six-digit code: {code!r}")
    if code.startswith(("600", "601", "603", "605", "688", "689", "900")):
        return "sh"
    if code.startswith(("000", "001", "002", "003", "004", "300", "301", "302", "200", "201")):
        return "sz"
    # 920 is the BSE's own range since 2025-10-09; some libraries misroute any 9xxxxx to sh.
    if code.startswith("920") or code[:2] in ("43", "83", "87", "82", "88"):
        return "bj"
    raise UnknownCode(f"code {code} fits no board")


def to_symbol(code_or_symbol: str, market: str | None = None) -> str:
    """Canonical symbol from '600487', 'sh600487', 'SH600487', '600487.SH' or 'sh.600487'."""
    v = str(code_or_symbol).strip()
    m = _SYMBOL_RE.match(v.lower())
    if m:
        return v.lower()
    m = _SUFFIXED_RE.match(v)
    if m:
        return m.group(2).lower() + m.group(1)
    m = _DOTTED_RE.match(v)
    if m:
        return m.group(1).lower() + m.group(2)
    if v.isdigit() and len(v) < 6:
        v = v.zfill(6)
    if len(v) == 6 and v.isdigit():
        return (market.lower() if market else market_of_stock_code(v)) + v
    raise UnknownCode(f"not a security code: {code_or_symbol!r}")


def split_symbol(symbol: str) -> tuple[str, str]:
    """('sh', '600487') from 'sh600487'."""
    m = _SYMBOL_RE.match(symbol)
    if not m:
        raise UnknownCode(f"not a canonical symbol: {symbol!r}")
    return m.group(1), m.group(2)


def board_of_symbol(symbol: str) -> Board:
    return board_of(*split_symbol(symbol))
