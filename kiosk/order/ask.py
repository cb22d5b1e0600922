"""Questions and statements (docs/dialogue.md): answered from the menu, the cart never
touched. ``take_act`` tries the act forms of :mod:`kiosk.order.acts` on an utterance
and, when one applies (its slots name what they must), answers it into the turn.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.menu.diets import DietNeeds, fits, item_allergens, item_contains, item_tags
from kiosk.menu.model import Item
from kiosk.order import answer_text as say
from kiosk.order import tell
from kiosk.order.about import (
    Offer,
    Slots,
    offer,
    offer_list,
    one_item,
    options,
    said_line,
    topic,
)
from kiosk.order.acts import ActMatch, consumed_by, matches, strip_edges
from kiosk.order.apply import CartState, TurnState
from kiosk.order.cart import defaults, freeze
from kiosk.order.frames import Frame
from kiosk.order.kinds import FrameKind, TokKind
from kiosk.order.prices import compare, price, total
from kiosk.order.reply import Event
from kiosk.order.tagger import tag
from kiosk.order.things import (
    Ingredient,
    Thing,
    as_option,
    resolve_diet,
    resolve_ingredient,
    resolve_thing,
)

QUESTIONS = ("ask_total", "ask_choice", "ask_price_extra", "ask_price", "ask_contents",
             "ask_category", "ask_again")
STATEMENTS = ("allergy", "diet")
COMMANDS = ("start_over", "cancel", "keep_only", "repeat", "help")
#: Command tables whose forms may be said several in a row ("你刚说啥？再说一遍").
_SAID_AGAIN = ("start_over", "cancel", "repeat", "help")
#: act of each form table
ACT_OF = {**{q: "question" for q in QUESTIONS}, **{s: "statement" for s in STATEMENTS},
          **{c: "command" for c in COMMANDS}}
#: most dishes listed in one answer
MAX_LISTED = 8


def take_act(cs: CartState, text: str, lang: str, state: TurnState,
             tables: tuple[str, ...] = QUESTIONS + STATEMENTS + COMMANDS) -> str | None:
    """Answer ``text`` if a form of ``tables`` applies; returns the words left to read as
    an order ("" when none), or None when no form applies."""
    unknown: ActMatch | None = None
    for m in matches(text, lang, tables):
        slots = _resolve(cs, m, lang)
        if slots is None:
            if unknown is None and _names_nothing_known(cs, m, lang):
                unknown = m
            continue
        state.intent = "ask_price" if m.name == "ask_price_extra" else m.name
        if _HANDLERS[m.name](cs, m, slots, state):
            state.act = ACT_OF.get(state.intent, ACT_OF[m.name])  # "which is better": help
            state.understood = True
            return slots.rest
        state.intent = ""
    if unknown is not None:  # "how much is the hamburger": a question about what we lack
        return _not_ours(cs, unknown, state)
    for name in (t for t in tables if t in _SAID_AGAIN):
        if consumed_by(text, lang, name):
            state.act, state.intent, state.understood = ACT_OF[name], name, True
            _HANDLERS[name](cs, ActMatch(name, "", {}), Slots(), state)
            return ""
    return None


def _names_nothing_known(cs: CartState, m: ActMatch, lang: str) -> bool:
    """A price or contents question whose ``{x}`` is a short name of nothing on the menu
    (no dish, option or category word in it), its other slots naming what they must."""
    if m.name not in ("ask_price", "ask_contents") or "x" not in m.slots:
        return False
    said = m.slots["x"]
    if len(said.split()) > 4 or (lang == "zh" and len(said) > 8):
        return False
    others = {k: v for k, v in m.slots.items() if k in ("d", "o")}  # {x}{d}吗: d a diet
    if others and _resolve(cs, ActMatch(m.name, m.template, others), lang) is None:
        return False
    toks = tag(said, lang, cs.index)
    return bool(toks) and all(t.kind in (TokKind.UNK, TokKind.QTY, TokKind.FILL) for t in toks) \
        and any(t.kind == TokKind.UNK for t in toks)


def _not_ours(cs: CartState, m: ActMatch, state: TurnState) -> str:
    words = " ".join(t.text for t in tag(m.slots["x"], state.lang, cs.index)
                     if t.kind == TokKind.UNK)
    state.act, state.intent, state.understood = "question", m.name, True
    state.answer = {"kind": "unknown", "text": words}
    state.events.append(Event("unknown", text=words))
    return ""


def _resolve(cs: CartState, m: ActMatch, lang: str) -> Slots | None:
    thing = diet = None
    ings: list[Ingredient] = []
    if "x" in m.slots:
        thing = resolve_thing(cs.index, m.slots["x"], lang, topic(cs))
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
    option = None
    if "o" in m.slots:  # an option alone, as added: "an egg", "um extra meat"
        option = as_option(cs.index, strip_edges(m.slots["o"], lang), lang)
        if option is None:
            return None
    return Slots(thing, tuple(ings), diet, m.slots.get("rest", ""), option)


def _again(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    """A follow-up ("and the soy milk?", 那香菇素饺呢): the question the open offer
    answered, asked again of what ``{x}`` names."""
    p = cs.pending[0] if cs.pending else None
    asked = p.asked if isinstance(p, Offer) else None
    if asked is None or "x" not in asked.slots or s.thing is None or s.thing.pronoun:
        return False
    again = ActMatch(asked.name, asked.template, {**asked.slots, "x": m.slots["x"]})
    slots = _resolve(cs, again, state.lang)
    if slots is None:
        return False
    state.intent = "ask_price" if again.name == "ask_price_extra" else again.name
    return _HANDLERS[again.name](cs, again, slots, state)


def _contents(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    item = one_item(cs, s.thing)
    if item is None or (s.thing is not None and s.thing.category is not None):
        return False
    opts = freeze(cs.menu, item, options(cs, item, s.thing, said_line(cs, item, s.thing)))
    allergens = list(item_allergens(cs.menu, item, opts))
    contains = list(item_contains(cs.menu, item, opts))
    lang = state.lang
    answer: dict[str, Any] = {"kind": "contents", "item": item.id, "allergens": allergens,
                              "contains": contains, "tags": list(item_tags(cs.menu, item, opts))}
    if s.ings:
        yes = any(_has(cs, item, opts, ing) for ing in s.ings)
        what = say.join([say.term(i.section, i.id, lang) for i in s.ings], lang)
        answer["asked"], answer["has"] = [i.id for i in s.ings], yes
        text = say.has(cs.menu, item.id, what, yes, lang)
    elif s.diet is not None or (s.thing is not None and (s.thing.diet or s.thing.tag)):
        mark = s.diet or s.thing or Thing()
        yes = _is(cs, item, opts, mark)
        answer["asked"], answer["has"] = [mark.diet or mark.tag], yes
        text = say.is_tag(cs.menu, item.id, _mark_name(replace(mark, negated=False), lang), yes,
                          lang)
    else:
        text = say.contents(cs.menu, item.id, [say.term("allergens", a, lang) for a in allergens],
                            [say.term("contains", c, lang) for c in contains], lang)
    state.answer = answer
    state.events.append(Event("text", text=text))
    offer(cs, item, state, asked=m)
    return True


def _has(cs: CartState, item: Item, chosen: Any, ing: Ingredient) -> bool:
    if ing.section == "meat":
        return not fits(cs.menu, item, DietNeeds(diets=frozenset({"vegetarian"})), chosen)
    if ing.section == "allergens":
        return ing.id in item_allergens(cs.menu, item, chosen)
    return ing.id in item_contains(cs.menu, item, chosen)


def _is(cs: CartState, item: Item, chosen: Any, mark: Thing) -> bool:
    if mark.diet is not None:
        ok = fits(cs.menu, item, DietNeeds(diets=frozenset({mark.diet})), chosen)
    else:
        ok = (mark.tag or "") in item_tags(cs.menu, item, chosen)
    return ok != mark.negated


def _category(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    thing, lang = s.thing, state.lang
    if thing is not None and (thing.items or thing.opts or thing.pronoun):
        return False  # a dish: "do you have X" offers it (commands.f_ask)
    chosen = [it for it in cs.menu.items if it.available]
    words: list[str] = []
    marks = [t for t in (thing, s.diet) if t is not None and (t.diet or t.tag)]
    for mark in marks:
        chosen = [it for it in chosen if _is(cs, it, _plain(cs, it), mark)]
        words.append(_mark_name(mark, lang))
    if s.ings:
        chosen = [it for it in chosen if not any(_has(cs, it, _plain(cs, it), i) for i in s.ings)]
        words.append(("不含" if lang == "zh" else "without ") + say.join(
            [say.term(i.section, i.id, lang) for i in s.ings], lang))
    if thing is not None and thing.category is not None:
        chosen = [it for it in chosen if thing.covers(it.category)]
        names = cs.menu.category_names(thing.category).get(lang, ())
        words.append(names[0] if names else thing.category)
    if not words:
        if cs.needs:
            chosen = [it for it in chosen if fits(cs.menu, it, cs.needs, _plain(cs, it))]
        words.append(("您能吃的" if cs.needs else "我们有的") if lang == "zh"
                     else ("what fits you" if cs.needs else "we have"))
    ids = [it.id for it in chosen][:MAX_LISTED]
    what = ("" if lang == "zh" else " ").join(words)
    state.answer = {"kind": "category", "items": ids}
    state.events.append(Event("text", text=say.listing(cs.menu, what, ids, lang)))
    if len(ids) == 1:
        offer(cs, cs.index.items[ids[0]], state, asked=m)
    else:
        offer_list(cs, ids, m)
    return True


def _plain(cs: CartState, item: Item) -> Any:
    return freeze(cs.menu, item, defaults(cs.menu, item))


def _mark_name(thing: Thing, lang: str) -> str:
    name = say.term("diets" if thing.diet else "tags", thing.diet or thing.tag or "", lang)
    if thing.negated:
        return ("不" + name) if lang == "zh" else ("not " + name)
    return name


def _start_over(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    from kiosk.order.commands import empty

    empty(cs, state, "clear", "cleared")
    return True


def _cancel(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    """"cancel my order", 不点了: the order is given up (the visit ends), not begun again."""
    from kiosk.order.commands import empty

    empty(cs, state, "cancel", "cancelled")
    return True


def _keep_only(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    """"just the noodles" / 只要牛肉面: the lines of that dish stay, the others go. Only
    when the order has that dish; else it is an order, read as one. With nothing else in
    the order it changes nothing ("no more colas, just the waters": no water more)."""
    from kiosk.order.edits import remove_index

    thing = s.thing
    if thing is None or thing.opts:
        return False
    named = set(thing.items) | {it.id for it in cs.menu.items
                                if thing.category is not None and thing.covers(it.category)}
    keep = [k for k, line in enumerate(cs.lines) if line.item in named]
    if not keep:
        return False
    state.understood = True
    for k in range(len(cs.lines) - 1, -1, -1):
        if k not in keep:
            remove_index(cs, k, None, state)
    cs.last = len(cs.lines) - 1
    return True


def _repeat(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    """"Say that again": the last reply, without its question (asked again after it)."""
    from kiosk.order.commands import repeat_last

    repeat_last(cs, state)
    return True


def _help(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    from kiosk.order.commands import f_help

    f_help(cs, Frame(FrameKind.HELP), state)
    return True


_HANDLERS = {
    "ask_total": total, "ask_choice": compare, "ask_price_extra": price, "ask_price": price, "ask_again": _again,
    "ask_contents": _contents, "ask_category": _category, "allergy": tell.allergy,
    "diet": tell.diet,
    "start_over": _start_over, "cancel": _cancel, "keep_only": _keep_only, "repeat": _repeat,
    "help": _help,
}

__all__ = ["take_act"]
