"""Frames -> cart: the handler of each frame kind, in one explicit table.

A frame kind without a handler is an error at import (the table is checked
against :class:`FrameKind`), not a frame silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.order import commands, edits, removals, replace
from kiosk.order.answers import take_answers
from kiosk.order.apply import CartState, TurnState, f_another
from kiosk.order.frames import Frame, Unit
from kiosk.order.kinds import FrameKind
from kiosk.order.move import f_move

Handler = Callable[[CartState, Frame, TurnState], None]


def _ordinal(cs: CartState, frame: Frame, state: TurnState) -> None:
    """"the second one without onions" / 第二个不要葱 with no question open: the cart's
    second line changes ("last" / 最后那个: its last). Within one line of several
    ("two hot dry noodles, the second one not spicy"), one of them is split off."""
    u = frame.unit
    if u is None or u.ordinal is None or not u.opts or not cs.lines:
        return
    n = u.ordinal
    if -len(cs.lines) <= n < len(cs.lines) and (n != 0 or len(cs.lines) > 1
                                                 or cs.lines[0].qty == 1):
        edits.modify_line(cs, n % len(cs.lines), Unit(opts=u.opts), state)
    elif len(cs.lines) == 1 and cs.lines[0].qty > max(n, 1):
        edits.modify_line(cs, 0, Unit(qty=1, qty_explicit=True, opts=u.opts), state)


def _another(cs: CartState, frame: Frame, state: TurnState) -> None:
    """One more of a line: the last one ("another one"), or the latest line of the dish
    named ("one more of the pineapple bun", 白粥再加一碗: with its options, one line);
    a dish not in the cart is ordered."""
    u = frame.unit
    if u is not None and u.items is not None:
        lines = [i for i, line in enumerate(cs.lines) if line.item in u.items]
        if not lines:
            edits.f_add(cs, Frame(FrameKind.ADD, u), state)
            return
        cs.last = cs.last if cs.last in lines else lines[-1]
        u = Unit(qty=u.qty, qty_explicit=u.qty_explicit, opts=u.opts)
    f_another(cs, Frame(FrameKind.ANOTHER, u), state)


HANDLERS: dict[FrameKind, Handler] = {
    FrameKind.ADD: edits.f_add,
    FrameKind.REMOVE: removals.f_remove,
    FrameKind.SETQTY: edits.f_setqty,
    FrameKind.MODIFY: edits.f_modify,
    FrameKind.REPLACE: replace.f_replace,
    FrameKind.UNOPTION: removals.f_unoption,
    FrameKind.ANOTHER: _another,
    FrameKind.ORDINAL: _ordinal,
    FrameKind.ASK: commands.f_ask,
    FrameKind.UNKNOWN: commands.f_unknown,
    FrameKind.CLEAR: commands.f_clear,
    FrameKind.CANCEL: commands.f_cancel,
    FrameKind.NEVERMIND: commands.f_nevermind,
    FrameKind.CHECKOUT: commands.f_checkout,
    FrameKind.REPEAT: commands.f_repeat,
    FrameKind.HELP: commands.f_help,
    FrameKind.GREET: commands.f_greet,
    FrameKind.SAME: commands.f_same,
    FrameKind.MOVE: f_move,
}
_missing = set(FrameKind) - set(HANDLERS)
if _missing:  # pragma: no cover - a new kind must get a handler
    raise RuntimeError(f"no handler for frame kinds {sorted(_missing)}")


def run(cs: CartState, frames: list[Frame], state: TurnState) -> None:
    """Apply one utterance's frames: answers to the open question first."""
    for frame in _reasons_dropped(_checkout_last(take_answers(cs, frames, state))):
        HANDLERS[frame.kind](cs, frame, state)
    if state.last_add is not None:
        cs.last_added = state.last_add
    elif state.actions:
        cs.last_added = None


def _checkout_last(frames: list[Frame]) -> list[Frame]:
    """"没了啊，那意式香肠的吧" (after "sold out"): an order given after "that's all"
    words is still ordered; only "that's all" said last ends the order."""
    adds = [k for k, f in enumerate(frames) if f.kind in (FrameKind.ADD, FrameKind.REPLACE)]
    return [f for k, f in enumerate(frames)
            if f.kind != FrameKind.CHECKOUT or not adds or k > adds[-1]]


def _reasons_dropped(frames: list[Frame]) -> list[Frame]:
    """"make it two, my roommate wants one too" / 两片，室友也要: an "another" said right
    after a count correction is the reason for that count, not one more (alone, "my
    roommate wants one too" is one more)."""
    return [f for k, f in enumerate(frames)
            if not (f.kind == FrameKind.ANOTHER and f.unit is None and k > 0
                    and frames[k - 1].kind == FrameKind.SETQTY)]


def changed_indices(cs: CartState, state: TurnState) -> tuple[int, ...]:
    """The cart lines this turn touched."""
    ids = {id(line) for line in state.touched}
    return tuple(i for i, line in enumerate(cs.lines) if id(line) in ids)
