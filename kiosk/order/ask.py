"""Questions and statements (docs/dialogue.md): answered from the menu, the cart never
touched. ``take_act`` tries the act forms of :mod:`kiosk.order.acts` on an utterance
and, when one applies (its slots name what they must), answers it into the turn.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from kiosk.menu.diets import DietNeeds, conflicts, fits, item_allergens, item_contains, item_tags
from kiosk.menu.model import Item
from kiosk.order import answer_text as say
from kiosk.order.acts import ActMatch, matches
from kiosk.order.apply import CartState, Pending, TurnState
from kiosk.order.cart import defaults, freeze
from kiosk.order.reply import Event
from kiosk.order.things import Ingredient, Thing, resolve_diet, resolve_ingredient, resolve_thing

QUESTIONS = ("ask_total", "ask_price_extra", "ask_price", "ask_contents", "ask_category")
STATEMENTS = ("allergy", "diet")
COMMANDS = ("start_over", "repeat", "help")
#: act of each form table
ACT_OF = {**{q: "question" for q in QUESTIONS}, **{s: "statement" for s in STATEMENTS},
          **{c: "command" for c in COMMANDS}}
#: most dishes listed in one answer
MAX_LISTED = 8


@dataclass(frozen=True)
class Slots:
    """The resolved slots of a match."""

    thing: Thing | None = None
    ings: tuple[Ingredient, ...] = ()
    diet: Thing | None = None
    rest: str = ""


def take_act(cs: CartState, text: str, lang: str, state: TurnState,
             tables: tuple[str, ...] = QUESTIONS + STATEMENTS + COMMANDS) -> str | None:
    """Answer ``text`` if a form of ``tables`` applies; returns the words left to read as
    an order ("" when none), or None when no form applies."""
    for m in matches(text, lang, tables):
        slots = _resolve(cs, m, lang)
        if slots is None:
            continue
        state.intent = "ask_price" if m.name == "ask_price_extra" else m.name
        if _HANDLERS[m.name](cs, m, slots, state):
            state.act = ACT_OF[m.name]
            state.understood = True
            return slots.rest
        state.intent = ""
    return None


def _resolve(cs: CartState, m: ActMatch, lang: str) -> Slots | None:
    thing = diet = None
    ings: list[Ingredient] = []
    if "x" in m.slots:
        thing = resolve_thing(cs.index, m.slots["x"], lang)
        if thing is None:
            return None
    for key in ("y", "y2"):
        if key in m.slots:
            ing = resolve_ingredient(m.slots[key], lang)
            if ing is None:
                return None
            ings.append(ing)
    if "d" in m.slots:
        diet = resolve_diet(m.slots["d"], lang)
        if diet is None:
            return None
    return Slots(thing, tuple(ings), diet, m.slots.get("rest", ""))


def _topic(cs: CartState) -> str | None:
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


def _one_item(cs: CartState, thing: Thing | None) -> Item | None:
    if thing is None or thing.pronoun:
        topic = _topic(cs)
        return cs.index.items.get(topic) if topic else None
    if len(thing.items) == 1:
        return cs.index.items.get(thing.items[0])
    return None


def _options(cs: CartState, item: Item, thing: Thing | None) -> dict[str, tuple[str, ...]]:
    opts = defaults(cs.menu, item)
    for gid, oid in thing.opts if thing is not None else ():
        if gid in item.option_groups:
            opts[gid] = (oid,)
    return opts


def _offer(cs: CartState, item: Item, state: TurnState) -> None:
    """After a question about one dish, "one of those" / "来一份" orders it."""
    cs.topic = item.id
    if item.available and not cs.pending:
        cs.pending.insert(0, Pending("item", None, (item.id,), 1, soft=True))


def _price(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    thing, extra = s.thing, m.name == "ask_price_extra"
    if thing is not None and thing.category is not None:
        return False
    if thing is not None and thing.opts and (extra or not thing.items) and not thing.pronoun:
        return _option_price(cs, thing, state)
    item = _one_item(cs, thing)
    if item is None and thing is not None and len(thing.items) > 1:
        pairs = [(i, cs.menu.unit_price(cs.index.items[i], freeze(
            cs.menu, cs.index.items[i], defaults(cs.menu, cs.index.items[i]))))
            for i in thing.items[:MAX_LISTED]]
        state.answer = {"kind": "prices", "items": [{"item": i, "amount": a} for i, a in pairs]}
        state.events.append(Event("text", text=say.prices(cs.menu, pairs, state.lang)))
        return True
    if item is None:
        return _total(cs, m, s, state) if thing is None or thing.pronoun else False
    opts = _options(cs, item, thing)
    amount = cs.menu.unit_price(item, freeze(cs.menu, item, opts))
    if extra:
        amount -= cs.menu.unit_price(item, freeze(cs.menu, item, defaults(cs.menu, item)))
    named = [n for n in _opt_names(cs, thing, state.lang)]
    state.answer = {"kind": "price", "item": item.id, "amount": amount}
    state.events.append(Event("text", text=say.price(cs.menu, item.id, named, amount,
                                                      state.lang)))
    _offer(cs, item, state)
    return True


def _opt_names(cs: CartState, thing: Thing | None, lang: str) -> list[str]:
    out = []
    for gid, oid in thing.opts if thing is not None else ():
        grp = cs.menu.group(gid)
        opt = grp.option(oid) if grp is not None else None
        if opt is not None:
            out.append(opt.name.get(lang) or opt.id)
    return out


def _option_price(cs: CartState, thing: Thing, state: TurnState) -> bool:
    amount = 0
    for gid, oid in thing.opts:
        grp = cs.menu.group(gid)
        opt = grp.option(oid) if grp is not None else None
        if opt is None:
            return False
        amount += opt.price
    name = " ".join(_opt_names(cs, thing, state.lang))
    gid, oid = thing.opts[0]
    state.answer = {"kind": "option_price", "group": gid, "option": oid, "amount": amount}
    state.events.append(Event("text", text=say.option_price(name, amount, state.lang)))
    return True


def _total(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    from kiosk.order.cart import to_cart

    cart = to_cart(cs.menu, cs.lines)
    state.answer = {"kind": "total", "amount": cart.total, "currency": cart.currency}
    state.events.append(Event("text", text=say.total(cart.total, cart.is_empty, state.lang)))
    state.intent = "ask_total"
    return True


def _contents(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    item = _one_item(cs, s.thing)
    if item is None or (s.thing is not None and s.thing.category is not None):
        return False
    options = freeze(cs.menu, item, _options(cs, item, s.thing))
    allergens = list(item_allergens(cs.menu, item, options))
    contains = list(item_contains(cs.menu, item, options))
    lang = state.lang
    answer: dict[str, Any] = {"kind": "contents", "item": item.id, "allergens": allergens,
                              "contains": contains, "tags": list(item_tags(cs.menu, item, options))}
    if s.ings:
        yes = any(_has(cs, item, options, ing) for ing in s.ings)
        what = say.join([say.term(i.section, i.id, lang) for i in s.ings], lang)
        answer["asked"], answer["has"] = [i.id for i in s.ings], yes
        text = say.has(cs.menu, item.id, what, yes, lang)
    elif s.diet is not None or (s.thing is not None and (s.thing.diet or s.thing.tag)):
        mark = s.diet or s.thing or Thing()
        yes = _is(cs, item, options, mark)
        answer["asked"], answer["has"] = [mark.diet or mark.tag], yes
        text = say.is_tag(cs.menu, item.id, _mark_name(replace(mark, negated=False), lang), yes,
                          lang)
    else:
        text = say.contents(cs.menu, item.id, [say.term("allergens", a, lang) for a in allergens],
                            [say.term("contains", c, lang) for c in contains], lang)
    state.answer = answer
    state.events.append(Event("text", text=text))
    _offer(cs, item, state)
    return True


def _has(cs: CartState, item: Item, options: Any, ing: Ingredient) -> bool:
    if ing.section == "meat":
        return not fits(cs.menu, item, DietNeeds(diets=frozenset({"vegetarian"})), options)
    if ing.section == "allergens":
        return ing.id in item_allergens(cs.menu, item, options)
    return ing.id in item_contains(cs.menu, item, options)


def _is(cs: CartState, item: Item, options: Any, mark: Thing) -> bool:
    if mark.diet is not None:
        ok = fits(cs.menu, item, DietNeeds(diets=frozenset({mark.diet})), options)
    else:
        ok = (mark.tag or "") in item_tags(cs.menu, item, options)
    return ok != mark.negated


def _category(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    thing, lang = s.thing, state.lang
    avail = [it for it in cs.menu.items if it.available]
    if thing is not None and thing.category is not None:
        chosen = [it for it in avail if it.category == thing.category]
        names = cs.menu.category_names(thing.category).get(lang, ())
        what = names[0] if names else thing.category
    elif thing is not None and (thing.diet or thing.tag):
        chosen = [it for it in avail if _is(cs, it, freeze(cs.menu, it, defaults(cs.menu, it)),
                                             thing)]
        what = _mark_name(thing, lang)
    elif thing is not None:
        return False
    elif s.ings:
        chosen = [it for it in avail if not any(
            _has(cs, it, freeze(cs.menu, it, defaults(cs.menu, it)), i) for i in s.ings)]
        what = ("不含" if lang == "zh" else "without ") + say.join(
            [say.term(i.section, i.id, lang) for i in s.ings], lang)
    else:
        chosen = [it for it in avail if fits(cs.menu, it, cs.needs, freeze(
            cs.menu, it, defaults(cs.menu, it)))]
        what = "您能吃的" if lang == "zh" else "what fits you"
    ids = [it.id for it in chosen][:MAX_LISTED]
    state.answer = {"kind": "category", "items": ids}
    state.events.append(Event("text", text=say.listing(cs.menu, what, ids, lang)))
    if len(ids) == 1:
        _offer(cs, cs.index.items[ids[0]], state)
    elif ids and not cs.pending:
        cs.pending.insert(0, Pending("item", None, tuple(ids), 1, soft=True))
    return True


def _mark_name(thing: Thing, lang: str) -> str:
    name = say.term("diets" if thing.diet else "tags", thing.diet or thing.tag or "", lang)
    if thing.negated:
        return ("不" + name) if lang == "zh" else ("not " + name)
    return name


def _allergy(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    if not s.ings:
        return False
    allergens = frozenset(i.id for i in s.ings if i.section == "allergens")
    avoid = frozenset(i.id for i in s.ings if i.section == "contains")
    diets = frozenset({"vegetarian"}) if any(i.section == "meat" for i in s.ings) else frozenset()
    return _note(cs, DietNeeds(allergens, avoid, diets), state)


def _diet(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    if s.diet is not None:
        if s.diet.diet is None or s.diet.negated:
            return False
        return _note(cs, DietNeeds(diets=frozenset({s.diet.diet})), state)
    return _allergy(cs, m, s, state)


def _note(cs: CartState, needs: DietNeeds, state: TurnState) -> bool:
    cs.needs = cs.needs.merged(needs)
    lang = state.lang
    said = ([say.term("allergens", a, lang) for a in sorted(needs.allergens)]
            + [say.term("contains", c, lang) for c in sorted(needs.avoid)]
            + [say.term("diets", d, lang) for d in sorted(needs.diets)])
    state.answer = {"kind": "diet", "allergens": sorted(cs.needs.allergens),
                    "avoid": sorted(cs.needs.avoid), "diets": sorted(cs.needs.diets)}
    text = say.noted(said, lang)
    clash = [ln.item for ln in cs.lines if (it := cs.index.items.get(ln.item)) is not None
             and conflicts(cs.menu, it, freeze(cs.menu, it, ln.opts), cs.needs)]
    if clash:
        text += " " + say.conflict(cs.menu, clash[0], [], lang).split("?")[0].rstrip(" .。")
    state.events.append(Event("text", text=text))
    return True


def _start_over(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    from kiosk.order.commands import empty

    empty(cs, state, "clear", "cleared")
    return True


def _repeat(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    from kiosk.order.commands import f_repeat

    f_repeat(cs, None, state)  # type: ignore[arg-type]
    return True


def _help(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    from kiosk.order.commands import f_help

    f_help(cs, None, state)  # type: ignore[arg-type]
    return True


_HANDLERS = {
    "ask_total": _total, "ask_price_extra": _price, "ask_price": _price,
    "ask_contents": _contents, "ask_category": _category, "allergy": _allergy, "diet": _diet,
    "start_over": _start_over, "repeat": _repeat, "help": _help,
}

__all__ = ["take_act"]
