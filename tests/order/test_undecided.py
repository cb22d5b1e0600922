"""A diner still choosing between two dishes is asked, not given both
(kiosk/order/undecided.py; found by the eleventh blind batch)."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "answer", "want"), [
    ("korean", "hmm, kimchi fried rice or bibimbap, kimchi fried rice or bibimbap",
     "okay, um, the bibimbap", "stone-pot-bibimbap"),
    ("korean", "泡菜炒饭还是拌饭呢……泡菜炒饭还是拌饭……", "嗯 拌饭吧", "stone-pot-bibimbap"),
    ("pizzapasta", "a cola or a sprite", "sprite", "sprite"),
])
def test_a_or_b_is_asked_about(menu: str, said: str, answer: str, want: str) -> None:
    talk = Conversation(menu_for(menu))
    talk.turn(said)
    assert not talk.cart.lines and talk.question is not None
    talk.turn(answer)
    assert [(ln.item, ln.quantity) for ln in talk.cart.lines] == [(want, 1)]


def test_haishi_with_ba_is_a_decision() -> None:
    """还是拌饭吧 decides (a correction of what was said before it)."""
    talk = Conversation(menu_for("korean"))
    talk.turn("泡菜炒饭，还是拌饭吧")
    assert [ln.item for ln in talk.cart.lines] == ["stone-pot-bibimbap"]
