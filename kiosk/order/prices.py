"""Price questions (docs/dialogue.md): a dish ("how much for two spring rolls": both),
a dish with options, an option ("how much is extra meat on the beef noodles": what it
adds), "it" (the line just ordered, with its options) and the total."""

from __future__ import annotations

from dataclasses import replace

from kiosk.order import answer_text as say
from kiosk.order.about import Slots, offer, one_item, options, said_line, same_named, topic
from kiosk.order.acts import ActMatch
from kiosk.order.apply import CONFIRM_SLOTS, CartState, Pending, TurnState
from kiosk.order.cart import defaults, freeze
from kiosk.order.frames import Frame
from kiosk.order.kinds import FrameKind
from kiosk.order.reply import Event, item_name
from kiosk.order.things import Thing, as_option

#: most dishes priced in one answer
MAX_PRICED = 8


def price(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    thing, extra = s.thing, m.name == "ask_price_extra"
    if thing is not None and thing.category is not None:
        return False
    if s.option is not None:  # "how much is an egg on the beef noodles": what it adds
        if thing is None or thing.pronoun or not thing.items:
            return False
        thing, extra = replace(thing, opts=thing.opts + s.option.opts), True
    if extra and thing is not None and not thing.opts and "x" in m.slots:
        thing = as_option(cs.index, m.slots["x"], state.lang) or thing
    if thing is not None and thing.opts and not thing.items and not thing.pronoun:
        return _option_price(cs, thing, state)
    item = one_item(cs, thing)
    if item is None and thing is not None and len(thing.items) > 1:
        return _prices(cs, thing, state)
    if item is None:
        return total(cs, m, s, state) if thing is None or thing.pronoun else False
    line = said_line(cs, item, thing)
    amount = cs.menu.unit_price(item, freeze(cs.menu, item, options(cs, item, thing, line)))
    if extra:
        base = dict(line.opts) if line is not None else defaults(cs.menu, item)
        amount -= cs.menu.unit_price(item, freeze(cs.menu, item, base))
    count = thing.qty if thing is not None and not extra else 1
    state.answer = {"kind": "price", "item": item.id, "amount": amount * count}
    if count > 1:
        state.answer["quantity"] = count
    named = _opt_names(cs, thing, state.lang) if line is None else \
        _line_names(cs, item.id, line.opts, state.lang)
    text = _extra_text(cs, item.id, named, amount, state.lang) if extra and named else \
        say.price(cs.menu, item.id, named, amount * count, state.lang, count)
    state.events.append(Event("text", text=text))
    offer(cs, item, state, thing, m)
    return True


def _extra_text(cs: CartState, item_id: str, named: list[str], amount: int, lang: str) -> str:
    """What options add to a dish, said as such: "Braised egg on the braised pork rice is 3
    yuan extra." / 卤肉饭加卤蛋加三元。"""
    dish = item_name(cs.menu, item_id, lang)
    said = f"{dish}加{'、'.join(n.removeprefix('加') for n in named)}" if lang == "zh" else \
        f"{' and '.join(named)} on the {dish}"
    return say.option_price(said, amount, lang)


def _prices(cs: CartState, thing: Thing, state: TurnState) -> bool:
    """Several dishes said ("how much are the noodles"): each one's price."""
    pairs = [(i, cs.menu.unit_price(cs.index.items[i], freeze(
        cs.menu, cs.index.items[i], defaults(cs.menu, cs.index.items[i]))))
        for i in thing.items[:MAX_PRICED]]
    state.answer = {"kind": "prices", "items": [{"item": i, "amount": a} for i, a in pairs]}
    state.events.append(Event("text", text=say.prices(cs.menu, pairs, state.lang)))
    return True


def _opt_names(cs: CartState, thing: Thing | None, lang: str) -> list[str]:
    out = []
    for gid, oid in thing.opts if thing is not None else ():
        grp = cs.menu.group(gid)
        opt = grp.option(oid) if grp is not None else None
        if opt is not None:
            out.append(opt.name.get(lang) or opt.id)
    return out


def _line_names(cs: CartState, item_id: str, opts: dict[str, tuple[str, ...]],
                lang: str) -> list[str]:
    """The options of a line that are not its dish's defaults."""
    item = cs.index.items[item_id]
    base = defaults(cs.menu, item)
    pairs = tuple((gid, oid) for gid, ids in opts.items() for oid in ids
                  if oid not in base.get(gid, ()))
    return _opt_names(cs, Thing(opts=pairs), lang)


def _option_price(cs: CartState, thing: Thing, state: TurnState) -> bool:
    """The price of options said alone ("how much extra is a large"): of the groups of
    the dish being talked about when it has such an option, else the first named."""
    talked = cs.index.items.get(topic(cs) or "")
    amount = 0
    for gid, oid in thing.opts:
        grp = cs.menu.group(gid)
        opt = grp.option(oid) if grp is not None else None
        if opt is None:
            return False
        if talked is not None and gid not in talked.option_groups:
            opt = same_named(cs, talked, opt) or opt
        amount += opt.price
    name = " ".join(_opt_names(cs, thing, state.lang))
    gid, oid = thing.opts[0]
    state.answer = {"kind": "option_price", "group": gid, "option": oid, "amount": amount}
    state.events.append(Event("text", text=say.option_price(name, amount, state.lang)))
    return True


def total(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    """The cart's total; with nothing ordered but a dish offered after a question
    ("does the laksa have prawns" - "how much"), that dish's price."""
    from kiosk.order.cart import to_cart

    if not cs.lines and any(p.soft and len(p.choices) == 1 for p in cs.pending) \
            and m.name == "ask_total":
        state.intent = "ask_price"
        return price(cs, m, Slots(Thing(pronoun=True)), state)
    cart = to_cart(cs.menu, cs.lines)
    state.answer = {"kind": "total", "amount": cart.total, "currency": cart.currency}
    state.events.append(Event("text", text=say.total(cart.total, cart.is_empty, state.lang)))
    state.intent = "ask_total"
    return True


def compare(cs: CartState, m: ActMatch, s: Slots, state: TurnState) -> bool:
    """"Which one nicer, steamed or roasted?" / 哪个好吃 while the kiosk asks a choice: it
    has no taste to tell, so it says what each choice (those named, else all) costs, and
    its question stays open. With none open, dishes named are priced ("milo or teh")."""
    p = next((q for q in cs.pending if not q.soft and q.choices
              and q.slot not in CONFIRM_SLOTS), None)
    thing = s.thing if s.thing is not None and not s.thing.pronoun else None
    if p is None and thing is None:  # nothing to choose among: what the menu has
        from kiosk.order.commands import f_help

        f_help(cs, Frame(FrameKind.HELP), state)
        state.intent = "help"
        return True
    if p is None:
        return thing is not None and len(thing.items) > 1 and _prices(cs, thing, state)
    named = set(thing.items) | {o for _, o in thing.opts} if thing is not None else set()
    named |= {o for _, o in s.option.opts} if s.option is not None else set()  # 还是{o}好喝
    choices = [c for c in p.choices if c in named] or ([] if named else list(p.choices))
    if not choices:
        return False
    pairs = [_choice_price(cs, p, c, state.lang) for c in choices]
    state.answer = {"kind": "choice_prices", "slot": p.slot,
                    "choices": [{"choice": c, "amount": a}
                                for c, (_, a) in zip(choices, pairs, strict=True)]}
    state.events.append(Event("text", text=say.choice_prices(pairs, state.lang)))
    return True


def _choice_price(cs: CartState, p: Pending, choice: str, lang: str) -> tuple[str, int]:
    """The name of one choice of ``p`` and the price of its dish with it."""
    item = cs.index.items.get(choice if p.slot == "item" else p.item or "")
    if item is None:
        return choice, 0
    opts = dict(p.opts) if p.slot != "item" else defaults(cs.menu, item)
    grp = cs.menu.group(p.slot)
    opt = grp.option(choice) if grp is not None and p.slot != "item" else None
    if opt is not None:
        opts[p.slot] = (choice,)
    name = (opt.name.get(lang) or opt.id) if opt is not None else item_name(cs.menu, item.id, lang)
    return name, cs.menu.unit_price(item, freeze(cs.menu, item, {**defaults(cs.menu, item),
                                                                 **opts}))
