"""Causes found by the eighteenth blind batch (tests/data/blind18, menus/japanese.toml):
an answer to the kiosk's question may describe its choice instead of naming it, by size,
spice, price, being the usual one, or what it has."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("japanese", ("can I get a gyudon", "the bigger one"), "bowl-size", "large"),
    ("japanese", ("oyakodon", "uh, whatever's normal"), "bowl-size", "regular"),
    ("japanese", ("chicken katsu curry", "the spiciest you've got"), "spice", "hot"),
    ("japanese", ("鸡排咖喱饭", "最辣的"), "spice", "hot"),
    ("japanese", ("gyoza please", "the smaller one"), "pieces", "six"),
    ("dumplings", ("pork and cabbage dumplings", "the bigger one"), "count", "eighteen"),
    ("dumplings", ("猪肉白菜饺子", "大一点的"), "count", "eighteen"),
    ("korean", ("korean fried chicken", "the cheaper one"), "chicken-size", "half"),
    ("korean", ("韩式炸鸡", "最便宜的"), "chicken-size", "half"),
    ("mixian", ("small pot rice noodles", "the hottest"), "spice", "extra-spicy"),
    ("mixian", ("small pot rice noodles", "the mildest"), "spice", "mild"),
])
def test_a_choice_described_by_comparison(menu: str, said: tuple[str, ...], group: str,
                                          want: str) -> None:
    """"the bigger one": the option that costs more of a size group; "the spiciest":
    the last level the menu tags spicy; "whatever's normal": the default, else the
    option named regular / normal / 普通."""
    ((_, _, opts),) = lines_after(menu, *said)
    assert opts[group] == (want,)


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("japanese", ("a bento", "um the fish one"), "bento-main", "salmon"),
    ("japanese", ("便当", "鱼的那个"), "bento-main", "salmon"),
    ("ricebowl", ("an onigiri", "the egg one"), "filling", "tuna-mayo"),
    ("ricebowl", ("饭团", "有蛋的那个"), "filling", "tuna-mayo"),
])
def test_an_option_named_by_what_it_has(menu: str, said: tuple[str, ...], group: str,
                                        want: str) -> None:
    ((_, _, opts),) = lines_after(menu, *said)
    assert opts[group] == (want,)


@pytest.mark.parametrize(("menu", "said"), [
    ("ricebowl", ("an onigiri", "the fish one")),  # tuna mayo and salmon both have fish
    ("japanese", ("chicken katsu curry", "the bigger one")),  # spice levels have no size
])
def test_a_description_that_fits_several_or_none_is_asked_again(
        menu: str, said: tuple[str, ...]) -> None:
    assert lines_after(menu, *said) == []


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("japanese", ("i want a curry", "the veggie one", "hot"), "veggie-curry"),
    ("canteen", ("dumplings", "the veggie one"), "leek-egg-dumplings"),
    ("canteen", ("饺子", "素的那个"), "leek-egg-dumplings"),
])
def test_the_veggie_one_among_dishes_is_the_vegetarian_dish(
        menu: str, said: tuple[str, ...], want: str) -> None:
    """Answering "which one?", "the veggie one" picks the dish, not a diet statement."""
    ((item, _, _),) = lines_after(menu, *said)
    assert item == want
