"""Causes found by the sixteenth blind batch (tests/data/blind16, menus/saladbar.toml:
exclusions, substitutions and lists of ingredients), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("said", "group", "want"), [
    ("a veggie wrap, no onion or tomato", "hold", {"no-onion", "no-tomato"}),
    ("chicken wrap, hold the onions and the lettuce", "hold", {"no-onion", "no-lettuce"}),
    ("BLT, hold the mayonnaise and the tomato", "hold", {"no-mayo", "no-tomato"}),
    ("一份鸡肉沙拉，芝士和面包丁都不要", "salad-hold", {"no-cheese", "no-croutons"}),
    ("素食卷饼，洋葱和番茄都不要", "hold", {"no-onion", "no-tomato"}),
])
def test_a_list_of_things_taken_away(said: str, group: str, want: set[str]) -> None:
    """A negation said once for a list ("no onion or tomato", 芝士和面包丁都不要) takes
    each away, also a word the menu has as another option too (tomato, a topping); a
    list before 都不要 never clears the cart."""
    ((_, qty, opts),) = lines_after("saladbar", said)
    assert qty == 1 and set(opts[group]) == want


@pytest.mark.parametrize(("said", "want"), [
    (("a salad bowl on lettuce with corn cucumber and olives", "add cheese and avocado",
      "actually no cheese"), ("corn", "cucumber", "olives", "avocado")),
    (("salad bowl on spinach with red onion and tomatoes", "no onion actually"),
     ("cherry-tomatoes",)),
    (("沙拉碗菠菜底加紫洋葱和小番茄", "洋葱不要了"), ("cherry-tomatoes",)),
    (("沙拉碗藜麦底，虾仁，玉米，芝士，黄瓜", "芝士不要了，换牛油果"), ("corn", "cucumber", "avocado")),
])
def test_a_removal_no_line_takes_said_of_an_option_a_line_has(
        said: tuple[str, ...], want: tuple[str, ...]) -> None:
    """"no cheese" is the sandwiches' removal; said of the bowl topped with cheese it
    takes the cheese off."""
    ((_, _, opts),) = lines_after("saladbar", *said)
    assert set(opts["toppings"]) == set(want)


@pytest.mark.parametrize(("said", "group", "want"), [
    (("鸡肉沙拉不要番茄", "洋葱也不要"), "salad-hold", {"no-tomato", "no-onion"}),
    (("金枪鱼三明治不要芝士", "生菜也不要"), "hold", {"no-cheese", "no-lettuce"}),
    (("沙拉碗生菜底加玉米", "不是玉米，是黄瓜"), "toppings", {"cucumber"}),
])
def test_one_more_thing_taken_away_and_not_this_but_that(
        said: tuple[str, ...], group: str, want: set[str]) -> None:
    """洋葱也不要: one option after the dish, taken away (not a dish named by 生菜);
    不是玉米，是黄瓜: the corn was wrong."""
    ((_, _, opts),) = lines_after("saladbar", *said)
    assert set(opts[group]) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("xian", ("a roujiamo uh actually 2",), [("roujiamo", 2)]),
    ("xian", ("呃 就是 两个肉夹馍 然后再来一",), [("roujiamo", 2)]),
    ("xian", ("one chinese ham burger fatty lean",), [("roujiamo", 1)]),
])
def test_recogniser_text_corrections_cut_offs_and_options_that_pick(
        menu: str, said: tuple[str, ...], want: list[tuple[str, int]]) -> None:
    """A correction without its pause; a count cut off at the end orders nothing; of two
    dishes the words fit, the one that takes the options said."""
    assert [(i, q) for i, q, _ in lines_after(menu, *said)] == want


def test_a_removal_that_names_a_dish_in_the_cart_takes_that_line_off() -> None:
    """薯条不要了 with a chicken wrap and fries: the fries line (a sandwich alone would
    lose its side instead)."""
    assert [(i, q) for i, q, _ in lines_after("saladbar", "鸡肉卷和薯条", "薯条不要了")] == [
        ("chicken-wrap", 1)]
    ((_, _, opts),) = lines_after("saladbar", "a club sandwich", "薯条不要了")
    assert opts["side"] == ("no-side",)


@pytest.mark.parametrize(("said", "want"), [
    (("来个鸡肉卷", "里面有蛋吗", "那蛋黄酱去掉"), {"no-mayo"}),
    (("素食三明治", "芝士和蛋黄酱都不要"), {"no-mayo", "no-cheese"}),
])
def test_a_word_only_removals_name_is_read_whole(said: tuple[str, ...], want: set[str]) -> None:
    """蛋黄酱 is on the menu only as 不要蛋黄酱: read whole (not 蛋 the egg + 黄酱), and
    taken away."""
    ((_, _, opts),) = lines_after("saladbar", *said)
    assert set(opts["hold"]) == want
