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
        if out and len(out) >= 2 and _joins(out[-1], lang, text) and out[-2].kind in _DISH \
                and tok.kind in _DISH and not (tok.items & out[-2].items):
            join = out.pop()
            first = out.pop()
            tok = Tok(TokKind.PART, f"{first.text} {join.text} {tok.text}",
                      items=first.items | tok.items, exact=first.exact and tok.exact)
            if _said_again(out, tok):
                continue
        out.append(tok)
    return [Tok(TokKind.SEP, t.text) if t.kind == TokKind.CMD and t.cmd == "choice" else t
            for t in out]  # "no onion or tomato": a list, as "and" would join it


def _joins(tok: Tok, lang: str, text: str) -> bool:
    if tok.kind != TokKind.CMD:
        return False
    if lang == "zh":
        return tok.cmd == "correct" and tok.text == "还是" and not _DECIDED.search(text)
    return tok.cmd == "choice"


def _said_again(out: list[Tok], tok: Tok) -> bool:
    """Whether the same choice was said just before, with only pauses between."""
    k = len(out)
    while k and out[k - 1].kind == TokKind.SEP and out[k - 1].text == ",":
        k -= 1
    return k < len(out) and k > 0 and out[k - 1].kind == TokKind.PART and \
        out[k - 1].items == tok.items
