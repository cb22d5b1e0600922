"""Counts not said: "a few pork buns", "several tea eggs", 来几个茶叶蛋, 来两三个肉包吧.

A kiosk that guessed three would charge for a count nobody said. Such a turn adds
nothing: the kiosk asks how many ("How many pork buns would you like?", 要几个鲜肉包？),
as the soft offer of that dish (slot ``offer``), so a bare "four" / 四个 orders four,
and "let's say four pork buns" does too. Only a turn that says nothing but the vague
count and its dish: one that corrects it ("肉包两三个 呃不 三个") or says more is read as
it always was. "some" is not vague here: "some onion rings" is one serving.
"""

from __future__ import annotations

from kiosk.order.apply import CartState, Pending, TurnState
from kiosk.order.kinds import TokKind
from kiosk.order.numbers import ZH_DIGITS, ZH_MEASURES
from kiosk.order.phrases import phrasebook
from kiosk.order.tokens import Tok

_VAGUE = {lang: frozenset(phrasebook(lang).cls("vague_counts")) for lang in ("en", "zh")}
_QUIET = (TokKind.SEP, TokKind.FILL, TokKind.YES)


def vague_count(cs: CartState, toks: list[Tok], lang: str, state: TurnState) -> list[Tok]:
    """``toks``, or none when they order one dish with a count not said: that dish is
    then offered with the question how many (see the module's docstring)."""
    said = [t for t in toks if t.kind not in _QUIET]
    dishes = [t for t in said if t.kind == TokKind.ITEM]
    if len(dishes) != 1 or len(dishes[0].items) != 1 or len(said) < 2:
        return toks
    rest = [t for t in said if t is not dishes[0]]
    if not _vague(rest, lang):
        return toks
    asked = Pending("item", None, tuple(dishes[0].items), 0, soft=True)
    # other offers go; the same one asked again stays twice, as the turn's end drops one
    cs.pending[:] = [asked] + [p for p in cs.pending if not p.soft or p == asked]
    state.understood = True
    return []


def _vague(rest: list[Tok], lang: str) -> bool:
    """Whether ``rest`` (what a turn says besides its dish) is a vague count alone: "a
    few", 几个 (几 and a bare measure word), 两三个 (two numbers side by side)."""
    texts = [t.text for t in rest]
    if len(rest) == 1:
        return texts[0] in _VAGUE[lang]
    if len(rest) != 2 or lang != "zh":
        return False
    head, tail = texts
    if head in _VAGUE["zh"] and tail in ZH_MEASURES:
        return True
    return rest[0].kind == rest[1].kind == TokKind.QTY and head in ZH_DIGITS and \
        len(tail) == 2 and tail[0] in ZH_DIGITS and tail[1] in ZH_MEASURES and \
        ZH_DIGITS[tail[0]] == ZH_DIGITS[head] + 1
