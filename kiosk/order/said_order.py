"""The order the diner said dishes in: "katsu curry or gyudon" is asked back as "Which
one would you like: chicken katsu curry or gyudon?", so that "the first one" / 第一个
is the dish the diner said first. Dishes the words do not tell apart ("katsu" alone)
keep the menu's order."""

from __future__ import annotations

from kiosk.order.index import MenuIndex
from kiosk.order.text import en_key, has_cjk, zh_key

#: where a dish none of whose names is in the words goes: after those said
_UNSAID = 1 << 30


def said_at(index: MenuIndex, item_id: str, said: str) -> int:
    """Where in ``said`` a name of the dish starts (the earliest name found); for a dish
    named by part of its name, where the first word (Mandarin: two characters) of one
    of its names is. ``_UNSAID`` when none is.

    >>> # "katsu curry or gyudon": the chicken katsu curry at 0, the gyudon at 3 (words)
    """
    item = index.items.get(item_id)
    if item is None or not said:
        return _UNSAID
    if has_cjk(said):
        text = zh_key(said)
        names = [zh_key(p) for p in item.phrases("zh")]
        whole = [text.find(n) for n in names if n and n in text]
        if whole:
            return min(whole)
        bits = [text.find(n[k:k + 2]) for n in names for k in range(len(n) - 1)
                if n[k:k + 2] in text]
        return min(bits) if bits else _UNSAID
    words = en_key(said)
    found = [_find(words, en_key(p)) for p in item.phrases("en")]
    whole = [k for k in found if k is not None]
    if whole:
        return min(whole)
    some = [words.index(w) for p in item.phrases("en") for w in en_key(p) if w in words]
    return min(some) if some else _UNSAID


def _find(words: tuple[str, ...], name: tuple[str, ...]) -> int | None:
    """Where the words ``name`` start in ``words``, if they are there in a row."""
    n = len(name)
    return next((k for k in range(len(words) - n + 1) if n and words[k:k + n] == name), None)
