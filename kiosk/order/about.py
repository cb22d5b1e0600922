"""What a question is about (docs/dialogue.md): the dish being talked about ("it",
这个), the options it is asked with, the line of the order "it" is, and the offer made
after the answer, which remembers the question for a follow-up ("and the soy milk?",
那香菇素饺呢).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.menu.model import Item
from kiosk.order.acts import ActMatch
from kiosk.order.apply import CartState, Pending, TurnState
from kiosk.order.cart import Line, OptMap, defaults
from kiosk.order.frames import OptMention
from kiosk.order.things import Ingredient, Thing


@dataclass(frozen=True)
class Slots:
    """The resolved slots of a match: ``option`` is ``{o}``, an option asked about on
    the dish ``thing`` ("how much is extra meat on the beef noodles")."""

    thing: Thing | None = None
    ings: tuple[Ingredient, ...] = ()
    diet: Thing | None = None
    rest: str = ""
    option: Thing | None = None


@dataclass
class Offer(Pending):
    """The offer after a question ("Would you like the oat milk?"), with the question it
    answered, asked again of another dish by a follow-up."""

    asked: ActMatch | None = None


def topic(cs: CartState) -> str | None:
    """The dish being talked about: the open question's, else the one last asked about,
    else the last line's."""
    for p in cs.pending:
        if p.item:
            return p.item
        if p.slot == "item" and len(p.choices) == 1:
            return p.choices[0]
    if cs.topic:
        return cs.topic
    if cs.last is not None and cs.last < len(cs.lines):
        return cs.lines[cs.last].item
    return None


def one_item(cs: CartState, thing: Thing | None) -> Item | None:
    if thing is None or thing.pronoun:  # "how much is it" with nothing asked about: the total
        talked = topic(cs) if cs.topic or cs.pending or len(cs.lines) == 1 else None
        return cs.index.items.get(talked) if talked else None
    if len(thing.items) == 1:
        return cs.index.items.get(thing.items[0])
    return None


def said_line(cs: CartState, item: Item, thing: Thing | None) -> Line | None:
    """The line of the order "it" / 这个 is: the last line changed, when the question
    names no dish and that line is of the dish talked about ("lamb noodles large" -
    "how much is it": the large one, 24 yuan)."""
    if thing is not None and not thing.pronoun:
        return None
    k = cs.last
    if k is None or k >= len(cs.lines) or cs.lines[k].item != item.id:
        return None
    return cs.lines[k]


def options(cs: CartState, item: Item, thing: Thing | None,
            line: Line | None = None) -> OptMap:
    """The item's defaults (or the line's options) with the options said, each in the
    item's own group ("large" is the cup's large for a drink, the portion's for noodles)."""
    opts = dict(line.opts) if line is not None else defaults(cs.menu, item)
    for gid, oid in thing.opts if thing is not None else ():
        if gid not in item.option_groups:
            grp = cs.menu.group(gid)
            same = same_named(cs, item, grp.option(oid)) if grp is not None else None
            owner = next((g.id for g in cs.menu.groups_of(item) if same is not None
                          and g.option(same.id) is same), None)
            if owner is None or same is None:
                continue
            gid, oid = owner, same.id
        grp = cs.menu.group(gid)
        many = grp is not None and grp.select != "one"
        opts[gid] = tuple(dict.fromkeys((*opts.get(gid, ()), oid))) if many else (oid,)
    return opts


def same_named(cs: CartState, item: Item, opt: Any) -> Any:
    """The option of ``item``'s own groups with the same English name as ``opt``."""
    for grp in cs.menu.groups_of(item):
        for o in grp.options:
            if o.name.get("en") == opt.name.get("en"):
                return o
    return None


def offer(cs: CartState, item: Item, state: TurnState, thing: Thing | None = None,
          asked: ActMatch | None = None) -> None:
    """After a question about one dish, "one of those" / "来一份" orders it, with the
    options the question named ("how much is a large iced lemon tea"). A dish already
    in the order is not offered again: what follows ("no peanuts then") is about its line."""
    cs.topic = item.id
    drop_offers(cs)
    if any(line.item == item.id for line in cs.lines):
        return
    base = defaults(cs.menu, item)
    said = [OptMention(((gid, oid),), oid) for gid, ids in options(cs, item, thing).items()
            for oid in ids if oid not in base.get(gid, ())]
    if item.available and not cs.pending:
        qty = thing.qty if thing is not None else 1
        cs.pending.insert(0, Offer("item", None, (item.id,), qty, said, soft=True, asked=asked))


def offer_list(cs: CartState, ids: list[str], asked: ActMatch | None) -> None:
    """After a question answered with several dishes: "the first one", "the oat milk"."""
    drop_offers(cs)
    if ids and not cs.pending:
        cs.pending.insert(0, Offer("item", None, tuple(ids), 1, soft=True, asked=asked))


def drop_offers(cs: CartState) -> None:
    """A new answer makes its own offer: the one before it goes."""
    cs.pending[:] = [p for p in cs.pending if not p.soft]
