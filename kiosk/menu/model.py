"""The menu as the rest of the kiosk sees it: frozen, validated, read-only.

Prices are integers in the currency's minor units. Names and aliases are given
per language (at least ``en`` and ``zh``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from kiosk.types import Options

#: The most one item may cost, with its dearest options (minor units: 1,000,000 fen is
#: 10,000 yuan), and the most an option may add or take off.
MAX_PRICE = 1_000_000
#: The most of one item a diner may order (``max_quantity`` is 1 to this).
MAX_QUANTITY = 99


@dataclass(frozen=True)
class Option:
    """One choice within an option group; ``price`` (minor units) is added to the item's."""

    id: str
    name: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    price: int = 0

    def phrases(self, lang: str) -> tuple[str, ...]:
        """The name and every alias in ``lang``, name first."""
        name = self.name.get(lang)
        return ((name,) if name else ()) + tuple(self.aliases.get(lang, ()))


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
    """A dish or drink. ``price`` in minor units; ``available`` False means sold out."""

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

    def phrases(self, lang: str) -> tuple[str, ...]:
        """The name and every alias in ``lang``, name first."""
        name = self.name.get(lang)
        return ((name,) if name else ()) + tuple(self.aliases.get(lang, ()))


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
