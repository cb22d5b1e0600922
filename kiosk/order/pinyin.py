"""Toneless pinyin keys of Mandarin text, so that a recogniser's homophones (牛柔面)
still find the dish (牛肉面): accent confusions folded (zh/z, l/n, ing/in), aspiration
ignored for the loose key (混沌 ~ 馄饨), and a syllable's final (温 ~ 馄)."""

from __future__ import annotations

from functools import lru_cache

_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"))
_FUZZY_FINALS = (("ing", "in"), ("eng", "en"))


@lru_cache(maxsize=8192)
def syllable(ch: str) -> str:
    """One character -> toneless pinyin with common accent confusions folded."""
    from pypinyin import lazy_pinyin

    syl = lazy_pinyin(ch)[0] if ch.strip() else ch
    if syl == ch:  # not a Chinese character
        return ch
    for a, b in _FUZZY_INITIALS:
        if syl.startswith(a):
            syl = b + syl[len(a):]
            break
    if syl.startswith("l"):
        syl = "n" + syl[1:]
    for a, b in _FUZZY_FINALS:
        if syl.endswith(a):
            syl = syl[: -len(a)] + b
            break
    return syl


def pinyin_key(text: str) -> tuple[str, ...]:
    return tuple(syllable(ch) for ch in text)


_LOOSE_INITIALS = (("t", "d"), ("p", "b"), ("k", "g"), ("q", "j"), ("c", "z"))


@lru_cache(maxsize=8192)
def loose(syl: str) -> str:
    """A syllable with aspiration ignored (混沌 hun dun ~ 馄饨 hun tun)."""
    for a, b in _LOOSE_INITIALS:
        if syl.startswith(a):
            return b + syl[1:]
    return syl


def loose_key(syls: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(loose(s) for s in syls)


_INITIALS = ("b", "p", "m", "f", "d", "t", "n", "g", "k", "h", "j", "q", "x", "r", "z", "c",
             "s")  # after syllable()'s folding (zh -> z, l -> n)
_Y_FINALS = {"yi": "i", "yin": "in", "yu": "v", "yue": "ve", "yuan": "van", "yun": "vn",
             "you": "iu"}


@lru_cache(maxsize=8192)
def final(syl: str) -> str:
    """A (folded) syllable's final, y/w spellings undone: 温 wen and 馄 hun both end in
    "un" (uen), 要 yao in "iao"."""
    if syl.startswith("w"):
        rest = syl[1:]
        return {"u": "u", "ei": "ui", "en": "un"}.get(rest, rest if rest.startswith("u")
                                                       else "u" + rest)
    if syl.startswith("y"):
        return _Y_FINALS.get(syl, "i" + syl[1:])
    for ini in _INITIALS:
        if syl.startswith(ini) and len(syl) > 1:
            return syl[1:]
    return syl
