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
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})


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
    (the party said first, or after: "one chow fun for each of us, there's three of us",
    "a mantou for each of us please, we're six")."""
    for i, word in enumerate(words):
        size = _count(word)
        tail = _at(words, i + 1, "party") if size else 0
        lead = _lead(words, i) if size and not tail else 0
        if size and (tail or lead):
            rest = words[i + 1 + tail:]
            if rest[:1] == [","]:
                rest = rest[1:]
            before = words[:i - lead]
            if before[-1:] == [","]:
                before = before[:-1]
            if any(_at(before, k, "per_person") for k in range(len(before))):
                return _times(before, size) + rest
            return before + _times(rest, size)
    return _for_persons(_shared(words))


def _lead(words: list[str], i: int) -> int:
    """The length of a ``party_leads`` phrase right before a party's size said at the end
    of a clause ("we're six", "there are four": 0 when none)."""
    if i + 1 < len(words) and words[i + 1] != ",":
        return 0
    return next((len(p) for p in _phrases("party_leads")
                 if len(p) <= i and tuple(words[i - len(p):i]) == p), 0)


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
        if words[i] == "," and not each:
            counts = []  # "three pancakes, ..., and a water for each of us": the water's
        elif _count(words[i], articles=True) is not None and not (
                counts and counts[-1] == len(out) - 1 and out[-1] not in _TENS):
            counts.append(len(out))  # not "two" of "one two-meat set": a name's
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


def _person(words: list[str], i: int) -> int:
    """The length of who a count is for at ``words[i]`` ("me", "my roommates": 0 if none)."""
    said = _at(words, i, "persons")
    if said:
        return said
    lead = _at(words, i, "person_leads")
    return lead + 1 if lead and i + lead < len(words) and words[i + lead] not in (",", "and") \
        else 0


def _for_persons(words: list[str]) -> list[str]:
    """Counts said person by person after a dish said for one add up: "one lamb skewer for
    me and two for my friends" is three lamb skewers, "a soy milk for me and two for my
    roommates" three soy milks (each later count said with no dish of its own)."""
    for i, word in enumerate(words):
        first = _count(word, articles=True)
        k = next((k for k in range(i + 2, min(i + 7, len(words)))
                  if words[k] == "for" and _person(words, k + 1)), None)
        if first is None or k is None or any(
                w in (",", "and") or _count(w) for w in words[i + 1:k]):
            continue
        total, end = first, k + 1 + _person(words, k + 1)
        while True:
            j = end + (words[end:end + 1] == [","]) if end < len(words) else end
            j += words[j:j + 1] == ["and"]
            more = _count(words[j]) if j + 1 < len(words) else None
            if not more or words[j + 1] != "for" or not _person(words, j + 2):
                break
            total, end = total + more, j + 2 + _person(words, j + 2)
        if end > k + 1 + _person(words, k + 1):
            return [*words[:i], str(total), *words[i + 1:k], *words[end:]]
    return words
