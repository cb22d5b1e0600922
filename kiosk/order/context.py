"""A turn read against the conversation (docs/dialogue.md): answers to the open
question, "nothing more", questions and statements before ordering, and the act and
intent of a turn that was an order after all.
"""

from __future__ import annotations

from kiosk.menu.diets import conflicts, fits
from kiosk.order import answer_text as say
from kiosk.order.acts import consumed_by, ends_with, is_form, leading, normalize, strip_edges
from kiosk.order.apply import CONFIRM_SLOTS, CartState, Pending, TurnState, commit_parts, resolve
from kiosk.order.ask import take_act
from kiosk.order.cart import defaults, freeze
from kiosk.order.commands import f_checkout
from kiosk.order.described import core_words, described, fitting, without_group_name
from kiosk.order.frames import Frame
from kiosk.order.kinds import FrameKind, TokKind
from kiosk.order.phrases import phrasebook
from kiosk.order.refit import refit
from kiosk.order.reply import Event
from kiosk.order.same_as import same_as
from kiosk.order.shorthand import sibling
from kiosk.order.suggest import partial_items
from kiosk.order.tagger import tag
from kiosk.order.things import resolve_diet
from kiosk.order.tokens import Tok

#: Intent of a turn made only of command frames, the first that applies (不点了，全部取消:
#: the order given up is a cancel, though the cart is cleared too).
_COMMAND_INTENTS = {
    FrameKind.CANCEL: "cancel", FrameKind.CLEAR: "start_over", FrameKind.CHECKOUT: "checkout",
    FrameKind.REPEAT: "repeat", FrameKind.HELP: "help",
}
#: Tokens an answer naming a dish like the one asked about may have besides its name.
_NEUTRAL = {TokKind.SEP, TokKind.FILL, TokKind.YES, TokKind.CMD, TokKind.NEG}
#: Command words that say a dish is instead of another (换麻婆豆腐).
_INSTEAD = frozenset({"change", "instead"})
#: most alternatives offered after a declined dish
MAX_OFFERED = 3


def take_sure(cs: CartState, asked: Pending, state: TurnState) -> None:
    """After "no" to "Did you say ...?": the adds the kiosk was sure of are taken, and
    the diner is asked to say the rest (or all of it) again."""
    for action in asked.sure:
        if action.type == "add" and action.item:
            commit_parts(cs, action.item, [(action.quantity or 1, dict(action.options or ()))],
                         state, state.new_group())
    state.events.append(Event("again_rest" if asked.sure else "again_please"))


def dialogue(cs: CartState, text: str, lang: str, state: TurnState,
             before: Pending | None) -> str:
    """Handle what is not an order; returns the words still to read as one ("" if none)."""
    if before is not None and before.slot == "conflict" and (
            _variant(cs, text, lang, before, state) or _diet_variant(cs, text, lang, before, state)):
        return _answered(state, "choose")
    if before is not None and not consumed_by(text, lang, "yes") and \
            refit(cs, text, lang, before, state):
        return ""
    if before is not None and before.slot in CONFIRM_SLOTS:
        left = _confirmed(cs, text, lang, state, before)
        if left is not None:
            return left
    if before is not None and before.slot == "heard" and before in cs.pending:
        cs.pending.remove(before)  # said again otherwise: this is the new attempt
    if before is not None and not before.soft and consumed_by(text, lang, "none_of_these"):
        cs.pending.remove(before)  # "none of these", "都不是": the question goes, not the order
        state.events.append(Event("dropped"))
        return _answered(state, "no")
    if before is not None and _never_mind(cs, text, lang, before, state):
        return _answered(state, "no")
    if before is not None and described(cs, text, lang, before, state):
        return ""  # "the bigger one", 最辣的, "the fish one"
    if before is not None and same_as(cs, text, lang, before, state):
        return ""  # "same as the gyudon", 跟刚才一样
    left = take_act(cs, without_group_name(cs, text, lang, before), lang, state)
    while left:  # "I'm vegetarian and allergic to peanuts": a statement after a statement
        act, intent = state.act, state.intent
        more = take_act(cs, left, lang, state)
        if more is None:
            state.act, state.intent = act, intent
            break
        left = more
    if left is not None:
        return left
    if before is not None and before.soft and is_form(text, lang, "no"):
        cs.pending.remove(before)  # "no thanks" to "Would you like the spring rolls?"
        state.events.append(Event("dropped"))
        return _answered(state, "no")
    if before is not None and before.soft and len(before.choices) == 1 \
            and consumed_by(text, lang, "yes"):
        cs.pending.remove(before)
        resolve(cs, before, before.choices[0], [], state)
        state.understood = True
        state.act, state.intent = ("order", "order") if _orders(text, lang, cs) else ("answer", "yes")
        return ""
    if (before is None or before.soft) and consumed_by(text, lang, "done"):
        if before is not None:
            cs.pending.remove(before)
        if cs.lines and not cs.pending:
            f_checkout(cs, Frame(FrameKind.CHECKOUT), state)
        else:
            state.events.append(Event("dropped"))
        return _answered(state, "done")
    return text


