"""Softened options: "not too spicy", "不太辣" are the group's mildest level that is not
"none" (the spice group's "mild"), where the menu has one.

The softening words are data (``softeners`` in :file:`phrases.toml`); a level is
"none" when its English name starts with a negation ("not spicy", "no ice").
"""

from __future__ import annotations

import functools

from kiosk.menu.model import Menu, Option, OptionGroup
from kiosk.order.index import OptRef
from kiosk.order.phrases import phrasebook
from kiosk.order.text import en_key

_NONE_WORDS = frozenset({"no", "not", "non", "without", "none", "zero"})


@functools.cache
def softeners(lang: str) -> tuple[str, ...]:
    """The softening phrases of ``lang``, longest first (English: space-separated words)."""
    return tuple(sorted(phrasebook(lang).cls("softeners"), key=len, reverse=True))


def softened(menu: Menu, refs: tuple[OptRef, ...]) -> tuple[OptRef, ...]:
    """For each of ``refs`` that is a stronger level of a pick-one group of at least three
    options, that group's mildest level that is not "none" ("spicy" may be the skewers'
    chili powder and the noodles' medium level: only the level softens); () if none."""
    out: list[OptRef] = []
    for gid, oid in refs:
        grp = menu.group(gid)
        if grp is None or len(grp.options) < 3 or grp.select != "one":
            continue
        levels = _levels(grp)
        if levels and levels[0].id != oid and oid in {o.id for o in levels}:
            out.append((gid, levels[0].id))
    return tuple(out)


def softened_word(menu: Menu, word: str, lang: str) -> tuple[OptRef, ...]:
    """"not too spicy" where no option is called just "spicy": the mildest level that is
    not "none" of each pick-one group of levels whose names share the word (mild spicy,
    medium spicy, extra spicy; 微辣, 中辣, 特辣); () if none."""
    out: list[OptRef] = []
    for grp in menu.option_groups:
        if grp.select != "one" or len(grp.options) < 3:
            continue
        levels = _levels(grp)
        if len(levels) >= 2 and all(any(_has(p, word, lang) for p in o.phrases(lang))
                                    for o in levels):  # every level says the word
            out.append((grp.id, levels[0].id))
    return tuple(out)


def _has(phrase: str, word: str, lang: str) -> bool:
    return word in phrase if lang == "zh" else word in en_key(phrase)


def _levels(grp: OptionGroup) -> list[Option]:
    """The group's options that are levels: not "none" (English name not led by "no",
    "not", "without", ...)."""
    return [o for o in grp.options
            if (o.name.get("en") or o.id).split()[:1][0].casefold() not in _NONE_WORDS]
