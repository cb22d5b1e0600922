"""What the slots of a dialogue act name, against the menu (:mod:`kiosk.order.acts`).

``{x}`` may name dishes, options, a category, a diet or tag ("vegetarian", "not
spicy"), or be "it"; ``{y}`` an allergen or an ingredient people avoid; ``{d}`` a
diet or tag. A slot that names nothing known makes the form not apply.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.menu.vocabulary import vocabulary
from kiosk.order.acts import normalize
from kiosk.order.index import MenuIndex
from kiosk.order.kinds import TokKind
from kiosk.order.numbers import EN_UNITS, zh_numeral_value
from kiosk.order.option_dish import options_as_dishes
from kiosk.order.phrases import phrasebook
from kiosk.order.tagger import tag
from kiosk.order.text import stem
from kiosk.order.tokens import Tok

#: Token kinds a thing may carry besides dishes and options (counts, "and", fillers).
_NEUTRAL = {TokKind.QTY, TokKind.SEP, TokKind.FILL, TokKind.YES}
#: Command words that put an option in place of a dish's own (换, 换成, "swap to").
_CHANGE = frozenset({"change"})


@dataclass(frozen=True)
class Thing:
    """What ``{x}`` names: ``items`` (dish ids, menu order), ``opts`` ((group, option)
    pairs), a ``category``, a ``diet`` id or ``tag`` (``negated``: "not spicy"), or
    ``pronoun`` ("it", "这个": the dish being talked about); ``qty``: a count said with
    the dishes ("two orders of spring rolls", 两份春卷)."""

    items: tuple[str, ...] = ()
    opts: tuple[tuple[str, str], ...] = ()
    category: str | None = None
    diet: str | None = None
    tag: str | None = None
    negated: bool = False
    pronoun: bool = False
    qty: int = 1
    #: the menu's categories a wider one stands for ("drinks" on a menu of teas)
    within: tuple[str, ...] = ()

    def covers(self, category: str) -> bool:
        """Whether a dish of ``category`` is of the category this names."""
        return category == self.category or category in self.within


@dataclass(frozen=True)
class Ingredient:
    """What ``{y}`` names: an ``allergens`` or ``contains`` id; ``meat``: all meat."""

    section: str
    id: str


def _words(lang: str, name: str) -> tuple[str, ...]:
    return tuple(normalize(p, lang) for p in phrasebook(lang).cls(name))


def _strip(text: str, lang: str) -> str:
    sep = "" if lang == "zh" else " "
    for table, at_start in (("thing_leads", True), ("thing_tails", False)):
        for w in sorted(_words(lang, table), key=len, reverse=True):
            if at_start and text.startswith(w + sep) and len(text) > len(w + sep):
                text = text[len(w + sep):]
            elif not at_start and text.endswith(sep + w) and len(text) > len(sep + w):
                text = text[: -len(sep + w)]
    return text


def resolve_thing(index: MenuIndex, text: str, lang: str, like: str | None = None
                  ) -> Thing | None:
    """What ``text`` (a normalized ``{x}``) names, or None when it names nothing known:
    as said first ("喝的" is a category), then without the words around it. ``like``:
    the dish being talked about ("and the char siu one" after the shrimp rice roll is
    the char siu rice roll)."""
    for said in dict.fromkeys((text, _strip(text, lang))):
        found = _thing(index, said, lang, None) if said else None
        if found is not None and not found.items and found.opts and like is not None:
            found = _thing(index, said, lang, like) or found
        if found is not None:
            return found
    return None


def _thing(index: MenuIndex, text: str, lang: str, like: str | None) -> Thing | None:
    if text in _words(lang, "topic_words"):
        return Thing(pronoun=True)
    marked = _diet_or_tag(text, lang)
    if marked is not None:
        return marked
    category = index.menu.category_for(text) or (
        index.menu.category_for(stem(text)) if lang == "en" else None)
    if category is not None:
        return Thing(category=category)
    wider = _wider(index, text, lang)
    if wider is not None:
        return wider
    counted = index.counted.get(_count_of(text, lang) or -1, ())
    if len(counted) == 1:  # "how much more for ten", with "10 pieces" on the menu
        return Thing(opts=counted)
    return _dish(index, text, lang, like)


def _wider(index: MenuIndex, text: str, lang: str) -> Thing | None:
    """A category the menu lacks that stands for some it has (the vocabulary's
    ``includes``): "what drinks do you have" on a menu of tea, milk tea and fruit tea."""
    vocab = vocabulary()
    found = vocab.find("categories", text) or (
        vocab.find("categories", stem(text)) if lang == "en" else None)
    term = vocab.categories.get(found or "")
    have = set(index.menu.categories())
    within = tuple(c for c in term.includes if c in have) if term is not None else ()
    return Thing(category=term.id, within=within) if term is not None and within else None


def _diet_or_tag(text: str, lang: str) -> Thing | None:
    vocab = vocabulary()
    negated = False
    for neg in sorted(_words(lang, "not"), key=len, reverse=True):
        sep = "" if lang == "zh" else " "
        if text.startswith(neg + sep) and len(text) > len(neg + sep):
            text, negated = text[len(neg + sep):], True
            break
    diet = vocab.find("diets", text)
    if diet is not None:
        return Thing(diet=diet, negated=negated)
    found = vocab.find("tags", text)
    if found is None and lang == "en":
        found = vocab.find("tags", stem(text))
    if found is not None:
        return Thing(tag=found, negated=negated)
    return None


def _dish(index: MenuIndex, text: str, lang: str, like: str | None = None) -> Thing | None:
    """The dishes and options ``text`` names; an option said as its dish ("kopi-c",
    茶乌: the kopi with evaporated milk, the teh without) is that dish with it."""
    toks = options_as_dishes(tag(text, lang, index), index, lang, like)
    items: set[str] = set()
    opts: list[tuple[str, str]] = []
    counts = [tok.value for tok in toks if tok.kind == TokKind.QTY and not tok.weak]
    for k, tok in enumerate(toks):
        if tok.kind in (TokKind.ITEM, TokKind.PART):
            items |= tok.items
            opts.extend(tok.implied)
        elif tok.kind == TokKind.OPT and tok.opts:
            opts.append(tok.opts[0])
        elif tok.kind not in _NEUTRAL and not _change_to_option(toks, k, bool(items)):
            return None
    if not items and not opts:  # "six or ten" for "6 pieces or 10 pieces"
        named = [index.counted.get(c, ()) for c in counts]
        opts = [n[0] for n in named if len(n) == 1] if all(len(n) == 1 for n in named) else []
    if not items and not opts:
        return None
    order = index.order
    qty = counts[0] if len(counts) == 1 and counts[0] > 0 and items else 1
    return Thing(items=tuple(sorted(items, key=lambda i: order.get(i, 0))), opts=tuple(opts),
                 qty=qty)


def _change_to_option(toks: list[Tok], k: int, after_dish: bool) -> bool:
    """Whether ``toks[k]`` says the dish before it with the option after it in place of
    its own (沙拉碗换藜麦底, "tuna melt swap to ciabatta"): a dish as it would be."""
    tok = toks[k]
    return after_dish and tok.kind == TokKind.CMD and tok.cmd in _CHANGE \
        and k + 1 < len(toks) and toks[k + 1].kind == TokKind.OPT and bool(toks[k + 1].opts)


def as_option(index: MenuIndex, text: str, lang: str) -> Thing | None:
    """``text`` read as an option said with the words that add one ("an egg" as "extra
    egg", 蛋 as 加蛋), for "how much to add an egg"."""
    text = _strip(text, lang)
    sep = "" if lang == "zh" else " "
    for lead in ("", *_words(lang, "add_leads")):
        thing = _dish(index, f"{lead}{sep if lead else ''}{text}", lang)
        if thing is not None and thing.opts and not thing.items:
            return thing
    return None


def _count_of(text: str, lang: str) -> int | None:
    """A bare count: "ten", "10", 十."""
    if text.isdigit():
        return int(text)
    return EN_UNITS.get(text) if lang == "en" else zh_numeral_value(text)


def resolve_ingredient(text: str, lang: str) -> Ingredient | None:
    """What ``text`` (a normalized ``{y}``) names: an allergen, else an ingredient, else
    "meat" (any meat), else None; as said, then without the words around it."""
    said, text = text, _strip(text, lang)
    if text in _words(lang, "meat_words"):
        return Ingredient("meat", "meat")
    vocab = vocabulary()
    # as said first: 芹菜 (celery) is not 芹 + the tail word 菜
    tries = list(dict.fromkeys([said, text] + ([stem(text)] if lang == "en" else [])))
    for section in ("allergens", "contains"):
        for t in tries:
            found = vocab.find(section, t)
            if found is not None:
                return Ingredient(section, found)
    return None


def resolve_diet(text: str, lang: str) -> Thing | None:
    """What ``text`` (a normalized ``{d}``) names: a diet or a tag, or None."""
    return _diet_or_tag(_strip(text, lang), lang)
