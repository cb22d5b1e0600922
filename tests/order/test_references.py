"""Causes found by the nineteenth blind batch (tests/data/blind19, menus/cantonese.toml:
references across turns), each fixed in general and tested on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]
from kiosk.order import Conversation

from corpus import menu_for  # type: ignore[import-not-found]  # isort: skip


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "take the first one off",
     ["milk-tea", "egg-tart"]),
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "remove the second one",
     ["char-siu-rice", "egg-tart"]),
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "the second one, cancel that",
     ["char-siu-rice", "egg-tart"]),
    ("cantonese", "一个叉烧包一个菠萝包", "第一个不要了", ["pineapple-bun"]),
    ("canteen", "a beef noodle soup, a cola and a lemon tea", "cancel the last one",
     ["beef-noodle-soup", "cola"]),
    ("canteen", "一碗牛肉面一瓶可乐", "第一个不要了", ["cola"]),
])
def test_a_removal_by_place_takes_that_line(menu: str, first: str, said: str,
                                             want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, first, said)] == want


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "the last thing I said, cancel it",
     ["char-siu-rice", "milk-tea"]),
    ("canteen", "a beef noodle soup and a cola", "the cola, cancel it", ["beef-noodle-soup"]),
])
def test_cancel_after_naming_a_line_removes_only_that(menu: str, first: str, said: str,
                                                      want: list[str]) -> None:
    """A lone "cancel" after a clause that names a line is that line's removal, never the
    whole order's cancellation."""
    assert [i for i, _, _ in lines_after(menu, first, said)] == want


def test_cancel_alone_still_cancels_the_order() -> None:
    assert lines_after("canteen", "a beef noodle soup and a cola", "cancel") == []


@pytest.mark.parametrize(("menu", "first", "said"), [
    ("cantonese", "two egg tarts", "make the milk tea iced"),
    ("cantonese", "两个蛋挞", "奶茶改成冻的"),
    ("canteen", "a beef noodle soup", "make the lemon tea iced"),
])
def test_changing_a_dish_not_in_the_cart_changes_nothing(menu: str, first: str, said: str) -> None:
    """"make the milk tea iced" names the dish whose options change; with none in the cart
    the kiosk says so, and nothing is added or removed."""
    conv = Conversation(menu_for(menu))
    conv.turn(first, "auto")
    before = [(ln.item, ln.quantity) for ln in conv.cart.lines]
    reply = conv.turn(said, "auto").reply
    assert [(ln.item, ln.quantity) for ln in conv.cart.lines] == before
    assert "no " in reply.lower() or "没有" in reply


@pytest.mark.parametrize(("menu", "first", "said", "item"), [
    ("cantonese", "two egg tarts", "make it a milk tea", "milk-tea"),
    ("cantonese", "a milk tea and a lemon tea", "make the milk tea iced", "milk-tea"),
])
def test_a_change_of_a_dish_in_the_cart_or_to_a_new_one_still_works(
        menu: str, first: str, said: str, item: str) -> None:
    lines = lines_after(menu, first, said)
    assert item in [i for i, _, _ in lines]
    if "iced" in said:
        assert dict((i, o) for i, _, o in lines)["milk-tea"]["temp"] == ("iced",)


def test_an_order_said_as_a_swap_on_an_empty_cart_is_an_order() -> None:
    ((item, _, _),) = lines_after("cantonese", "奶茶改成冻的")
    assert item == "milk-tea"
