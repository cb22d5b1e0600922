"""A count that is not a whole number from 1 to 99 gets a question, never a
guess (issue: "0.5 beef noodles" was five bowls, 一点五碗 five, "-3" three)."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.fixture()
def canteen() -> Conversation:
    return Conversation(menu_for("canteen"))

NOT_WHOLE = ["0.5 beef noodles", "1/2 beef noodle soup", "3.7 cola", "-3 beef noodles",
             "negative three colas", "can I get .5 lemon teas", "two and 1/2 colas",
             "一点五碗牛肉面", "负三碗牛肉面", "0.5碗牛肉面", "来1.5杯可乐", "牛肉面要负二碗"]


@pytest.mark.parametrize("text", NOT_WHOLE)
def test_a_count_that_is_not_whole_is_asked_about(canteen: Conversation, text: str) -> None:
    turn = canteen.turn(text)
    assert canteen.cart.lines == ()
    assert "1" in turn.reply or "一到九十九" in turn.reply, turn.reply
    assert ("How many" in turn.reply) or ("要几" in turn.reply), turn.reply


@pytest.mark.parametrize(("text", "qty"), [("two beef noodles", 2), ("两碗牛肉面", 2),
                                           ("一碗牛肉面，一共十五元", 1),
                                           ("two beef noodles, that's 30 yuan", 2),
                                           ("two beef noodles, that's 30.50 yuan", 2)])
def test_whole_counts_and_prices_said_back(canteen: Conversation, text: str, qty: int) -> None:
    """Whole counts still count; a price said back ("30 yuan", 一共十五元) is no count."""
    canteen.turn(text)
    assert [ln.quantity for ln in canteen.cart.lines] == [qty]


@pytest.mark.parametrize(("said", "qty"), [("two dozen vegetable buns", 24),
                                           ("a dozen vegetable buns", 12)])
def test_dozens(said: str, qty: int) -> None:
    conv = Conversation(menu_for("breakfast"))
    assert [ln.quantity for ln in conv.turn(said, "en").cart.lines] == [qty]
