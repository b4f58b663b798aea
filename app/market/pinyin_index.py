"""Find a stock by code, name or pinyin initials (``htgd`` → 亨通光电), as terminals' 键盘精灵 do.

Every reading of a polyphonic character counts (``zsyh`` and ``zsyx`` both find 招商银行), so each
name is expanded into the strings of all its initial combinations, capped per name. Those strings
are joined into one text searched with ``str.find``; building is lazy and cached per name list.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice, product

_MAX_COMBOS = 32  # per name; a few polyphonic characters multiply fast
_SEP = "\x00"


@lru_cache(maxsize=8192)
def char_initials(ch: str) -> tuple[str, ...]:
    """Possible initial letters of one character ('' tuple for punctuation such as '*')."""
    if ch.isascii():
        return (ch.lower(),) if ch.isalnum() else ()
    from pypinyin import Style, pinyin  # imported lazily: its dictionaries take a moment to load

    readings = pinyin(ch, style=Style.FIRST_LETTER, heteronym=True, errors="ignore")
    letters = tuple(dict.fromkeys(r[0].lower() for r in readings[0] if r and r[0].isalpha())) \
        if readings else ()
    return letters


def initials(name: str) -> str:
    """The usual initials of a name (phrase-aware): 亨通光电 → 'htgd', *ST银行 → 'styh'."""
    from pypinyin import Style, lazy_pinyin

    out: list[str] = []
    for token in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"):
        out.extend(c.lower() for c in token if c.isascii() and c.isalnum())
    return "".join(out)


def initial_variants(name: str, limit: int = _MAX_COMBOS) -> list[str]:
    """Every initials string of ``name`` over the readings of its characters (at most ``limit``)."""
    sets = [s for s in (char_initials(c) for c in name) if s]
    if not sets:
        return []
    return ["".join(p) for p in islice(product(*sets), limit)]


class PinyinIndex:
    """Search over (key, name, code) triples; built on the first search.

    Ranking: code exact, code prefix, name exact, name prefix, initials prefix, name substring,
    initials substring; within a rank, the input order.
    """

    def __init__(self, keys: Sequence[str], names: Sequence[str],
                 codes: Sequence[str] | None = None) -> None:
        self.keys: list[str] = [str(k) for k in keys]
        self.names: list[str] = ["" if n is None else str(n) for n in names]
        self.codes: list[str] = [str(c) for c in codes] if codes is not None else list(self.keys)
        if not (len(self.keys) == len(self.names) == len(self.codes)):
            raise ValueError("keys, names and codes must have the same length")
        self._text: str | None = None
        self._starts: list[int] = []
        self._owner: list[int] = []

    def _build(self) -> None:
        parts: list[str] = []
        starts: list[int] = []
        owner: list[int] = []
        pos = 0
        for i, name in enumerate(self.names):
            for v in initial_variants(name):
                starts.append(pos)
                owner.append(i)
                parts.append(v)
                pos += len(v) + 1
        self._text = _SEP.join(parts) + _SEP
        self._starts, self._owner = starts, owner

    def _initials_hits(self, q: str) -> tuple[list[int], list[int]]:
        """Row numbers whose initials start with / contain ``q`` (each row once, first rank wins)."""
        if self._text is None:
            self._build()
        text = self._text or ""
        prefix: dict[int, None] = {}
        inside: dict[int, None] = {}
        at = text.find(q)
        while at >= 0:
            j = bisect.bisect_right(self._starts, at) - 1
            row = self._owner[j]
            (prefix if at == self._starts[j] else inside).setdefault(row, None)
            at = text.find(q, at + 1)
        return sorted(prefix), sorted(r for r in inside if r not in prefix)

    def search(self, query: str, limit: int | None = 20) -> list[str]:
        """Keys matching ``query`` (a code, a name fragment or pinyin initials), best first."""
        q = query.strip()
        if not q:
            return []
        ql = q.lower()
        ranks: dict[int, int] = {}

        def add(rows: Sequence[int] | range, rank: int) -> None:
            for r in rows:
                if r not in ranks:
                    ranks[r] = rank

        # Codes: '600487', '60048', 'sh600487' all work.
        bare = ql[2:] if ql[:2] in ("sh", "sz", "bj") and ql[2:].isdigit() else ql
        if bare.isdigit():
            add([i for i, c in enumerate(self.codes) if c == bare or self.keys[i] == ql], 0)
            add([i for i, c in enumerate(self.codes) if c.startswith(bare)], 1)
        add([i for i, n in enumerate(self.names) if n == q], 2)
        add([i for i, n in enumerate(self.names) if n.startswith(q)], 3)
        if ql.isascii() and ql.isalnum() and not bare.isdigit():
            pre, inside = self._initials_hits(ql)
            add(pre, 4)
            add([i for i, n in enumerate(self.names) if q in n], 5)
            add(inside, 6)
        else:
            add([i for i, n in enumerate(self.names) if q in n], 5)
        rows = sorted(ranks, key=lambda r: (ranks[r], r))
        if limit is not None:
            rows = rows[:limit]
        return [self.keys[r] for r in rows]


@lru_cache(maxsize=4)
def _cached(keys: tuple[str, ...], names: tuple[str, ...], codes: tuple[str, ...] | None) -> PinyinIndex:
    return PinyinIndex(keys, names, codes)


def index_for(keys: Sequence[str], names: Sequence[str],
              codes: Sequence[str] | None = None) -> PinyinIndex:
    """A PinyinIndex for these lists, shared between calls with equal lists (cached)."""
    return _cached(tuple(map(str, keys)), tuple("" if n is None else str(n) for n in names),
                   tuple(map(str, codes)) if codes is not None else None)


__all__ = ["PinyinIndex", "char_initials", "index_for", "initial_variants", "initials"]
