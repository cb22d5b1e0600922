"""Frames that edit what is already in the cart: remove, set quantity, modify
options, replace one dish by another."""

from __future__ import annotations

from kiosk.order.apply import (
    YES_NO,
    CartState,
    Pending,
    TurnState,
    add_new,
    modify_pending,
    pick,
)
from kiosk.order.cart import Line, apply_mentions, fits, freeze, item_total
from kiosk.order.interpret import Frame, OptMention, Unit
from kiosk.order.kinds import FrameKind
from kiosk.order.reply import Event
from kiosk.order.same_frames import count_before
from kiosk.order.shorthand import (
    another_like_it,
    count_option,
    named_in,
    offered_by_one,
    options_like,
    sibling,
)
from kiosk.order.suggest import partial_items, suggest_for_unknown, wide_items
from kiosk.order.swap import line_taken_off, removal_of_present
from kiosk.types import Action

# ------------------------------------------------------------ helpers


def lines_for(cs: CartState, items: frozenset[str]) -> list[int]:
    return [i for i, line in enumerate(cs.lines) if line.item in items]


def target(cs: CartState, unit: Unit | None) -> int | None:
    """The line a change refers to: the named item's latest line, else the last one."""
    if unit is not None and unit.items is not None:
        idx = lines_for(cs, unit.items)
        if not idx and unit.partial and unit.item_text:  # "not beef": the beef skewers
            idx = [k for k, line in enumerate(cs.lines) if named_in(cs, line.item, unit.item_text)]
        if not idx:
            return None
        if cs.last in idx:
            return cs.last
        return idx[-1]
    if cs.last is not None and cs.last < len(cs.lines):
        return cs.last
    return len(cs.lines) - 1 if cs.lines else None


def merge_into_same(cs: CartState, i: int) -> int:
    """If line ``i`` now equals another line, fold it into that one."""
    line = cs.lines[i]
    for j, other in enumerate(cs.lines):
        if j != i and other.item == line.item and same(cs, other, line):
            other.qty += line.qty
            del cs.lines[i]
            return j if j < i else j - 1
    return i


def same(cs: CartState, a: Line, b: Line) -> bool:
    item = cs.index.items.get(a.item)
    return item is not None and freeze(cs.menu, item, a.opts) == freeze(
        cs.menu, item, b.opts)


def changed(cs: CartState, i: int, state: TurnState) -> None:
    line = cs.lines[i]
    item = cs.index.items.get(line.item)
    if item is None:
        return
    options = freeze(cs.menu, item, line.opts)
    cs.last = i
    state.touched.append(line)
    state.understood = True
    state.actions.append(Action("change", line.item, line.qty, options))
    state.events.append(Event("changed", line.item, line.qty, options))


def remove_index(cs: CartState, i: int, qty: int | None, state: TurnState) -> None:
    line = cs.lines[i]
    n = line.qty if qty is None or qty >= line.qty else qty
    state.understood = state.removed = True
    state.actions.append(Action("remove", line.item, n))
    state.events.append(Event("removed", line.item, qty=n if qty is not None else 0))
    if n >= line.qty:
        state.removed_line = line
        del cs.lines[i]
        if cs.last is not None and cs.last >= i:
            cs.last = cs.last - 1 if cs.last > i else None
        if cs.last is None and cs.lines:
            cs.last = len(cs.lines) - 1
    else:
        line.qty -= n
        state.touched.append(line)
        cs.last = i


def set_qty_line(cs: CartState, i: int, qty: int, state: TurnState) -> None:
    line = cs.lines[i]
    item = cs.index.items.get(line.item)
    if item is None:
        return
    if qty <= 0:
        remove_index(cs, i, None, state)
        return
    others = item_total(cs.lines, item.id, skip=line)
    if others + qty > item.max_quantity:
        state.understood = True
        room = item.max_quantity - others - line.qty
        if room <= 0:
            state.events.append(Event("too_many", item.id, qty=item.max_quantity))
            return
        # "make it five" of at most four: "only four; make it four?" - yes adds the rest
        cs.pending.insert(0, Pending("partial", item.id, YES_NO, room, opts=dict(line.opts),
                                     group=state.new_group(), total=line.qty + room))
        state.events.append(Event("partial", item.id, qty=item.max_quantity - others))
        state.asked = True
        return
    line.qty = qty
    changed(cs, i, state)


# ------------------------------------------------------------ frames


