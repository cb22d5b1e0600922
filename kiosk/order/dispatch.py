"""Frames -> cart: the handler of each frame kind, in one explicit table.

A frame kind without a handler is an error at import (the table is checked
against :class:`FrameKind`), not a frame silently ignored.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.order import commands, edits, replace
from kiosk.order.answers import take_answers
from kiosk.order.apply import CartState, TurnState, f_another
from kiosk.order.frames import Frame
from kiosk.order.kinds import FrameKind

Handler = Callable[[CartState, Frame, TurnState], None]


def _ordinal(cs: CartState, frame: Frame, state: TurnState) -> None:
    """"the second one" with no question open: nothing to pick from."""


HANDLERS: dict[FrameKind, Handler] = {
    FrameKind.ADD: edits.f_add,
    FrameKind.REMOVE: edits.f_remove,
    FrameKind.SETQTY: edits.f_setqty,
    FrameKind.MODIFY: edits.f_modify,
    FrameKind.REPLACE: replace.f_replace,
    FrameKind.UNOPTION: edits.f_unoption,
    FrameKind.ANOTHER: f_another,
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
}
_missing = set(FrameKind) - set(HANDLERS)
if _missing:  # pragma: no cover - a new kind must get a handler
    raise RuntimeError(f"no handler for frame kinds {sorted(_missing)}")


def run(cs: CartState, frames: list[Frame], state: TurnState) -> None:
    """Apply one utterance's frames: answers to the open question first."""
    for frame in take_answers(cs, frames, state):
        HANDLERS[frame.kind](cs, frame, state)
    if state.last_add is not None:
        cs.last_added = state.last_add
    elif state.actions:
        cs.last_added = None


def changed_indices(cs: CartState, state: TurnState) -> tuple[int, ...]:
    """The cart lines this turn touched."""
    ids = {id(line) for line in state.touched}
    return tuple(i for i, line in enumerate(cs.lines) if id(line) in ids)
