"""Example utterances for a menu: what diners are expected to say, for speech engines.

A speech recogniser held to the order language needs to know not only its
words but how they follow each other ("two beef noodles", never "to be
noodles"). These sentences are the generator's renderings of the phrase shapes
in :file:`phrases.toml` (:mod:`kiosk.order.generate`): first turns and
follow-ups, with the menu's dishes, options and aliases; not taken from the
test corpus. Deterministic for a given menu.
"""

from __future__ import annotations

from kiosk.menu.model import Menu
from kiosk.order.generate import OrderGenerator
from kiosk.order.lexicon import EN_COMMANDS, EN_YES, ZH_COMMANDS, ZH_YES
from kiosk.order.numbers import EN_UNITS


def example_utterances(menu: Menu, lang: str, count: int = 4000, seed: int = 7) -> list[str]:
    """``count`` generated utterances in ``lang`` ("en" or "zh") for ``menu``,
    plus every command and yes-word of the order language on its own."""
    gen = OrderGenerator(menu, lang, seed=seed, sold_out=True, checked=False)
    if not gen.items:
        return []
    out: list[str] = []
    k = 0
    while len(out) < count:
        out.extend(gen.order(follow_ups=k % 3).turns)
        k += 1
    out = out[:count]
    if lang == "zh":
        return out + [*ZH_COMMANDS, *sorted(ZH_YES)]
    return out + [*EN_COMMANDS, *sorted(EN_YES), *EN_UNITS]
