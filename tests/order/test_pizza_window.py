"""Causes found by the twelfth blind batch (tests/data/blind12, menus/pizzapasta.toml: a
pizza and pasta window; several options before a dish, comma lists, replacements and
corrections), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _lines(*said: str) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return sorted(lines_after("pizzapasta", *said, lang="auto"), key=lambda ln: (ln[0], str(ln[2])))


@pytest.mark.parametrize(("said", "item", "opts"), [
    (("一个大的意式香肠",), "pepperoni-pizza", {"size": ("12-inch",)}),
    (("俩大的意式香肠",), "pepperoni-pizza", {"size": ("12-inch",)}),
    (("一个意式香肠加橄榄",), "pepperoni-pizza", {"toppings": ("olives",)}),
    (("一个意式香肠披萨加芝士", "不是意式香肠的，要蔬菜的"), "veggie-pizza",
     {"toppings": ("extra-cheese",)}),
])
def test_an_option_a_dish_is_named_after_names_the_dish(
        said: tuple[str, ...], item: str, opts: dict[str, tuple[str, ...]]) -> None:
    """意式香肠 is a topping, and 意式香肠披萨 is named after it: said alone, with options
    before it, it is the pizza (not the pizza topped with more of itself)."""
    (got,) = _lines(*said)
    assert got[0] == item and all(got[2].get(g) == v for g, v in opts.items())
    assert "pepperoni" not in got[2].get("toppings", ())


def test_after_a_dish_that_offers_it_it_stays_the_option() -> None:
    assert _lines("一个玛格丽特加意式香肠") == [
        ("margherita", 1, {"size": ("9-inch",), "crust": ("pan",), "toppings": ("pepperoni",)})]


@pytest.mark.parametrize(("said", "want"), [
    (("一个玛格丽特一个意式香肠",), [("margherita", ()), ("pepperoni-pizza", ())]),
    (("一个大的意式香肠一个大的夏威夷，都要薄底",), [("hawaiian", ()), ("pepperoni-pizza", ())]),
    (("两个玛格丽特，一个意式香肠",), [("margherita", ()), ("margherita", ("pepperoni",))]),
])
def test_with_a_count_of_its_own_it_is_a_dish_of_its_own(
        said: tuple[str, ...], want: list[tuple[str, tuple[str, ...]]]) -> None:
    """After another dish said as one, the option with its own count is the dish named
    after it; after several, the count shares them out ("two kimbaps, one tuna")."""
    assert sorted((i, o.get("toppings", ())) for i, _, o in _lines(*said)) == want


@pytest.mark.parametrize(("said", "item", "group", "want"), [
    (("一个玛格丽特，一个意式香肠，一个夏威夷", "意式香肠那个要薄底"), "pepperoni-pizza", "crust",
     ("thin",)),
    (("一个意式香肠披萨一个玛格丽特", "玛格丽特不要了，意式香肠的改大的"), "pepperoni-pizza", "size",
     ("12-inch",)),
    (("一个玛格丽特一个意式香肠", "那个意式香肠再加点墨西哥辣椒"), "pepperoni-pizza", "toppings",
     ("jalapenos",)),
    (("a large margherita and a small pepperoni", "change the large one to thin crust"),
     "margherita", "crust", ("thin",)),
])
def test_a_line_named_by_what_its_dish_is_named_after(
        said: tuple[str, ...], item: str, group: str, want: tuple[str, ...]) -> None:
    lines = _lines(*said)
    assert [o[group] for i, _, o in lines if i == item] == [want]
    assert all(o.get(group) != want for i, _, o in lines if i != item)
