"""Causes found by the twenty-first blind batch (tests/data/blind21, menus/dessert.toml:
long orders said in one breath, turns that do several things), each fixed in general
and tested on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("dessert", "巧克力甜筒、香草甜筒、草莓甜筒",
     [("chocolate",), ("vanilla",), ("strawberry",)]),
    ("dessert", "chocolate cone, vanilla cone, strawberry cone",
     [("chocolate",), ("vanilla",), ("strawberry",)]),
])
def test_a_dish_said_again_with_its_own_choice_first_is_another_line(
        menu: str, said: str, want: list[tuple[str, ...]]) -> None:
    assert [o["flavours"] for _, _, o in lines_after(menu, said)] == want


def test_a_removal_before_a_dish_said_again_is_that_dish() -> None:
    """"..., no tomato on the BLT": the BLT said, not a second one."""
    lines = lines_after("saladbar", "a tomato soup and a BLT, no tomato on the BLT")
    assert [(i, q) for i, q, _ in lines] == [("tomato-soup", 1), ("blt", 1)]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("dessert", ("a mango smoothie, a waffle, a black sesame soup", "the black sesame soup, forget it"),
     ["mango-smoothie", "waffle"]),
    ("dessert", ("一杯芒果冰沙一个华夫饼一碗芝麻糊", "芝麻糊算了不要了"), ["mango-smoothie", "waffle"]),
    ("canteen", ("a beef noodle soup and a cola", "the cola, remove it"), ["beef-noodle-soup"]),
    ("canteen", ("一碗牛肉面一瓶可乐", "可乐，不要了"), ["beef-noodle-soup"]),
])
def test_a_dish_then_forget_it_takes_it_off(menu: str, said: tuple[str, ...],
                                            want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, *said)] == want


def test_never_mind_between_two_choices_is_still_a_correction() -> None:
    ((item, _, opts),) = lines_after("burger", "大薯，算了，小份的吧，要蛋黄酱")
    assert item == "fries" and opts["fries-size"] == ("small",)


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("dessert", "a kiwi juice, an orange juice, scratch the orange juice, a watermelon juice",
     ["kiwi-juice", "watermelon-juice"]),
    ("canteen", "a beef noodle soup, a cola, remove the cola, a lemon tea",
     ["beef-noodle-soup", "lemon-tea"]),
])
def test_a_dish_with_an_article_after_a_removal_is_ordered(menu: str, said: str,
                                                           want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, said)] == want


def test_a_list_after_a_removal_still_removes() -> None:
    lines = lines_after("canteen", "a beef noodle soup, a cola and a lemon tea",
                        "remove the cola, the lemon tea")
    assert [i for i, _, _ in lines] == ["beef-noodle-soup"]


@pytest.mark.parametrize(("menu", "said", "item", "qty"), [
    ("dessert", ("两杯草莓冰沙一个香草甜筒三杯橙汁", "不好意思橙汁要四杯"), "orange-juice", 4),
    ("canteen", ("一碗牛肉面两瓶可乐", "不好意思可乐要三瓶"), "cola", 3),
])
def test_sorry_before_a_correction(menu: str, said: tuple[str, ...], item: str, qty: int) -> None:
    """不好意思 ("sorry") is a correction word, never 不 (a negation) + 好."""
    lines = lines_after(menu, *said)
    assert (item, qty) in [(i, q) for i, q, _ in lines] and len(lines) == 3 - (menu == "canteen")


@pytest.mark.parametrize(("menu", "said", "item", "qty"), [
    ("dessert", ("我们学习小组六个人，每人一杯橙汁",), "orange-juice", 6),
    ("canteen", ("我们小组四个人，每人一瓶可乐",), "cola", 4),
    ("dessert", ("我要一杯西瓜汁，我女朋友要小杯草莓冰沙", "她闺蜜也要一杯"), "strawberry-smoothie", 2),
])
def test_who_the_diners_are(menu: str, said: tuple[str, ...], item: str, qty: int) -> None:
    assert (item, qty) in [(i, q) for i, q, _ in lines_after(menu, *said)]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("dessert", ("a vanilla cone, a strawberry cone and a mango juice", "cancel the strawberry cone"),
     [("ice-cream-cone", "flavours", ("vanilla",)), ("mango-juice", "flavours", None)]),
    ("dessert", ("一个香草甜筒一个草莓甜筒一杯芒果汁", "草莓甜筒取消"),
     [("ice-cream-cone", "flavours", ("vanilla",)), ("mango-juice", "flavours", None)]),
    ("canteen", ("a large beef noodle soup and a regular beef noodle soup",
                 "remove the large beef noodle soup"),
     [("beef-noodle-soup", "portion", ("regular",))]),
])
def test_removing_a_dish_said_with_options_takes_only_those_lines(
        menu: str, said: tuple[str, ...], want: list[tuple[str, str, object]]) -> None:
    """Two lines of one dish: the one with the options said goes, not both."""
    assert [(i, g, o.get(g)) for (i, _, o), (_, g, _) in zip(
        lines_after(menu, *said), want, strict=True)] == want


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("dessert", ("an egg waffle, a matcha egg waffle", "make the plain egg waffle chocolate"),
     "egg-waffle-flavour", [("chocolate",), ("matcha",)]),
    ("canteen", ("a large beef noodle soup and a regular beef noodle soup",
                 "make the large beef noodle soup not spicy"), "spice", [("not-spicy",), None]),
])
def test_a_change_of_the_line_its_options_name(menu: str, said: tuple[str, ...], group: str,
                                               want: list[object]) -> None:
    """"make the plain egg waffle chocolate": of two egg waffles, the plain one changes."""
    assert [o.get(group) for _, _, o in lines_after(menu, *said)] == want


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("dessert", "a kiwi juice and a vanilla ice cream cup with almonds", "ice-cream-cup",
     "flavours", ("vanilla",)),
    ("dessert", "a vanilla ice cream cup", "ice-cream-cup", "flavours", ("vanilla",)),
])
def test_an_option_ends_where_a_dish_name_begins(menu: str, said: str, item: str, group: str,
                                                 want: tuple[str, ...]) -> None:
    """"vanilla ice cream" is an option's alias, but "a vanilla ice cream cup" is the
    option "vanilla" and the dish "ice cream cup"."""
    lines = {i: o for i, _, o in lines_after(menu, said)}
    assert lines[item][group] == want