def _confirmed(cs: CartState, text: str, lang: str, state: TurnState,
               before: Pending) -> str | None:
    """A yes/no question (conflict, partial, heard) answered; the words still to read as
    an order, or None when ``text`` is no yes or no."""
    said = yes_or_no(cs, text, lang, before)
    if said is None:
        return None
    choice, rest = said
    if before.slot == "partial" and rest and _counted(cs, rest, lang):
        return rest  # "no, just two then": taken with that count (take_partial)
    cs.pending.pop(0)
    if before.slot == "heard":  # "Did you say ...?" - "yes": now it is taken
        if choice == "no":
            take_sure(cs, before, state)
        _answered(state, choice)
        return before.heard if choice == "yes" else rest
    if choice == "yes":
        resolve(cs, before, "yes", [], state)
    else:
        _decline(cs, before, state)
    _answered(state, choice)
    return rest


def _variant(cs: CartState, text: str, lang: str, p: Pending, state: TurnState) -> bool:
    """"The mapo tofu contains pork. Still add it?" - "oh, the vegan one then" / "no, the
    lamb one" / 不要了，换羊肉的: the dish like it that the part names, instead, with the
    options said for the first (its size); so too another dish named whole ("no, mapo
    tofu then", 不要了 换麻婆豆腐), with the options said now over them."""
    whole = tag(text, lang, cs.index)
    if any((a.kind == TokKind.NEG and b.kind == TokKind.OPT) or (a.cmd == "remove" and b.kind in (
            TokKind.PART, TokKind.ITEM)) for a, b in zip(whole, whole[1:], strict=False)):
        return False  # "no egg then", "leave the egg off", "no, forget the buns": no dish
    lead = leading(strip_edges(normalize(text, lang), lang), lang, ("no", "yes"))
    toks = _as_parts(cs, tag(lead[1] if lead is not None else text, lang, cs.index), p, lang)
    named = [t for t in toks if t.kind in (TokKind.PART, TokKind.ITEM)]
    said = [t for t in toks if t.kind == TokKind.OPT and t.opts]
    if p.item is None or len(named) != 1 or any(
            t.kind not in _NEUTRAL for t in toks if t is not named[0] and t not in said):
        return False
    tok = named[0]
    like = set(tok.items) if tok.kind == TokKind.ITEM else \
        sibling(cs, p.item, tok.items, tok.text, lang, tok.wide)
    like -= {p.item}
    other = cs.index.items.get(next(iter(like))) if len(like) == 1 else None
    if other is None or tok.kind == TokKind.ITEM and not (
            lead is not None and lead[0] == "no" or any(t.cmd in _INSTEAD for t in toks)):
        return False  # "yes, and a coke": that dish too
    _instead(cs, p, other.id, said, state)
    return True


def _instead(cs: CartState, p: Pending, item_id: str, said: list[Tok], state: TurnState) -> None:
    """Dish ``item_id`` taken instead of the held dish ``p``, with the options said for the
    first that it also offers (its size) and those ``said`` now."""
    other = cs.index.items[item_id]
    cs.pending.remove(p)
    opts = defaults(cs.menu, other)
    opts.update({g: ids for g, ids in p.opts.items() if g in other.option_groups})
    opts.update({g: (o,) for t in said for g, o in t.opts[:1] if g in other.option_groups})
    commit_parts(cs, other.id, [(p.qty, opts)], state, p.group or state.new_group())


def _diet_variant(cs: CartState, text: str, lang: str, p: Pending, state: TurnState) -> bool:
    """"The chicken biryani has chicken. Still add it?" - 那要素的吧 / "the vegetarian one
    then" / 不要了，换素的: the diet said names the one dish of the held dish's category
    that fits it (the vegetable biryani), taken instead; none or several, and the words
    are read as usual."""
    held = cs.index.items.get(p.item or "")
    if held is None:
        return False
    lead = leading(strip_edges(normalize(text, lang), lang), lang, ("no", "yes"))
    core = core_words(lead[1] if lead is not None else text, lang)
    words = _instead_words(lang)
    if lang == "en":
        core = " ".join(w for w in core.split() if w not in words)
    for word in sorted(words, key=len, reverse=True) if lang == "zh" else ():
        core = core[len(word):] if core.startswith(word) else core
    mark = resolve_diet(core, lang) if core else None
    if mark is None or mark.negated:
        return False
    kin = [i.id for i in cs.menu.items if i.category == held.category and i.id != held.id]
    fit = fitting(cs, kin, mark)
    if len(fit) != 1:
        return False
    _instead(cs, p, fit[0], [], state)
    return True


