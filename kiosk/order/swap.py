"""A dish word that names a line's option: "not fries, salad" on a cheeseburger with
fries is the side, not a dish of fries (薯条不要了，换沙拉). When the cart has no such
dish but a line has an option named by it, the change is to that option, and the new
word is an option of the same group."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.order.apply import CartState, TurnState
from kiosk.order.interpret import OptMention, Unit
from kiosk.order.shorthand import name_parts

OptAt = tuple[int, str, str]  # line index, group id, option id


def option_named(cs: CartState, said: str, lang: str, only: int | None = None
                 ) -> OptAt | None:
    """The latest line's option whose name has the words of ``said`` ("fries" of "add
    fries"), when no line is that dish; of line ``only`` when one is named."""
    parts = name_parts(said, lang)
    if not parts:
        return None
    for k in range(len(cs.lines) - 1, -1, -1) if only is None else (only,):
        for gid, ids in cs.lines[k].opts.items():
            grp = cs.index.groups.get(gid)
            for oid in ids:
                opt = grp.option(oid) if grp is not None else None
                if opt is not None and any(parts <= name_parts(p, lang) for p in opt.phrases(lang)):
                    return k, gid, oid
    return None


def option_like(cs: CartState, gid: str, said: str, lang: str) -> str | None:
    """The one option of group ``gid`` whose name has the words of ``said``."""
    grp = cs.index.groups.get(gid)
    parts = name_parts(said, lang)
    if grp is None or not parts:
        return None
    found = [o.id for o in grp.options if any(parts <= name_parts(p, lang) for p in o.phrases(lang))]
    return found[0] if len(found) == 1 else None


def swap_unit(at: OptAt, new: str | None, said: str) -> Unit:
    """The change of line ``at``: its option taken off, and ``new`` of the group put on."""
    _, gid, oid = at
    mentions = [OptMention(((gid, oid),), said, negated=True)]
    if new is not None:
        mentions.append(OptMention(((gid, new),), said))
    return Unit(opts=mentions)


def swap_target(cs: CartState, old: Unit | None, new: Unit, state: TurnState,
                named: int | None = None) -> tuple[int, Unit] | None:
    """For "not X, Y" / "swap the X for Y" where X is an option of a line, not a dish in
    the cart: the line and the change to make, or None. ``named``: the line said first
    ("the club sandwich, swap the fries ..."), when it has X."""
    if old is None or old.items is None or not old.item_text or not new.item_text:
        return None
    if any(line.item in old.items for line in cs.lines):
        return None
    at = (named is not None and option_named(cs, old.item_text, state.lang, named)) or \
        option_named(cs, old.item_text, state.lang)
    if at is None:
        return None
    other = option_like(cs, at[1], new.item_text, state.lang)
    return (at[0], swap_unit(at, other, new.item_text)) if other is not None else None


def swap_after(cs: CartState, gone: OptAt | None, new: Unit, state: TurnState
               ) -> tuple[int, Unit] | None:
    """"no fries, salad instead": the option just taken off (``gone``) replaced by the
    one of its group that ``new`` names."""
    if gone is None or not new.item_text or gone[0] >= len(cs.lines):
        return None
    other = option_like(cs, gone[1], new.item_text, state.lang)
    if other is None:
        return None
    return gone[0], Unit(opts=[OptMention(((gone[1], other),), new.item_text)])


def swap_within(cs: CartState, new: Unit, state: TurnState, only: int | None = None
                ) -> tuple[int, Unit] | None:
    """"swap the fries for a salad" (薯条换成沙拉) said as one dish word and one option of
    a line's group, the dish not in the cart: the line whose option the one names takes
    the other ("fries" is its side now: salad; or "salad" is: fries). ``only``: the line
    named before it (咖喱羊肉那份米饭换成馕: the lamb's rice, not the latest line's)."""
    if new.items is None or not new.item_text or \
            any(line.item in new.items for line in cs.lines):
        return None
    said = [(g, o) for m in new.opts if not m.negated and len(m.refs) == 1 for g, o in m.refs]
    at = option_named(cs, new.item_text, state.lang, only)
    if at is not None:  # the dish word is the line's option now: the option said is new
        other = next((o for g, o in said if g == at[1] and o != at[2]), None)
        return (at[0], swap_unit(at, other, new.item_text)) if other is not None else None
    rows = range(len(cs.lines) - 1, -1, -1) if only is None else (only,)
    for k in rows:  # an option said is the line's now
        for g, o in said:
            if o in cs.lines[k].opts.get(g, ()):
                other = option_like(cs, g, new.item_text, state.lang)
                if other is not None and other != o:
                    return k, swap_unit((k, g, o), other, new.item_text)
    return None


def removal_of_present(cs: CartState, m: OptMention, lang: str) -> OptMention:
    """"actually no cheese" / 芝士不要了 on a salad bowl topped with cheese: "no cheese" is
    the sandwiches' removal, which no line takes; said of an option a line has, it takes
    that option off (the latest line's, named by its whole name)."""
    from kiosk.order.cart import fits
    from kiosk.order.negation import takes_away

    if any((it := cs.index.items.get(line.item)) is not None and fits(it, m)
           for line in cs.lines):
        return m
    if m.negated:  # "no egg" on a broken rice with a fried egg: egg is also a filling
        return present_named(cs, m, lang) or m
    if not takes_away(cs.index, m.refs):
        return m
    return _line_option(cs, m.text, lang,
                        lambda said, parts: bool(parts) and parts <= said and parts != said) or m


def present_named(cs: CartState, m: OptMention, lang: str) -> OptMention | None:
    """The option a line has (not its default) whose name holds the words of ``m``,
    taken off: "no egg" with a broken rice with a fried egg in the cart."""
    return _line_option(cs, m.text, lang, lambda said, parts: bool(said) and said <= parts)


def _line_option(cs: CartState, text: str, lang: str,
                 named: Callable[[frozenset[str], frozenset[str]], bool]) -> OptMention | None:
    """The latest line's option (not its default) that ``text`` names by ``named`` (the
    words said, the words of one of the option's names), taken off."""
    said = name_parts(text, lang)
    for line in reversed(cs.lines):
        for gid, ids in line.opts.items():
            grp = cs.index.groups.get(gid)
            for oid in ids:
                opt = grp.option(oid) if grp is not None else None
                if opt is not None and grp is not None and oid != grp.default and any(
                        named(said, name_parts(p, lang)) for p in opt.phrases(lang)):
                    return OptMention(((gid, oid),), text, negated=True)
    return None


def line_taken_off(cs: CartState, m: OptMention, lang: str) -> int | None:
    """薯条不要了 with a chicken wrap and fries in the cart: "no fries" is the sandwiches'
    side removal, which no line takes; the one line whose dish it names is taken off."""
    from kiosk.order.cart import fits
    from kiosk.order.negation import takes_away

    if m.negated or not takes_away(cs.index, m.refs) or any(
            (it := cs.index.items.get(line.item)) is not None and fits(it, m)
            for line in cs.lines):
        return None
    said = name_parts(m.text, lang)
    found = [k for k, line in enumerate(cs.lines) if (it := cs.index.items.get(line.item))
             is not None and any((parts := name_parts(p, lang)) and parts < said
                                 for p in it.phrases(lang))]
    return found[0] if len(found) == 1 else None
