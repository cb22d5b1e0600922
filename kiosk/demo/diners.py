"""The scripted diners of ``kiosk demo``: what each says, and the order each means.

A real diner checks the cart on the Confirm screen before paying. So each
scripted diner carries the order it means (``wants``), independent of the
speech-to-text and of the parser; :func:`intended_cart` turns it into the cart
the screen would show had the diner tapped it in. :func:`choose_answer` is the
diner at a question (a choice, or "None of these"); :func:`next_fix` the diner
at the cart screen: one touch at a time (× on a line, − or +, a dish from the
menu), the same events the Kivy screen sends, until the cart is the intended one.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from kiosk.session import events as ev
from kiosk.types import Cart, CartLine, Options, Question

#: A cart line's identity for comparing carts: item id and its options (sorted).
Key = tuple[str, Options]


@dataclass(frozen=True)
class Want:
    """``quantity`` of ``item`` with ``options`` (group id -> option ids), as meant."""

    item: str
    quantity: int = 1
    options: Options = ()


@dataclass(frozen=True)
class Diner:
    """A scripted diner: what they say, turn by turn, in ``lang``, and what they mean."""

    lang: str
    turns: tuple[str, ...]
    wants: tuple[Want, ...]


def _opt(group: str, *ids: str) -> Options:
    return ((group, ids),)


DINERS: tuple[Diner, ...] = (
    Diner("en", ("two beef noodle soups, one of them not spicy", "and a lemon tea", "that's all"),
          (Want("beef-noodle-soup", 1, _opt("spice", "not-spicy")), Want("beef-noodle-soup"),
           Want("lemon-tea"))),
    Diner("zh", ("两碗牛肉面，一碗不辣", "再来一杯柠檬茶", "就这些"),
          (Want("beef-noodle-soup", 1, _opt("spice", "not-spicy")), Want("beef-noodle-soup"),
           Want("lemon-tea"))),
    Diner("en", ("egg fried rice and a hot and sour soup", "add a cola", "that's all"),
          (Want("egg-fried-rice"), Want("hot-sour-soup"), Want("cola"))),
    Diner("zh", ("一份番茄鸡蛋面，加个蛋", "一瓶矿泉水", "好了"),
          (Want("tomato-egg-noodles", 1, _opt("noodle-extras", "extra-egg")),
           Want("mineral-water"))),
    Diner("en", ("twice cooked pork", "rice", "that's all"),
          (Want("twice-cooked-pork", 1, _opt("staple", "rice")),)),
    Diner("zh", ("一份宫保鸡丁饭，少辣", "再来一杯奶茶", "就这样"),
          (Want("kung-pao-chicken-rice", 1, _opt("spice", "mild")), Want("milk-tea"))),
    Diner("en", ("three pork buns and a soy milk", "that's all"),
          (Want("pork-bun", 3), Want("soy-milk"))),
    Diner("zh", ("一碗酸辣汤", "再来一份蛋炒饭", "就这些"),
          (Want("hot-sour-soup"), Want("egg-fried-rice"))),
)


def pick_diners(orders: int, seed: int, lang: str = "auto") -> list[Diner]:
    """``orders`` diners in a seeded order: both languages (the first two: en, zh), or
    only ``lang``'s when speech-to-text is fixed to one language."""
    rng = random.Random(seed)
    rest = list(DINERS[2:])
    rng.shuffle(rest)
    pool = [d for d in list(DINERS[:2]) + rest if lang == "auto" or d.lang == lang]
    return [pool[i % len(pool)] for i in range(orders)]


def intended_cart(menu: Any, diner: Diner) -> Cart:
    """The cart ``diner`` means: its dishes added by touch to a fresh order on ``menu``
    (so group defaults are filled exactly as the screen fills them)."""
    from kiosk.order import Conversation

    book = Conversation(menu)
    for want in diner.wants:
        book.add(want.item, want.quantity, dict(want.options))
    return book.cart


def key_of(line: CartLine) -> Key:
    return line.item, tuple(sorted((g, tuple(sorted(ids))) for g, ids in line.options if ids))


def contents(cart: Cart) -> Counter[Key]:
    """How many of each (item, options) the cart holds, however it is split into lines."""
    counts: Counter[Key] = Counter()
    for line in cart.lines:
        counts[key_of(line)] += line.quantity
    return counts


def same_order(have: Cart, want: Cart) -> bool:
    """True when ``have`` holds exactly the dishes, options and quantities of ``want``."""
    return contents(have) == contents(want) and have.total == want.total


def differences(have: Cart, want: Cart) -> tuple[Counter[Key], Counter[Key]]:
    """(what ``have`` holds too much of, what it is missing)."""
    got, meant = contents(have), contents(want)
    return got - meant, meant - got


@dataclass(frozen=True)
class Fix:
    """One touch on the cart screen: ``event`` to send, ``what`` the diner does,
    ``done`` the change in words ("removed 1 × cola"), ``key`` the dish it is about."""

    event: ev.Event
    what: str
    done: str
    key: Key


def next_fix(have: Cart, want: Cart, name: Any) -> Fix | None:
    """The next single touch that brings ``have`` closer to ``want``, or None when equal.

    Surplus first (the last line first: × for a whole line, − for part of it), then
    what is missing (+ on a line of that dish, else the dish from the menu).
    ``name(key)`` names a dish with its options for the diner's messages.
    """
    surplus, missing = differences(have, want)
    for index in range(len(have.lines) - 1, -1, -1):
        line = have.lines[index]
        key = key_of(line)
        if surplus[key] >= line.quantity:
            return Fix(ev.TapRemove(index), f"taps × on {name(key)}",
                       f"removed {line.quantity} × {name(key)}", key)
        if surplus[key] > 0:
            return Fix(ev.TapQuantity(index, line.quantity - 1), f"taps − on {name(key)}",
                       f"removed 1 × {name(key)}", key)
    for key in missing:
        for index, line in enumerate(have.lines):
            if key_of(line) == key:
                return Fix(ev.TapQuantity(index, line.quantity + 1), f"taps + on {name(key)}",
                           f"added 1 × {name(key)}", key)
        return Fix(ev.TapAdd(key[0], 1, key[1]), f"taps {name(key)} on the menu",
                   f"added 1 × {name(key)}", key)
    return None


def choose_answer(question: Question, want: Cart) -> str | None:
    """The diner's answer to an open question: the choice its order names, or None when
    it names none of them (the diner taps "None of these")."""
    meant = contents(want)
    for choice in question.choices:
        for item, options in meant:
            if question.slot == "item" and item == choice:
                return choice
            if (question.item in (None, item)
                    and any(g == question.slot and choice in ids for g, ids in options)):
                return choice
    return None


def merge_fixes(done: list[str]) -> list[str]:
    """"added 1 × tea", "added 1 × tea" -> "added 2 × tea" (order kept)."""
    counts: Counter[str] = Counter()
    order: list[str] = []
    for text in done:
        verb, _, rest = text.partition(" 1 × ")
        key = f"{verb}\0{rest}" if rest else text
        if key not in counts:
            order.append(key)
        counts[key] += 1
    out = []
    for key in order:
        verb, _, rest = key.partition("\0")
        out.append(f"{verb} {counts[key]} × {rest}" if rest else key)
    return out