def _instead_words(lang: str) -> list[str]:
    """The change and instead words ("instead", 换成, 换) said before what replaces."""
    return [normalize(w, lang) for w, cmd in phrasebook(lang).command_table().items()
            if cmd in ("change", "instead")]


def _never_mind(cs: CartState, text: str, lang: str, p: Pending, state: TurnState) -> bool:
    """"actually never mind" / 哦算了 while a dish waits for its answer: the dish and the
    question go (True); the correction word before it says nothing more. The cart is kept
    ("never mind" with nothing asked gives up the order, commands.f_nevermind)."""
    if p.soft or p not in cs.pending:
        return False
    toks = [t for t in tag(text, lang, cs.index) if t.kind not in (TokKind.SEP, TokKind.FILL)]
    if not toks or not all(t.kind == TokKind.CMD and t.cmd in ("correct", "nevermind")
                           for t in toks) or not any(t.cmd == "nevermind" for t in toks):
        return False
    cs.pending.clear()  # as "never mind" alone does (commands.f_nevermind)
    state.events.append(Event("dropped"))
    return True


def _as_parts(cs: CartState, toks: list[Tok], p: Pending, lang: str) -> list[Tok]:
    """``toks`` with an option the held dish does not take read as the part of dish
    names it also is: "no, the chicken one" to the pork katsu don's warning is the
    chicken katsu don, though "chicken" is also a bento main."""
    item = cs.index.items.get(p.item or "")
    if item is None:
        return toks
    out = []
    for t in toks:
        parts = partial_items(cs.index, t.text, lang) if t.kind == TokKind.OPT and not any(
            g in item.option_groups for g, _ in t.opts) else set()
        out.append(Tok(TokKind.PART, t.text, items=frozenset(parts)) if parts else t)
    return out


def _orders(text: str, lang: str, cs: CartState) -> bool:
    """Whether an answer taking an offer is said as an order ("ok I'll get that", 来一份)
    rather than as a bare "yes" ("yes please", 好的)."""
    norm = normalize(text, lang)
    words = f" {norm} "
    if any((c in norm) if lang == "zh" else (f" {normalize(c, lang)} " in words)
           for c in phrasebook(lang).cls("carriers")):
        return True
    return any(t.kind == TokKind.QTY for t in tag(text, lang, cs.index))


def yes_or_no(cs: CartState, text: str, lang: str, p: Pending) -> tuple[str, str] | None:
    """("yes" | "no", words still to read as an order) when ``text`` answers a yes/no
    question: "sure, add it", "no thanks just the noodles", "不要 来碗番茄鸡蛋面吧"."""
    if consumed_by(text, lang, "yes"):  # "哦对，那算了": the last answer said is the one
        return ("no" if ends_with(text, lang, "no") else "yes"), ""
    if consumed_by(text, lang, "no") or consumed_by(text, lang, "done"):
        return "no", ""
    lead = leading(strip_edges(normalize(text, lang), lang), lang, ("no", "yes"))
    if lead is None:
        return None
    choice, rest = lead
    if choice == "no" and _no_in_option(cs, text, lang, rest):
        return None  # 不要麻酱, "no chili": an option the menu names with its "no"
    known = {p.item, *(ln.item for ln in cs.lines)}
    toks = tag(rest, lang, cs.index) if rest else []
    if choice == "yes" and _clears(cs, p, toks):
        return None  # 要原味的 to "the egg prata has egg": that variant, read as options
    new = any(t.kind == TokKind.ITEM and not t.items <= known for t in toks)
    return choice, rest if new or p.slot == "partial" and _counted(cs, rest, lang) else ""


def _clears(cs: CartState, p: Pending, toks: list[Tok]) -> bool:
    """Whether the options ``toks`` say make the dish waiting on a clash fit."""
    item = cs.index.items.get(p.item or "")
    said = {g: (o,) for t in toks if t.kind == TokKind.OPT and t.opts for g, o in t.opts[:1]}
    if p.slot != "conflict" or item is None or not said or any(
            g not in item.option_groups for g in said):
        return False
    return not conflicts(cs.menu, item, freeze(cs.menu, item, {**p.opts, **said}), cs.needs)


