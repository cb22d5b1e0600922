"""Options that are verbs are named by their other forms ("toast", "heat up")."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.menu import load_menu
from kiosk.order import Conversation
from kiosk.order.index import verb_forms

MENUS = Path(__file__).resolve().parents[2] / "menus"


@pytest.mark.parametrize(("key", "forms"), [
    (("toasted",), [("toast",)]),
    (("warmed", "up"), [("warm", "up"), ("warmed", "it", "up")]),
    (("heat", "it", "up"), [("heat", "up")]),
    (("fried",), [("fry",)]),
    (("chopped",), [("chop",)]),
    (("baked",), [("bak",), ("bake",)]),
    (("iced",), []),  # too short to be a participle of anything
    (("large",), []),
])
def test_verb_forms(key: tuple[str, ...], forms: list[tuple[str, ...]]) -> None:
    assert verb_forms(key) == forms


@pytest.mark.parametrize("said", ["heat up the bagel", "toast the bagel", "warm up the bagel"])
def test_a_verb_form_changes_the_named_line(said: str) -> None:
    conv = Conversation(load_menu(MENUS / "bakery.toml"))
    conv.turn("a bagel", "en")
    conv.turn("and a muffin", "en")
    lines = {line.item: (line.quantity, dict(line.options)["warm-up"])
             for line in conv.turn(said, "en").cart.lines}
    assert lines == {"bagel": (1, ("heated",)), "muffin": (1, ("not-heated",))}


@pytest.mark.parametrize(("said", "extras"), [
    ("take off the bacon and add cheese", ("extra-cheese",)),  # "add" ends the removals
    ("remove the bacon and cheese", None),  # a list of removals
])
def test_add_after_a_removal_adds(said: str, extras: tuple[str, ...] | None) -> None:
    conv = Conversation(load_menu(MENUS / "bakery.toml"))
    conv.turn("a burger with bacon and cheese", "en")
    turn = conv.turn(said, "en")
    [line] = turn.cart.lines
    assert dict(line.options).get("extras") == extras
    assert turn.reply.count("Now") == 1  # one line changed twice is said once


def test_an_option_said_in_another_order() -> None:
    conv = Conversation(load_menu(MENUS / "bubbletea.toml"))
    conv.turn("a large lychee black tea with full sugar", "en")
    [line] = conv.turn("sorry, change the sugar to half", "en").cart.lines
    assert dict(line.options)["sugar"] == ("sugar-50",)  # "sugar half" is "half sugar"


@pytest.mark.parametrize("said", ["ice less please", "change the ice to less"])
def test_a_group_name_then_a_word_that_with_it_is_an_option(said: str) -> None:
    conv = Conversation(load_menu(MENUS / "bubbletea.toml"))
    conv.turn("a large lychee black tea", "en")
    [line] = conv.turn(said, "en").cart.lines
    assert dict(line.options)["ice"] == ("less-ice",)


def test_a_group_named_then_a_longer_option() -> None:
    """"change the broth to spicy miso": not "spicy broth" (an alias) + "miso"."""
    from corpus import lines_after  # type: ignore[import-not-found]

    lines = lines_after("ricebowl", "a miso ramen", "change the broth to spicy miso", lang="en")
    assert [o.get("broth") for _, _, o in lines] == [("spicy-miso",)]
