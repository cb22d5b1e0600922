"""Causes found by the twenty-fifth blind batch (tests/data/blind25, menus/hunan.toml:
names said loosely, in pinyin and in mixed language), each fixed in general and tested
on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("hunan", "one xiaochaorou te la", "farmhouse-pork", "spice", ("extra-hot",)),
    ("hunan", "Xiao Chao Rou, Large, Bu La", "farmhouse-pork", "spice", ("not-spicy",)),
    ("hunan", "beef rice noodles zhong la", "beef-rice-noodles", "spice", ("medium",)),
    ("sichuan", "a hui guo rou te la", "twice-cooked-pork", "spice", ("extra-spicy",)),
    ("sichuan", "a mapo tofu bu la da fen", "mapo-tofu", "dish-size", ("large",)),
])
def test_an_option_spelt_in_pinyin(menu: str, said: str, item: str, group: str,
                                   want: tuple[str, ...]) -> None:
    """An option's Mandarin name spelt in pinyin in an English turn ("te la" for 特辣) is
    that option, as a dish's name so spelt is that dish (kiosk/order/pinyin_typed.py)."""
    lines = lines_after(menu, said)
    assert [(i, q) for i, q, _ in lines] == [(item, 1)]
    assert lines[0][2][group] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hunan", "3 mi fan 1 xiao chao rou 1 hong shao rou",
     [("rice", 3), ("farmhouse-pork", 1), ("mao-pork", 1)]),
    ("canteen", "two bai cai shui jiao", [("pork-dumplings", 2)]),
])
def test_part_of_a_name_spelt_in_pinyin(menu: str, said: str,
                                        want: list[tuple[str, int]]) -> None:
    """Three characters or more of one dish's Mandarin name, spelt in pinyin ("hong shao
    rou" of 毛氏红烧肉, "bai cai shui jiao" of 猪肉白菜水饺), are that dish."""
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said", "item"), [
    ("hunan", "how much is the hong shao rou", "mao-pork"),
    ("canteen", "how much is the bai cai shui jiao", "pork-dumplings"),
])
def test_price_of_a_part_spelt_in_pinyin(menu: str, said: str, item: str) -> None:
    reply = Conversation(menu_for(menu)).turn(said, "auto")
    assert reply.answer is not None and reply.answer.get("item") == item
