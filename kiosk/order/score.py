"""How much sense a text makes against the menu, for picking among ASR hypotheses."""

from __future__ import annotations

from kiosk.order.tagger import Tok
from kiosk.types import Question

_WEIGHTS = {"item": 3.0, "part": 1.5, "opt": 1.5, "qty": 0.5, "cmd": 1.0, "neg": 0.3,
            "ord": 1.0, "sep": 0.0}


def score_tokens(toks: list[Tok], question: Question | None = None) -> float:
    """Sum of recognised pieces (menu items weigh most, corrected words a bit less)
    minus a penalty per unknown word; an answer to the open question earns a bonus;
    a text with nothing from the menu at all loses 2 more."""
    total = 0.0
    if not any(t.kind in ("item", "part", "opt", "cmd", "ord") for t in toks):
        total -= 2.0
    for tok in toks:
        if tok.kind == "unk":
            total -= 1.0 * max(1, len(tok.text.split()))
            continue
        weight = _WEIGHTS.get(tok.kind, 0.0)
        if not tok.exact:
            weight *= 0.7
        total += weight
        if question is not None:
            if question.slot == "item" and tok.items & set(question.choices):
                total += 1.0
            elif any(o in question.choices and g == question.slot for g, o in tok.opts):
                total += 1.0
    return total
