"""Causes found by the eighteenth blind batch (tests/data/blind18, menus/japanese.toml):
an answer said with a removal (酱油 小丸子不要了: shoyu for the ramen asked about, then no
takoyaki), and an option taken off in answer to a warning although its word is also part
of a dish name (哦那叉烧不要了: the extra chashu off the veggie ramen)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("japanese", ("叉烧拉面和小丸子", "酱油 小丸子不要了"), "chashu-ramen", "broth", "shoyu"),
    ("ricebowl", ("招牌拉面和毛豆", "酱油的 毛豆不要了"), "house-ramen", "broth", "shoyu"),
    ("ricebowl", ("a house ramen and edamame", "shoyu, no edamame"), "house-ramen", "broth",
     "shoyu"),
])
def test_an_answer_said_before_a_removal(menu: str, said: tuple[str, ...], item: str,
                                         group: str, want: str) -> None:
    """The option the removed dish does not take answers the open question."""
    ((got, _, opts),) = lines_after(menu, *said)
    assert got == item and opts[group] == (want,)


@pytest.mark.parametrize(("menu", "said", "item"), [
    ("japanese", ("我不吃猪肉", "蔬菜拉面酱油的加叉烧", "哦那叉烧不要了"), "veggie-ramen"),
    ("japanese", ("i don't eat pork", "a shoyu veggie ramen with extra chashu",
                  "oh right, no chashu then"), "veggie-ramen"),
    ("ricebowl", ("我不吃猪肉", "蔬菜拉面酱油的加叉烧", "哦那叉烧不要了"), "veggie-ramen"),
])
def test_the_clashing_option_taken_off_though_a_dish_is_named_so(
        menu: str, said: tuple[str, ...], item: str) -> None:
    ((got, _, opts),) = lines_after(menu, *said)
    assert got == item and "extra-chashu" not in opts.get("toppings", ())
