"""Causes found by the sixth blind batch (tests/data/blind6, menus/xinjiang.toml), each
fixed in general: an option alias with an article ("a naan") names the dish too; "not
too spicy" softens the group that has levels, not a pick-several seasoning also called
"spicy"; a replacement by a word that is also an option ("the lamb one", 不是牛肉的，要羊肉的)
takes the old dish's sibling, not the dish whose name ends in that word; options after a
replacement's comma are the new dish's (换成拉条子，过油肉的)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize("said", ["two lamb skewers and a naan", "Two lamb skewers. And a naan."])
def test_an_option_alias_with_an_article_names_the_dish_too(said: str) -> None:
    assert [(i, q) for i, q, _ in lines_after("xinjiang", said)] == [("lamb-skewer", 2),
                                                                      ("naan", 1)]


def test_a_big_plate_chicken_with_naan_is_still_the_add_on() -> None:
    lines = lines_after("xinjiang", "a big plate chicken, small plate, with naan")
    assert [(i, o.get("dapanji-extras")) for i, _, o in lines] == [("dapanji", ("naan",))]


@pytest.mark.parametrize("said", ["a liangpi, not too spicy", "a liangpi. Not too spicy.",
                                  "一份凉皮，不要太辣"])
def test_not_too_spicy_softens_the_level_not_a_seasoning_called_spicy(said: str) -> None:
    assert [(i, o["spice"]) for i, _, o in lines_after("xinjiang", said)] == [
        ("liangpi", ("mild",))]


@pytest.mark.parametrize(("first", "change"), [
    ("two beef skewers", "not that, the lamb one"),
    ("two beef skewers", "not the beef one, the lamb one"),
    ("两串牛肉串", "不是牛肉的，要羊肉的"),
])
def test_a_replacement_by_a_word_that_is_also_an_option(first: str, change: str) -> None:
    assert [(i, q) for i, q, _ in lines_after("xinjiang", first, change)] == [
        ("lamb-skewer", 2)]


@pytest.mark.parametrize("change", ["换成拉条子，过油肉的", "算了，换成拉条子，过油肉的",
                                    "make it a laghman, with guoyourou"])
def test_options_after_a_replacement_are_the_new_dishs(change: str) -> None:
    lines = lines_after("xinjiang", "来份炒面", change)
    assert [(i, o["topping"]) for i, _, o in lines] == [("laghman", ("guoyourou",))]
