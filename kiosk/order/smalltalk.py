"""What a diner says about themselves around an order (docs/order-language.md): "It's cold
today so a hot milk tea", "a hot kumquat lemon tea, I've got a bit of a sore throat",
"a winter melon tea, large, it's really hot out". Such a clause is about the diner, not
the dish: its words ("cold", "hot", "sore") must not pick options or dishes, so it is
dropped before the order is read, up to its punctuation or to "so" / "and" / "but" when
an order resumes after it ("... so a hot milk tea").

The openers are data, the ``about_me`` class of :file:`phrases.toml`; the ends of such a
clause are ``about_me_ends`` followed by one of ``about_me_resume``. In Mandarin a clause
with one of ``about_me_inside`` anywhere is such a clause too (小碗怕吃不饱).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from kiosk.order.phrases import phrasebook

_STOPS = ",.!?;，。！？；…"


@functools.cache
def _about_me(lang: str) -> re.Pattern[str] | None:
    book = phrasebook(lang)
    openers = sorted(book.cls("about_me"), key=len, reverse=True)
    if not openers:
        return None
    alt = "|".join(re.escape(w).replace("'", "'?").replace(r"\ ", r"\s+") for w in openers)
    if lang != "en":
        inside = _alt(book.cls("about_me_inside"))
        return re.compile(rf"(?:^|(?<=[{_STOPS}]))(?:(?:{alt})[^{_STOPS}]*"
                          rf"|[^{_STOPS}]*(?:{inside})[^{_STOPS}]*)")
    ends, resume = (_alt(book.cls(name)) for name in ("about_me_ends", "about_me_resume"))
    return re.compile(rf"(?i)(?:^|(?<=[{_STOPS}])|(?<=\b(?:and|but)\s))\s*(?:{alt})\b"
                      rf"[^{_STOPS}]*?(?:\b(?:{ends})\b(?=\s+(?:{resume})\b)|(?=[{_STOPS}])|$)")


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace("'", "'?") for w in
                    sorted(words, key=len, reverse=True)) or "(?!)"


def without_small_talk(text: str, lang: str,
                       dishes: Callable[[str], set[str]] | None = None) -> str:
    """``text`` without the clauses about the diner: "It's cold today so a hot milk tea
    please" -> " a hot milk tea please". A turn that is nothing else is kept as said, and
    so is a clause naming a dish (``dishes``: the dishes a text names) the rest does not:
    我室友说你们家臭豆腐特别好吃，那我也来一份 orders the stinky tofu it praises."""
    pattern = _about_me(lang)
    if pattern is None:
        return text
    left = pattern.sub(" ", text)
    if not any(ch.isalnum() for ch in left):
        return text
    if dishes is not None and left != text:
        kept = dishes(left)
        if any(dishes(m.group(0)) - kept for m in pattern.finditer(text)):
            return text
    return left
