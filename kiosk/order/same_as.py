"""An answer that points at a line already ordered: "a large gyudon" - "and a katsudon"
("regular or large?") - "same as the gyudon" / 跟刚才一样 takes the choice that line
has (large). The line is the one named, else the last one that has that choice made.
The words are data (``same_as_*`` in phrases.toml)."""

from __future__ import annotations

from kiosk.order.acts import normalize, strip_edges
from kiosk.order.apply import CartState, Pending, TurnState, take_choice
from kiosk.order.kinds import TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.tagger import tag


def same_as(cs: CartState, text: str, lang: str, p: Pending | None, state: TurnState) -> bool:
    """Whether ``text`` answered the option question ``p`` as "the same as" a line; then
    that line's choice is taken (True)."""
    if p is None or p.soft or p.item is None or p.slot not in cs.index.groups:
        return False
    rest = pointed(text, lang)
    if rest is None:
        return False
    choice = _choice_of(cs, rest, lang, p)
    if choice is None:
        return False
    take_choice(cs, p, choice, state)
    return True


def pointed(text: str, lang: str) -> str | None:
    """What "the same as ..." points at ("" for the line before), or None when ``text``
    is no such answer: "same as the gyudon" -> "gyudon", 跟刚才一样 -> ""."""
    said = strip_edges(normalize(text, lang), lang)
    book = phrasebook(lang)

    def norm(cls: str) -> list[str]:
        return sorted((normalize(w, lang) for w in book.cls(cls)), key=len, reverse=True)

    sep = "" if lang == "zh" else " "
    tail = next((t for t in norm("same_as_tails") if said == t or said.endswith(sep + t)
                 or (lang == "zh" and said.endswith(t))), None)
    lead = next((w for w in norm("same_as_leads") if said == w or said.startswith(w + sep)),
                None)
    if tail is None and lead is None:
        return None
    rest = said[len(lead):] if lead is not None else said
    rest = rest[:len(rest) - len(tail)] if tail is not None and rest.endswith(tail) else rest
    rest = rest.strip()
    return "" if rest in norm("same_as_refs") else rest


def _choice_of(cs: CartState, rest: str, lang: str, p: Pending) -> str | None:
    named: set[str] = set()
    for tok in tag(rest, lang, cs.index) if rest else []:
        if tok.kind == TokKind.ITEM:
            named |= tok.items
        elif tok.kind not in (TokKind.SEP, TokKind.FILL):
            return None  # words that point at no line
    for line in reversed(cs.lines):
        chosen = [o for o in line.opts.get(p.slot, ()) if o in p.choices]
        if chosen and (not named or line.item in named):
            return chosen[0]
    return None
