"""What a dish has, and whether it suits a diner who said an allergy or a diet.

Pure functions over the menu: :func:`item_allergens`, :func:`item_contains` and
:func:`item_tags` read what an item has with its chosen options; :func:`conflicts`
says every way a dish goes against a diner's :class:`DietNeeds`, :func:`fits` whether
there is none. Ids are those of ``kiosk/menu/vocabulary.toml``. A dish fits a diet
only when the menu says so (its tag, or a tag that implies it: ``vegan`` is also
``vegetarian``) and none of the chosen options adds what the diet forbids.

The options counted are the chosen ones and, for each group of the item with a
``default`` that ``options`` does not name, that default (what the kitchen serves
when the diner names none): a latte has the milk of its default whole milk unless
oat milk is chosen.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from kiosk.menu.model import Item, Menu, Option
from kiosk.menu.vocabulary import Diet, vocabulary
from kiosk.types import Options

ConflictKind = Literal["allergen", "contains", "diet"]


@dataclass(frozen=True)
class DietNeeds:
    """What a diner said: allergen ids, ``contains`` ids they avoid, diet ids they follow."""

    allergens: frozenset[str] = frozenset()
    avoid: frozenset[str] = frozenset()
    diets: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.allergens or self.avoid or self.diets)

    def forbidden_contains(self) -> frozenset[str]:
        """What the diner avoids: ``avoid`` and what their diets forbid, with what those
        include (avoiding ``meat`` avoids ``pork``, ``beef``, ...)."""
        out = set(self.avoid)
        for diet in _diets(self.diets):
            out |= diet.forbids_contains
        return vocabulary().with_included(out)

    def merged(self, other: DietNeeds) -> DietNeeds:
        """Both diners' needs (or what one diner said in two turns)."""
        return DietNeeds(self.allergens | other.allergens, self.avoid | other.avoid,
                         self.diets | other.diets)


@dataclass(frozen=True)
class Conflict:
    """One way a dish goes against a diner's needs.

    ``kind`` "allergen": the dish has allergen ``id``; "contains": it has ``id``, which the
    diner avoids or one of their diets forbids; "diet": it does not fit diet ``id``.
    ``source`` is the item's id, or the id of the chosen option that brings it (``group``
    is then that option's group; "" for the item itself).
    """

    kind: ConflictKind
    id: str
    source: str
    group: str = ""


def chosen_options(menu: Menu, item: Item, options: Options) -> Iterator[tuple[str, Option]]:
    """(group id, option) of every chosen option the menu knows, in the order given, then
    the default of each group of ``item`` that ``options`` does not name."""
    named: set[str] = set()
    for gid, ids in options:
        named.add(gid)
        grp = menu.group(gid)
        for oid in ids:
            opt = grp.option(oid) if grp is not None else None
            if opt is not None:
                yield gid, opt
    for grp in menu.groups_of(item):
        default = grp.option(grp.default) if grp.default and grp.id not in named else None
        if default is not None:
            yield grp.id, default


def item_allergens(menu: Menu, item: Item, options: Options = ()) -> tuple[str, ...]:
    """The allergens of ``item`` with ``options``: the item's, then the options', each once."""
    out = dict.fromkeys(item.allergens)
    for _, opt in chosen_options(menu, item, options):
        out.update(dict.fromkeys(opt.allergens))
    return tuple(out)


def item_contains(menu: Menu, item: Item, options: Options = ()) -> tuple[str, ...]:
    """The ``contains`` of ``item`` with ``options``: the item's, then the options', each once."""
    out = dict.fromkeys(item.contains)
    for _, opt in chosen_options(menu, item, options):
        out.update(dict.fromkeys(opt.contains))
    return tuple(out)


def item_tags(menu: Menu, item: Item, options: Options = ()) -> tuple[str, ...]:
    """The tags of ``item``, the diets its tags imply (``vegan`` -> ``vegetarian``), then the
    chosen options' tags, each once. Whether the dish still fits a diet with those options
    is :func:`conflicts`' to say."""
    out = dict.fromkeys(item.tags)
    for diet in vocabulary().diets.values():
        if any(tag in item.tags for tag in diet.implied_by):
            out.setdefault(diet.id, None)
    for _, opt in chosen_options(menu, item, options):
        out.update(dict.fromkeys(opt.tags))
    return tuple(out)


def conflicts(menu: Menu, item: Item, options: Options, needs: DietNeeds) -> tuple[Conflict, ...]:
    """Every way ``item`` with ``options`` goes against ``needs``: the item's own first
    (allergens, contains, diets), then each chosen option's, each conflict once."""
    found: dict[Conflict, None] = {}
    for c in _conflicts_of(item.allergens, item.contains, item.id, "", needs):
        found.setdefault(c, None)
    for diet in _diets(needs.diets):
        if not any(tag in item.tags for tag in diet.tags()):
            found.setdefault(Conflict("diet", diet.id, item.id), None)
    for gid, opt in chosen_options(menu, item, options):
        for c in _conflicts_of(opt.allergens, opt.contains, opt.id, gid, needs):
            found.setdefault(c, None)
    return tuple(found)


def fits(menu: Menu, item: Item, needs: DietNeeds, options: Options = ()) -> bool:
    """True when ``item`` with ``options`` has no :func:`conflicts` with ``needs``."""
    return not conflicts(menu, item, options, needs)


def _conflicts_of(allergens: tuple[str, ...], contains: tuple[str, ...], source: str, group: str,
                  needs: DietNeeds) -> Iterator[Conflict]:
    """The conflicts of what one item or one option itself has."""
    for allergen in allergens:
        if allergen in needs.allergens:
            yield Conflict("allergen", allergen, source, group)
    avoided = needs.forbidden_contains()
    for thing in contains:
        if thing in avoided:
            yield Conflict("contains", thing, source, group)
    for diet in _diets(needs.diets):
        forbidden = vocabulary().with_included(diet.forbids_contains)
        if forbidden & set(contains) or diet.forbids_allergens & set(allergens):
            yield Conflict("diet", diet.id, source, group)


def _diets(ids: frozenset[str]) -> Iterator[Diet]:
    """The diets of ``ids`` in vocabulary order; an id the vocabulary does not know is a
    diet that forbids nothing and is met only by its own tag."""
    known = vocabulary().diets
    for diet in known.values():
        if diet.id in ids:
            yield diet
    for diet_id in sorted(ids - set(known)):
        yield Diet(diet_id, {"en": diet_id})
