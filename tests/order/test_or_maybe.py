"""A choice not yet made, said with a pause or in Mandarin 或者 (the twentieth blind batch,
menus/taiwanese.toml): "the milk tea, or maybe the bubble milk tea", 鸡排或者盐酥鸡，你看着办
order nothing and ask which (kiosk/order/undecided.py); the answer takes the one named.
Tested on the canteen too."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "choices", "answer"), [
    ("taiwanese", "Sorry, I'm being so indecisive... the milk tea, or maybe the bubble milk tea.",
     ("milk-tea", "bubble-milk-tea"), "The bubble milk tea, I think."),
    ("taiwanese", "鸡排或者盐酥鸡，你看着办", ("chicken-cutlet", "popcorn-chicken"), "盐酥鸡吧"),
    ("canteen", "a cola, or maybe an orange juice", ("cola", "orange-juice"), "the orange juice"),
    ("canteen", "牛肉面或者馄饨", ("beef-noodle-soup", "wontons"), "馄饨"),
])
def test_x_or_maybe_y_asks_which(menu: str, said: str, choices: tuple[str, ...],
                                 answer: str) -> None:
    conv = Conversation(menu_for(menu))
    turn = conv.turn(said)
    assert not turn.cart.lines
    assert turn.question is not None and turn.question.slot == "item"
    assert set(turn.question.choices) == set(choices)
    turn = conv.turn(answer)
    assert [ln.item for ln in turn.cart.lines] == [choices[1]]
