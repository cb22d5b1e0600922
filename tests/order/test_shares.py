"""Causes found by the twenty-fourth and twenty-seventh blind batches (tests/data/blind24,
menus/setmeal.toml; tests/data/blind27, menus/skewers.toml): one count shared out over
dishes, people or options. Each fixed in general and tested on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _counts(menu: str, *said: str) -> list[tuple[str, int]]:
    return sorted((item, qty) for item, qty, _ in lines_after(menu, *said))


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
