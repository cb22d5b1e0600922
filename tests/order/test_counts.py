"""Counts and numbers found by the twenty-fourth and twenty-seventh blind batches
(tests/data/blind24, menus/setmeal.toml; tests/data/blind27, menus/skewers.toml), each
fixed in general and tested on more than the batch's menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _counts(menu: str, *said: str) -> list[tuple[str, int]]:
    return [(item, qty) for item, qty, _ in lines_after(menu, *said)]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", "羊肉串二十串", [("lamb-skewer", 20)]),
    ("skewers", "羊肉串四十串牛肉串二十串", [("lamb-skewer", 40), ("beef-skewer", 20)]),
    ("skewers", "羊肉串二十，牛肉串十，鸡翅六",
     [("lamb-skewer", 20), ("beef-skewer", 10), ("chicken-wing", 6)]),
    ("noodlebar", "羊肉串二十串", [("lamb-skewer", 20)]),
    ("noodlebar", "羊肉串二十个，牛肉串十个", [("lamb-skewer", 20), ("beef-skewer", 10)]),
])
def test_a_numeral_after_a_dish_is_never_its_er(menu: str, said: str,
                                                 want: list[tuple[str, int]]) -> None:
    """二 right before the rest of a count (十, a measure word) begins that count: 羊肉串二十串
    is twenty lamb skewers, not 羊肉串儿 (by sound) and ten."""
    assert _counts(menu, said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", "来瓶可乐，呃，两瓶可乐", [("cola", 2)]),
    ("korean", "来瓶可乐，呃，两瓶可乐", [("cola", 2)]),
    ("pizzapasta", "来瓶可乐，呃，两瓶可乐", [("cola", 2)]),
])
def test_a_measure_word_before_an_exact_name_is_no_sound_alike(
        menu: str, said: str, want: list[tuple[str, int]]) -> None:
    """来瓶可乐 is 瓶 + 可乐 (so the repair that follows is one line of two), never 瓶可乐
    heard as 冰可乐 (another line of one)."""
    assert _counts(menu, said) == want
