"""Options named by a count ("6 pieces", 十块): a bare count says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.menu import load_menu
from kiosk.order import Conversation
from kiosk.order.index import index_for
from kiosk.order.numbers import leading_count

MENUS = Path(__file__).resolve().parents[2] / "menus"


@pytest.fixture()
def bakery() -> Conversation:
    return Conversation(load_menu(MENUS / "bakery.toml"))


@pytest.mark.parametrize(("name", "count"), [
    ("10 pieces", 10), ("six piece", 6), ("十块", 10), ("十块装", 10), ("两个", 2),
    ("0% sugar", None), ("一点辣", None), ("二两", None), ("large", None), ("ten", None),
])
def test_leading_count(name: str, count: int | None) -> None:
    assert leading_count(name, {"piece", "pieces"}) == count


def test_only_count_names_are_indexed() -> None:
    assert index_for(load_menu(MENUS / "bakery.toml")).counted == {
        6: (("nugget-count", "six"),), 10: (("nugget-count", "ten"),)}
    assert index_for(load_menu(MENUS / "canteen.toml")).counted == {}  # 二两 is a weight


@pytest.mark.parametrize(("answer", "lang"), [("ten", "en"), ("10", "en"), ("the ten", "en"),
                                              ("十块", "zh"), ("十个", "zh")])
def test_a_bare_count_answers_the_count_question(bakery: Conversation, answer: str,
                                                 lang: str) -> None:
    asked = bakery.turn("two chicken nuggets" if lang == "en" else "两份鸡块", lang)
    assert asked.question is not None and asked.question.slot == "nugget-count"
    turn = bakery.turn(answer, lang)
    assert turn.question is None
    [line] = turn.cart.lines
    assert line.quantity == 2  # the count named the option; it is not the number of orders
    assert dict(line.options)["nugget-count"] == ("ten",)


@pytest.mark.parametrize(("said", "lang", "reply"), [
    ("how much more for ten", "en", "7 yuan extra"), ("十块贵多少", "zh", "加七元")])
def test_the_price_of_a_count_option(bakery: Conversation, said: str, lang: str,
                                     reply: str) -> None:
    bakery.turn("chicken nuggets please" if lang == "en" else "鸡块", lang)
    turn = bakery.turn(said, lang)
    assert turn.intent == "ask_price" and reply in turn.reply
    assert turn.cart.lines == ()


@pytest.mark.parametrize(("first", "change", "lang", "qty", "pieces"), [
    ("a six piece nuggets", "make it ten", "en", 1, "ten"),
    ("a ten piece nuggets", "make it six", "en", 1, "six"),
    ("two six piece nuggets", "make it three", "en", 3, "six"),  # three is no option: a count
    ("六块鸡块", "改成十块", "zh", 1, "ten"),
])
def test_make_it_a_count_that_names_an_option(bakery: Conversation, first: str, change: str,
                                              lang: str, qty: int, pieces: str) -> None:
    bakery.turn(first, lang)
    [line] = bakery.turn(change, lang).cart.lines
    assert (line.quantity, dict(line.options)["nugget-count"]) == (qty, (pieces,))
