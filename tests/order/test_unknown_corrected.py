"""A cause found by the realistic dinner batch 29 (tests/data/blind29, menus/curry.toml):
a dish the menu lacks corrected at once ("a lentil curry and a chapati... no wait, a
butter naan") is what the correction replaces, never the line said before it (the
lentil curry was removed); tested on more menus than its own."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("curry", "A lentil curry and a chapati... no wait, a butter naan.",
     ["dal-tadka", "butter-naan"]),
    ("curry", "一份扁豆咖喱和一个恰巴提，不对，一个黄油馕", ["dal-tadka", "butter-naan"]),
    ("canteen", "a beef noodle soup and a hamburger... no wait, a cola",
     ["beef-noodle-soup", "cola"]),
    ("canteen", "一碗牛肉面和一个汉堡，不对，一瓶可乐", ["beef-noodle-soup", "cola"]),
])
def test_a_dish_the_menu_lacks_corrected_at_once(menu: str, said: str,
                                                 want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("curry", "a lentil curry, no wait, a butter naan", ["butter-naan"]),
    ("canteen", "一碗牛肉面，不对，一瓶可乐", ["cola"]),
])
def test_a_dish_the_menu_has_corrected_at_once_is_still_replaced(
        menu: str, said: str, want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, said)] == want
