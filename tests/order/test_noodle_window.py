"""Causes found by the eighth blind batch (tests/data/blind8, menus/mixian.toml: long
sessions at a rice-noodle and malatang window), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize("said", ["a braised beef rice noodles, not too spicy",
                                  "红烧牛肉米线 不太辣"])
def test_not_too_spicy_where_no_option_is_just_spicy(said: str) -> None:
    """The levels are "mild / medium spicy / extra spicy" (微辣 中辣 特辣); the mala broth
    also says 辣 but is no level."""
    assert [o["spice"] for _, _, o in lines_after("mixian", said)] == [("mild",)]


def test_an_answer_naming_a_word_of_one_choice() -> None:
    lines = lines_after("mixian", "a malatang with enoki", "medium")
    assert [o["spice"] for _, _, o in lines] == [("medium",)]


def test_a_dishs_own_count_right_after_it() -> None:
    lines = lines_after("mixian", "番茄牛肉米线一碗中辣，红烧牛肉米线一碗微辣")
    assert sorted((i, q, o["spice"]) for i, q, o in lines) == [
        ("braised-beef", 1, ("mild",)), ("tomato-beef", 1, ("medium",))]


TWO_BOWLS = "a malatang with beef balls, mild, and a tomato beef rice noodles, extra spicy"


@pytest.mark.parametrize(("change", "item", "spice"), [
    ("the tomato one, make it not spicy", "tomato-beef", "not-spicy"),
    ("change the tomato one to not spicy", "tomato-beef", "not-spicy"),
    ("番茄的那碗改成不辣的", "tomato-beef", "not-spicy"),
])
def test_the_x_one_names_the_line_whose_dish_has_the_word(change: str, item: str,
                                                          spice: str) -> None:
    """"tomato" is also the malatang's broth, which it does not have."""
    lines = {i: o for i, _, o in lines_after("mixian", TWO_BOWLS, change)}
    assert lines[item]["spice"] == (spice,)
    assert lines["malatang"]["broth"] == ("bone",) and lines["malatang"]["spice"] == ("mild",)


@pytest.mark.parametrize(("first", "change"), [
    ("a malatang with luncheon meat and fish balls, mild", "swap the luncheon meat for beef balls"),
    ("麻辣烫要午餐肉和鱼丸，微辣", "午餐肉换成牛肉丸"),
    ("a malatang with luncheon meat, sorry, beef balls, and fish balls, mild", None),
    ("麻辣烫要午餐肉 哦不 牛肉丸 还有鱼丸 微辣", None),
])
def test_one_pick_several_option_for_another(first: str, change: str | None) -> None:
    turns = (first,) if change is None else (first, change)
    lines = lines_after("mixian", *turns)
    assert [o["ingredients"] for _, _, o in lines] == [("beef-balls", "fish-balls")]


def test_both_get_both() -> None:
    lines = lines_after("mixian", "两碗麻辣烫，我的微辣，她的特辣", "都加牛肉丸和豆皮")
    assert [o["ingredients"] for _, _, o in lines] == [("beef-balls", "tofu-skin")] * 2


def test_a_dish_marked_as_a_reference_then_options() -> None:
    lines = lines_after("mixian", "a tomato beef rice noodles, medium spicy, and a braised "
                        "beef rice noodles, mild", "and the braised beef one with instant noodles")
    assert sorted((i, o["noodle"]) for i, _, o in lines) == [
        ("braised-beef", ("instant-noodles",)), ("tomato-beef", ("rice-noodles",))]


def test_another_count_after_a_dish_then_options_is_still_a_split() -> None:
    lines = lines_after("canteen", "two beef noodle soups one extra spicy and one not spicy")
    assert sorted(o["spice"] for _, _, o in lines) == [("extra-spicy",), ("not-spicy",)]
