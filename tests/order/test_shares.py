"""Causes found by the twenty-fourth and twenty-seventh blind batches (tests/data/blind24,
menus/setmeal.toml; tests/data/blind27, menus/skewers.toml): one count shared out over
dishes, people or options. Each fixed in general and tested on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _counts(menu: str, said: str) -> list[tuple[str, int]]:
    """The cart's (dish, count) after ``said``, its turns parted by " / "."""
    return sorted((item, qty) for item, qty, _ in lines_after(menu, *said.split(" / ")))


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", "a pork bun and a veggie bun, three each", [("pork-bun", 3), ("veg-bun", 3)]),
    ("setmeal", "pork buns and vegetable buns, two of each", [("pork-bun", 2), ("veg-bun", 2)]),
    ("setmeal", "肉包、菜包、馒头各两个", [("mantou", 2), ("pork-bun", 2), ("veg-bun", 2)]),
    ("skewers", "羊肉串牛肉串各十串", [("beef-skewer", 10), ("lamb-skewer", 10)]),
    ("canteen", "a beef noodle soup and a cola, two each",
     [("beef-noodle-soup", 2), ("cola", 2)]),
    ("canteen", "牛肉面和炸酱面各两碗", [("beef-noodle-soup", 2), ("zhajiang-noodles", 2)]),
    ("dimsum", "har gow and siu mai, three of each", [("har-gow", 3), ("siu-mai", 3)]),
    ("dimsum", "虾饺烧卖各来两笼", [("har-gow", 2), ("siu-mai", 2)]),
])
def test_a_count_said_each_after_a_list_counts_every_dish(
        menu: str, said: str, want: list[tuple[str, int]]) -> None:
    """"A and B, three each" / A、B各三个: three of every dish of the list."""
    assert _counts(menu, said) == want


@pytest.mark.parametrize(("menu", "said"), [
    ("canteen", "a large beef noodle soup and a cola, two each"),
    ("setmeal", "一个大杯奶茶和一个菜包，各两个"),
])
def test_options_said_in_a_list_stay_with_their_dish(menu: str, said: str) -> None:
    lines = lines_after(menu, said)
    assert all(qty == 2 for _, qty, _ in lines) and len(lines) == 2
    sized = [opts for item, _, opts in lines if item in ("beef-noodle-soup", "milk-tea")]
    assert sized and any("large" in v for o in sized for v in o.values())


def test_options_said_each_go_on_every_line_after() -> None:
    lines = lines_after("skewers", "羊肉串牛肉串各十串", "都多放孜然")
    assert sorted((i, q, o["cumin"]) for i, q, o in lines) == [
        ("beef-skewer", 10, ("extra-cumin",)), ("lamb-skewer", 10, ("extra-cumin",))]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", "one lamb skewer for me and two for my friends", [("lamb-skewer", 3)]),
    ("setmeal", "羊肉串我要一串，我朋友要两串", [("lamb-skewer", 3)]),
    ("setmeal", "豆浆我一杯，我室友两杯", [("soy-milk", 3)]),
    ("cafe", "a croissant for me, one for her and two for our kids", [("croissant", 4)]),
    ("cafe", "牛角包我要一个，我同学要两个", [("croissant", 3)]),
    ("canteen", "a cola for me and one for him", [("cola", 2)]),
    ("canteen", "牛肉面我一碗他两碗", [("beef-noodle-soup", 3)]),
])
def test_counts_said_person_by_person_add_up(menu: str, said: str,
                                             want: list[tuple[str, int]]) -> None:
    """A dish said for one person, then counts for others with no dish of their own: the
    dish's count is their sum (not the last count in place of the first)."""
    assert _counts(menu, said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", "仨宫保鸡丁饭 我一份他俩两份", [("kung-pao-rice", 3)]),
    ("setmeal", "阿姨，给我来九个肉包儿，宿舍里一人一个", [("pork-bun", 9)]),
    ("setmeal", "四杯大杯奶茶，我们一人一杯", [("milk-tea", 4)]),
    ("canteen", "三碗牛肉面，我一碗他们俩两碗", [("beef-noodle-soup", 3)]),
    ("canteen", "六瓶可乐，我们一人一瓶", [("cola", 6)]),
    ("cafe", "五个牛角包，宿舍里每人一个", [("croissant", 5)]),
])
def test_counts_that_share_a_counted_dish_out_change_nothing(
        menu: str, said: str, want: list[tuple[str, int]]) -> None:
    """一人一个 with no party's size, or counts person by person that add up to the dish's
    count, say who gets what: the count said with the dish stands."""
    assert _counts(menu, said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", "five of us, one two-meat set each", [("two-meat-set", 5)]),
    ("setmeal", "a mantou for each of us please, we're six", [("mantou", 6)]),
    ("setmeal", "我们仨一人俩茶叶蛋", [("tea-egg", 6)]),
    ("cafe", "a croissant for each of us, there are four", [("croissant", 4)]),
    ("cantonese", "three of us, one two-meat rice each / char siu", [("two-meat-rice", 3)]),
    ("canteen", "我们四个人一人俩茶叶蛋", [("tea-egg", 8)]),
    ("dimsum", "four of us, one turnip cake each", [("turnip-cake", 4)]),
])
def test_a_partys_count_each(menu: str, said: str, want: list[tuple[str, int]]) -> None:
    """A party's size times the count each: also a size said last ("we're six"), a count
    each of 俩, and a dish whose name begins with a number ("one two-meat set each")."""
    assert _counts(menu, said) == want


