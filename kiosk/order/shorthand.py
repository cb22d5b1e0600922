"""What a bare count or an option says of a dish when no dish is named: "make it ten"
on six-piece nuggets is the ten pieces, 一碗毛细 is the one dish that comes extra thin,
and 一碗宽的一碗毛细 is two bowls, not one bowl changed."""

from __future__ import annotations

from kiosk.order.apply import CartState, TurnState
from kiosk.order.cart import Line, fits
from kiosk.order.index import OptRef
from kiosk.order.interpret import Unit


def count_option(cs: CartState, i: int, u: Unit) -> OptRef | None:
    """The option of line ``i`` that a bare count names instead ("10 pieces"), when the
    line has another option of that group."""
    line = cs.lines[i]
    item = cs.index.items.get(line.item)
    if item is None or u.items is not None or u.opts or not u.qty_explicit:
        return None
    named = [(g, o) for g, o in cs.index.counted.get(u.qty, ())
             if g in item.option_groups and o not in line.opts.get(g, ())]
    return named[0] if len(named) == 1 else None


def another_like_it(cs: CartState, i: int, u: Unit, state: TurnState) -> bool:
    """A count with an option that the line just added this turn has another of: a
    second line like it (its whole count said again, with a different choice)."""
    line = cs.lines[i]
    if state.last_add is None or state.last_add[0] is not line or not u.qty_explicit \
            or u.qty != line.qty:
        return False
    return not u.article and any(
        not m.negated and len(m.refs) == 1 and _said_other(cs, line, *m.refs[0])
        for m in u.opts)


def _said_other(cs: CartState, line: Line, group_id: str, option_id: str) -> bool:
    """Whether ``line`` has another choice of the single-choice group, not its default."""
    group = cs.index.groups.get(group_id)
    chosen = line.opts.get(group_id, ())
    return group is not None and group.select == "one" and bool(chosen) \
        and option_id not in chosen and chosen != (group.default,)


def offered_by_one(cs: CartState, u: Unit) -> str | None:
    """The one available dish that offers every option of ``u``, said with a count."""
    if not (u.qty_explicit or u.article) or not any(not m.negated for m in u.opts):
        return None
    found = [it.id for it in cs.menu.items if it.available and all(fits(it, m) for m in u.opts)]
    return found[0] if len(found) == 1 else None
