"""The words of the order language, for speech engines that constrain what they hear.

Everything the parser understands (commands, numbers, negations, separators,
yes/no, ordinals, its filler words) plus the small talk a diner wraps around
an order ("hi", "I'd like", "for here", "thanks"). Menu words are not here:
they come from the menu. Words outside this list and the menu carry no
meaning for the order; a recogniser held to them cannot drift to "to be
filled" for "two beef noodles".
"""

from __future__ import annotations

import functools
import re

from kiosk.order.lexicon import (
    EN_COMMANDS,
    EN_NEGATIONS,
    EN_ORDINALS,
    EN_QUANTITY_PHRASES,
    EN_SEPARATORS,
    EN_STOP,
    EN_YES,
    ZH_COMMANDS,
    ZH_FILLERS,
    ZH_NEGATIONS,
    ZH_SEPARATORS,
    ZH_YES,
)
from kiosk.order.numbers import EN_UNITS, ZH_DIGITS, ZH_MEASURES
from kiosk.order.phrases import phrasebook

#: Ordering small talk the parser drops as filler (written by hand in
#: phrases.toml, not taken from the test corpus): contractions as Whisper
#: spells them, politeness, where to eat, and a few words diners use around a dish.
EN_TALK: tuple[str, ...] = phrasebook("en").cls("talk")
#: Mandarin small talk (characters and words) beyond the parser's fillers.
ZH_TALK: tuple[str, ...] = phrasebook("zh").cls("talk")


def _phrases_en() -> list[str]:
    # sets are sorted: their order changes with PYTHONHASHSEED, and engines see this order
    out = [*EN_COMMANDS, *sorted(EN_SEPARATORS), *sorted(EN_NEGATIONS), *EN_QUANTITY_PHRASES,
           *sorted(EN_STOP), *sorted(EN_YES), *EN_ORDINALS, *EN_UNITS, *EN_TALK]
    words: dict[str, None] = {}
    for phrase in out:
        for word in re.findall(r"[a-z0-9']+", phrase.lower()):
            words.setdefault(word, None)
    return list(words)


def _phrases_zh() -> list[str]:
    out: dict[str, None] = {}
    for phrase in (*ZH_COMMANDS, *sorted(ZH_SEPARATORS), *sorted(ZH_NEGATIONS),
                   *sorted(ZH_FILLERS), *sorted(ZH_YES), *ZH_DIGITS, *sorted(ZH_MEASURES),
                   *ZH_TALK, "十", "百"):
        if phrase.strip() and phrase != ",":
            out.setdefault(phrase, None)
    return list(out)


@functools.cache
def spoken_words(lang: str) -> tuple[str, ...]:
    """The order language's own words for ``lang`` ("en": words; "zh": words
    and characters), without the menu's."""
    if lang == "zh":
        return tuple(_phrases_zh())
    return tuple(_phrases_en())
