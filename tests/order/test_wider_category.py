"""A category word wider than the menu's own (the twentieth blind batch,
menus/taiwanese.toml, whose drinks are milk tea, fruit tea and tea): "what drinks do you
have", 你们有什么喝的, "anything without caffeine to drink", 有没有不含咖啡因的饮料 name
every category the vocabulary's ``includes`` puts under it; tested on the bubble tea
menu too."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.menu.vocabulary import vocabulary
from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", "What drinks do you have?", {"bubble-milk-tea", "milk-tea", "winter-melon-tea",
                                               "passion-fruit-green-tea", "kumquat-lemon-tea"}),
    ("taiwanese", "你们有什么喝的", {"bubble-milk-tea", "milk-tea", "winter-melon-tea",
                                 "passion-fruit-green-tea", "kumquat-lemon-tea"}),
    ("taiwanese", "Do you have anything without caffeine to drink?", {"winter-melon-tea"}),
    ("taiwanese", "有没有不含咖啡因的饮料啊", {"winter-melon-tea"}),
])
def test_a_wider_category_lists_the_ones_under_it(menu: str, said: str, want: set[str]) -> None:
    turn = Conversation(menu_for(menu)).turn(said)
    assert (turn.act, turn.intent) == ("question", "ask_category")
    assert turn.answer is not None and set(turn.answer["items"]) == want
    assert not turn.actions


@pytest.mark.parametrize("said", ["what drinks do you have", "有什么喝的",
                                  "do you have anything without caffeine to drink"])
def test_on_another_menu_of_teas(said: str) -> None:
    """Every dish listed is of a category under "drinks", the caffeine-free ones without it."""
    menu = menu_for("bubbletea")
    if "drinks" in menu.categories():
        pytest.skip("the menu has a drinks category of its own")
    turn = Conversation(menu).turn(said)
    assert turn.intent == "ask_category" and turn.answer is not None and turn.answer["items"]
    under = set(vocabulary().categories["drinks"].includes)
    assert all(menu.item(i).category in under for i in turn.answer["items"])
    if "caffeine" in said:
        assert all("caffeine" not in menu.item(i).contains for i in turn.answer["items"])
