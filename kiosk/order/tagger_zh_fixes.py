"""Mandarin text and tokens put right around the tagger: a comma the recogniser wrote
inside a dish's name (黑豆，浆), and an option named by a count (四个, the pan-fried
buns' 4-piece) said before a dish that does not offer it, which is a count (四个肉包)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.tokens import Tok

#: How the tagger reads a count at a place of a text: (length, token or None).
QtyOf = Callable[[str, int], tuple[int, Tok | None]]


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
    """An option named by a count (四个, of the pan-fried buns' 4个 / 8个) right before a
    dish that does not offer it is a count: 四个肉包 is four pork buns."""
    out = list(toks)
    for k in range(len(out) - 1):
        tok, nxt = out[k], out[k + 1]
        if tok.kind != TokKind.OPT or not tok.opts or nxt.kind not in (TokKind.ITEM, TokKind.PART):
            continue
        length, qty = qty_of(tok.text, 0)
        offered = any((it := index.items.get(i)) is not None and g in it.option_groups
                      for i in nxt.items for g, _ in tok.opts)
        if qty is not None and length == len(tok.text) and not offered:
            out[k] = qty
    return out
