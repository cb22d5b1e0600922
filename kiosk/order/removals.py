"""Frames that take things off the cart: "remove the cola", "take the first one off",
"remove it", "remove both", a dish still waiting for its answer, or a thing the cart
does not have (said so, nothing removed)."""

from __future__ import annotations

from kiosk.order.apply import CartState, TurnState
from kiosk.order.cart import has_all
from kiosk.order.edits import lines_for, modify_line, remove_index, target
from kiosk.order.interpret import Frame, OptMention, Unit
from kiosk.order.kinds import FrameKind
from kiosk.order.reply import Event
from kiosk.order.suggest import partial_items
from kiosk.order.swap import option_named, present_named, swap_unit
from kiosk.types import Action


def f_remove(cs: CartState, frame: Frame, state: TurnState) -> None:
    u = frame.unit
    if u is None or u.items is None:
        remove_unnamed(cs, u, state)
        return
    idx = lines_for(cs, u.items)
    at = option_named(cs, u.item_text, state.lang) if not idx and u.item_text else None
    if at is not None:  # "no fries" on a burger with fries: the side
        modify_line(cs, at[0], swap_unit(at, None, u.item_text), state)
        state.removed_option = at
        return
    if not idx and not (u.item_text and _option_off(cs, u.item_text, state)):
        remove_pending(cs, u, state)
    if not idx:
        return
    items = {cs.lines[i].item for i in idx}
    if len(items) > 1:
        keep = cs.lines[target(cs, u) or idx[-1]].item
        idx = [i for i in idx if cs.lines[i].item == keep]
    idx = _with_options(cs, idx, u)
    qty = u.qty if u.qty_explicit else None
    for i in sorted(idx, reverse=True):
        have = cs.lines[i].qty
        remove_index(cs, i, qty, state)
        if qty is not None:
            qty -= min(qty, have)
            if qty <= 0:
                break


def _with_options(cs: CartState, idx: list[int], u: Unit) -> list[int]:
    """Of the lines of the dish named, those with the options said ("cancel the strawberry
    cone", "remove the large beef noodle soup", 草莓甜筒取消), when any has them."""
    said = [m for m in u.opts if not m.negated]
    having = [i for i in idx if has_all(cs.lines[i], [m.refs for m in said])]
    return having if said and having else idx


def remove_unnamed(cs: CartState, u: Unit | None, state: TurnState) -> None:
    """"remove it" / 不要了 / "remove both" / "cancel that last one"; a thing named that
    is not on the menu ("把汉堡去掉") is not in the cart, and nothing is removed."""
    if u is not None and u.unknown and not u.both:
        words = ("" if state.lang == "zh" else " ").join(u.unknown)
        if not _option_off(cs, words, state):
            state.understood = True
            state.events.append(Event("not_in_cart", text=words))
        return
    if u is not None and u.both and cs.lines:
        for k in range(len(cs.lines) - 1, max(-1, len(cs.lines) - 3), -1):
            remove_index(cs, k, None, state)  # "remove both": the last two
        return
    if u is not None and u.ordinal is not None and _remove_nth(cs, u.ordinal, state):
        return
    if state.focused and cs.last is not None and cs.last < len(cs.lines):
        remove_index(cs, cs.last, u.qty if u is not None and u.qty_explicit else None, state)
        return  # "never mind the drink", 饮料不要了: the line its words named
    if cs.pending:
        cs.pending.pop()
        state.understood = True
        state.actions.append(Action("remove"))
        return
    i = target(cs, None)
    if i is None:
        state.events.append(Event("no_target"))
        return
    qty = u.qty if u is not None and u.qty_explicit else None
    if qty is None and cs.last_added is not None:
        line, delta = cs.last_added  # "cancel that last one": undo the last add
        found = next((j for j, x in enumerate(cs.lines) if x is line), None)
        if found is not None:
            i, qty = found, delta
    remove_index(cs, i, qty, state)


def remove_pending(cs: CartState, u: Unit, state: TurnState) -> None:
    items = u.items or frozenset()
    for p in list(cs.pending):
        if (p.item in items) or (p.slot == "item" and items & set(p.choices)):
            cs.pending.remove(p)
            state.understood = True
            state.actions.append(Action("remove", p.item))
            return
    one = next(iter(items)) if len(items) == 1 else None
    state.understood = True
    state.events.append(Event("not_in_cart", one, text=u.item_text))


def _remove_nth(cs: CartState, n: int, state: TurnState) -> bool:
    """"take the first one off", 第一个不要了: the n-th line of the cart (counted as the
    cart lists them; "last" is -1), or of one line of several, one of them."""
    if len(cs.lines) == 1 and cs.lines[0].qty > 1:
        remove_index(cs, 0, 1, state)
        return True
    if len(cs.lines) < 2 or not -len(cs.lines) <= n < len(cs.lines):
        return False
    remove_index(cs, n % len(cs.lines), None, state)
    return True


def _option_off(cs: CartState, words: str, state: TurnState) -> bool:
    """蛋不要了 / 鸡蛋不要了 with a soup with an extra egg (加蛋) in the cart, and no dish
    so named in it: the option whose name holds the words is taken off (True)."""
    m = present_named(cs, OptMention((), words), state.lang)
    chosen = _chosen(cs, m) if m is not None else []
    if m is None or not chosen:
        return False
    modify_line(cs, chosen[-1], Unit(opts=[m]), state)
    return True


def _chosen(cs: CartState, m: OptMention) -> list[int]:
    """The lines that have one of the options ``m`` names."""
    return [i for i, ln in enumerate(cs.lines)
            if any(oid in ln.opts.get(gid, ()) for gid, oid in m.refs)]


def f_unoption(cs: CartState, frame: Frame, state: TurnState) -> None:
    """"remove the noodles" / "no extra egg": drop a chosen option, else a dish so named."""
    u = frame.unit
    if u is None:
        return
    for said in u.opts:
        m = said if _chosen(cs, said) else present_named(cs, said, state.lang) or said
        chosen = _chosen(cs, m)  # 煎蛋不要了: the broken rice's 加煎蛋, not a filling
        if chosen:
            m.negated = True
            modify_line(cs, chosen[-1], Unit(opts=[m]), state)
            continue
        cands = partial_items(cs.index, m.text, state.lang)
        idx = lines_for(cs, frozenset(cands))
        if idx:
            f_remove(cs, Frame(FrameKind.REMOVE, Unit(items=frozenset(cands), item_text=m.text,
                                                partial=True)), state)
        else:
            state.understood = True
            state.events.append(Event("not_in_cart", text=m.text))
