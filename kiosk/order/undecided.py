"""A diner still choosing: "kimchi fried rice or bibimbap", 泡菜炒饭还是拌饭呢. Two dishes
joined by "or" (还是 with no 吧 after it: 还是拌饭吧 is a decision) are one thing of two
candidates, which the kiosk asks about ("Which would you like: ...?"), not two orders.
The same choice said again at once is said once. "or" anywhere else joins a list as
"and" does ("no onions or pickles")."""

from __future__ import annotations

import re

from kiosk.order.kinds import TokKind
from kiosk.order.tokens import Tok

_DISH = (TokKind.ITEM, TokKind.PART)
#: 还是 ... 吧: the diner has decided (a correction), not still choosing.
_DECIDED = re.compile(r"还是[^，。,.!！?？…]*吧")


def undecided(toks: list[Tok], text: str, lang: str) -> list[Tok]:
    """``toks`` with each "A or B" of dishes made one vague dish of the two."""
    out: list[Tok] = []
    for tok in toks:
        if tok.kind == TokKind.QTY and tok.value == 1 and out and _joins(out[-1], lang, text):
            continue  # "a cola or a sprite": the second article
        at = _first_of(out, lang, text) if tok.kind in _DISH else None
        if at is not None and not (tok.items & out[at].items):
            join = out.pop()
            del out[at + 1:]  # "the milk tea, or maybe the bubble milk tea": the pause
            first = out.pop()
            tok = Tok(TokKind.PART, f"{first.text} {join.text} {tok.text}",
                      items=first.items | tok.items, exact=first.exact and tok.exact)
            if _said_again(out, tok):
                continue
        out.append(tok)
    return [Tok(TokKind.SEP, t.text) if t.kind == TokKind.CMD and t.cmd == "choice" else t
            for t in out]  # "no onion or tomato": a list, as "and" would join it


def _first_of(out: list[Tok], lang: str, text: str) -> int | None:
    """Where the first dish of "A or B" is in ``out`` (which ends with the "or", a pause
    perhaps before it), or None."""
    if len(out) < 2 or not _joins(out[-1], lang, text):
        return None
    k = len(out) - 2
    while k > 0 and out[k].kind == TokKind.SEP and out[k].text in (",", "，"):
        k -= 1
    return k if out[k].kind in _DISH else None


def _joins(tok: Tok, lang: str, text: str) -> bool:
    if tok.kind != TokKind.CMD:
        return False
    if lang == "zh":
        return tok.cmd == "choice" or (tok.cmd == "correct" and tok.text == "还是"
                                       and not _DECIDED.search(text))
    return tok.cmd == "choice"


def _said_again(out: list[Tok], tok: Tok) -> bool:
    """Whether the same choice was said just before, with only pauses between."""
    k = len(out)
    while k and out[k - 1].kind == TokKind.SEP and out[k - 1].text == ",":
        k -= 1
    return k < len(out) and k > 0 and out[k - 1].kind == TokKind.PART and \
        out[k - 1].items == tok.items
