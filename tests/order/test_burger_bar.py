"""Causes found by the seventh blind batch (tests/data/blind7, menus/burger.toml), each
fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize("said", ["来个双层牛肉堡", "一个双层牛肉堡", "双层牛肉堡"])
def test_a_whole_dish_name_is_not_split_into_an_option_and_a_shorter_dish(said: str) -> None:
    """双层 is also the extra patty, but 双层牛肉堡 is a dish of its own."""
    assert [(i, q) for i, q, _ in lines_after("burger", said)] == [("double-beef-burger", 1)]


@pytest.mark.parametrize(("said", "item", "group", "option"), [
    ("来份大薯", "fries", "fries-size", "large"),
    ("大薯", "fries", "fries-size", "large"),
    ("a chicken burger and six nuggets", "nuggets", "nugget-count", "six"),
    ("一个双层牛肉堡一份大薯", "fries", "fries-size", "large"),
])
def test_an_option_said_as_its_dish_is_that_dish(said: str, item: str, group: str,
                                                 option: str) -> None:
    lines = {i: o for i, _, o in lines_after("burger", said)}
    assert lines[item][group] == (option,)


def test_an_option_before_the_dish_that_offers_it_stays_an_option() -> None:
    lines = lines_after("burger", "来份大份薯条")
    assert [(i, o["fries-size"]) for i, _, o in lines] == [("fries", ("large",))]


@pytest.mark.parametrize("said", ["来一份羊肉泡馍", "hand-pulled noodles with chicken, large"])
def test_an_option_word_inside_another_name_is_not_a_dish(said: str) -> None:
    """羊肉 is the polo's meat, but 羊肉泡馍 is a dish the menu lacks."""
    assert "polo" not in [i for i, _, _ in lines_after("xinjiang", said)]
