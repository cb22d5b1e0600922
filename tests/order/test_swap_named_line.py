"""A swap said after the dish it is for goes on that dish's line, not the last line's:
"the club sandwich, swap the fries for a side salad" with a tuna melt after it (found
by a helper on menus/saladbar.toml while fixing batch 29; it changed the tuna melt and
the club sandwich was even ordered twice). Also on the grill's menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "first", "said", "item", "other", "new", "old"), [
    ("saladbar", "a club sandwich and a tuna melt",
     "The club sandwich, swap the fries for a side salad", "club-sandwich", "tuna-melt",
     "side-salad", "fries"),
    ("saladbar", "a club sandwich and a tuna melt",
     "the club sandwich, side salad instead of fries", "club-sandwich", "tuna-melt",
     "side-salad", "fries"),
    ("grill", "a medium sirloin and a medium ribeye",
     "the sirloin, swap the fries for mashed potatoes", "sirloin-steak", "ribeye-steak",
     "mashed", "fries"),
    ("grill", "a medium sirloin and a medium ribeye",
     "for the sirloin, swap the fries for mashed potatoes", "sirloin-steak", "ribeye-steak",
     "mashed", "fries"),
])
def test_a_swap_goes_on_the_dish_said_first(menu: str, first: str, said: str, item: str,
                                            other: str, new: str, old: str) -> None:
    lines = {i: (q, opts) for i, q, opts in lines_after(menu, first, said)}
    assert set(lines) == {item, other}
    assert lines[item][0] == 1 and lines[item][1]["side"] == (new,)
    assert lines[other][1]["side"] == (old,)


def test_a_new_dish_said_with_a_swap_is_still_ordered() -> None:
    """With a count or an article it is a new line ("a club sandwich, side salad instead
    of fries"), not a reference."""
    assert [(i, q, o["side"]) for i, q, o in
            lines_after("saladbar", "a club sandwich, side salad instead of fries")] == \
        [("club-sandwich", 1, ("side-salad",))]
