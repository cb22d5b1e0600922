""""The same again": what was just added is added again, as it was, in this utterance
("a flaky pancake for me and the same for him", 他也一样) or from the last turn that
added something ("two tea eggs" -> "same again please", 每样再来一份). A count said with
it says how many more (再来两杯一样的). Found in the third blind batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import lines_after  # type: ignore[import-not-found]

from kiosk.menu import load_menu
from kiosk.order import Conversation

MENUS = Path(__file__).resolve().parents[2] / "menus"


def _counts(menu: str, *said: str) -> tuple[dict[str, int], str]:
    conv = Conversation(load_menu(MENUS / f"{menu}.toml"))
    reply = ""
    for text in said:
        reply = conv.turn(text).reply
    return {ln.item: ln.quantity for ln in conv.cart.lines}, reply


@pytest.mark.parametrize(("said", "cart"), [
    (("two tea eggs", "same again please"), {"tea-egg": 4}),
    (("a flaky pancake for me and the same for him",), {"flaky-pancake": 2}),
    (("a jianbing with youtiao and a soy milk", "the same again for both"),
     {"jianbing": 2, "soy-milk": 2}),
    (("我要一个手抓饼，他也一样",), {"flaky-pancake": 2}),
    (("一个煎饼果子加油条，一杯豆浆", "每样再来一份"), {"jianbing": 2, "soy-milk": 2}),
    (("一份鸡蛋肠粉，微辣", "给我朋友也来一份一样的"), {"egg-rice-roll": 2}),
])
def test_the_same_again(said: tuple[str, ...], cart: dict[str, int]) -> None:
    assert _counts("breakfast", *said)[0] == cart


def test_a_count_said_with_the_same_is_how_many_more() -> None:
    assert _counts("canteen", "一杯奶茶", "再来两杯一样的")[0] == {"milk-tea": 3}


def test_the_same_dish_added_twice_is_said_once_with_both_counts() -> None:
    assert _counts("breakfast", "a flaky pancake for me and the same for him")[1].startswith(
        "Two flaky pancakes.")


def test_another_one_same_as_before_is_one_more() -> None:
    """"same as before" after "another one" says which one, it is not one more again."""
    cart = _counts("breakfast", "a large iced soy milk, half sugar",
                   "and another one, same as before")[0]
    assert cart == {"soy-milk": 2}


@pytest.mark.parametrize(("said", "lang"), [
    (("can I get a shoyu ramen with no scallions and, uh, a chicken ramen same thing",), "en"),
    (("a shoyu ramen with no scallions", "a chicken ramen, same thing"), "en"),
    (("一碗酱油拉面不要葱", "鸡肉拉面也一样"), "zh"),
])
def test_a_dish_then_the_same_takes_the_options_of_the_line_before(
        said: tuple[str, ...], lang: str) -> None:
    lines = {i: o for i, _, o in lines_after("ricebowl", *said, lang=lang)}
    assert lines["chicken-ramen"]["broth"] == ("shoyu",)
    assert lines["chicken-ramen"]["ramen-toppings"] == ("no-scallion",)
    assert sum(q for _, q, _ in lines_after("ricebowl", *said, lang=lang)) == 2
