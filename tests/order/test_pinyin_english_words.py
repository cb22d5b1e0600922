"""An English word of the menu's names is never read as pinyin of a Mandarin name:
"masala" (of chana masala, masala chai) is also 玛萨拉 of 提卡玛萨拉鸡 spelt, and read
so every masala chai brought a chicken tikka masala with it (found by the twenty-ninth
blind batch's first run, menus/curry.toml). A word that is one syllable ("la") may still
be pinyin ("te la": extra hot)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("curry", "Just a masala chai.", ["masala-chai"]),
    ("curry", "chana masala", ["chana-masala"]),
    ("curry", "Two butter naans and a masala chai.", ["butter-naan", "masala-chai"]),
    ("curry", "Can I get a chicken tikka masala and a garlic naan?",
     ["chicken-tikka-masala", "garlic-naan"]),
])
def test_an_english_menu_word_is_not_pinyin(menu: str, said: str, want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, said)] == want


@pytest.mark.parametrize(("menu", "said", "item", "group", "option"), [
    ("sichuan", "a hui guo rou te la", "twice-cooked-pork", "spice", "extra-spicy"),
    ("hunan", "one xiaochaorou te la", "farmhouse-pork", "spice", "extra-hot"),
])
def test_one_syllable_words_are_still_pinyin(menu: str, said: str, item: str, group: str,
                                             option: str) -> None:
    lines = lines_after(menu, said)
    assert [i for i, _, _ in lines] == [item] and lines[0][2][group] == (option,)
