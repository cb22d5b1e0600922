""""just one of the yuenyeung" with two in the cart keeps one (nineteenth blind batch,
menus/cantonese.toml); it added a third before. Also on the canteen's menu; with
options it still splits one off ("one of the beef noodle soups without cilantro")."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "first", "said", "item", "qty"), [
    ("cantonese", "two yuenyeung iced and a pineapple bun", "just one of the yuenyeung",
     "yuenyeung", 1),
    ("cantonese", "two yuenyeung iced and a pineapple bun", "only one of the yuenyeungs",
     "yuenyeung", 1),
    ("canteen", "two beef noodle soups and a cola", "just one of the beef noodle soups",
     "beef-noodle-soup", 1),
    ("canteen", "three colas and a beef noodle soup", "only two of the colas", "cola", 2),
])
def test_n_of_the_dish_in_the_cart_keeps_n(menu: str, first: str, said: str, item: str,
                                           qty: int) -> None:
    before = {i for i, _, _ in lines_after(menu, first)}
    after = lines_after(menu, first, said)
    assert {i for i, _, _ in after} == before
    assert sum(q for i, q, _ in after if i == item) == qty


def test_one_of_them_with_options_still_splits() -> None:
    lines = lines_after("canteen", "two beef noodle soups and a cola",
                        "one of the beef noodle soups without cilantro")
    assert sum(q for i, q, _ in lines if i == "beef-noodle-soup") == 2
