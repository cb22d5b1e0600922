"""Dishes named by a part of their name, on a menu the parser was not tuned on (the
second blind batch, tests/data/blind2): an option named with its dish's word is both
("ten wings"), and a replacement by one word keeps the rest of the old dish's name,
whichever dish that word ends ("a pork chop" -> "the chicken one" is the chicken
steak, also called chicken chop; 不是猪的，要鸡的 is 鸡扒)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("said", "count"), [("ten wings please", "ten"),
                                             ("6 wings", "six"), ("来十只鸡翅", "ten")])
def test_an_option_named_with_its_dish_word_is_the_dish_and_the_option(said: str,
                                                                      count: str) -> None:
    lines = lines_after("grill", said)
    assert [(i, q, o["wing-count"]) for i, q, o in lines] == [("wings", 1, (count,))]


@pytest.mark.parametrize(("first", "change"), [("a pork chop", "actually the chicken one"),
                                               ("一份猪扒", "不是猪的，要鸡的"),
                                               ("一份猪扒", "换成鸡的")])
def test_a_replacement_by_one_word_keeps_the_rest_of_the_name(first: str, change: str) -> None:
    assert [(i, q) for i, q, _ in lines_after("grill", first, change)] == [("chicken-steak", 1)]


@pytest.mark.parametrize(("change", "base"), [
    ("can I have noodles instead of rice", "noodle-soup"),
    ("rice noodles instead of rice please", "rice-noodles"),
    ("noodles instead", "noodle-soup"),
])
def test_an_option_instead_of_another(change: str, base: str) -> None:
    """What follows "instead of" is the option that goes, not the one that comes."""
    lines = lines_after("grill", "a roast duck with rice", change)
    assert [(i, q, o["base"]) for i, q, o in lines] == [("roast-duck", 1, (base,))]


@pytest.mark.parametrize(("first", "then"), [("a shrimp rice roll", "ok then a pork one"),
                                             ("一份鲜虾肠粉", "那换成瘦肉的吧")])
def test_after_a_sold_out_dish_a_one_word_name_is_the_one_like_it(first: str,
                                                                  then: str) -> None:
    """The shrimp rice roll is sold out: "a pork one" is the pork rice roll, not a
    question among the pork bun, the pork congee and the pork rice roll."""
    assert [(i, q) for i, q, _ in lines_after("breakfast", first, then)] == [
        ("pork-rice-roll", 1)]


def test_a_correction_naming_a_dish_by_a_word_the_menu_also_has_as_an_option() -> None:
    """"salmon" is an onigiri filling and a word of the teriyaki salmon bowl: after a
    teriyaki chicken bowl, "no, the salmon one" replaces it (it used to add one)."""
    from corpus import lines_after  # type: ignore[import-not-found]

    for said, lang in ((("a teriyaki chicken bowl", "no, the salmon one"), "en"),
                       (("照烧鸡腿饭", "不是鸡的 要三文鱼的"), "zh")):
        lines = lines_after("ricebowl", *said, lang=lang)
        assert [(i, q) for i, q, _ in lines] == [("salmon-teriyaki", 1)], said
