"""A group's options said by the ones left out ("everything except olives", 除了橄榄都要)
or as the only ones ("only chicken and egg", 只要鸡肉和蛋); a swap said for every line
("side salad instead of fries on both", 薯条都换成小沙拉); a line named by a word several
dishes share (三明治不要番茄); the group's "no ..." option said beside a pick ("with a
side salad, no fries"). Found by blind batch 16, tested here on two menus."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("saladbar", "a salad bowl with lettuce, grilled chicken, and everything except olives",
     "toppings", {"corn", "cherry-tomatoes", "cucumber", "red-onion", "croutons"}),
    ("saladbar", "沙拉碗生菜底，要鸡肉，配料除了橄榄都要",
     "toppings", {"corn", "cherry-tomatoes", "cucumber", "red-onion", "croutons"}),
    ("saladbar", "沙拉碗生菜底 除了橄榄和玉米其他配料都加",
     "toppings", {"cherry-tomatoes", "cucumber", "red-onion", "croutons"}),
    ("burger", "fries with all the sauces except mayo", "sauces", {"ketchup"}),
    ("burger", "fries, everything but ketchup", "sauces", {"mayo"}),
    ("burger", "薯条 除了番茄酱都要", "sauces", {"mayo"}),
])
def test_everything_except_is_every_free_option_but_those(
        menu: str, said: str, group: str, want: set[str]) -> None:
    """Paid extras (avocado, cheese, bbq sauce) go on only when named: "everything"
    never adds to the price unsaid."""
    ((_, qty, opts),) = lines_after(menu, said)
    assert qty == 1 and set(opts[group]) == want


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("saladbar", ("salad bowl on spinach with chicken tuna and egg",
                  "actually only chicken and egg"), "proteins", {"chicken", "egg"}),
    ("saladbar", ("沙拉碗菠菜底，鸡肉、金枪鱼、鸡蛋", "算了，只要鸡肉和蛋"), "proteins", {"chicken", "egg"}),
    ("saladbar", ("沙拉碗菠菜底，鸡肉、金枪鱼、鸡蛋", "除了鸡肉其他都不要"), "proteins", {"chicken"}),
    ("burger", ("fries with ketchup and mayo", "only mayo"), "sauces", {"mayo"}),
])
def test_only_these_sets_the_group_exactly(
        menu: str, said: tuple[str, ...], group: str, want: set[str]) -> None:
    ((_, _, opts),) = lines_after(menu, *said)
    assert set(opts[group]) == want


def test_only_without_options_is_still_a_count() -> None:
    """"可乐只要一瓶": 只要 before a count sets the count, as before."""
    lines = lines_after("canteen", "一碗牛肉面两瓶可乐", "可乐只要一瓶")
    assert [(i, q) for i, q, _ in lines] == [("beef-noodle-soup", 1), ("cola", 1)]


@pytest.mark.parametrize("said", [
    "side salad instead of fries on both", "swap the fries for a side salad on both",
    "薯条都换成小沙拉",
])
def test_a_swap_for_both_lines(said: str) -> None:
    lines = lines_after("saladbar", "a club and a tuna melt", said)
    assert [opts["side"] for _, _, opts in lines] == [("side-salad",), ("side-salad",)]


@pytest.mark.parametrize("said", ["can you sub the fries for a side salad", "配的薯条换成小沙拉"])
def test_the_side_named_as_a_dish_is_swapped(said: str) -> None:
    ((item, _, opts),) = lines_after("saladbar", "a tuna melt", said)
    assert item == "tuna-melt" and opts["side"] == ("side-salad",)


@pytest.mark.parametrize(("said", "want"), [
    (("来份番茄浓汤，一个培根生菜番茄三明治，三明治不要番茄",), "blt"),
    (("来份番茄浓汤，一个培根生菜番茄三明治", "三明治不要番茄"), "blt"),
    (("a blt", "sandwich no tomato"), "blt"),
])
def test_a_word_several_dishes_share_names_the_one_line(said: tuple[str, ...], want: str) -> None:
    lines = lines_after("saladbar", *said)
    assert [(i, o.get("hold")) for i, _, o in lines if i == want] == [(want, ("no-tomato",))]
    assert len(lines) == len(said[0].split("，")) - (1 if len(said) == 1 else 0)


def test_a_word_several_dishes_share_with_a_count_is_a_new_dish() -> None:
    """"a sandwich no tomato" with a BLT in the cart: which sandwich? (nothing added)."""
    assert [i for i, _, _ in lines_after("saladbar", "a blt", "a sandwich no tomato")] == ["blt"]


@pytest.mark.parametrize("said", [
    "club on wholewheat with a side salad, no fries", "总汇三明治全麦面包，配沙拉，不要薯条",
])
def test_no_x_beside_a_pick_says_the_pick_is_instead(said: str) -> None:
    ((_, _, opts),) = lines_after("saladbar", said)
    assert opts["side"] == ("side-salad",) and opts["bread"] == ("wholewheat",)


def test_no_fries_alone_is_still_no_side() -> None:
    ((_, _, opts),) = lines_after("saladbar", "a club with no fries")
    assert opts["side"] == ("no-side",)


@pytest.mark.parametrize("said", ["其他的不要了", "其他都不要了", "别的都不要了"])
def test_nothing_else_keeps_the_cart(said: str) -> None:
    assert [i for i, _, _ in lines_after("canteen", "一碗牛肉面", said)] == ["beef-noodle-soup"]
