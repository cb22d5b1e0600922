"""Code-switching (kiosk.order.mixed): menu names said in the other language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.menu.load import load_menu
from kiosk.menu.model import Menu
from kiosk.order import Conversation, index_for
from kiosk.order.mixed import turn_language, unmix

MENUS = Path(__file__).resolve().parents[2] / "menus"


@pytest.fixture(scope="module")
def canteen() -> Menu:
    return load_menu(MENUS / "canteen.toml")


@pytest.mark.parametrize(("text", "lang"), [
    ("two beef noodle soups and a 柠檬茶", "en"),
    ("can I get one 牛肉面 please", "en"),
    ("how much is the 牛肉面", "en"),
    ("一杯lemon tea", "zh"),
    ("一碗beef noodle soup，大份的", "zh"),
    ("um 两碗牛肉面", "zh"),
    ("two beef noodle soups", "en"),
    ("两碗牛肉面", "zh"),
])
def test_a_turn_is_in_the_language_of_its_words_that_are_not_menu_names(
        canteen: Menu, text: str, lang: str) -> None:
    assert turn_language(text, index_for(canteen)) == lang


def test_names_in_the_other_language_are_rewritten(canteen: Menu) -> None:
    index = index_for(canteen)
    assert unmix("一杯lemon tea", "zh", index) == "一杯柠檬茶"
    assert "lemon tea" in unmix("two beef noodle soups and a 柠檬茶", "en", index)
    assert unmix("两碗牛肉面", "zh", index) == "两碗牛肉面"  # nothing to rewrite
    assert unmix("一杯 hello", "zh", index) == "一杯 hello"  # not a menu name: kept


@pytest.mark.parametrize(("text", "reply_lang", "cart"), [
    ("two beef noodle soups and a 柠檬茶", "en", {"beef-noodle-soup": 2, "lemon-tea": 1}),
    ("一杯lemon tea", "zh", {"lemon-tea": 1}),
    ("一碗beef noodle soup 一杯lemon tea", "zh", {"beef-noodle-soup": 1, "lemon-tea": 1}),
])
def test_a_mixed_order_fills_the_cart_and_is_answered_in_the_turns_language(
        canteen: Menu, text: str, reply_lang: str, cart: dict[str, int]) -> None:
    talk = Conversation(canteen)
    turn = talk.turn(text)
    assert turn.language == reply_lang
    assert {line.item: line.quantity for line in talk.cart.lines} == cart
