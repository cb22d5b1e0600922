"""Something close to offer: for a sold-out dish, for an unknown word, and the
dishes a partial name ("noodles", 面) could mean."""

from __future__ import annotations

from kiosk.menu.model import Item, Menu
from kiosk.order.index import MenuIndex
from kiosk.order.text import en_key, zh_key


def partial_items(index: MenuIndex, text: str, lang: str) -> set[str]:
    """Items a partial name could mean: by head word/char first, else by any word."""
    if lang == "zh":
        key = zh_key(text)
        if key.endswith("的") and len(key) > 2:
            key = key[:-1]  # 三文鱼的: the salmon one
        found = set(index.zh.partial.get(key, frozenset()))
        if not found and 0 < len(key) <= 2:  # 面, 米饭; not the 菜 of 不要香菜
            found = set(index.zh.heads.get(key[-1], frozenset()))
        return found
    words = en_key(text)
    if not words:
        return set()
    heads = set(index.en.heads.get(words[-1], frozenset()))
    sets = [index.en.words.get(w, frozenset()) for w in words]
    every = set.intersection(*(set(s) for s in sets)) if sets else set()
    return (heads & every) or heads or every


def wide_items(index: MenuIndex, text: str, lang: str) -> frozenset[str]:
    """Every dish with the partial name anywhere in its name ("lamb": the lamb skewer as
    well as the naan with lamb), for a replacement to choose the old dish's sibling."""
    if lang == "zh":
        key = zh_key(text)
        return index.zh.partial.get(key[:-1] if key.endswith("的") and len(key) > 2 else key,
                                    frozenset())
    sets = [index.en.words.get(w, frozenset()) for w in en_key(text)]
    return frozenset(set.intersection(*(set(s) for s in sets))) if sets else frozenset()


def suggest_for_sold_out(menu: Menu, item: Item) -> str | None:
    """An available dish of the same category with the most similar name."""
    from rapidfuzz import fuzz

    same = [it for it in menu.items if it.available and it.category == item.category
            and it.id != item.id]
    if not same:
        return None
    name = item.name.get("en", item.id)
    best = max(same, key=lambda it: fuzz.token_set_ratio(name, it.name.get("en", it.id)))
    return best.id


def suggest_for_unknown(index: MenuIndex, words: str, lang: str) -> str | None:
    """The available dish whose name is closest to ``words``, if reasonably close."""
    from rapidfuzz import fuzz, process

    choices: dict[str, str] = {}
    for it in index.menu.items:
        if not it.available:
            continue
        for phrase in it.phrases(lang):
            choices[phrase] = it.id
    if not choices or not words:
        return None
    scorer = fuzz.ratio if lang == "zh" else fuzz.WRatio
    found = process.extractOne(words, list(choices), scorer=scorer, score_cutoff=70)
    if found is None:
        return None
    return choices[str(found[0])]
