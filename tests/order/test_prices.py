"""Price questions (kiosk/order/prices.py, about.py): a count said with the dish, the
line "it" is with its options, an option asked about on a dish, follow-ups, totals."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


def ask(*said: str, menu: str = "veggie") -> tuple[str, str, int | None]:
    conv = Conversation(menu_for(menu))
    for text in said:
        turn = conv.turn(text)
    answer = turn.answer or {}
    return turn.act, turn.intent, answer.get("amount")


@pytest.mark.parametrize("said", [
    ("how much are three spring rolls",), ("what do 3 orders of spring rolls cost",),
    ("三份春卷多少钱",), ("三个春卷什么价",),
])
def test_a_count_said_with_the_dish_is_priced_whole(said: tuple[str, ...]) -> None:
    assert ask(*said) == ("question", "ask_price", 1800)


@pytest.mark.parametrize("said", [
    ("beef noodles large", "how much is it"), ("牛腩面大碗", "这个多少钱"),
    ("large beef noodles with extra meat", "what does it cost"), ("牛腩面大碗加肉", "这个多少"),
])
def test_it_after_ordering_is_the_line_with_its_options(said: tuple[str, ...]) -> None:
    act, intent, amount = ask(*said)
    assert (act, intent) == ("question", "ask_price") and amount is not None and amount > 1800


def test_it_named_after_ordering_is_not_offered_again() -> None:
    conv = Conversation(menu_for("veggie"))
    conv.turn("a kung pao tofu")
    conv.turn("is there peanut in it")
    assert conv.question is None
    conv.turn("no peanuts then")
    assert [(ln.item, ln.quantity, dict(ln.options).get("peanuts")) for ln in conv.cart.lines] \
        == [("kung-pao-tofu", 1, ("no-peanuts",))]


@pytest.mark.parametrize(("said", "amount"), [
    (("how much is extra meat on the lamb noodles",), 600),
    (("how much is uh an egg on the lamb noodles",), 200),
    (("how much to add crushed peanuts to the cold noodles",), 100),
    (("羊肉拉面加蛋要多加多少钱",), 200),
    (("羊肉拉面大碗加个蛋多少钱",), 2600),  # the whole bowl, not what the egg adds
    (("what do you charge for crushed peanuts",), 100),
])
def test_an_option_asked_about_on_a_dish_is_what_it_adds(said: tuple[str, ...],
                                                         amount: int) -> None:
    assert ask(*said)[2] == amount


@pytest.mark.parametrize(("said", "amount"), [
    (("how much is the oat milk", "what about the soy milk"), 300),
    (("how much are the pork dumplings", "nah, too expensive. how much are the mushroom ones"),
     1400),
    (("燕麦奶多少钱", "那豆浆呢"), 300),
])
def test_a_follow_up_asks_the_same_question_of_another_dish(said: tuple[str, ...],
                                                            amount: int) -> None:
    assert ask(*said) == ("question", "ask_price", amount)


def test_a_follow_up_without_a_question_before_is_an_order() -> None:
    conv = Conversation(menu_for("veggie"))
    turn = conv.turn("那豆浆呢")
    assert turn.act != "question"


@pytest.mark.parametrize("said", [
    ("two spring rolls", "what does this come to"), ("两份春卷", "现在总共多少了"),
    ("两份春卷", "我该付多少"), ("两份春卷", "现在一共多少钱了"),
])
def test_totals_said_other_ways(said: tuple[str, ...]) -> None:
    assert ask(*said) == ("question", "ask_total", 1200)


def test_how_much_with_nothing_ordered_after_a_question_is_that_dishs_price() -> None:
    assert ask("is the mapo tofu spicy", "how much") == ("question", "ask_price", 1400)
