"""An order on a condition (the twentieth blind batch, menus/taiwanese.toml): "if you
still have X I'll take it, otherwise Y" / 要是X还有就来一份，没有就Y orders X when the
menu has it today, else Y, exactly one (kiosk/order/conditional.py); tested on the
canteen menu too (its curry chicken and sour plum drink are sold out)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", "If you still have the chicken cutlet I'll take it, otherwise the popcorn chicken.",
     "chicken-cutlet"),
    ("taiwanese", "if theres still three cup chicken rice id like one if not the beef noodle soup",
     "beef-noodle-soup"),
    ("taiwanese", "Is the three cup chicken rice still available? If not I'll just have the "
     "braised pork rice, small.", "braised-pork-rice"),
    ("taiwanese", "要是鸡排还有就来一片，没有就盐酥鸡", "chicken-cutlet"),
    ("taiwanese", "要是有鸡排就来一个没有就要盐酥鸡", "chicken-cutlet"),
    ("canteen", "if you still have the curry chicken I'll take it, otherwise the beef noodle soup",
     "beef-noodle-soup"),
    ("canteen", "if you have the beef noodle soup i'll take one, otherwise the curry chicken",
     "beef-noodle-soup"),
    ("canteen", "要是还有咖喱鸡饭就来一份，没有就牛肉面", "beef-noodle-soup"),
    ("canteen", "要是有牛肉面就来一碗，没有就咖喱鸡饭", "beef-noodle-soup"),
    ("canteen", "is the sour plum drink still available? if not a cola then", "cola"),
    ("canteen", "The sour plum drink if it's available. If not, no worries, a cola.", "cola"),
])
def test_the_first_if_the_menu_has_it_else_the_other(menu: str, said: str, want: str) -> None:
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == [(want, 1)]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", "I'd like the oyster vermicelli if you have it, please.", "oyster-vermicelli"),
    ("canteen", "I'd like the beef noodle soup if you have it, please", "beef-noodle-soup"),
    ("canteen", "a cola if it's available", "cola"),
])
def test_a_condition_after_a_dish_still_orders_it(menu: str, said: str, want: str) -> None:
    """"if you have it" after a dish is no question "do you have it": the dish is ordered."""
    assert [i for i, _, _ in lines_after(menu, said)] == [want]
