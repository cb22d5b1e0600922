"""Mandarin menu names written in pinyin by an English recogniser or a diner ("hula
tang", "suan mei tang", "you po mian"): read as the dish's English name, so an English
turn that spells a Mandarin name finds the dish. Only whole names of two syllables or
more, made of the menu's own syllables, are read so; the folding is the one of
:mod:`kiosk.order.pinyin` (zh ~ z, l ~ n, ing ~ in, aspiration ignored). An option's
Mandarin name is read as the option's English name ("te la" is "extra hot"), and three
characters or more of one dish's Mandarin name as that dish ("hong shao rou" of
毛氏红烧肉), as the Mandarin turn reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kiosk.order.index import MenuIndex
from kiosk.order.pinyin import loose_key, syllable
from kiosk.order.text import zh_key

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True)
class _Table:
    syllables: frozenset[str]
    names: dict[tuple[str, ...], str]  # loose pinyin of a Mandarin name -> English name


def _fold(typed: str) -> str:
    """A typed syllable folded as :func:`syllable` folds a character's ("pee" spelt as
    English sounds is "pi")."""
    if len(typed) > 2 and typed.endswith("ee"):
        typed = typed[:-2] + "i"
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if typed.startswith(a):
            typed = b + typed[len(a):]
            break
    if typed.startswith("l"):
        typed = "n" + typed[1:]
    for a, b in (("ing", "in"), ("eng", "en")):
        if typed.endswith(a):
            return typed[:-len(a)] + b
    return typed


def _spellable(index: MenuIndex) -> Iterator[tuple[str, str]]:
    """(Mandarin phrase, English name) of what may be spelt in pinyin: the dishes' names
    first, then the options' ("bu la" for 不辣: "not spicy"), then the runs of three
    characters or more that are in one dish's names only ("hong shao rou" of 毛氏红烧肉)."""
    menu = index.menu
    for it in menu.items:
        yield from ((p, it.name["en"]) for p in it.phrases("zh") if it.name.get("en"))
    for grp in menu.option_groups:
        for opt in grp.options:
            yield from ((p, opt.name["en"]) for p in opt.phrases("zh") if opt.name.get("en"))
    yield from own_runs(index)


def own_runs(index: MenuIndex) -> Iterator[tuple[str, str]]:
    """(run, English name) of each run of three Chinese characters or more that is in
    one dish's Mandarin names only (红烧肉 of 毛氏红烧肉), for a dish with an English name:
    such a run, spelt in pinyin or said in an English turn, names that dish."""
    for part, ids in index.zh.partial.items():
        item = index.menu.item(next(iter(ids))) if len(ids) == 1 else None
        if isinstance(part, str) and len(part) >= 3 and _CJK_RE.fullmatch(part) \
                and item is not None and item.name.get("en"):
            yield part, item.name["en"]


def _build(index: MenuIndex) -> _Table:
    sylls: set[str] = set()
    names: dict[tuple[str, ...], str] = {}
    for phrase, en in _spellable(index):
        key = tuple(syllable(c) for c in zh_key(phrase))
        if len(key) < 2 or not all(s.isalpha() and s.isascii() for s in key):
            continue
        sylls.update(key)
        names.setdefault(loose_key(key), en)
    return _Table(frozenset(sylls), names)


def _table(index: MenuIndex) -> _Table:
    table: _Table = index.derived("pinyin_typed", _build)
    return table


def _segment(text: str, sylls: frozenset[str]) -> tuple[str, ...] | None:
    """``text`` cut into the menu's (folded) syllables, longest first; None if it cannot."""
    if not text:
        return ()
    for n in range(min(6, len(text)), 0, -1):
        head = _fold(text[:n])
        if head in sylls:
            rest = _segment(text[n:], sylls)
            if rest is not None:
                return (head, *rest)
    return None


def pinyin_names(words: list[str], index: MenuIndex) -> Iterator[tuple[int, int, str]]:
    """(first word, end word, English name) of each Mandarin menu name spelt in pinyin."""
    table = _table(index)
    if not table.names:
        return
    i = 0
    while i < len(words):
        end = i
        while end < len(words) and end < i + 6 and not _english(words[end], index):
            end += 1  # "mocha" is the menu's English word, not 抹茶 spelt
        for j in range(end, i, -1):
            segs = _segment("".join(words[i:j]).casefold(), table.syllables)
            name = table.names.get(loose_key(segs)) if segs and len(segs) >= 2 else None
            if name is not None:
                yield i, j, name
                i = j
                break
        else:
            i += 1


def _english(word: str, index: MenuIndex) -> bool:
    """Whether ``word`` is a whole English name of the menu ("mocha"), a word of its
    English names that is no one syllable ("masala" of "chana masala", though 玛萨拉
    spelt is "ma sa la") or a number: never part of a Mandarin name spelt ("you" may
    be: "you po mian")."""
    from kiosk.order.text import stem

    w = stem(word)
    return (w,) in index.en.phrases or w.isdigit() or (
        w in index.en.words and _fold(w) not in _table(index).syllables)  # "la" may be 辣
