"""Mandarin words said after the thing they qualify (kiosk/order/tagger_zh.py).

More or less of it: 珍珠多加一点 is 多加珍珠, 冰少一点 is 少冰.

A group's name, or a word only the menu's removals name, said with a removal after
it: 香菜不要了, 香菜就别放了, 葱也不要 on a menu whose options are 要香菜 / 不要香菜 (the
group itself named 香菜) or only 不要香菜. The word alone is no option, so 不要了 took
the dish away or found no such dish; it is the option that says "without" it."""

from __future__ import annotations

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tokens import Tok

_BOOK = phrasebook("zh")
#: Said between the name and the removal: 香菜就别放了, 葱也不要.
_MIDDLE = ("就", "也", "")  # not 都: 洋葱和酸黄瓜都不要 is a list (negation.py)
#: The removal after the name, longest first.
_TAILS = tuple(sorted(_BOOK.cls("removed_after"), key=len, reverse=True))
#: How an option that says "without" begins: 不要香菜, 不放葱, 免辣, 去冰.
_LEADS = tuple(_BOOK.cls("negations")) + ("去", "去掉")


def group_removed(s: str, i: int, noun: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """(length, the "without" option) for the group name ``s[i:i+noun]`` followed by a
    removal, else (0, None)."""
    name = s[i:i + noun]
    for mid in _MIDDLE:
        at = i + noun + len(mid)
        if not s.startswith(mid, i + noun):
            continue
        tail = next((t for t in _TAILS if s.startswith(t, at)), None)
        if tail is None:
            continue
        for lead in _LEADS:
            hit = index.zh.phrases.get(lead + name)
            if hit is not None and hit.opts and not hit.items:
                end = at + len(tail)
                return end - i, Tok(TokKind.OPT, s[i:end], opts=tuple(hit.opts))
    return 0, None


def degree_after(s: str, i: int, index: MenuIndex) -> tuple[int, Tok | None]:
    """珍珠多加一点 / 冰少一点: the option that says more (less) of the thing named before
    "more" (多加珍珠, 少冰), from the phrase classes more_after/less_after."""
    for after, before in _DEGREES:
        for length in range(min(len(s) - i - 1, 6), 0, -1):
            rest = s.startswith
            tail = next((a for a in after if rest(a, i + length)), None)
            if tail is None:
                continue
            thing = s[i:i + length]
            for lead in before:
                hit = index.zh.phrases.get(lead + thing)
                if hit is not None and hit.opts and not hit.items:
                    return length + len(tail), Tok(TokKind.OPT, s[i:i + length + len(tail)],
                                                   opts=tuple(hit.opts))
    return 0, None


_DEGREES = tuple((tuple(sorted(_BOOK.cls(a), key=len, reverse=True)), _BOOK.cls(b))
                 for a, b in (("more_after", "more_before"), ("less_after", "less_before")))
