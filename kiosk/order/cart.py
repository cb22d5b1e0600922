"""The mutable cart behind a conversation, and option resolution against the menu.

Only this module creates cart lines, and it only ever uses items and options
looked up on the menu, so nothing off the menu can enter the cart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.menu.load import normalize_phrase
from kiosk.menu.model import Item, Menu, OptionGroup
from kiosk.order.index import find_item
from kiosk.order.interpret import OptMention
from kiosk.order.text import en_key, zh_key
from kiosk.types import Cart, CartLine, Options

OptMap = dict[str, tuple[str, ...]]


@dataclass
class Line:
    """A cart line being edited: ``item`` id, ``qty``, chosen ``opts`` (group -> ids)."""

    item: str
    qty: int
    opts: OptMap = field(default_factory=dict)


def has_all(line: Line, said: list[tuple[tuple[str, str], ...]]) -> bool:
    """Whether ``line`` has one of each said option's (group, option) candidates: the
    line the options name ("the strawberry cone", "the plain egg waffle")."""
    return all(any(o in line.opts.get(g, ()) for g, o in refs) for refs in said)


def defaults(menu: Menu, item: Item) -> OptMap:
    """Every group default of ``item``."""
    out: OptMap = {}
    for grp in menu.groups_of(item):
        if grp.default is not None:
            out[grp.id] = (grp.default,)
    return out


def _is_itself(menu: Menu, item: Item, m: OptMention) -> bool:
    """An option the dish has no group for but already is: its names end in the same
    word as the dish's ("kung pao chicken rice" over rice, 宫保鸡丁饭 + 盖饭), so saying
    it describes the dish rather than asks for something it lacks."""
    for lang in ("en", "zh"):
        heads = {_head(p, lang) for p in item.phrases(lang)}
        for gid, oid in m.refs:
            grp = menu.group(gid)
            opt = grp.option(oid) if grp is not None else None
            if opt is not None and heads & {_head(p, lang) for p in opt.phrases(lang)}:
                return True
    return False


def _head(phrase: str, lang: str) -> str:
    """The last word of an English name (stemmed), the last character of a Mandarin one."""
    if lang == "zh":
        key = zh_key(phrase)
        return key[-1:] if key else ""
    words = en_key(phrase)
    return words[-1] if words else ""


def apply_mentions(menu: Menu, item: Item, opts: OptMap,
                   mentions: list[OptMention]) -> tuple[OptMap, list[OptMention]]:
    """Apply said options to ``opts``; returns the new map and mentions that do not fit.
    Options named of a group the diner picks several of replace its default ("with chili
    oil" is not vinegar and chili oil) unless the default is named too."""
    out = dict(opts)
    misfit: list[OptMention] = []
    said = {o for m in mentions if not m.negated for _, o in m.refs}
    picked: dict[str, str] = {}
    for m in mentions:
        ref = next(((g, o) for g, o in m.refs if g in item.option_groups), None)
        if ref is None:
            ref = rescue(menu, item, m.text)
        if ref is None:
            if not _is_itself(menu, item, m):
                misfit.append(m)
            continue
        gid, oid = ref
        grp = menu.group(gid)
        if grp is None or grp.option(oid) is None:
            misfit.append(m)
            continue
        current = out.get(gid, ())
        if m.negated:
            remaining = tuple(x for x in current if x != oid)
            if remaining:
                out[gid] = remaining
            elif grp.default is not None and grp.default != oid:
                out[gid] = (grp.default,)
            elif grp.required and current:
                misfit.append(m)  # a required choice cannot be taken away, only changed
            else:
                out.pop(gid, None)
        elif grp.select == "many":
            if current == (grp.default,) and grp.default not in said:
                current = ()  # naming some of a group is instead of its default
            chosen = set(current) | {oid}
            out[gid] = tuple(o.id for o in grp.options if o.id in chosen)
        elif not _already_instead(grp, oid, m.text, picked):
            out[gid] = (oid,)
            picked[gid] = oid
    return out, misfit


def _already_instead(grp: OptionGroup, oid: str, text: str, picked: dict[str, str]) -> bool:
    """"with a side salad, no fries" / 配沙拉，不要薯条: the group's "no ..." option, said
    of another of its options than the one just picked, only says the pick is instead."""
    chosen = picked.get(grp.id)
    if chosen is None or chosen == oid or not (oid == "none" or oid.startswith("no-")):
        return False
    words, chars = " ".join(en_key(text)), normalize_phrase(text)
    return any(o.id not in (chosen, oid) and (
        any((k := " ".join(en_key(p))) and f" {k} " in f" {words} " for p in o.phrases("en"))
        or any((k := normalize_phrase(p)) and k in chars for p in o.phrases("zh")))
        for o in grp.options)


def rescue(menu: Menu, item: Item, text: str) -> tuple[str, str] | None:
    """An option of ``item`` named inside a phrase meant for another dish
    ("加米饭" said of a stir-fry means rice on the side): the longest such name."""
    said = f" {normalize_phrase(text)} "
    best: tuple[int, tuple[str, str]] | None = None
    for grp in menu.groups_of(item):
        for opt in grp.options:
            for lang in ("en", "zh"):
                for phrase in opt.phrases(lang):
                    key = normalize_phrase(phrase)
                    hit = key in said if lang == "zh" else f" {key} " in said
                    if hit and (best is None or len(key) > best[0]):
                        best = (len(key), (grp.id, opt.id))
    return best[1] if best else None


def fits(item: Item, mention: OptMention) -> bool:
    return any(g in item.option_groups for g, _ in mention.refs)


def missing_required(menu: Menu, item: Item, opts: OptMap) -> str | None:
    """The first required group of ``item`` with nothing chosen, or None."""
    for grp in menu.groups_of(item):
        if grp.required and not opts.get(grp.id):
            return grp.id
    return None


def freeze(menu: Menu, item: Item, opts: OptMap) -> Options:
    """Options in the item's group order, ids in the group's option order; only real ones."""
    out: list[tuple[str, tuple[str, ...]]] = []
    for grp in menu.groups_of(item):
        ids = opts.get(grp.id, ())
        valid = tuple(o.id for o in grp.options if o.id in ids)
        if grp.select == "one":
            valid = valid[:1]
        if valid:
            out.append((grp.id, valid))
    return tuple(out)


def to_cart(menu: Menu, lines: list[Line]) -> Cart:
    out: list[CartLine] = []
    for line in lines:
        item = find_item(menu, line.item)
        if item is None or line.qty <= 0:
            continue
        options = freeze(menu, item, line.opts)
        out.append(CartLine(item=item.id, quantity=line.qty, options=options,
                            unit_price=menu.unit_price(item, options)))
    return Cart(lines=tuple(out), currency=menu.currency)


def same(menu: Menu, a: Line, b: Line) -> bool:
    if a.item != b.item:
        return False
    item = find_item(menu, a.item)
    if item is None:
        return False
    return freeze(menu, item, a.opts) == freeze(menu, item, b.opts)


def item_total(lines: list[Line], item_id: str, skip: Line | None = None) -> int:
    return sum(line.qty for line in lines if line.item == item_id and line is not skip)
