"""Causes found by the fourteenth blind batch (tests/data/blind14, menus/riceplate.toml:
terse rush-hour speech and shorthand at a rice-plate window), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


def _cart(*said: str) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return sorted(lines_after("riceplate", *said), key=lambda ln: (ln[0], str(ln[2])))


@pytest.mark.parametrize(("said", "want"), [
    (("番茄蛋两个 一个加蛋",), [("tomato-egg-rice", 1), ("tomato-egg-rice", 1)]),
    (("回锅微辣", "重来", "番茄蛋一份"), [("tomato-egg-rice", 1)]),
    (("来碗炸酱面儿 大碗儿的",), [("zhajiang-noodles", 1)]),
    (("green pepper one. not spicy",), [("pepper-pork-rice", 1)]),
])
def test_shortened_names(said: tuple[str, ...], want: list[tuple[str, int]]) -> None:
    """番茄蛋 (番茄炒蛋盖饭 with a character left out), 炸酱面儿 (儿 dropped), "green
    pepper" (the dish's words, not the option "greens")."""
    assert [(i, q) for i, q, _ in _cart(*said)] == want


def test_erhua_keeps_the_option() -> None:
    ((_, _, opts),) = _cart("来碗炸酱面儿 大碗儿的")
    assert opts["bowl"] == ("large",)
    ((_, _, opts),) = _cart("green pepper one. not spicy")
    assert "extras" not in opts


def test_a_level_many_dishes_have_names_no_dish() -> None:
    """鱼香的 微辣: 微辣 is a choice of the two 鱼香 dishes, not the hot and sour glass
    noodles (whose name has 辣); the kiosk asks which."""
    talk = Conversation(menu_for("riceplate"))
    talk.turn("鱼香的 微辣", "zh")
    assert not talk.cart.lines and talk.question is not None
    talk.turn("茄子", "zh")
    assert [(ln.item, dict(ln.options)["spice"]) for ln in talk.cart.lines] == [
        ("yuxiang-eggplant-rice", ("mild",))]


@pytest.mark.parametrize(("said", "want"), [
    ("two beef noodles, one thin one wide", [("thin",), ("wide",)]),
    ("three soy milk, two hot one iced", [("hot",), ("iced",)]),
])
def test_a_split_said_without_pauses(said: str, want: list[tuple[str, ...]]) -> None:
    lines = lines_after("riceplate", said)
    assert sorted(o.get("noodle-type") or o["soy-temp"] for _, _, o in lines) == want


def test_a_word_that_names_a_group_and_dishes_said_alone_asks_which_dish() -> None:
    """"noodles" is the name of the noodle-type group and a word of three dishes: said
    alone it asks which dish ("add an egg to the noodles" still names the line)."""
    talk = Conversation(menu_for("riceplate"))
    talk.turn("one beef", "en")
    talk.turn("noodles", "en")
    talk.turn("thin", "en")
    assert [(ln.item, dict(ln.options)["noodle-type"]) for ln in talk.cart.lines] == [
        ("beef-noodles", ("thin",))]


def test_the_start_of_an_english_name_in_mandarin() -> None:
    """一个kung pao 微辣: "kung pao" starts only the kung pao chicken rice's English name."""
    assert [(i, o["spice"]) for i, _, o in _cart("一个kung pao 微辣")] == [
        ("kungpao-chicken-rice", ("mild",))]
