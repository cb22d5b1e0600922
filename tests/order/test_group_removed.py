"""A group's name, or a word only the menu's removals name, with a removal after it
(香菜不要了, 香菜就别放了, 葱也不要): that option "without" it, never the dish taken away.
Found by blind batch 20 (tests/data/blind20, menus/taiwanese.toml)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("taiwanese", ("一碗牛肉面", "香菜不要了"), "cilantro", ("no-cilantro",)),
    ("taiwanese", ("一碗牛肉面", "香菜就别放了"), "cilantro", ("no-cilantro",)),
    ("taiwanese", ("我要一碗牛肉面，对了，香菜就别放了",), "cilantro", ("no-cilantro",)),
    ("canteen", ("一碗牛肉面", "香菜不要了"), "herbs", ("no-cilantro",)),
    ("canteen", ("一碗牛肉面", "葱也不要"), "herbs", ("no-scallion",)),
    ("saladbar", ("一个总汇三明治", "蛋黄酱不要了"), "hold", ("no-mayo",)),
])
def test_a_word_then_a_removal_is_the_option_without_it(
        menu: str, said: tuple[str, ...], group: str, want: tuple[str, ...]) -> None:
    ((_, qty, opts),) = lines_after(menu, *said)
    assert qty == 1 and opts[group] == want


def test_a_list_before_dou_buyao_is_still_a_list() -> None:
    ((_, _, opts),) = lines_after("burger", "芝士堡，洋葱和酸黄瓜都不要")
    assert {"no-onion", "no-pickles"} <= set(opts["hold"])


def test_a_dish_then_a_removal_still_takes_the_dish_off() -> None:
    lines = lines_after("canteen", "一碗牛肉面一瓶可乐", "可乐不要了")
    assert [i for i, _, _ in lines] == ["beef-noodle-soup"]
