"""A cause found by the realistic dinner batch 29 (tests/data/blind29, menus/curry.toml):
"which is better" asked of the choices the kiosk is asking between, said by the group's
name ("which is better, sweet or salted?", the group being called "sweet or salted") or
each with its taste word (甜的好喝还是咸的好喝), is a question (ask_choice), never an answer;
tested on more menus than its own."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "first", "asked"), [
    ("curry", "a fresh lime soda", "which is better, sweet or salted?"),
    ("curry", "青柠苏打", "甜的好喝还是咸的好喝？"),
    ("breakfast", "a tofu pudding", "which is better, sweet or savory?"),
    ("breakfast", "一碗豆腐脑", "甜的好吃还是咸的好吃"),
])
def test_which_is_better_of_the_choices_asked_is_a_question(menu: str, first: str,
                                                            asked: str) -> None:
    conv = Conversation(menu_for(menu))
    conv.turn(first)
    slot = conv.question.slot if conv.question is not None else None
    turn = conv.turn(asked)
    assert (turn.act, turn.intent) == ("question", "ask_choice")
    assert not conv.cart.lines and conv.question is not None and conv.question.slot == slot
    assert turn.answer is not None and turn.answer["kind"] == "choice_prices"


def test_the_two_choices_said_are_the_ones_priced() -> None:
    conv = Conversation(menu_for("curry"))
    conv.turn("青柠苏打")
    turn = conv.turn("甜的好喝还是咸的好喝")
    assert turn.answer is not None
    assert sorted(c["choice"] for c in turn.answer["choices"]) == ["salted", "sweet"]
