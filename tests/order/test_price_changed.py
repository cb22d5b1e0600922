"""A price question about a dish said with an option in place of its own (kiosk/order/
things.py): 沙拉碗换藜麦底要加多少钱 is what the quinoa base adds, 金枪鱼三明治换恰巴塔配小
沙拉多少钱 the sandwich with those options; nothing is ordered."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("text", "amount"), [
    ("沙拉碗换藜麦底要加多少钱", 300),
    ("沙拉碗换成藜麦底要加多少钱", 300),
    ("金枪鱼三明治换恰巴塔配小沙拉多少钱", 2900),
    ("金枪鱼三明治换全麦面包多少钱", 2500),
    ("how much is the tuna melt swap to ciabatta", 2700),
])
def test_a_dish_with_an_option_swapped_in_is_priced_so(text: str, amount: int) -> None:
    conv = Conversation(menu_for("saladbar"))
    turn = conv.turn(text)
    assert (turn.act, turn.intent) == ("question", "ask_price") and conv.cart.is_empty
    assert (turn.answer or {}).get("amount") == amount


def test_a_change_said_as_an_order_still_orders() -> None:
    conv = Conversation(menu_for("saladbar"))
    conv.turn("金枪鱼三明治")
    turn = conv.turn("金枪鱼三明治换恰巴塔")
    assert turn.act == "order"
    assert [dict(ln.options)["bread"] for ln in conv.cart.lines] == [("ciabatta",)]
