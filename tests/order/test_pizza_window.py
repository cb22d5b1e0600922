"""Causes found by the twelfth blind batch (tests/data/blind12, menus/pizzapasta.toml: a
pizza and pasta window; several options before a dish, comma lists, replacements and
corrections), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _lines(*said: str) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return sorted(lines_after("pizzapasta", *said, lang="auto"))


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
