"""Small words that decide what a phrase is: an article is not a count ("with a fried
egg" is an add-on of the one steak, "and a large one" is another dish), and a stop
word does not glue itself to a shorter menu phrase ("with rice noodles" is not "with
rice" + "noodles"). Found in the second blind batch (tests/data/blind2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.menu import load_menu
from kiosk.order import Conversation

MENUS = Path(__file__).resolve().parents[2] / "menus"


def _lines(said: str, menu: str) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    turn = Conversation(load_menu(MENUS / f"{menu}.toml")).turn(said, "en")
    return [(ln.item, ln.quantity, dict(ln.options)) for ln in turn.cart.lines]


@pytest.mark.parametrize(("said", "base"), [
    ("char siu with rice noodles please", "rice-noodles"),
    ("two roast duck with rice noodles", "rice-noodles"),
    ("a roast duck with rice", "rice"),
])
def test_a_stop_word_does_not_take_a_shorter_phrase(said: str, base: str) -> None:
    lines = _lines(said, "grill")
    assert len(lines) == 1 and lines[0][2]["base"] == (base,)


@pytest.mark.parametrize(("said", "extras"), [
    ("a medium well sirloin with a fried egg and bacon", ("bacon", "fried-egg")),
    ("one bbq pork over rice, extra meat and a fried egg", ("extra-meat", "fried-egg")),
])
def test_an_article_before_an_add_on_is_not_a_count(said: str,
                                                    extras: tuple[str, ...]) -> None:
    lines = _lines(said, "grill")
    assert len(lines) == 1 and lines[0][1] == 1
    assert tuple(sorted(lines[0][2]["extras"])) == extras


def test_an_article_before_a_side_after_options_is_the_same_dish() -> None:
    lines = _lines("a rare ribeye with no sauce and a side salad", "grill")
    assert len(lines) == 1 and lines[0][2]["side"] == ("salad",)


@pytest.mark.parametrize("said", ["a beef noodle soup and a large one",
                                  "a lemon tea, and an iced one"])
def test_a_and_one_count_another_dish(said: str) -> None:
    lines = _lines(said, "canteen")
    assert len(lines) == 2 and all(q == 1 for _, q, _ in lines)


def test_an_article_before_add_ons_and_their_dish_counts_that_dish() -> None:
    """"and a cheese, bacon sirloin": the add-ons come before their own dish."""
    lines = _lines("a ribeye medium rare and a cheese, bacon sirloin medium", "grill")
    assert [(i, q) for i, q, _ in lines] == [("ribeye-steak", 1), ("sirloin-steak", 1)]
    assert sorted(lines[1][2]["extras"]) == ["bacon", "cheese"]


@pytest.mark.parametrize(("said", "items"), [
    ("an egg rice roll and a tea egg", ["egg-rice-roll", "tea-egg"]),
    ("an egg pancake with an egg", ["egg-pancake"]),
])
def test_an_article_does_not_glue_to_a_shorter_phrase(said: str, items: list[str]) -> None:
    """"an egg" is an add-on's name, but "an egg rice roll" is "an" + the dish."""
    assert sorted(i for i, _, _ in _lines(said, "breakfast")) == items


@pytest.mark.parametrize(("said", "items"), [
    ("two egg pancakes, one with sausage and one with bacon", ["egg-pancake", "egg-pancake"]),
    ("a jianbing with youtiao and add chicken strips", ["jianbing"]),
])
def test_a_count_or_add_does_not_glue_to_a_shorter_phrase(said: str, items: list[str]) -> None:
    """"two eggs" and "add chicken" name add-ons, but "two egg pancakes" counts the dish
    and "add chicken strips" adds the strips; "extra wide" stays an option's own name."""
    assert sorted(i for i, _, _ in _lines(said, "breakfast")) == items


def test_extra_is_part_of_an_option_name() -> None:
    lines = _lines("a large spicy extra-beef noodle soup, wide noodles", "noodlebar")
    assert lines[0][2]["noodle-extras"] == ("extra-beef",)
