"""A cause found by the realistic dinner batch 29 (tests/data/blind29, menus/curry.toml):
a diet warning answered with the diet ("I'm vegetarian" - a chicken biryani, warned -
那要素的吧) takes the one dish of the held dish's kind that fits it, instead; tested on
more menus than its own."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("curry", ("我吃素", "鸡肉香饭", "那要素的吧"), "veg-biryani"),
    ("curry", ("我吃素", "鸡肉香饭", "不要了，换素的"), "veg-biryani"),
    ("curry", ("我吃素", "鸡肉香饭", "要素的"), "veg-biryani"),
    ("curry", ("I'm vegetarian", "a chicken biryani", "no, a vegetarian one instead"),
     "veg-biryani"),
    ("burger", ("我吃素", "一个牛肉堡", "换素的"), "veggie-burger"),
    ("grill", ("I'm vegetarian", "a bacon cream pasta", "no, a vegetarian one instead"),
     "tomato-mushroom-pasta"),
])
def test_the_diet_said_to_a_warning_is_the_dish_of_that_kind_that_fits(
        menu: str, said: tuple[str, ...], want: str) -> None:
    assert [i for i, _, _ in lines_after(menu, *said)] == [want]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("dumplings", ("我吃素", "一份猪肉白菜饺子", "那要素的吧"), "veggie-dumplings"),
    ("japanese", ("I'm vegetarian", "a chashu ramen", "the veggie one then"), "veggie-ramen"),
])
def test_the_dish_taken_instead_is_asked_what_it_still_needs(
        menu: str, said: tuple[str, ...], want: str) -> None:
    conv = Conversation(menu_for(menu))
    for text in said:
        conv.turn(text)
    assert conv.question is not None and conv.question.item == want and not conv.cart.lines


@pytest.mark.parametrize("yes", ["要", "要的", "yes"])
def test_a_yes_still_takes_the_dish_warned_about(yes: str) -> None:
    assert [i for i, _, _ in lines_after("curry", "我吃素", "鸡肉香饭", yes)] == ["chicken-biryani"]