def _no_in_option(cs: CartState, text: str, lang: str, rest: str) -> bool:
    """Whether the "no" that ``text`` starts with is part of the option said first (不要麻酱
    is the "no sesame paste" sauce): its words are not a bare "no" and what follows."""
    norm = strip_edges(normalize(text, lang), lang)
    said = [t for t in tag(norm, lang, cs.index) if t.kind not in (TokKind.SEP, TokKind.FILL)]
    if not rest or not said or said[0].kind != TokKind.OPT or not said[0].opts:
        return False
    first = normalize(said[0].text, lang)
    return norm.startswith(first) and len(first) > len(norm) - len(rest)


def _counted(cs: CartState, text: str, lang: str) -> bool:
    """Whether ``text`` says a count ("just two then", 两份就行)."""
    return any(t.kind == TokKind.QTY and not t.weak for t in tag(text, lang, cs.index))


def _answered(state: TurnState, intent: str) -> str:
    state.act, state.intent, state.understood = "answer", intent, True
    return ""


def _decline(cs: CartState, p: Pending, state: TurnState) -> None:
    """Not the dish that clashes (or not the smaller count): offer ones that fit."""
    state.events.append(Event("declined", p.item))
    item = cs.index.items.get(p.item or "")
    if item is None:
        return
    if p.slot == "partial":  # "那算了" - "来五份吧": a count of the same dish
        if not cs.pending:
            cs.pending.insert(0, Pending("item", None, (item.id,), 1, opts=dict(p.opts),
                                         soft=True))
        return
    others = [it.id for it in cs.menu.items if it.available and it.id != item.id
              and it.category == item.category
              and fits(cs.menu, it, cs.needs, freeze(cs.menu, it, defaults(cs.menu, it)))]
    if others:
        state.events.append(Event("text", text=say.offer(cs.menu, others[:MAX_OFFERED],
                                                         state.lang)))
        if not cs.pending:
            cs.pending.insert(0, Pending("item", None, tuple(others[:MAX_OFFERED]), p.qty,
                                         soft=True))


def take_partial(cs: CartState, frames: list[Frame], state: TurnState,
                 before: Pending | None) -> None:
    """"Only nine; make it nine?" - "make it eight": the offer taken with that count."""
    if before is None or before.slot != "partial" or not cs.pending or cs.pending[0] is not before:
        return
    for frame in frames:
        u = frame.unit
        if frame.kind in (FrameKind.SETQTY, FrameKind.ADD) and u is not None \
                and u.qty_explicit and (u.items is None or before.item in u.items):
            cs.pending.pop(0)
            resolve(cs, before, "yes", [], state, unit=u)
            frames.remove(frame)
            state.act, state.intent = "answer", "yes"
            return


def classify(cs: CartState, frames: list[Frame], state: TurnState,
             before: Pending | None) -> None:
    """The act and intent of a turn read as an order."""
    if state.act:
        return
    kinds = {f.kind for f in frames if f.kind not in (FrameKind.GREET,)}
    if kinds and kinds <= set(_COMMAND_INTENTS):
        state.act, state.intent = "command", next(v for k, v in _COMMAND_INTENTS.items()
                                                  if k in kinds)
        return
    if kinds == {FrameKind.NEVERMIND}:
        state.act, state.intent = ("answer", "no") if before is not None else ("command", "cancel")
        return
    answered = before is not None and before not in cs.pending and not before.soft
    if answered and not kinds & {FrameKind.CLEAR, FrameKind.CANCEL}:
        confirm = before is not None and before.slot in CONFIRM_SLOTS
        state.act, state.intent = "answer", "yes" if confirm else "choose"
    elif state.understood or state.actions or state.events:
        state.act, state.intent = "order", "order"
    elif state.affirm and not frames and before is None:  # "yes" with nothing asked: heard
        state.act, state.intent, state.understood = "answer", "yes", True


def settle(cs: CartState, state: TurnState, before: Pending | None) -> None:
    """An offer not taken this turn is dropped; a yes/no question the diner talked past
    (ordering something else) is declined. What was taken off is remembered."""
    here = {line.item for line in cs.lines}
    only_off = not any(a.type == "add" for a in state.actions)  # not a replacement
    taken = tuple(a.item for a in state.actions if only_off and a.type == "remove"
                  and a.item and a.item not in here)
    cs.gone = tuple(i for i in cs.gone if i not in here and i not in taken) + taken
    cs.took_off = only_off and state.removed_line is not None
    cs.refused = max((e.qty or 1 for e in state.events if e.kind == "sold_out"), default=0)
    if before is None or before not in cs.pending:
        return
    if before.soft and state.act != "question" and state.intent != "repeat":
        cs.pending.remove(before)
    elif before.slot in CONFIRM_SLOTS and any(a.type == "add" for a in state.actions):
        cs.pending.remove(before)