def _lines(menu: str, said: str, group: str) -> list[tuple[str, int, tuple[str, ...]]]:
    """The cart's (dish, count, choice of ``group``) after ``said`` (turns parted by " / ")."""
    return sorted((item, qty, opts.get(group, ()))
                  for item, qty, opts in lines_after(menu, *said.split(" / ")))


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("setmeal", "three kung pao chicken rice, two of them spicy and one not", "spice",
     [("kung-pao-rice", 1, ("not-spicy",)), ("kung-pao-rice", 2, ("medium",))]),
    ("canteen", "two beef noodle soups, one spicy and one not", "spice",
     [("beef-noodle-soup", 1, ("medium-spicy",)), ("beef-noodle-soup", 1, ("not-spicy",))]),
    ("setmeal", "two large milk teas and one small", "cup-size",
     [("milk-tea", 1, ("small",)), ("milk-tea", 2, ("large",))]),
    ("canteen", "two large lemon teas and one regular", "cup",
     [("lemon-tea", 1, ("regular",)), ("lemon-tea", 2, ("large",))]),
    ("setmeal", "two plates of pork dumplings, one of ten and one of fifteen", "plate",
     [("pork-dumplings", 1, ("fifteen",)), ("pork-dumplings", 1, ("ten",))]),
    ("setmeal", "两盘猪肉饺子，一盘十个一盘十五个", "plate",
     [("pork-dumplings", 1, ("fifteen",)), ("pork-dumplings", 1, ("ten",))]),
    ("dumplings", "two plates of pork and cabbage dumplings, one of twelve and one of eighteen",
     "count", [("pork-cabbage-dumplings", 1, ("eighteen",)),
               ("pork-cabbage-dumplings", 1, ("twelve",))]),
    ("skewers", "羊肉串来二十串 一半不要辣", "spice",
     [("lamb-skewer", 10, ("not-spicy",)), ("lamb-skewer", 10, ("regular-spicy",))]),
    ("canteen", "牛肉面来四碗，一半不辣", "spice",
     [("beef-noodle-soup", 2, ()), ("beef-noodle-soup", 2, ("not-spicy",))]),
    ("skewers", "eight lamb kebabs and eight beef kebabs, no chili on any of them", "spice",
     [("beef-skewer", 8, ("not-spicy",)), ("lamb-skewer", 8, ("not-spicy",))]),
    ("canteen", "a beef noodle soup and a dan dan noodles, no cilantro on either", "herbs",
     [("beef-noodle-soup", 1, ("no-cilantro",)), ("dan-dan-noodles", 1, ("no-cilantro",))]),
])
def test_a_count_split_over_choices(menu: str, said: str, group: str,
                                    want: list[tuple[str, int, tuple[str, ...]]]) -> None:
    """A count shared out over choices: "one not" (not the option just said), a sub-count
    whose choice clashes with the whole line's (another line: three teas), counts that
    name a plate's pieces, a half of a count said after its dish, an option said for "any
    of them"."""
    assert _lines(menu, said, group) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", "twenty skewers, half lamb half beef", [("beef-skewer", 10), ("lamb-skewer", 10)]),
    ("skewers", "twenty skewers, ten lamb and ten beef", [("beef-skewer", 10), ("lamb-skewer", 10)]),
    ("dumplings", "two plates of dumplings, one pork and cabbage and one lamb and carrot"
     " / 12 pieces / 12 pieces", [("lamb-dumplings", 1), ("pork-cabbage-dumplings", 1)]),
])
def test_a_counted_kind_shared_out_over_its_dishes(menu: str, said: str,
                                                   want: list[tuple[str, int]]) -> None:
    """"twenty skewers, half lamb half beef": the kind heads the dishes that share its
    count; no third line, no question which skewer."""
    assert _counts(menu, said) == want
    conv_q = lines_after(menu, *said.split(" / "))
    assert len(conv_q) == len(want)
