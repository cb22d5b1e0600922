"""A party's count each, in English: "eight of us, two egg tarts each" is sixteen egg
tarts, "there are four of us, one congee each" four congees, "the five of us want a
char siu rice each" five. (Mandarin: :func:`kiosk.order.tagger_zh_fixes.per_party`.)

The words are data (phrases.toml ``party``: what follows a party's size, "of us",
"people"; ``per_person``: "each", "apiece"). A count said "each" after a party's size
is multiplied by it; the party's words are dropped. Without a party, a bare count said
for each ("six milk teas, one for each of us") only shares the dish out: dropped.
"""

from __future__ import annotations

from functools import cache

from kiosk.order.numbers import EN_UNITS
from kiosk.order.phrases import phrasebook

_ARTICLES = {"a": 1, "an": 1}


@cache
def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted((tuple(p.split()) for p in phrasebook("en").cls(name)),
                        key=len, reverse=True))


def _count(word: str, articles: bool = False) -> int | None:
    if word.isdigit():
        return int(word)
    return EN_UNITS.get(word) or (_ARTICLES.get(word) if articles else None)


def _at(words: list[str], i: int, name: str) -> int:
    """The length of the ``name`` phrase at ``words[i]`` (0: none)."""
    return next((len(p) for p in _phrases(name) if tuple(words[i:i + len(p)]) == p), 0)


def party_counts(words: list[str]) -> list[str]:
    """``words`` (English, folded) with the counts said "each" times the party's size
    (the party said first, or after: "one chow fun for each of us, there's three of us")."""
    for i, word in enumerate(words):
        size = _count(word)
        tail = _at(words, i + 1, "party") if size else 0
        if size and tail:
            rest = words[i + 1 + tail:]
            if rest[:1] == [","]:
                rest = rest[1:]
            before = words[:i]
            if any(_at(before, k, "per_person") for k in range(len(before))):
                return _times(before, size) + rest
            return before + _times(rest, size)
    return _shared(words)


def _times(words: list[str], size: int) -> list[str]:
    out: list[str] = []
    counts: list[int] = []  # where the counts of the clause being said are in ``out``
    i = 0
    while i < len(words):
        each = _at(words, i, "per_person")
        if each and counts:
            for k in counts:
                value = _count(out[k], articles=True)
                out[k] = str((value or 1) * size)
            counts = []
            i += each
            continue
        if _count(words[i], articles=True) is not None:
            counts.append(len(out))
        out.append(words[i])
        i += 1
    return out


def _shared(words: list[str]) -> list[str]:
    """Without a party: "one for each of us" shares the dish out; it is dropped."""
    for i in range(len(words) - 1):
        if _count(words[i], articles=True) == 1:
            j = i + 1 + (words[i + 1] == "for")
            each = _at(words, j, "per_person")
            if each and (j + each == len(words) or words[j + each] == ","):
                return words[:i] + words[j + each:]
    return words