def f_add(cs: CartState, frame: Frame, state: TurnState) -> None:
    """A dish already in the cart named again with options only ("柠檬茶要冰的") or
    with a quantity after it ("牛肉面要两碗") edits that line instead of adding."""
    u = frame.unit
    if u is not None and u.partial and u.items is not None and cs.topic is not None:
        # "a shrimp rice roll" (sold out) -> "ok then a pork one": the pork rice roll
        u.items = sibling(cs, cs.topic, u.items, u.item_text, state.lang, u.wide)
    if u is not None and u.items is not None and frame.mode == "add" and not u.subs:
        item, choices = pick(cs, u.items)
        idx = lines_for(cs, frozenset({item})) if item and not choices else []
        if idx:
            i = cs.last if cs.last in idx else idx[-1]
            said_now = any(line is cs.lines[i] for line in state.touched)
            if u.opts and not u.qty_explicit and not said_now:  # "a small fries, a medium fries"
                modify_line(cs, i, u, state)
                return
            if not said_now and split_one_of(cs, i, u, state):
                return
            if (u.post_qty and not u.opts and state.lang == "zh") or (
                    u.of and u.qty_explicit and not u.opts and not said_now
                    and u.qty < cs.lines[i].qty):  # "just one of the yuenyeung": one kept
                set_qty_line(cs, i, u.qty, state)
                return
    if u is not None and u.like_items is not None and u.items is not None:
        named = [line for line in cs.lines if line.item in u.like_items] or \
            [line for line in cs.lines if _named_within(cs, line.item, u.like_items)]
        if named:  # "..., same as the beef": that line's options ("the mapo tofu": the
            # vegetarian mapo tofu, when that is the one in the cart)
            u.opts[:0] = options_like(cs, named[-1], u)
    elif u is not None and u.like_last and u.items is not None and cs.lines and not cs.refused:
        u.opts[:0] = options_like(cs, cs.lines[-1], u)
    if u is not None and u.count_like and (n := count_before(cs, state)):
        u.qty, u.qty_explicit = n, True
    add_new(cs, frame, state)


def f_setqty(cs: CartState, frame: Frame, state: TurnState) -> None:
    u = frame.unit
    if u is None:
        return
    if u.items is None and u.unknown and (u.article or not u.qty_explicit):
        # "make it a sprite": a dish we do not have, not a count of one
        words = " ".join(u.unknown)
        state.events.append(Event("unknown", text=words,
                                  other=suggest_for_unknown(cs.index, words, state.lang)))
        state.understood = True
        return
    i = target(cs, u)
    if i is None:
        if cs.pending and u.items is None:
            cs.pending[0].qty = max(1, u.qty)  # checked against the maximum on commit
            state.understood = True
            return
        state.events.append(Event("no_target"))
        return
    named = count_option(cs, i, u)
    if named is not None:  # "make it ten" on six-piece nuggets: the ten pieces
        modify_line(cs, i, Unit(opts=[OptMention((named,), str(u.qty))]), state)
        return
    set_qty_line(cs, i, u.qty, state)


def f_modify(cs: CartState, frame: Frame, state: TurnState) -> None:
    u = frame.unit
    if u is None or not u.opts:
        return
    if modify_pending(cs, u.opts, state):
        return
    u.opts = [removal_of_present(cs, m, state.lang) for m in u.opts]
    gone = [k for m in u.opts if (k := line_taken_off(cs, m, state.lang)) is not None]
    if len(gone) == 1 and len(u.opts) == 1:
        remove_index(cs, gone[0], None, state)
        return
    named = named_line(cs, u, state)
    if named is not None:
        modify_line(cs, named, u, state)
        return
    if u.both and len(cs.lines) > 1:
        scope = [cs.lines[k] for k in state.scope or range(len(cs.lines)) if k < len(cs.lines)]
        for line in scope:
            item = cs.index.items.get(line.item)
            k = next((j for j, x in enumerate(cs.lines) if x is line), None)
            if k is not None and item is not None and any(fits(item, m) for m in u.opts):
                modify_line(cs, k, u, state)
        return
    i = modify_target(cs, u.opts)
    if i is None:
        modify_fallback(cs, u, state, frame.mode in ("correct", "instead"))
        return
    if another_like_it(cs, i, u, state):  # 一碗宽的一碗毛细: two bowls, not one changed
        f_add(cs, Frame(FrameKind.ADD, Unit(qty=u.qty, qty_explicit=True,
                                            items=frozenset({cs.lines[i].item}),
                                            opts=list(u.opts))), state)
        return
    modify_line(cs, i, u, state)


def split_one_of(cs: CartState, i: int, u: Unit, state: TurnState) -> bool:
    """"make one of the soy milks iced", 其中一杯豆浆要冰的: some of line ``i``, said with
    options, split off with them (True), not the whole line changed."""
    if not (u.of and u.opts and u.qty_explicit and u.qty < cs.lines[i].qty):
        return False
    modify_line(cs, i, Unit(qty=u.qty, qty_explicit=True, opts=u.opts), state)
    return True


