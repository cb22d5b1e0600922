"""A group the diner picks several of, with a default (the dumplings' dipping sauce,
vinegar unless said): naming some of it is instead of the default, not beside it."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _sauce(*said: str, lang: str) -> list[tuple[str, ...]]:
    return [opts.get("sauce", ()) for _, _, opts in lines_after("dumplings", *said, lang=lang)]


@pytest.mark.parametrize(("said", "lang", "sauce"), [
    ("pork dumplings, twelve pieces", "en", ("vinegar",)),
    ("pork dumplings, twelve pieces, with chili oil", "en", ("chili-oil",)),
    ("pork dumplings, eighteen pieces, with chili oil and garlic", "en", ("chili-oil", "garlic")),
    ("pork dumplings, twelve pieces, vinegar and garlic", "en", ("vinegar", "garlic")),
    ("pork dumplings, twelve pieces, no sauce", "en", ("no-sauce",)),
    ("三两猪肉白菜，辣椒油加蒜泥", "zh", ("chili-oil", "garlic")),
])
def test_naming_some_replaces_the_default(said: str, lang: str, sauce: tuple[str, ...]) -> None:
    assert _sauce(said, lang=lang) == [sauce]


def test_without_the_one_named_the_default_comes_back() -> None:
    assert _sauce("pork dumplings, twelve pieces, with chili oil", "no chili oil",
                  lang="en") == [("vinegar",)]


@pytest.mark.parametrize("said", ["no chili oil", "without the chili oil"])
def test_a_negation_before_a_longer_option_negates_it(said: str) -> None:
    """"no chili" is the not-spicy option's alias, but "no chili oil" takes the chili oil
    off (and "oil" alone does not order the scallion oil noodles)."""
    lines = lines_after("dumplings", "pork dumplings, twelve pieces, with chili oil", said,
                        lang="en")
    assert [(item, opts.get("sauce")) for item, _, opts in lines] == [
        ("pork-cabbage-dumplings", ("vinegar",))]


@pytest.mark.parametrize("said", ["三两三鲜饺子", "三两三鲜水饺"])
def test_a_weight_before_a_name_that_begins_with_a_numeral(said: str) -> None:
    """三两 (18 pieces) then 三鲜: the count is not read as 三两三."""
    lines = lines_after("dumplings", said, lang="zh")
    assert [(i, q, o.get("count")) for i, q, o in lines] == [
        ("sanxian-dumplings", 1, ("eighteen",))]


@pytest.mark.parametrize(("said", "lang"), [
    (("a karaage with sweet chili", "another one with mayo"), "en"),
    (("炸鸡要沙拉酱", "再来一份要甜辣酱的"), "zh"),
])
def test_another_one_with_options_of_a_pick_several_group_names_them(
        said: tuple[str, ...], lang: str) -> None:
    """"another one with mayo" is a karaage with mayo, not with mayo and sweet chili."""
    lines = lines_after("ricebowl", *said, lang=lang)
    assert sorted(o.get("dips", ()) for _, _, o in lines) == [("mayo",), ("sweet-chili",)]
