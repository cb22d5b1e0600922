"""A turn read against the conversation (docs/dialogue.md): answers to the open
question, "nothing more", questions and statements before ordering, and the act and
intent of a turn that was an order after all.
"""

from __future__ import annotations

from kiosk.menu.diets import fits
from kiosk.order import answer_text as say
from kiosk.order.acts import is_form
from kiosk.order.apply import CONFIRM_SLOTS, CartState, Pending, TurnState, resolve
from kiosk.order.ask import take_act
from kiosk.order.cart import defaults, freeze
from kiosk.order.commands import f_checkout
from kiosk.order.frames import Frame
from kiosk.order.kinds import FrameKind
from kiosk.order.reply import Event

#: Intent of a turn made only of command frames.
_COMMAND_INTENTS = {
    FrameKind.CLEAR: "start_over", FrameKind.CANCEL: "cancel", FrameKind.CHECKOUT: "checkout",
    FrameKind.REPEAT: "repeat", FrameKind.HELP: "help",
}
#: most alternatives offered after a declined dish
MAX_OFFERED = 3


def dialogue(cs: CartState, text: str, lang: str, state: TurnState,
             before: Pending | None) -> str:
    """Handle what is not an order; returns the words still to read as one ("" if none)."""
    if before is not None and before.slot in CONFIRM_SLOTS:
        if is_form(text, lang, "yes"):
            cs.pending.pop(0)
            resolve(cs, before, "yes", [], state)
            return _answered(state, "yes")
        if is_form(text, lang, "no") or is_form(text, lang, "done"):
            cs.pending.pop(0)
            _decline(cs, before, state)
            return _answered(state, "no")
    soft = before is not None and before.soft and before in cs.pending
    if soft:  # a new question gets its own offer
        cs.pending.remove(before)  # type: ignore[arg-type]
    rest = take_act(cs, text, lang, state)
    if rest is not None:
        return rest
    if soft:
        cs.pending.insert(0, before)  # type: ignore[arg-type]
    if (before is None or before.soft) and is_form(text, lang, "done"):
        if before is not None:
            cs.pending.remove(before)
        if cs.lines and not cs.pending:
            f_checkout(cs, Frame(FrameKind.CHECKOUT), state)
        else:
            state.events.append(Event("dropped"))
        return _answered(state, "done")
    if before is not None and before.soft and is_form(text, lang, "no"):
        cs.pending.remove(before)
        state.events.append(Event("dropped"))
        return _answered(state, "no")
    return text


def _answered(state: TurnState, intent: str) -> str:
    state.act, state.intent, state.understood = "answer", intent, True
    return ""


def _decline(cs: CartState, p: Pending, state: TurnState) -> None:
    """Not the dish that clashes (or not the smaller count): offer ones that fit."""
    state.events.append(Event("declined", p.item))
    item = cs.index.items.get(p.item or "")
    if p.slot != "conflict" or item is None:
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
        state.act, state.intent = "command", _COMMAND_INTENTS[next(iter(kinds))]
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


def settle(cs: CartState, state: TurnState, before: Pending | None) -> None:
    """An offer not taken this turn is dropped; a yes/no question the diner talked past
    (ordering something else) is declined."""
    if before is None or before not in cs.pending:
        return
    if before.soft and state.act != "question":
        cs.pending.remove(before)
    elif before.slot in CONFIRM_SLOTS and state.actions:
        cs.pending.remove(before)
