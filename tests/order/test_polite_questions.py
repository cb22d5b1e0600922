"""Questions asked politely or indirectly (the twentieth blind batch, menus/taiwanese.toml):
"could you tell me whether X is spicy", "would you happen to have any vegetarian noodles",
"my friend wants to know how much X is", and what adding an option to a dish costs ("how
much would it be to add a braised egg to the braised pork rice", 卤肉饭加个卤蛋要多少钱:
what the option adds). Forms are data (phrases.toml acts); tested on the canteen too."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


def _turn(menu: str, said: str) -> object:
    return Conversation(menu_for(menu)).turn(said)


@pytest.mark.parametrize(("menu", "said", "item", "amount"), [
    ("taiwanese", "How much would it be to add a braised egg to the braised pork rice?",
     "braised-pork-rice", 300),
    ("taiwanese", "卤肉饭加个卤蛋要多少钱", "braised-pork-rice", 300),
    ("canteen", "How much would it be to add an egg to the beef noodle soup?",
     "beef-noodle-soup", 200),
    ("canteen", "牛肉面加个蛋要多少钱", "beef-noodle-soup", 200),
])
def test_what_adding_an_option_to_a_dish_costs(menu: str, said: str, item: str,
                                               amount: int) -> None:
    """The option's price on that dish, said as what it adds; nothing is ordered."""
    turn = _turn(menu, said)
    assert (turn.act, turn.intent) == ("question", "ask_price")  # type: ignore[attr-defined]
    assert turn.answer == {"kind": "price", "item": item, "amount": amount}  # type: ignore[attr-defined]
    assert "extra" in turn.reply or "加" in turn.reply  # type: ignore[attr-defined]
    assert not turn.actions  # type: ignore[attr-defined]


@pytest.mark.parametrize(("menu", "said", "intent"), [
    ("taiwanese", "Sorry, could you tell me whether the popcorn chicken is spicy?", "ask_contents"),
    ("canteen", "could you tell me whether the dan dan noodles are spicy?", "ask_contents"),
    ("canteen", "could you tell me if the beef noodle soup has peanuts", "ask_contents"),
    ("taiwanese", "Would you happen to have any vegetarian noodles?", "ask_category"),
    ("canteen", "would you happen to have any vegetarian noodles?", "ask_category"),
    ("taiwanese", "I'm so sorry, my friend wants to know how much the kumquat lemon tea is.",
     "ask_price"),
    ("canteen", "I'm so sorry, my friend wants to know how much the cola is.", "ask_price"),
])
def test_a_polite_question_is_a_question(menu: str, said: str, intent: str) -> None:
    turn = _turn(menu, said)
    assert (turn.act, turn.intent) == ("question", intent)  # type: ignore[attr-defined]
    assert not turn.actions  # type: ignore[attr-defined]
