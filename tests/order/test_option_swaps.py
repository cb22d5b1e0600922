"""Causes found by the realistic rush batches 28 and 29 (tests/data/blind28, menus/thai.toml;
tests/data/blind29, menus/curry.toml): an option's alias that holds a lead word, each fixed
in general and tested on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "want"), [
    # 要豆腐 is only the stir-fries' tofu; the curries' is 豆腐 / 豆腐的 of another group
    ("thai", ("一份绿咖喱一份红咖喱", "都要豆腐的"),
     [("green-curry", ("tofu",)), ("red-curry", ("tofu",))]),
    ("thai", ("绿咖喱牛肉", "还是要鸡肉的吧"), [("green-curry", ("chicken",))]),
    ("thai", ("一份绿咖喱", "要豆腐"), [("green-curry", ("tofu",))]),
    # 要花生 is only the noodles' crushed peanuts; the ice jelly's topping is 花生
    ("sichuan", ("一碗红糖冰粉", "要花生"), [("ice-jelly", ("peanut-bits",))]),
    ("sichuan", ("两碗冰粉", "都要花生"), [("ice-jelly", ("peanut-bits",))]),
])
def test_an_option_said_after_yao_names_every_group_s_option(
        menu: str, said: tuple[str, ...], want: list[tuple[str, tuple[str, ...]]]) -> None:
    group = {"thai": "curry-protein", "sichuan": "toppings"}[menu]
    assert [(i, o.get(group, ())) for i, _, o in lines_after(menu, *said)] == want


def test_more_of_an_option_is_not_the_option_itself() -> None:
    """多加 is no such lead: 多加珍珠 stays the extra pearls, not the pearls."""
    lines = lines_after("bubbletea", "一杯大杯珍珠奶茶多加珍珠")
    assert [o.get("toppings") for _, _, o in lines] == [("extra-boba",)]


@pytest.mark.parametrize(("said", "want"), [
    # 换成馕 is an alias of "with naan"; 米饭 a dish and the words of "with rice"
    (("提卡玛萨拉鸡", "米饭换成馕"), [("chicken-tikka-masala", "with-naan")]),
    (("提卡玛萨拉鸡", "米饭换馕"), [("chicken-tikka-masala", "with-naan")]),
    (("咖喱羊肉和黄油鸡", "咖喱羊肉那份米饭换成馕"),
     [("lamb-rogan-josh", "with-naan"), ("butter-chicken", "with-rice")]),
    (("咖喱羊肉和黄油鸡", "咖喱羊肉那份米饭换成配馕"),
     [("lamb-rogan-josh", "with-naan"), ("butter-chicken", "with-rice")]),
])
def test_a_dish_word_changed_to_an_option_swaps_the_line_s_option(
        said: tuple[str, ...], want: list[tuple[str, str]]) -> None:
    lines = lines_after("curry", *said)
    assert [(i, q, o["base"][0]) for i, q, o in lines] == [(i, 1, b) for i, b in want]


@pytest.mark.parametrize(("menu", "said", "item", "group", "opt"), [
    ("teahouse", "一杯奶茶换燕麦奶", "house-milk-tea", "milk", "oat"),
    ("curry", "一份黄油鸡换成馕", "butter-chicken", "base", "with-naan"),
])
def test_a_change_word_option_on_a_dish_that_offers_it_stays_its_option(
        menu: str, said: str, item: str, group: str, opt: str) -> None:
    lines = lines_after(menu, said)
    assert [(i, o.get(group)) for i, _, o in lines] == [(item, (opt,))]
