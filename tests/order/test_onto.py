"""An option said to go "on the" dish already ordered goes on that line, never on a
second one: "Could I also get a braised egg on the beef noodles?" (twentieth blind batch,
menus/taiwanese.toml), also on the cha chaan teng's menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "first", "said", "item", "group", "option"), [
    ("taiwanese", "a beef noodle soup", "Could I also get a braised egg on the beef noodles?",
     "beef-noodle-soup", "add-ons", "braised-egg"),
    ("taiwanese", "a beef noodle soup", "a braised egg on the beef noodles",
     "beef-noodle-soup", "add-ons", "braised-egg"),
    ("cantonese", "a soy sauce chicken rice and a char siu rice",
     "a fried egg on the char siu rice", "char-siu-rice", "rice-extras", "fried-egg"),
])
def test_an_option_on_the_dish_ordered_goes_on_its_line(menu: str, first: str, said: str,
                                                        item: str, group: str,
                                                        option: str) -> None:
    before = lines_after(menu, first)
    after = lines_after(menu, first, said)
    assert len(after) == len(before)
    assert [opts.get(group) for i, _, opts in after if i == item] == [(option,)]


def test_with_no_such_dish_ordered_it_is_a_new_line() -> None:
    assert [(i, q) for i, q, _ in lines_after("taiwanese", "a braised egg on the beef noodles")] \
        == [("beef-noodle-soup", 1)]
