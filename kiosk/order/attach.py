"""Rules that join what was said across the chunks of one utterance: options
and counts after a dish belong to it; a later name narrows an earlier one."""

from __future__ import annotations

from kiosk.order.frames import OptMention, Unit


def same_said(unit: Unit, said: list[Unit]) -> Unit | None:
    """"..., the dan dan not spicy": an item said again with options only, no quantity;
    or said by a word of several dishes' names of which one was said (…一个培根生菜番茄
    三明治，三明治不要番茄)."""
    if unit.qty_explicit or not (unit.opts or unit.unknown) or unit.items is None or any(
            not m.negated and not all(o.startswith("no-") for _, o in m.refs)
            for m in unit.opts[:unit.n_pre]):
        return None  # "chocolate cone, vanilla cone", 巧克力甜筒、香草甜筒: two cones (but
        # "..., no tomato on the BLT" is the BLT said)
    if len(unit.items) != 1:
        if not unit.partial:
            return None
        named = [u for u in said if u.items is not None and len(u.items) == 1
                 and u.items <= unit.items]
        dishes = {d for u in named for d in (u.items or ())}
        ok = len(dishes) == 1 and not conflicts(named[-1].opts, unit.opts)
        return named[-1] if ok else None
    for u in reversed(said):
        if u.items is not None and unit.items <= u.items and len(u.items) == 1:
            return None if conflicts(u.opts, unit.opts) else u
    return None


def conflicts(said: list[OptMention], new: list[OptMention]) -> bool:
    """Another choice in a group already chosen ("a small fries, a medium fries";
    "two six piece nuggets and a ten piece"): a line of its own, not the same one."""
    chosen = {g: o for m in said if _one_each(m) for g, o in m.refs}
    return any(g in chosen and chosen[g] != o for m in new if _one_each(m) for g, o in m.refs)


def _one_each(mention: OptMention) -> bool:
    """A choice said plainly: one option, or one of each of several groups by the same
    name ("large": the soup's size or the cup's, whichever the dish has; "two large milk
    teas and one small" is three teas)."""
    groups = [g for g, _ in mention.refs]
    return not mention.negated and bool(groups) and len(set(groups)) == len(groups)


def attach(unit: Unit, said: list[Unit]) -> bool:
    """Options/quantities after an item in the same utterance belong to it.

    "两碗牛肉面，一碗不辣" splits; "牛肉面两碗" sets the quantity; "both large" applies
    to every item said so far.
    """
    if not said or unit.items is not None:
        return False
    prev = said[-1]
    if unit.both and unit.opts:
        for u in said:
            u.opts.extend(unit.opts)
        return True
    if not unit.qty_explicit:
        if not unit.opts:
            return False
        prev.opts.extend(unit.opts)
        return True
    if unit.unknown and not unit.opts:
        return False  # "roujiamo and a milk tea": a dish the menu lacks, not a count
    if not prev.qty_explicit and not prev.subs:
        prev.qty, prev.qty_explicit, prev.post_qty = unit.qty, True, True
        prev.opts.extend(unit.opts)
        return True
    taken = sum(s.qty for s in prev.subs)
    if unit.article and unit.opts and not unit.of and prev.qty == 1 and \
            not conflicts(prev.opts, unit.opts):
        prev.opts.extend(unit.opts)  # "a sirloin with a fried egg": an article, not a count
        return True
    if unit.opts and prev.items is not None and conflicts(prev.opts, unit.opts):
        unit.items, unit.item_text, unit.wide = prev.items, prev.item_text, prev.wide
        return False
    if unit.opts and unit.qty + taken <= prev.qty and (unit.of or unit.qty + taken < prev.qty
                                                        or prev.subs):
        prev.subs.append(unit)
        return True
    if unit.opts and unit.qty == prev.qty and prev.qty > 1:
        prev.opts.extend(unit.opts)
        return True
    if unit.opts and prev.items is not None:
        # "one wonton soup without scallions and one without cilantro": another of the same
        unit.items, unit.item_text, unit.wide = prev.items, prev.item_text, prev.wide
        return False
    return False


def refine(unit: Unit, said: list[Unit]) -> bool:
    """"两份饺子，猪肉白菜的": a later partial name narrows an ambiguous earlier one."""
    if not said or unit.items is None or unit.qty_explicit:
        return False
    prev = said[-1]
    if prev.items is None or len(prev.items) < 2:
        return False
    narrowed = prev.items & unit.items
    if not narrowed or narrowed == prev.items:
        return False
    prev.items = narrowed
    prev.opts.extend(unit.opts)
    return True
