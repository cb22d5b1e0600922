"""What an utterance asks for, before it touches the cart: units and frames."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.order.index import OptRef
from kiosk.order.kinds import FrameKind


@dataclass
class OptMention:
    """An option as said: its (group, option) candidates and whether it was negated."""

    refs: tuple[OptRef, ...]
    text: str
    negated: bool = False


@dataclass
class Unit:
    """One thing said: quantity, item candidates, options, and markers."""

    qty: int = 1
    qty_explicit: bool = False
    #: the count was an article ("a", "an"): one, but not a part of a line
    article: bool = False
    items: frozenset[str] | None = None
    wide: frozenset[str] = frozenset()
    item_text: str = ""
    exact: bool = True
    partial: bool = False
    opts: list[OptMention] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    negated: bool = False
    of: bool = False
    both: bool = False
    ordinal: int | None = None
    subs: list[Unit] = field(default_factory=list)
    after_instead: bool = False
    #: named as the dish whose options change ("make the milk tea iced", 奶茶改成冻的),
    #: not as a new dish: a dish not in the cart is not ordered by it
    modifies: bool = False
    #: "one more of the pineapple bun", 白粥再加一碗: more of that dish's line in the cart
    again: bool = False
    post_qty: bool = False
    n_pre: int = 0
    #: "a chicken ramen, same thing": with the options of the line before it
    like_last: bool = False
    #: "a mushroom noodles, same as the beef": with the options of that dish's line
    like_items: frozenset[str] | None = None
    #: "10 lamb" - "and the same in beef", 牛肉串也要一样多: the count of the dish before
    count_like: bool = False

    @property
    def empty(self) -> bool:
        return (self.items is None and not self.opts and not self.qty_explicit
                and self.ordinal is None)


@dataclass
class Frame:
    """One request: ``kind`` is add, remove, setqty, modify, replace, another,
    clear, cancel, checkout, repeat, help, greet, unknown or answer-only (ordinal)."""

    kind: FrameKind
    unit: Unit | None = None
    target: Unit | None = None
    words: str = ""
    mode: str = "add"
