"""What the session needs from the order parser (``kiosk.order.Conversation``).

A Protocol here, satisfied structurally, so the session does not depend on the
parser's module and the tests can use a small fake.
"""

from __future__ import annotations

from typing import Any, Protocol

from kiosk.menu.diets import Conflict, DietNeeds
from kiosk.menu.model import Menu
from kiosk.types import Cart, Heard, Question, Turn


class OrderBook(Protocol):
    """One diner's order: text turns and touch edits on a cart."""

    @property
    def cart(self) -> Cart: ...

    @property
    def question(self) -> Question | None: ...

    @property
    def menu(self) -> Menu: ...

    @property
    def needs(self) -> DietNeeds:
        """What the diner said about allergies and diets (empty: nothing)."""
        ...

    def clashes(self, item_id: str) -> tuple[Conflict, ...]:
        """How a dish (with its default options) goes against :attr:`needs`."""
        ...

    def turn(self, text: str, lang: str = "auto", heard: Heard | None = None) -> Turn:
        """One utterance; ``heard``: what the speech engine said of it (a change the
        book is not sure of is asked about first)."""
        ...

    def reset(self) -> None: ...

    def add(self, item_id: str, quantity: int = 1,
            options: dict[str, list[str]] | None = None) -> Any: ...

    def set_quantity(self, line_index: int, quantity: int) -> Any: ...

    def remove_line(self, line_index: int) -> Any: ...

    def answer(self, choice_id: str) -> Any: ...

    def dismiss(self) -> Turn: ...

    def readback(self) -> str: ...


def dismiss_question(book: OrderBook) -> str:
    """Drop ``book``'s open question ("None of these") without touching the cart;
    a question asked after it becomes the open one. Returns the reply ("OK.
    Anything else?", or the next question); no open question: nothing, ""."""
    if book.question is None:
        return ""
    turn = book.dismiss()
    return turn.reply if turn.understood else ""


def reply_of(result: Any) -> str:
    """The diner-facing text of a touch edit's result (a Turn, a string, or nothing)."""
    if isinstance(result, Turn):
        return "" if result.understood else result.reply
    if isinstance(result, str):
        return result
    return ""


def changed_lines(before: Cart, after: Cart) -> tuple[int, ...]:
    """Indexes of lines in ``after`` that are new or different from ``before``."""
    old = list(before.lines)
    changed: list[int] = []
    for index, line in enumerate(after.lines):
        if line in old:
            old.remove(line)
        else:
            changed.append(index)
    return tuple(changed)
