"""Polite wrappers and hedges around an order (the twentieth blind batch,
menus/taiwanese.toml) that used to leak words: "I'll try one with seaweed powder", "I
wonder if X is nice with Y. I'll try it that way", "Just the X then, I think", "that's too
much fried food", "Perfect, that's all", 牛肉能不能多加点. Words are data (phrases.toml:
carriers, asides, stop, acts lead and tail, about_me, more_after); tested on the canteen."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("taiwanese", ("Could you tell me how much the fried squid is?",
                   "OK, I'll try one with seaweed powder."), "fried-squid", "seasoning", ("seaweed",)),
    ("taiwanese", ("I wonder if the popcorn chicken is nice with plum powder. I'll try it that way.",),
     "popcorn-chicken", "seasoning", ("plum",)),
    ("taiwanese", ("一碗牛肉面，牛肉能不能多加点",), "beef-noodle-soup", "beef-extras", ("extra-beef",)),
    ("canteen", ("how much is the beef noodle soup?", "OK, I'll try one, not spicy."),
     "beef-noodle-soup", "spice", ("not-spicy",)),
    ("canteen", ("I wonder if the beef noodle soup is nice not spicy. I'll try it that way.",),
     "beef-noodle-soup", "spice", ("not-spicy",)),
    ("canteen", ("一碗牛肉面，肉能不能多加点",), "beef-noodle-soup", "noodle-extras", ("extra-meat",)),
])
def test_the_hedged_order_is_one_dish_as_said(menu: str, said: tuple[str, ...], item: str,
                                              group: str, want: tuple[str, ...]) -> None:
    ((got, qty, opts),) = lines_after(menu, *said)
    assert (got, qty, opts.get(group)) == (item, 1, want)


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("taiwanese", "a chicken cutlet, a popcorn chicken and a fried squid",
     "Hmm, that's too much fried food. Just the chicken cutlet then, I think.", "chicken-cutlet"),
    ("canteen", "a beef noodle soup, a cola and a tea egg",
     "Hmm, that's too much food. Just the beef noodle soup then, I think.", "beef-noodle-soup"),
])
def test_keep_only_said_with_a_hedge(menu: str, first: str, said: str, want: str) -> None:
    conv = Conversation(menu_for(menu))
    conv.turn(first)
    turn = conv.turn(said)
    assert [ln.item for ln in turn.cart.lines] == [want] and turn.question is None


@pytest.mark.parametrize(("menu", "first"), [("taiwanese", "a milk tea"), ("canteen", "a cola")])
def test_perfect_thats_all_is_done(menu: str, first: str) -> None:
    conv = Conversation(menu_for(menu))
    conv.turn(first)
    turn = conv.turn("Perfect, that's all, thank you.")
    assert (turn.act, turn.intent) == ("answer", "done")
