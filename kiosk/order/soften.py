"""Softened options: "not too spicy", "不太辣" are the group's mildest level that is not
"none" (the spice group's "mild"), where the menu has one.

The softening words are data (``softeners`` in :file:`phrases.toml`); a level is
"none" when its English name starts with a negation ("not spicy", "no ice").
"""

from __future__ import annotations

import functools

from kiosk.menu.model import Menu, Option, OptionGroup
from kiosk.order.index import OptRef
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.text import en_key
from kiosk.order.tokens import Tok

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


@functools.cache
def _counted_less(lang: str) -> frozenset[str]:
    return frozenset(phrasebook(lang).cls("less_counted"))


def less_of(toks: list[Tok], lang: str) -> list[Tok]:
    """"one less", 少一个 take one off; "less sauce", 少放酱 (no such option on the
    menu) take nothing off: a "less" with no count before it and no count, dish or
    place after it, and the unknown words after it, are a choice the menu lacks (the
    kiosk says so) - never a removal."""
    out: list[Tok] = []
    k = 0
    while k < len(toks):
        tok = toks[k]
        if tok.kind != TokKind.CMD or tok.cmd != "remove" or \
                tok.text not in _counted_less(lang) or _counted(toks, k):
            out.append(tok)
            k += 1
            continue
        j = k + 1
        while j < len(toks) and toks[j].kind == TokKind.UNK:
            j += 1
        sep = " " if lang == "en" else ""
        out.append(Tok(TokKind.UNK, sep.join(t.text for t in toks[k:j])))
        k = j
    return out


def _counted(toks: list[Tok], k: int) -> bool:
    """Whether the "less" at ``k`` counts something off ("one less", "less one tea")."""
    if k and toks[k - 1].kind == TokKind.QTY:
        return True
    after = next((t for t in toks[k + 1:] if t.kind != TokKind.FILL), None)
    return after is not None and (after.kind in (TokKind.QTY, TokKind.ITEM, TokKind.PART,
                                                 TokKind.ORD, TokKind.OPT)
                                  or (after.kind == TokKind.CMD and after.cmd == "ref"))
