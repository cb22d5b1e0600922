"""Mandarin text and tokens put right around the tagger: a comma the recogniser wrote
inside a dish's name (黑豆，浆), and an option named by a count (四个, the pan-fried
buns' 4-piece) said before a dish that does not offer it, which is a count (四个肉包), and
a party's count each (我们仨一人一杯: three cups)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.numbers import zh_number, zh_numeral_value
from kiosk.order.phrases import phrasebook
from kiosk.order.tokens import Tok

#: How the tagger reads a count at a place of a text: (length, token or None).
QtyOf = Callable[[str, int], tuple[int, Tok | None]]


@cache
def _party_re() -> re.Pattern[str]:
    book = phrasebook("zh")
    alt = "|".join(sorted(map(re.escape, book.cls("party")), key=len, reverse=True))
    each = "|".join(sorted(map(re.escape, book.cls("per_person")), key=len, reverse=True))
    return re.compile(rf"(?:{alt})(俩|仨|[两二三四五六七八九十]个?)人?,?(?:都)?(?:{each})"
                      rf"(?:来|要)?([一两二三四五六七八九十])")


def per_party(s: str) -> str:
    """我们仨一人一杯黑豆浆 -> 三杯黑豆浆: a party's size times the count each."""
    def count(m: re.Match[str]) -> str:
        size = zh_numeral_value(m.group(1).rstrip("个"))
        each = zh_numeral_value(m.group(2))
        if size is None or each is None:
            return m.group(0)
        return zh_number(size * each)
    return _party_re().sub(count, s)


def comma_inside(s: str, index: MenuIndex) -> str:
    """Without a comma the recogniser wrote inside a dish's name (黑豆，浆 for 黑豆浆):
    the characters on both sides make the whole name, and those before it are no menu
    phrase of their own."""
    k = s.find(",")
    while 0 < k < len(s) - 1:
        for n in index.zh.lengths:
            if any((hit := index.zh.phrases.get(s[k - m:k] + s[k + 1:k + 1 + n - m])) is not None
                   and hit.items and s[k - m:k] not in index.zh.phrases
                   and len(s[k - m:k] + s[k + 1:k + 1 + n - m]) == n
                   for m in range(1, min(n, k + 1))):
                s = s[:k] + s[k + 1:]
                break
        k = s.find(",", k + 1)
    return s


def count_not_offered(toks: list[Tok], index: MenuIndex, qty_of: QtyOf) -> list[Tok]:
    """An option named by a count (四个, of the pan-fried buns' 4个 / 8个) that the dish it
    goes with does not offer is a count: 四个肉包 is four pork buns, and so is 四个 in
    三个肉包，还是四个吧. The dish it goes with is the one right after it, else the last
    one before it."""
    out = list(toks)
    for k, tok in enumerate(out):
        if tok.kind != TokKind.OPT or not tok.opts:
            continue
        dish = _dish_of(out, k)
        if dish is None:
            continue
        length, qty = qty_of(tok.text, 0)
        offered = any((it := index.items.get(i)) is not None and g in it.option_groups
                      for i in dish.items for g, _ in tok.opts)
        if qty is not None and length == len(tok.text) and not offered:
            out[k] = qty
    return out


def _dish_of(toks: list[Tok], k: int) -> Tok | None:
    dishes = (TokKind.ITEM, TokKind.PART)
    if k + 1 < len(toks) and toks[k + 1].kind in dishes:
        return toks[k + 1]
    if any(t.kind in dishes for t in toks[k + 1:]):
        return None
    return next((t for t in reversed(toks[:k]) if t.kind in dishes), None)
