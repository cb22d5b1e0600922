"""A cause found by the realistic lunch batch 28 (tests/data/blind28, menus/thai.toml):
whose an order is, said after its count (绿咖喱来5份我们实验室的: for our lab), carries
nothing; the count stays its dish's (five curries, not one and "no 实验室"); tested on
more menus than its own."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "item", "qty"), [
    ("thai", "绿咖喱来5份我们实验室的", "green-curry", 5),
    ("canteen", "牛肉面来3碗我们办公室的", "beef-noodle-soup", 3),
    ("sichuan", "麻婆豆腐来两份我们实验室的", "mapo-tofu", 2),
    ("canteen", "番茄鸡蛋面来四碗，咱们课题组的", "tomato-egg-noodles", 4),
])
def test_whose_order_it_is_said_after_the_count(menu: str, said: str, item: str,
                                                qty: int) -> None:
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == [(item, qty)]


@pytest.mark.parametrize(("menu", "said", "item", "group", "opt"), [
    ("canteen", "牛肉面来两碗，我们要大碗的", "beef-noodle-soup", "portion", "large"),
    ("thai", "绿咖喱来两份我们要牛肉的", "green-curry", "curry-protein", "beef"),
])
def test_an_option_said_after_the_party_word_is_still_the_option(
        menu: str, said: str, item: str, group: str, opt: str) -> None:
    assert [(i, q, o.get(group)) for i, q, o in lines_after(menu, said)] == [(item, 2, (opt,))]
