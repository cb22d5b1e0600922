"""A party's size multiplies only the counts of the clause said "each" (twenty-first blind
batch, menus/dessert.toml): "three mango pancakes, two black sesame soups and a coconut
sago, and a water for each of us, there's four of us" is four waters, not twelve
pancakes; "a study group of six, one orange juice each" is six juices. Also on the
canteen's menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("dessert", "for the table, three mango pancakes, two black sesame soups and a coconut "
     "sago, and a water for each of us, there's four of us",
     {"mango-pancake": 3, "black-sesame-soup": 2, "coconut-sago": 1, "water": 4}),
    ("dessert", "we're a study group of six, one orange juice each, and two egg waffles to share",
     {"orange-juice": 6, "egg-waffle": 2}),
    ("canteen", "there are four of us, a beef noodle soup each, and two tea eggs to share",
     {"beef-noodle-soup": 4, "tea-egg": 2}),
    ("canteen", "there are four of us, one beef noodle soup and one cola each",
     {"beef-noodle-soup": 4, "cola": 4}),
    ("canteen", "a table of three, one cola each", {"cola": 3}),
])
def test_the_party_multiplies_the_clause_said_each(menu: str, said: str,
                                                   want: dict[str, int]) -> None:
    assert {i: q for i, q, _ in lines_after(menu, said)} == want
