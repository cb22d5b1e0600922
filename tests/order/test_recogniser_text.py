"""Causes found by the seventeenth blind batch (tests/data/blind17, menus/xian.toml: text
as a speech recogniser writes it), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _items(*said: str) -> list[tuple[str, int]]:
    return sorted((i, q) for i, q, _ in lines_after("xian", *said))


@pytest.mark.parametrize(("said", "want"), [
    ("hula tang", [("hulatang", 1)]),
    ("suan mei tang", [("sour-plum", 1)]),
    ("ba bao zhou", [("babao-porridge", 1)]),
    ("2 you po mian thin", [("youpo-noodles", 2)]),
    ("um the beef rou jia mo", [("beef-roujiamo", 1)]),
])
def test_a_mandarin_name_spelt_in_pinyin(said: str, want: list[tuple[str, int]]) -> None:
    """An English turn that spells a Mandarin menu name in pinyin finds the dish
    (kiosk/order/pinyin_typed.py); "mocha" stays the mocha, not 抹茶 spelt."""
    assert _items(said) == want


@pytest.mark.parametrize("said", ["biangbiang面一碗", "Biangbiang面大碗", "biang biang面 西红柿鸡蛋的",
                                  "来碗biangbiang 油泼的", "油泼biangbiang面大碗的"])
def test_a_mandarin_name_with_latin_letters(said: str) -> None:
    assert _items(said) == [("biangbiang", 1)]


def test_mocha_is_not_matcha_spelt() -> None:
    assert [i for i, _, _ in lines_after("cafe", "one large mocha with vanilla")] == ["mocha"]


def test_a_dish_the_menu_lacks_after_a_dish_is_said_not_swallowed() -> None:
    """"roujiamo and a milk tea": "a milk tea" is no count of the roujiamo."""
    from corpus import menu_for  # type: ignore[import-not-found]

    from kiosk.order import Conversation

    turn = Conversation(menu_for("xian")).turn("rojiamo and a milk tea", "en")
    assert "milk tea" in turn.reply and [a.item for a in turn.actions] == ["roujiamo"]


@pytest.mark.parametrize(("said", "want"), [
    ("2 liang pee not spicy", [("liangpi", 2)]), ("gan mian pee mild", [("ganmianpi", 1)])])
def test_pinyin_spelt_as_english_sounds(said: str, want: list[tuple[str, int]]) -> None:
    assert _items(said) == want
