"""The menu as the rest of the kiosk sees it: frozen, validated, read-only.

Prices are integers in the currency's minor units. Names and aliases are given
per language (at least ``en`` and ``zh``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from kiosk.menu.check import phrase_key
from kiosk.menu.vocabulary import vocabulary
from kiosk.types import Options

#: The most one item may cost, with its dearest options (minor units: 1,000,000 fen is
#: 10,000 yuan), and the most an option may add or take off.
MAX_PRICE = 1_000_000
#: The most of one item a diner may order (``max_quantity`` is 1 to this).
MAX_QUANTITY = 99


def phrases_of(name: Mapping[str, str], aliases: Mapping[str, tuple[str, ...]],
               lang: str) -> tuple[str, ...]:
    """A name and its aliases in ``lang``, name first (dishes, options, categories)."""
    first = name.get(lang)
    return ((first,) if first else ()) + tuple(aliases.get(lang, ()))


@dataclass(frozen=True)
class Option:
    """One choice within an option group; ``price`` (minor units) is added to the item's.

    ``allergens`` and ``contains`` (vocabulary ids) are what choosing it adds to the dish;
    ``tags`` are free strings (``spicy``, ...).
    """

    id: str
    name: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    price: int = 0
    allergens: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()

    def phrases(self, lang: str) -> tuple[str, ...]:
        """The name and every alias in ``lang``, name first."""
        return phrases_of(self.name, self.aliases, lang)


@dataclass(frozen=True)
class OptionGroup:
    """A set of options: ``select`` is "one" or "many"; ``default`` is an option id or None."""

    id: str
    name: Mapping[str, str]
    options: tuple[Option, ...]
    select: str = "one"
    required: bool = False
    default: str | None = None

    def option(self, option_id: str) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None


@dataclass(frozen=True)
class Item:
    """A dish or drink. ``price`` in minor units; ``available`` False means sold out.

    ``allergens`` and ``contains`` are vocabulary ids (``kiosk/menu/vocabulary.toml``);
    ``tags`` are free strings, of which ``vegetarian``, ``vegan``, ``halal`` and ``spicy``
    have a meaning (:mod:`kiosk.menu.diets`).
    """

    id: str
    name: Mapping[str, str]
    price: int
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    category: str = ""
    option_groups: tuple[str, ...] = ()
    available: bool = True
    allergens: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    max_quantity: int = 9
    contains: tuple[str, ...] = ()

    def phrases(self, lang: str) -> tuple[str, ...]:
        """The name and every alias in ``lang``, name first."""
        return phrases_of(self.name, self.aliases, lang)


@dataclass(frozen=True)
class Category:
    """A menu's own names for a category id (its ``[[categories]]`` entry)."""

    id: str
    name: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def phrases(self, lang: str) -> tuple[str, ...]:
        """The name and every alias in ``lang``, name first."""
        return phrases_of(self.name, self.aliases, lang)


@dataclass(frozen=True)
class Menu:
    """A validated menu. ``source`` is the file it came from (for messages)."""

    schema: int
    id: str
    name: Mapping[str, str]
    currency: str
    option_groups: tuple[OptionGroup, ...]
    items: tuple[Item, ...]
    source: str = "<memory>"
    category_entries: tuple[Category, ...] = ()

    def item(self, item_id: str) -> Item | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None

    def group(self, group_id: str) -> OptionGroup | None:
        for grp in self.option_groups:
            if grp.id == group_id:
                return grp
        return None

    def groups_of(self, item: Item) -> Iterator[OptionGroup]:
        """The option groups of ``item``, in the item's order."""
        for gid in item.option_groups:
            grp = self.group(gid)
            if grp is not None:
                yield grp

    def categories(self) -> tuple[str, ...]:
        """Categories in first-seen order."""
        seen: dict[str, None] = {}
        for it in self.items:
            seen.setdefault(it.category, None)
        return tuple(seen)

    def category_names(self, category_id: str) -> Mapping[str, tuple[str, ...]]:
        """The names of a category per language, name first, then aliases: the menu's
        ``[[categories]]`` entry first, then the vocabulary's names of that id. A category
        neither names has its id as its English name; the empty category has none."""
        if not category_id:
            return {}
        own = next((c for c in self.category_entries if c.id == category_id), None)
        known = vocabulary().categories.get(category_id)
        out: dict[str, dict[str, None]] = {}
        for source in (own, known):
            if source is None:
                continue
            for lang in dict.fromkeys([*source.name, *source.aliases]):
                words = out.setdefault(lang, {})
                name = source.name.get(lang)
                for phrase in ((name,) if name else ()) + tuple(source.aliases.get(lang, ())):
                    if phrase_key(phrase) not in {phrase_key(w) for w in words}:
                        words[phrase] = None
        if not out:
            return {"en": (category_id,)}
        return {lang: tuple(words) for lang, words in out.items()}

    def category_for(self, phrase: str) -> str | None:
        """The category of this menu (one an item is in) that ``phrase`` names, or None:
        "饮料" -> "drinks". Compared as names are (:func:`phrase_key`), in any language."""
        key = phrase_key(phrase)
        if not key:
            return None
        cats = self.categories()
        for cat in cats:  # a category's own id first ("buns" is the buns, not dumplings)
            if key == phrase_key(cat):
                return cat
        for cat in cats:
            names = self.category_names(cat)
            if any(phrase_key(p) == key for words in names.values() for p in words):
                return cat
        return None

    def unit_price(self, item: Item, options: Options) -> int:
        """Item price plus the prices of the chosen options, minor units."""
        total = item.price
        for gid, ids in options:
            grp = self.group(gid)
            if grp is None:
                continue
            for oid in ids:
                opt = grp.option(oid)
                if opt is not None:
                    total += opt.price
        return total

    def vocabulary(self, lang: str) -> tuple[str, ...]:
        """Every item and option phrase in ``lang`` (for biasing speech engines)."""
        words: dict[str, None] = {}
        for it in self.items:
            for p in it.phrases(lang):
                words.setdefault(p, None)
        for grp in self.option_groups:
            for opt in grp.options:
                for p in opt.phrases(lang):
                    words.setdefault(p, None)
        return tuple(words)


def format_money(amount: int, currency: str = "CNY") -> str:
    """``1550`` -> ``"15.50"`` (two minor digits; the currency code is not added)."""
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    return f"{sign}{amount // 100}.{amount % 100:02d}"
