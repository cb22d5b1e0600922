"""Causes found by the sixteenth blind batch (tests/data/blind16, menus/saladbar.toml:
exclusions, substitutions and lists of ingredients), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("said", "group", "want"), [
    ("a veggie wrap, no onion or tomato", "hold", {"no-onion", "no-tomato"}),
    ("chicken wrap, hold the onions and the lettuce", "hold", {"no-onion", "no-lettuce"}),
    ("BLT, hold the mayonnaise and the tomato", "hold", {"no-mayo", "no-tomato"}),
    ("一份鸡肉沙拉，芝士和面包丁都不要", "salad-hold", {"no-cheese", "no-croutons"}),
    ("素食卷饼，洋葱和番茄都不要", "hold", {"no-onion", "no-tomato"}),
])
def test_a_list_of_things_taken_away(said: str, group: str, want: set[str]) -> None:
    """A negation said once for a list ("no onion or tomato", 芝士和面包丁都不要) takes
    each away, also a word the menu has as another option too (tomato, a topping); a
    list before 都不要 never clears the cart."""
    ((_, qty, opts),) = lines_after("saladbar", said)
    assert qty == 1 and set(opts[group]) == want
