"""A dish named by its options alone (counter shorthand: 一碗毛细), and a second line
like the one just added with another choice (一碗宽的一碗毛细)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.menu import load_menu
from kiosk.order import Conversation

MENUS = Path(__file__).resolve().parents[2] / "menus"


def _lines(said: str, lang: str) -> list[tuple[str, int, str]]:
    turn = Conversation(load_menu(MENUS / "noodlebar.toml")).turn(said, lang)
    return sorted((ln.item, ln.quantity, ",".join(o for _, ids in ln.options for o in ids))
                  for ln in turn.cart.lines)


@pytest.mark.parametrize(("said", "lang", "want"), [
    ("要一碗毛细，不要香菜", "zh", [("beef-noodle-soup", 1, "extra-thin,regular,no-cilantro")]),
    ("two extra thin please", "en", [("beef-noodle-soup", 2, "extra-thin,regular")]),
    ("一碗宽的一碗毛细", "zh", [("beef-noodle-soup", 1, "extra-thin,regular"),
                               ("beef-noodle-soup", 1, "wide,regular")]),
    ("a beef noodle soup wide, one extra thin", "en",
     [("beef-noodle-soup", 1, "extra-thin,regular"), ("beef-noodle-soup", 1, "wide,regular")]),
    ("两碗牛肉面，一碗宽的一碗毛细", "zh", [("beef-noodle-soup", 1, "extra-thin,regular"),
                                         ("beef-noodle-soup", 1, "wide,regular")]),
])
def test_options_name_the_dish(said: str, lang: str, want: list[tuple[str, int, str]]) -> None:
    assert _lines(said, lang) == want


def test_an_option_many_dishes_offer_names_none() -> None:
    # every noodle dish can be made without cilantro: no guess
    assert _lines("一份不要香菜", "zh") == []
