"""Causes found by the eighteenth blind batch (tests/data/blind18, menus/japanese.toml):
a dish that goes against what the diner said is warned about before a required choice
of it is asked, and what the diner avoids is said back as avoided."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]


def _talk(menu: str, *said: str) -> object:
    from kiosk.order import Conversation

    conv = Conversation(menu_for(menu))
    for text in said:
        turn = conv.turn(text)
    return conv, turn


@pytest.mark.parametrize(("menu", "said"), [
    ("japanese", ("I'm vegetarian", "a chashu ramen")),
    ("japanese", ("我吃素", "来碗叉烧拉面")),
    ("ricebowl", ("I'm vegetarian", "a house ramen")),
    ("ricebowl", ("我吃素", "一碗招牌拉面")),
])
def test_the_clash_is_asked_before_the_required_choice(menu: str, said: tuple[str, ...]) -> None:
    """No broth is asked for a dish the diner cannot eat: "it has pork. Still add it?"
    comes first."""
    conv, _ = _talk(menu, *said)
    assert conv.question is not None and conv.question.slot == "conflict"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("menu", "said", "no"), [
    ("japanese", ("i dont eat pork", "pork katsu don"), "no"),
    ("japanese", ("我不吃猪肉", "猪排丼"), "不要了"),
    ("ricebowl", ("I'm vegetarian", "a house ramen"), "no thanks"),
])
def test_no_to_the_warning_drops_the_dish(menu: str, said: tuple[str, ...], no: str) -> None:
    conv, turn = _talk(menu, *said, no)
    assert (turn.act, turn.intent) == ("answer", "no")  # type: ignore[attr-defined]
    assert not conv.cart.lines  # type: ignore[attr-defined]
    assert conv.question is None or conv.question.slot == "offer"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("menu", "said", "item", "group", "option"), [
    ("japanese", ("I'm vegetarian", "a chashu ramen", "yes", "shoyu"),
     "chashu-ramen", "broth", "shoyu"),
    ("ricebowl", ("I'm vegetarian", "a house ramen", "yes", "shoyu"),
     "house-ramen", "broth", "shoyu"),
    ("ricebowl", ("我吃素", "一碗招牌拉面", "要", "酱油的"), "house-ramen", "broth", "shoyu"),
])
def test_yes_to_the_warning_then_the_choice_is_not_warned_again(
        menu: str, said: tuple[str, ...], item: str, group: str, option: str) -> None:
    conv, _ = _talk(menu, *said)
    ((line),) = conv.cart.lines  # type: ignore[attr-defined]
    assert line.item == item and dict(line.options)[group] == (option,)
    assert conv.question is None  # type: ignore[attr-defined]


def test_another_dish_named_to_the_warning_is_asked_its_own_choice() -> None:
    """"ok the veggie one then": the veggie ramen, whose own broth is asked next."""
    conv, _ = _talk("japanese", "i'm vegetarian", "chashu ramen please", "ok the veggie one then")
    assert conv.question is not None and conv.question.slot == "veg-broth"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("japanese", "i dont eat pork", "no pork"),
    ("ricebowl", "I don't eat beef", "no beef"),
    ("japanese", "我不吃猪肉", "不要猪肉"),
])
def test_what_is_avoided_is_said_back_as_avoided(menu: str, said: str, want: str) -> None:
    _, turn = _talk(menu, said)
    assert want in turn.reply  # type: ignore[attr-defined]
