"""An option taken off by a word of its name ("no egg" on a broken rice with a fried
egg, 蛋不要了 on a soup with 加蛋), and "no X" never adding a dish: causes found by the
twenty-sixth blind batch (menus/vietnamese.toml), fixed in general and tested on the
canteen's menu too."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "first", "said", "item", "group"), [
    ("vietnamese", "a broken rice with a fried egg", "actually no egg", "broken-rice",
     "rice-extras"),
    ("vietnamese", "a broken rice with a fried egg", "no egg", "broken-rice", "rice-extras"),
    ("vietnamese", "碎米饭加煎蛋", "煎蛋不要了", "broken-rice", "rice-extras"),
    ("canteen", "一碗牛肉面加个蛋", "蛋不要了", "beef-noodle-soup", "noodle-extras"),
    ("canteen", "一碗牛肉面加个蛋", "鸡蛋不要了", "beef-noodle-soup", "noodle-extras"),
    ("canteen", "a beef noodle soup with an extra egg", "no egg", "beef-noodle-soup",
     "noodle-extras"),
])
def test_an_option_named_by_a_word_of_its_name_comes_off(menu: str, first: str, said: str,
                                                         item: str, group: str) -> None:
    """The word is also another dish's choice (egg: the banh mi's filling) or no phrase
    of its own (蛋): the line that has an option so named loses it, and nothing else
    changes."""
    lines = lines_after(menu, first, said)
    assert [(i, q) for i, q, _ in lines] == [(item, 1)]
    assert group not in lines[0][2]


@pytest.mark.parametrize(("menu", "first", "said"), [
    ("vietnamese", "a chicken pho", "no egg"),
    ("vietnamese", "a broken rice", "actually no egg"),
    ("canteen", "a beef noodle soup", "no egg"),
])
def test_no_option_never_adds_a_dish(menu: str, first: str, said: str) -> None:
    """"no egg" with no egg anywhere in the order is no "egg rolls" added, and no line
    removed."""
    assert [i for i, _, _ in lines_after(menu, first, said)] == \
        [i for i, _, _ in lines_after(menu, first)]


def test_a_dish_so_named_is_still_removed_first() -> None:
    """鸡蛋不要了 with an egg dish in the cart takes that dish off, not a soup's egg."""
    lines = lines_after("canteen", "一碗牛肉面加个蛋，一份蛋炒饭", "蛋炒饭不要了")
    assert [i for i, _, _ in lines] == ["beef-noodle-soup"]
    assert "noodle-extras" in lines[0][2]
