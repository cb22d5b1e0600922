"""Confidence-gated readback (docs/dialogue.md): what the kiosk is not sure it heard
is asked about ("Did you say two beef noodle soups?"), never put in the cart silently.

A spoken turn that would change the cart gets a confidence: the recogniser's (the
probability that its best text gives the right order), lowered when its other
hypotheses would do something else, and the parser's certainty of the words (a
dish matched only by spelling or sound, words it could not use). Below
:data:`ASK_BELOW` the kiosk asks first.
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.menu.model import Menu
from kiosk.order.reply import item_name, line_text
from kiosk.order.tokens import Tok
from kiosk.types import Action, Turn

#: A spoken turn that changes the cart is asked about below this confidence (chosen on
#: one half of the speech benchmark's utterances, reported on the other:
#: scripts/bench_confidence.py).
ASK_BELOW = 0.5
#: Action types that change the cart.
CHANGES = frozenset({"add", "remove", "change", "clear", "cancel"})
#: The parser's certainty when a dish or option was matched by spelling or sound only,
#: and when some words went unused.
INEXACT = 0.7
UNUSED = 0.9


def parse_confidence(toks: Iterable[Tok], unparsed: Iterable[str]) -> float:
    """How sure the parser is of the words it used (1.0 typed and exact)."""
    conf = 1.0
    if any(not t.exact for t in toks if t.kind in ("item", "part", "opt")):
        conf *= INEXACT
    if any(unparsed):
        conf *= UNUSED
    return conf


def changes(turn: Turn) -> frozenset[tuple[object, ...]]:
    """What ``turn`` does to the cart, comparable across hypotheses."""
    return frozenset((a.type, a.item, a.quantity, a.options) for a in turn.actions
                     if a.type in CHANGES)


def agreement(chosen: frozenset[tuple[object, ...]],
              others: list[frozenset[tuple[object, ...]]]) -> float:
    """The share of the other hypotheses that would do the same (1.0 when none)."""
    if not others:
        return 1.0
    return sum(o == chosen for o in others) / len(others)


def heard_confidence(engine: float, agree: float, parsed: float) -> float:
    """The confidence of a spoken turn's actions: disagreement halves it at most."""
    return max(0.0, min(1.0, engine)) * (0.5 + 0.5 * agree) * parsed


def with_confidence(turn: Turn, conf: float) -> Turn:
    """``turn`` with every action's confidence set."""
    from dataclasses import replace

    acts = tuple(replace(a, confidence=round(conf, 3)) for a in turn.actions)
    return replace(turn, actions=acts)


def summary(menu: Menu, actions: Iterable[Action], text: str, lang: str) -> str:
    """What the kiosk thinks it heard, said back: "two beef noodle soups"."""
    parts: list[str] = []
    for a in actions:
        if a.type == "add" and a.item:
            parts.append(line_text(menu, a.item, a.quantity or 1, a.options or (), lang))
        elif a.type == "remove" and a.item:
            name = item_name(menu, a.item, lang)
            parts.append(f"去掉{name}" if lang == "zh" else f"remove the {name}")
    if not parts:
        return f"“{text}”" if lang == "zh" else f'"{text}"'
    return ("，" if lang == "zh" else ", ").join(parts)


def ask_text(said: str, lang: str) -> str:
    return f"您是说{said}吗？" if lang == "zh" else f"Did you say {said}?"
