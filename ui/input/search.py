"""Finding a matter (事项) by what a resident types: Chinese, full pinyin or pinyin initials.

No Qt here. Residents who cannot write a character can still find 老年人优待证申领 by typing
"laonianren" or just "lnr", and 申请公租房 by "gzf" (the initials of a word inside the name).

Ranking, best first: the query appears in the name as typed (Chinese substring); the query
is the initials of the name's start; the initials of a word inside the name; the full
pinyin of the name's start; the full pinyin from a character inside the name. Within a kind,
a match in the name beats one in an extra keyword, an earlier match beats a later one, and a
shorter name beats a longer one; the catalog's order settles the rest.

Polyphonic characters count with every reading (行 matches both h and x), so a resident
never misses a matter because we guessed the reading wrong; a few extra hits are harmless.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache


class MatchKind(IntEnum):
    """How a query matched a text; lower is better."""

    TEXT = 0  # the query itself appears in the text (Chinese, or Latin like "ETC")
    INITIALS_PREFIX = 1  # "lnr" for 老年人优待证申领
    INITIALS_INSIDE = 2  # "gzf" for 申请公租房
    PINYIN_PREFIX = 3  # "laonianren" for 老年人优待证申领
    PINYIN_INSIDE = 4  # "gongzufang" for 申请公租房


@lru_cache(maxsize=8192)
def _readings(char: str) -> frozenset[str]:
    """Every toneless reading of a character; ü both as v and as u ("lv", "lu")."""
    from pypinyin import Style, pinyin

    found: set[str] = set()
    for group in pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore"):
        for reading in group:
            if reading.isascii() and reading.isalpha():
                found.add(reading.lower())
                found.add(reading.lower().replace("v", "u"))
    return frozenset(found)


def _fold(text: str) -> str:
    """Full-width to half-width, lower case, no whitespace: how texts and queries compare."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in folded if not c.isspace())


@dataclass(frozen=True, slots=True)
class _Text:
    """A name or keyword, ready to match: as typed, and as readings per character."""

    folded: str
    readings: tuple[frozenset[str], ...]  # per character that can be spelled; punctuation left out
    initials: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, text: str) -> _Text:
        folded = _fold(text)
        readings: list[frozenset[str]] = []
        for char in folded:
            if char.isascii() and char.isalnum():
                readings.append(frozenset(char))
            elif found := _readings(char):
                readings.append(found)
        return cls(
            folded,
            tuple(readings),
            tuple(frozenset(r[0] for r in options) for options in readings),
        )

    def match(self, query: str) -> tuple[MatchKind, int] | None:
        """The best way the folded query matches, and where in the text."""
        found = self.folded.find(query)
        if found >= 0:
            return MatchKind.TEXT, found
        if not (query.isascii() and query.isalnum()):
            return None
        at = self._initials_at(query)
        if at is not None:
            return (MatchKind.INITIALS_PREFIX if at == 0 else MatchKind.INITIALS_INSIDE), at
        at = self._pinyin_at(query)
        if at is not None:
            return (MatchKind.PINYIN_PREFIX if at == 0 else MatchKind.PINYIN_INSIDE), at
        return None

    def _initials_at(self, query: str) -> int | None:
        size = len(query)
        for start in range(len(self.initials) - size + 1):
            if all(letter in self.initials[start + i] for i, letter in enumerate(query)):
                return start
        return None

    def _pinyin_at(self, query: str) -> int | None:
        for start in range(len(self.readings)):
            if self._spells(query, start):
                return start
        return None

    def _spells(self, rest: str, position: int) -> bool:
        """Whether the characters from `position` on read as `rest` (the last one may be cut
        short, since the resident may still be typing)."""
        if not rest:
            return True
        if position >= len(self.readings):
            return False
        for reading in self.readings[position]:
            if reading.startswith(rest):
                return True
            if rest.startswith(reading) and self._spells(rest[len(reading) :], position + 1):
                return True
        return False


@dataclass(frozen=True, slots=True)
class _Matter:
    code: str
    name: _Text
    keywords: tuple[_Text, ...]
    name_length: int


class MatterSearch:
    """Search over the catalog's matters, built once per catalog (about 10 ms per thousand)."""

    def __init__(self, matters: Iterable[tuple[str, str, Sequence[str]]]) -> None:
        self._matters = [
            _Matter(code, _Text.of(name), tuple(_Text.of(k) for k in keywords), len(name))
            for code, name, keywords in matters
        ]

    def search(self, query: str) -> list[str]:
        """Codes of the matters the query finds, best first; none for an empty query."""
        folded = _fold(query).replace("'", "")
        if not folded:
            return []
        ranked: list[tuple[tuple[int, int, int, int, int], str]] = []
        for order, matter in enumerate(self._matters):
            best: tuple[int, int, int, int, int] | None = None
            texts = [(0, matter.name), *((1, k) for k in matter.keywords)]
            for from_keyword, text in texts:
                found = text.match(folded)
                if found is not None:
                    kind, at = found
                    key = (kind, from_keyword, at, matter.name_length, order)
                    if best is None or key < best:
                        best = key
            if best is not None:
                ranked.append((best, matter.code))
        return [code for _, code in sorted(ranked)]
