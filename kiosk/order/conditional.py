"""An order on a condition (docs/order-language.md): "if you still have the chicken
cutlet I'll take it, otherwise the popcorn chicken", 要是鸡排还有就来一片，没有就盐酥鸡.
The first dish is ordered when the menu has it today; only when it does not (sold out,
nothing added) is the other one ordered: exactly one.

The words are data (the ``cond_*`` classes of :file:`phrases.toml`): ``cond_else``
("otherwise", "if not", 没有就) cut the turn in two; ``cond_if`` ("if you have", 要是)
and ``cond_then`` (Mandarin 就) are dropped from the first part, and ``cond_tails``
("if you have it", "if it's available") from anywhere, so that "I'd like the oyster
vermicelli if you have it" is an order, never the question "do you have it".
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from kiosk.order.apply import TurnState
from kiosk.order.phrases import phrasebook


@functools.cache
def _words_re(lang: str, name: str) -> re.Pattern[str] | None:
    words = sorted(phrasebook(lang).cls(name), key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w).replace("'", "'?").replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?i)(?<![\w']){'(?:' + alt + ')'}(?![\w'])" if lang == "en"
                      else f"(?:{alt})")


def _drop(text: str, lang: str, name: str, by: str = " ") -> str:
    pattern = _words_re(lang, name)
    return pattern.sub(by, text) if pattern is not None else text


def without_tails(text: str, lang: str) -> str:
    """``text`` without the conditions said after a dish ("if you have it", 有的话)."""
    return _drop(text, lang, "cond_tails")


def split(text: str, lang: str) -> tuple[str, str] | None:
    """(the first order, the one instead) when ``text`` orders on a condition, else None:
    "if theres still three cup chicken rice id like one if not the beef noodle soup" ->
    ("three cup chicken rice id like one", "the beef noodle soup")."""
    pattern = _words_re(lang, "cond_else")
    cue = _words_re(lang, "cond_cues")
    if pattern is None or cue is None:
        return None
    for found in pattern.finditer(text):
        first, rest = text[:found.start()], text[found.end():]
        if not cue.search(first) or not any(ch.isalnum() for ch in rest):
            continue
        first = _drop(without_tails(first, lang), lang, "cond_if")
        if lang == "zh":
            first = _drop(first, lang, "cond_then", "，")
        if any(ch.isalnum() for ch in first):
            return first.strip(" ,，"), rest.strip(" ,，")
    return None


def not_had(states: list[TurnState]) -> bool:
    """Whether the first order of a condition added nothing (its dish sold out): then the
    other is ordered, and the dish suggested in place of the sold-out one is not."""
    if any(a.type == "add" for s in states for a in s.actions):
        return False
    for s in states:
        s.events[:] = [replace(e, other=None) if e.kind == "sold_out" else e for e in s.events]
    return True
