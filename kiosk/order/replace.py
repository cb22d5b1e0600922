"""Replacing one dish by another ("make it a tea", "不是牛肉的，要羊肉的", "Y不要了，换X"),
or a line's option named like a dish ("not fries, salad")."""

from __future__ import annotations

from dataclasses import replace

from kiosk.order.apply import CartState, TurnState, add_item, pick
from kiosk.order.cart import Line, OptMap, apply_mentions, defaults
from kiosk.order.edits import (
    changed,
    f_add,
    lines_for,
    merge_into_same,
    modify_line,
    remove_index,
    set_qty_line,
    split_one_of,
    target,
)
from kiosk.order.interpret import Frame, OptMention, Unit
from kiosk.order.kinds import FrameKind
from kiosk.order.reply import Event
from kiosk.order.shorthand import count_option, sibling
from kiosk.order.suggest import suggest_for_unknown
from kiosk.order.swap import swap_after, swap_target, swap_within


def f_replace(cs: CartState, frame: Frame, state: TurnState) -> None:
    u = frame.unit
    if u is None:
        return
    if u.unknown and (u.items is None or lines_for(cs, u.items) or frame.target is None):
        # "换成雪碧", "make it a sprite": the new dish is not on the menu; nothing changes
        if u.items is not None and not lines_for(cs, u.items):  # "一瓶可乐 算了换成雪碧"
            f_add(cs, Frame(FrameKind.ADD, Unit(qty=u.qty, qty_explicit=u.qty_explicit,
                                                items=u.items, item_text=u.item_text,
                                                opts=list(u.opts))), state)
        words = (" " if state.lang == "en" else "").join(u.unknown)
        state.events.append(Event("unknown", text=words,
                                  other=suggest_for_unknown(cs.index, words, state.lang)))
        state.understood = True
        return
    if u.items is None:
        return
    if frame.target is None and _replace_held(cs, u, state):
        return
    named = cs.last if state.focused and cs.last is not None and cs.last < len(cs.lines) \
        else None  # "the club sandwich, swap the fries for a side salad": that line's
    swap = swap_target(cs, frame.target, u, state, named)
    if swap is None and frame.target is None:  # "no fries, salad instead"
        swap = swap_after(cs, state.removed_option, u, state) or (
            named is not None and swap_within(cs, u, state, named)) or swap_within(cs, u, state)
    elif swap is None and (at := target(cs, frame.target)) is not None:
        swap = swap_within(cs, u, state, at)  # 咖喱羊肉那份米饭换成馕: the lamb's rice
    if swap is not None:  # "not fries, salad": the side, not a dish of fries
        for k in _swapped_lines(cs, swap, u.both):
            modify_line(cs, k, swap[1], state)
        return
    if u.modifies and cs.lines and not lines_for(cs, u.items) and not any(
            p.item in u.items for p in cs.pending):  # "make the milk tea iced": none ordered
        state.understood = True
        one = next(iter(u.items)) if len(u.items) == 1 else None
        state.events.append(Event("not_in_cart", one, text=u.item_text))
        return
    if frame.target is None and lines_for(cs, u.items):
        i = target(cs, u)
    elif frame.target is None and (state.removed or not state.focused and (
            cs.took_off or cs.refused or set(u.items) & set(cs.gone))):
        i = None  # "锅贴不要了，换成小笼包", "actually I do want the tofu", a sold-out dish
        # refused ("fine, two hawaiians instead"): nothing in the cart to replace
    else:
        i = target(cs, frame.target) if frame.target is not None else target(cs, None)
    if i is None:
        f_add(cs, Frame(FrameKind.ADD, in_place_of(cs, u, u.items, state)), state)
        return
    line = cs.lines[i]
    if line.item in u.items and split_one_of(cs, i, u, state):
        return
    if line.item in u.items:
        update_same(cs, i, u, state)
        return
    items = sibling(cs, line.item, u.items, u.item_text, state.lang,
                    u.wide if u.partial else frozenset())
    item_id, choices = pick(cs, items)
    if item_id is None and not choices:
        return
    new_item = cs.index.items.get(item_id) if item_id else None
    if new_item is not None and not new_item.available:
        add_item(cs, new_item.id, 1, [], [], state, group=0)
        return
    counted = u.qty_explicit and not u.article  # "make it a tea" keeps the count
    qty = u.qty if counted else line.qty
    carried = carry(cs, line, new_item.id if new_item else None)
    part = u.qty if counted and u.qty < line.qty else None  # "一杯换成珍珠奶茶"
    remove_index(cs, i, part, state)
    unit = Unit(qty=qty, qty_explicit=True, items=items, opts=carried + u.opts)
    f_add(cs, Frame(FrameKind.ADD, unit), state)


