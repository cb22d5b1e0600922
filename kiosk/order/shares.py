"""One count said for several dishes: "a pork bun and a veggie bun, three each", "the
chicken bento and the salmon bento, two of each", 肉包、菜包、馒头各两个, 羊肉串牛肉串各十串.

A list of two or more dishes (each said bare or as one: "a", 一份), then a count said
"each" (phrases.toml ``each_dish``: "each", "of each" after the count; 各 before it),
is that count of every dish of the list. A dish of the list counted otherwise ("two pork
buns and a mantou, three each") leaves the turn as it was: which count is meant is not
plain, and the kiosk would rather read less than change a line wrongly.
"""

from __future__ import annotations

from functools import cache

from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tokens import Tok

#: Tokens a list of dishes may hold besides the dishes: their options, what joins them.
_LISTED = (TokKind.ITEM, TokKind.OPT, TokKind.SEP, TokKind.FILL)


@cache
def _each_words(lang: str) -> frozenset[str]:
    return frozenset(phrasebook(lang).cls("each_dish"))


def each_dish(toks: list[Tok], lang: str) -> list[Tok]:
    """``toks`` with the count said "each" after a list of dishes put before every dish
    of the list (see above): "pork buns and vegetable buns, two of each" -> "two pork buns
    and two vegetable buns"."""
    words = _each_words(lang)
    for k, tok in enumerate(toks):
        if tok.text not in words or tok.kind not in (TokKind.CMD, TokKind.UNK):
            continue
        at = k + 1 if lang == "zh" else k - 1  # 各两个; "two each"
        if not 0 <= at < len(toks) or toks[at].kind != TokKind.QTY or toks[at].value < 1:
            continue
        end = min(k, at)
        while end > 0 and toks[end - 1].kind == TokKind.SEP:
            end -= 1  # "..., three each"
        start = _list_start(toks, end)
        if start is None:
            continue
        return [*toks[:start], *_counted(toks[start:end], toks[at]), *toks[max(k, at) + 1:]]
    return toks


def _list_start(toks: list[Tok], end: int) -> int | None:
    """Where the list of dishes ending at ``end`` begins; None when it holds fewer than two
    dishes or a dish counted other than as one."""
    start = end
    while start > 0:
        prev = toks[start - 1]
        if prev.kind in _LISTED or (prev.kind == TokKind.QTY and prev.value == 1 and
                                    not prev.weak and start < end and
                                    toks[start].kind in (TokKind.ITEM, TokKind.OPT)):
            start -= 1
            continue
        if prev.kind == TokKind.QTY:
            return None  # "two pork buns and a mantou, three each": not plain
        break
    while start < end and toks[start].kind == TokKind.SEP:
        start += 1
    dishes = [t for t in toks[start:end] if t.kind == TokKind.ITEM]
    if len(dishes) < 2 or any(len(t.items) != 1 for t in dishes):
        return None
    return start


def _counted(span: list[Tok], count: Tok) -> list[Tok]:
    """``span`` with its counts of one dropped and ``count`` before each dish: before the
    options said right before it after a separator ("a large milk tea"), else right before
    the dish (肉包菜包: the options said after a dish stay its own)."""
    out: list[Tok] = []
    lead: int | None = 0  # where the current dish's words begin in ``out``; None: said
    for tok in span:
        if tok.kind == TokKind.QTY:
            continue
        if tok.kind == TokKind.SEP:
            lead = len(out) + 1
        elif tok.kind == TokKind.ITEM:
            out.insert(len(out) if lead is None else lead, count)
            lead = None
        out.append(tok)
    return out
