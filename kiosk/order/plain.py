"""A bare 饭 / "rice" said of several dishes that end in it is the plain staple: 两碗饭 is
two bowls of 米饭 (steamed rice), not a question between 蛋炒饭 and 米饭, as a diner means
it. The staples are the ``plain_staples`` of phrases.toml (米饭, 白饭, "steamed rice"); the
word alone is the last word (or character) of one of them. A menu without such a dish
still asks which; other heads (粥, "congee") are always asked about."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.order.index import MenuIndex
from kiosk.order.phrases import LANGS, phrasebook
from kiosk.order.text import en_key, zh_key


def plain_dish(index: MenuIndex, cands: Iterable[str], said: str) -> str | None:
    """The one dish of ``cands`` named a plain staple that ends in ``said`` (饭 -> 米饭)."""
    staples = {k for lang in LANGS for p in phrasebook(lang).cls("plain_staples")
               if _ends(k := _key(lang, p), _key(lang, said))}
    if not staples:
        return None
    found = [c for c in cands if (it := index.items.get(c)) is not None and any(
        _key(lang, p) in staples for lang in LANGS for p in it.phrases(lang))]
    return found[0] if len(found) == 1 else None


def _key(lang: str, text: str) -> tuple[str, ...] | str:
    """``text`` as the index keys it: words (English) or characters (Mandarin)."""
    return en_key(text) if lang == "en" else zh_key(text)


def _ends(staple: tuple[str, ...] | str, said: tuple[str, ...] | str) -> bool:
    """Whether ``said`` is the last word or character of ``staple`` alone ("rice", 饭)."""
    return len(said) == 1 and len(staple) > 1 and staple[-1:] == said
