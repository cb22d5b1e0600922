"""Causes found by the ninth blind batch (tests/data/blind9, menus/teahouse.toml: drink
customisation at a tea and coffee counter), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("said", "intent"), [
    ("I can't have caffeine", "diet"), ("我不能喝咖啡因", "diet"),
    ("I can't have milk", "allergy"), ("我海鲜过敏", "allergy")])
def test_avoiding_what_is_no_allergen_is_a_diet(said: str, intent: str) -> None:
    """"can't have" an allergen is an allergy; an ingredient people avoid (caffeine) is a
    diet, as 不吃猪肉 is; 海鲜过敏 says allergy in its own words."""
    turn = Conversation(menu_for("teahouse")).turn(said)
    assert (turn.act, turn.intent) == ("statement", intent)


def test_how_much_is_it_with_nothing_asked_about_is_the_total() -> None:
    talk = Conversation(menu_for("teahouse"))
    talk.turn("a lemon tea, black tea, no ice")
    talk.turn("and an iced americano")
    turn = talk.turn("how much is it")
    assert turn.answer is not None and turn.answer["amount"] == talk.cart.total


def test_the_one_with_an_option_then_the_change() -> None:
    lines = lines_after("teahouse", "two house milk teas, one with boba, one with coconut jelly",
                        "make the one with boba large")
    assert sorted((o["add-ons"], o["cup"]) for _, _, o in lines) == [
        (("coconut-jelly",), ("medium",)), (("pearls",), ("large",))]


@pytest.mark.parametrize(("first", "change", "toppings"), [
    ("a house milk tea with pudding", "uh take the pudding off and add grass jelly",
     ("grass-jelly",)),
    ("一杯奶茶加布丁", "嗯布丁不要了加仙草", ("grass-jelly",)),
    ("一杯多肉葡萄加珍珠", "珍珠不要了换椰果", ("coconut-jelly",)),
])
def test_a_topping_taken_off_then_another_added(first: str, change: str,
                                                toppings: tuple[str, ...]) -> None:
    assert [o["add-ons"] for _, _, o in lines_after("teahouse", first, change)] == [toppings]


def test_options_added_to_a_dish_in_the_cart() -> None:
    lines = lines_after("teahouse", "a latte", "add an extra shot to the latte")
    assert [(i, q, o["shots"]) for i, q, o in lines] == [("latte", 1, ("double",))]


def test_one_of_them() -> None:
    lines = lines_after("teahouse", "three iced americanos one of them large")
    assert sorted((q, o["cup"]) for _, q, o in lines) == [(1, ("large",)), (2, ("medium",))]
