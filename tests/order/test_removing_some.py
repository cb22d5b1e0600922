"""Taking some of a line off, however it is said: "take one of the soy milks off" (the
particle after its object), "take two off", "one less", 豆浆少要一杯, 茶叶蛋去掉一个 (the
count after the verb). Found in the third blind batch."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import lines_after  # type: ignore[import-not-found]

from kiosk.menu import load_menu
from kiosk.order import Conversation

BREAKFAST = load_menu(Path(__file__).resolve().parents[2] / "menus" / "breakfast.toml")


def _counts(*said: str) -> dict[str, int]:
    conv = Conversation(BREAKFAST)
    for text in said:
        conv.turn(text)
    return {ln.item: ln.quantity for ln in conv.cart.lines}


@pytest.mark.parametrize(("first", "then", "left"), [
    ("three soy milks and two youtiao", "take one of the soy milks off",
     {"soy-milk": 2, "youtiao": 2}),
    ("three soy milks and two youtiao", "take the soy milk off please", {"youtiao": 2}),
    ("six red bean buns", "take two off", {"red-bean-bun": 4}),
    ("five youtiao", "one less", {"youtiao": 4}),
    ("三杯豆浆两根油条", "豆浆少要一杯", {"soy-milk": 2, "youtiao": 2}),
    ("一个煎饼果子加薄脆，两个茶叶蛋", "茶叶蛋去掉一个", {"jianbing": 1, "tea-egg": 1}),
])
def test_some_of_a_line_comes_off(first: str, then: str, left: dict[str, int]) -> None:
    assert _counts(first, then) == left


@pytest.mark.parametrize(("menu", "first", "then", "left"), [
    ("canteen", "一碗牛肉面，一杯可乐", "把汉堡去掉", {"beef-noodle-soup": 1, "cola": 1}),
    ("canteen", "a beef noodle soup and a cola", "remove the hamburger",
     {"beef-noodle-soup": 1, "cola": 1}),
])
def test_removing_what_is_not_on_the_menu_removes_nothing(menu: str, first: str, then: str,
                                                          left: dict[str, int]) -> None:
    """"把汉堡去掉" once removed the last line (the cola): a named thing we do not know is
    not in the cart, whatever the cart's last line is."""
    conv = Conversation(load_menu(Path(__file__).resolve().parents[2] / "menus" / f"{menu}.toml"))
    conv.turn(first)
    turn = conv.turn(then)
    assert {ln.item: ln.quantity for ln in conv.cart.lines} == left
    assert "汉堡" in turn.reply or "hamburger" in turn.reply


def test_a_head_word_said_of_the_one_dish_in_the_cart_that_has_it() -> None:
    assert _counts("一碗皮蛋瘦肉粥，四个烧卖", "把粥去掉") == {"shaomai": 4}


@pytest.mark.parametrize(("first", "change", "yes", "lang"), [
    ("three jianbing with cracker", "make it five", "yes", "en"),
    ("三个煎饼果子加薄脆", "改成五个", "可以", "zh"),
])
def test_a_change_over_the_limit_offers_the_limit(first: str, change: str, yes: str,
                                                  lang: str) -> None:
    """At most four jianbings: "make it five" offers four; yes makes it four."""
    conv = Conversation(BREAKFAST)
    conv.turn(first, lang)
    turn = conv.turn(change, lang)
    assert turn.question is not None and turn.question.slot == "partial"
    assert ("four" in turn.question.text) if lang == "en" else ("四" in turn.question.text)
    conv.turn(yes, lang)
    assert [(ln.item, ln.quantity) for ln in conv.cart.lines] == [("jianbing", 4)]


def test_a_dish_then_never_mind_takes_that_dish_back() -> None:
    """毛豆算了: not the whole order cancelled, not a correction: the edamame goes."""
    lines = lines_after("ricebowl", "照烧鸡腿饭一份毛豆一份", "毛豆算了", lang="zh")
    assert [i for i, _, _ in lines] == ["teriyaki-chicken"]


def test_dip_said_with_its_verb_answers_the_offer() -> None:
    """那来一份 蘸沙拉酱: 蘸 (to dip) is no dish; the karaage comes with mayo."""
    lines = lines_after("ricebowl", "炸鸡有花生吗", "那来一份 蘸沙拉酱", lang="zh")
    assert [(i, o.get("dips")) for i, _, o in lines] == [("karaage", ("mayo",))]
