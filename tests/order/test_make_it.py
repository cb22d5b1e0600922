"""A cause found by the realistic dinner batch 29 (tests/data/blind29, menus/curry.toml):
做 / 做成 ("make it") before an option (咖喱羊肉一份 - 给我做特辣的) changes the line to
that option, as 改成 does; tested on more menus than its own."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "first", "said", "item", "group", "opt"), [
    ("curry", "咖喱羊肉一份", "给我做特辣的", "lamb-rogan-josh", "spice", "hot"),
    ("curry", "咖喱羊肉一份", "给我做成特辣的", "lamb-rogan-josh", "spice", "hot"),
    ("canteen", "一碗牛肉面", "给我做成微辣的", "beef-noodle-soup", "spice", "mild"),
    ("canteen", "一碗牛肉面", "帮我做大碗的", "beef-noodle-soup", "portion", "large"),
])
def test_make_it_before_an_option_changes_the_line(menu: str, first: str, said: str,
                                                   item: str, group: str, opt: str) -> None:
    lines = lines_after(menu, first, said)
    assert [(i, q, o.get(group)) for i, q, o in lines] == [(item, 1, (opt,))]