def _swapped_lines(cs: CartState, swap: tuple[int, Unit], both: bool) -> list[int]:
    """The line a swap names, and with "on both" / "for all" every line that has the
    option it takes off ("side salad instead of fries on both")."""
    if not both:
        return [swap[0]]
    off = [ref for m in swap[1].opts if m.negated for ref in m.refs]
    if not off:
        off = [(g, o) for g, ids in cs.lines[swap[0]].opts.items() for o in ids
               if any(g == r[0] for m in swap[1].opts for r in m.refs)]
    return [k for k, line in enumerate(cs.lines)
            if any(o in line.opts.get(g, ()) for g, o in off)] or [swap[0]]


def _replace_held(cs: CartState, u: Unit, state: TurnState) -> bool:
    """"a carbonara" (which shape?) - "actually make it a bolognese" / 算了换成肉酱的: the
    dish held for a question is the one replaced; the new one takes its count and the
    options it also offers, and is asked what it still needs."""
    held = next((p for p in cs.pending if p.item is not None and p.slot not in _NOT_HELD
                 and not p.soft), None)
    if held is None or held.item is None or u.items is None or held.item in u.items \
            or lines_for(cs, u.items):
        return False
    new = pick(cs, sibling(cs, held.item, u.items, u.item_text, state.lang,
                           u.wide if u.partial else frozenset()))[0]
    if new is None:
        return False
    cs.pending = [p for p in cs.pending if not (p.item == held.item and p.group == held.group)]
    state.understood = True
    kept = [m for m in held.mentions if all(_offered(cs, new, g) for g, _ in m.refs)]
    qty = u.qty if u.qty_explicit and not u.article else held.qty
    f_add(cs, Frame(FrameKind.ADD, Unit(qty=qty, qty_explicit=True, items=frozenset({new}),
                                        item_text=u.item_text, opts=kept + u.opts)), state)
    return True


#: Open questions that hold no dish of their own.
_NOT_HELD = frozenset({"item", "heard", "partial", "conflict"})


def _offered(cs: CartState, item_id: str, group: str) -> bool:
    item = cs.index.items.get(item_id)
    return item is not None and group in item.option_groups


def in_place_of(cs: CartState, u: Unit, items: frozenset[str], state: TurnState) -> Unit:
    """"Y不要了，换X": X takes the count and options of the Y just removed."""
    gone = state.removed_line
    if gone is None:
        return u
    items = sibling(cs, gone.item, items, u.item_text, state.lang,
                    u.wide if u.partial else frozenset())
    if u.qty_explicit and not u.article:
        return replace(u, items=items)
    carried = carry(cs, gone, pick(cs, items)[0])
    return Unit(qty=gone.qty, qty_explicit=True, items=items, item_text=u.item_text,
                opts=carried + u.opts)


def update_same(cs: CartState, i: int, u: Unit, state: TurnState) -> None:
    line = cs.lines[i]
    item = cs.index.items.get(line.item)
    if item is None:
        return
    if u.opts:
        line.opts, _ = apply_mentions(cs.menu, item, line.opts, u.opts)
    named = count_option(cs, i, u)
    if named is not None:  # "make the nuggets six" on nine-piece nuggets: six pieces
        modify_line(cs, i, Unit(opts=[OptMention((named,), str(u.qty))]), state)
        return
    if u.qty_explicit:
        set_qty_line(cs, i, u.qty, state)
        return
    changed(cs, merge_into_same(cs, i), state)


def carry(cs: CartState, line: Line, new_item: str | None) -> list[OptMention]:
    """Options of the replaced line that the new dish also offers (not defaults)."""
    old = cs.index.items.get(line.item)
    new = cs.index.items.get(new_item or "")
    if old is None or new is None:
        return []
    base: OptMap = defaults(cs.menu, old)
    out: list[OptMention] = []
    for gid, ids in line.opts.items():
        if gid in new.option_groups and base.get(gid) != ids:
            out.extend(OptMention(((gid, oid),), oid) for oid in ids)
    return out


