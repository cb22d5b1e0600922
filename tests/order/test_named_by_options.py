"""A dish named by its options alone (counter shorthand: 一碗毛细), and a second line
like the one just added with another choice (一碗宽的一碗毛细)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.menu import load_menu
from kiosk.order import Conversation

MENUS = Path(__file__).resolve().parents[2] / "menus"


def _lines(said: str, lang: str) -> list[tuple[str, int, str]]:
    turn = Conversation(load_menu(MENUS / "noodlebar.toml")).turn(said, lang)
    return sorted((ln.item, ln.quantity, ",".join(o for _, ids in ln.options for o in ids))
                  for ln in turn.cart.lines)


@pytest.mark.parametrize(("said", "lang", "want"), [
    ("要一碗毛细，不要香菜", "zh", [("beef-noodle-soup", 1, "extra-thin,regular,no-cilantro")]),
    ("two extra thin please", "en", [("beef-noodle-soup", 2, "extra-thin,regular")]),
    ("一碗宽的一碗毛细", "zh", [("beef-noodle-soup", 1, "extra-thin,regular"),
                               ("beef-noodle-soup", 1, "wide,regular")]),
    ("a beef noodle soup wide, one extra thin", "en",
     [("beef-noodle-soup", 1, "extra-thin,regular"), ("beef-noodle-soup", 1, "wide,regular")]),
    ("两碗牛肉面，一碗宽的一碗毛细", "zh", [("beef-noodle-soup", 1, "extra-thin,regular"),
                                         ("beef-noodle-soup", 1, "wide,regular")]),
])
def test_options_name_the_dish(said: str, lang: str, want: list[tuple[str, int, str]]) -> None:
    assert _lines(said, lang) == want


def test_an_option_many_dishes_offer_names_none() -> None:
    # every noodle dish can be made without cilantro: no guess
    assert _lines("一份不要香菜", "zh") == []


@pytest.mark.parametrize(("first", "then", "lang", "want"), [
    ("a beef skewer", "not that, the lamb one", "en", [("lamb-skewer", 1)]),
    ("five beef skewers", "sorry, not beef, lamb", "en", [("lamb-skewer", 5)]),
    ("a beef skewer", "make it lamb", "en", [("lamb-skewer", 1)]),
    ("来五串牛肉串", "不是牛肉的，要羊肉的", "zh", [("lamb-skewer", 5)]),
])
def test_a_replacement_by_a_partial_name_is_the_old_dish_with_that_word_changed(
        first: str, then: str, lang: str, want: list[tuple[str, int]]) -> None:
    conv = Conversation(load_menu(MENUS / "noodlebar.toml"))
    conv.turn(first, lang)
    turn = conv.turn(then, lang)
    assert [(ln.item, ln.quantity) for ln in turn.cart.lines] == want
    assert turn.question is None


def test_a_partial_name_like_none_of_the_old_asks() -> None:
    conv = Conversation(load_menu(MENUS / "noodlebar.toml"))
    conv.turn("a naan", "en")
    turn = conv.turn("make it lamb", "en")  # no lamb naan: which lamb dish?
    assert turn.question is not None and turn.question.slot == "item"
    assert "lamb-skewer" in turn.question.choices and len(turn.question.choices) > 2


@pytest.mark.parametrize(("said", "lang", "item", "staple", "warned"), [
    ("老板，一份回锅肉盖饭", "zh", "twice-cooked-pork", ("rice",), False),  # 盖饭: over rice
    ("一份宫保鸡丁盖饭", "zh", "kung-pao-chicken-rice", None, False),  # it is rice already
    ("kung pao chicken rice over rice", "en", "kung-pao-chicken-rice", None, False),
    ("牛肉面加冰", "zh", "beef-noodle-soup", None, True),  # ice is not what noodles are
])
def test_an_option_the_dish_already_is_is_not_a_misfit(said: str, lang: str, item: str,
                                                      staple: tuple[str, ...] | None,
                                                      warned: bool) -> None:
    turn = Conversation(load_menu(MENUS / "canteen.toml")).turn(said, lang)
    [line] = turn.cart.lines
    assert (line.item, dict(line.options).get("staple")) == (item, staple)
    assert ("不能选" in turn.reply or "doesn't come with" in turn.reply) == warned


@pytest.mark.parametrize(("said", "lang"), [
    ("not fries, salad", "en"), ("no fries, salad instead", "en"),
    ("salad instead of fries", "en"), ("swap the fries for salad", "en"),
    ("change the fries to salad", "en"), ("薯条不要了，换沙拉", "zh"),
])
def test_a_dish_word_that_names_a_lines_option_swaps_the_option(said: str, lang: str) -> None:
    conv = Conversation(load_menu(MENUS / "bakery.toml"))
    conv.turn("a cheeseburger with fries" if lang == "en" else "芝士汉堡配薯条", lang)
    turn = conv.turn(said, lang)
    assert [(ln.item, dict(ln.options).get("sides")) for ln in turn.cart.lines] == [
        ("cheeseburger", ("add-salad",))]


def test_no_fries_takes_the_side_off() -> None:
    conv = Conversation(load_menu(MENUS / "bakery.toml"))
    conv.turn("a cheeseburger with fries", "en")
    [line] = conv.turn("no fries", "en").cart.lines
    assert (line.item, dict(line.options).get("sides")) == ("cheeseburger", None)