def modify_line(cs: CartState, i: int, u: Unit, state: TurnState) -> None:
    line = cs.lines[i]
    if not u.qty_explicit and state.just_added is not None and state.just_added[0] is line:
        # "再要一碗，这碗不要辣": the change is for the bowl just added
        u = Unit(qty=state.just_added[1], qty_explicit=True, opts=u.opts)
    if u.qty_explicit and 0 < u.qty < line.qty:
        line.qty -= u.qty
        state.touched.append(line)
        cs.lines.insert(i + 1, Line(line.item, u.qty, dict(line.opts)))
        i += 1
        line = cs.lines[i]
    item = cs.index.items.get(line.item)
    if item is None:
        return
    new_opts, misfit = apply_mentions(cs.menu, item, line.opts, u.opts)
    for m in misfit:
        state.events.append(Event("misfit", item.id, text=m.text))
    if new_opts != line.opts:
        line.opts = new_opts
        changed(cs, merge_into_same(cs, i), state)
    else:
        state.understood = True
        changed(cs, i, state)


def named_line(cs: CartState, u: Unit, state: TurnState) -> int | None:
    """"make the noodles not spicy": an option word that names a dish in the cart
    (and fits none of its options) picks the line instead."""
    if len(u.opts) < 2:
        return None
    for m in list(u.opts):
        cands = frozenset(partial_items(cs.index, m.text, state.lang))
        idx = lines_for(cs, cands)
        if idx and not any(fits(cs.index.items[cs.lines[i].item], m) for i in idx):
            u.opts.remove(m)
            return cs.last if cs.last in idx else idx[-1]
    return None


def modify_target(cs: CartState, mentions: list[OptMention]) -> int | None:
    order = list(range(len(cs.lines) - 1, -1, -1))
    if cs.last is not None and cs.last < len(cs.lines):
        order.remove(cs.last)
        order.insert(0, cs.last)
    for i in order:
        item = cs.index.items.get(cs.lines[i].item)
        if item is not None and all(fits(item, m) for m in mentions):
            return i
    for i in order:
        item = cs.index.items.get(cs.lines[i].item)
        if item is not None and any(fits(item, m) for m in mentions):
            return i
    return None


def modify_fallback(cs: CartState, u: Unit, state: TurnState, correcting: bool = False) -> None:
    """Options with nothing to apply to: maybe a dish named like an option ("noodles"),
    or a dish named by its options alone with a count (一碗毛细: only the noodle soup
    comes extra thin). Said as a correction ("no, the salmon one" after a teriyaki
    chicken bowl), the dish it names replaces the last one. Options said with "no" never
    name a dish ("no egg" is no egg roll)."""
    if all(m.negated for m in u.opts):
        state.understood = True
        state.events.append(Event("no_target", text=", ".join(m.text for m in u.opts)))
        return
    only = offered_by_one(cs, u)
    if only is not None:
        f_add(cs, Frame(FrameKind.ADD, Unit(qty=u.qty, qty_explicit=u.qty_explicit,
                                            items=frozenset({only}), opts=list(u.opts))), state)
        return
    for m in u.opts:
        cands = partial_items(cs.index, m.text, state.lang)
        if cands:  # "ten wings": an option named with its dish's word is both
            keep = all((it := cs.index.items.get(c)) is not None and fits(it, m) for c in cands)
            unit = Unit(qty=u.qty, qty_explicit=u.qty_explicit, items=frozenset(cands),
                        item_text=m.text, partial=True,
                        wide=wide_items(cs.index, m.text, state.lang),
                        opts=[x for x in u.opts if x is not m or keep])
            if correcting and cs.lines:
                from kiosk.order.replace import f_replace  # replace builds on these edits

                f_replace(cs, Frame(FrameKind.REPLACE, unit), state)
                return
            f_add(cs, Frame(FrameKind.ADD, unit), state)
            return
    state.understood = True
    state.events.append(Event("no_target", text=", ".join(m.text for m in u.opts)))


def _named_within(cs: CartState, item_id: str, said: frozenset[str]) -> bool:
    """Whether the name of a dish in ``said`` is inside ``item_id``'s name."""
    item = cs.index.items.get(item_id)
    names = [p.lower() for d in said if (it := cs.index.items.get(d)) is not None
             for lang in ("en", "zh") for p in it.phrases(lang)]
    return item is not None and any(n in p.lower() for n in names
                                    for lang in ("en", "zh") for p in item.phrases(lang))
