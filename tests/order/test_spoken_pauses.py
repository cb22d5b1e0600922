"""A cause found by the realistic lunch batch 28 (tests/data/blind28, menus/thai.toml): a
space between Chinese words is a pause, a comma, also where a turn is cut into sentences
(来份红咖喱饭 牛肉的 加个蛋 一共多少钱 orders the curry, then says the total, as
来份红咖喱饭，一共多少钱 did); tested on more menus than its own."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "item", "group", "opt"), [
    ("thai", "来份红咖喱饭 牛肉的 加个蛋 一共多少钱", "red-curry", "curry-protein", "beef"),
    ("canteen", "来碗牛肉面 大碗的 一共多少钱", "beef-noodle-soup", "portion", "large"),
    ("sichuan", "来一份麻婆豆腐 微辣 一共多少钱", "mapo-tofu", "spice", "mild"),
])
def test_an_order_then_the_total_said_with_spaces(menu: str, said: str, item: str,
                                                  group: str, opt: str) -> None:
    conv = Conversation(menu_for(menu))
    turn = conv.turn(said)
    assert [(ln.item, ln.quantity, dict(ln.options).get(group)) for ln in conv.cart.lines] == [
        (item, 1, (opt,))]
    assert turn.answer is not None and turn.answer["kind"] == "total"


@pytest.mark.parametrize(("menu", "said"), [
    ("thai", "红咖喱饭 牛肉的 多少钱"),
    ("canteen", "牛肉面 大碗的 多少钱"),
])
def test_a_price_question_said_with_spaces_orders_nothing(menu: str, said: str) -> None:
    conv = Conversation(menu_for(menu))
    turn = conv.turn(said)
    assert not conv.cart.lines and turn.act == "question"
