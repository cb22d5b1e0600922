"""Causes found by the eighteenth blind batch (tests/data/blind18, menus/japanese.toml):
a comparison asked while the kiosk asks a choice ("which one's better", 你们哪个汤底好吃,
"which is better six or ten") is an ``ask_choice`` question: each choice priced, nothing
ordered, the question kept open."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "slot"), [
    ("japanese", ("a gyudon", "which one's better"), "bowl-size"),
    ("japanese", ("叉烧拉面", "你们哪个汤底好吃"), "broth"),
    ("japanese", ("chashu ramen", "which broth is better"), "broth"),
    ("japanese", ("gyoza please", "which is better six or ten"), "pieces"),
    ("hawker", ("hainanese chicken rice", "which one's better"), "chicken"),
    ("ricebowl", ("招牌拉面", "哪个汤底好吃"), "broth"),
    ("dumplings", ("pork and cabbage dumplings", "which is better twelve or eighteen"), "count"),
])
def test_a_comparison_while_a_choice_is_asked(menu: str, said: tuple[str, ...], slot: str) -> None:
    from kiosk.order import Conversation

    conv = Conversation(menu_for(menu))
    for text in said:
        turn = conv.turn(text)
    assert (turn.act, turn.intent) == ("question", "ask_choice")
    assert not conv.cart.lines
    assert conv.question is not None and conv.question.slot == slot
    assert turn.answer is not None and turn.answer["kind"] == "choice_prices"
