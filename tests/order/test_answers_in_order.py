"""Causes found by the eighteenth blind batch (tests/data/blind18, menus/japanese.toml):
a choice between dishes is asked in the order the diner said them, and one turn may
answer the questions the kiosk has waiting one after another."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "first"), [
    ("japanese", "hmm, katsu curry or gyudon", "chicken-katsu-curry"),
    ("japanese", "亲子丼还是猪排丼", "oyakodon"),
    ("canteen", "dan dan noodles or zhajiang noodles", "dan-dan-noodles"),
    ("canteen", "担担面还是炸酱面", "dan-dan-noodles"),
    ("ricebowl", "chicken ramen or house ramen", "chicken-ramen"),
])
def test_the_choice_is_asked_in_the_order_said(menu: str, said: str, first: str) -> None:
    """"katsu curry or gyudon": the curry is listed first, so "the first one" is it."""
    from kiosk.order import Conversation

    conv = Conversation(menu_for(menu))
    conv.turn(said)
    question = conv.question
    assert question is not None and question.slot == "item"
    assert question.choices[0] == first


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("japanese", ("oyakodon or katsudon", "the second one, big"),
     [("katsudon", {"bowl-size": ("large",)})]),
    ("japanese", ("亲子丼还是猪排丼", "第二个 要大碗"), [("katsudon", {"bowl-size": ("large",)})]),
    ("japanese", ("a chicken katsu don and a barley tea", "large and hot"),
     [("chicken-katsu-don", {"bowl-size": ("large",)}), ("barley-tea", {"temp": ("hot",)})]),
    ("japanese", ("鸡排丼加一杯大麦茶", "大碗 热的"),
     [("chicken-katsu-don", {"bowl-size": ("large",)}), ("barley-tea", {"temp": ("hot",)})]),
    ("ricebowl", ("a house ramen and a chicken ramen", "shoyu and miso"),
     [("house-ramen", {"broth": ("shoyu",)}), ("chicken-ramen", {"broth": ("miso",)})]),
])
def test_one_turn_answers_the_questions_waiting_in_turn(
        menu: str, said: tuple[str, ...], want: list[tuple[str, dict[str, tuple[str, ...]]]]
) -> None:
    """"large and hot": the size of the first dish asked about, then the temperature of
    the next; "the second one, big": the dish, then its size."""
    got = lines_after(menu, *said)
    assert sorted(i for i, _, _ in got) == sorted(i for i, _ in want)
    for item, opts in want:
        ((_, _, have),) = [ln for ln in got if ln[0] == item]
        assert all(have[g] == o for g, o in opts.items())


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("japanese", ("一碗叉烧拉面一碗蔬菜拉面", "都要酱油的"), ("broth", "veg-broth"), "shoyu"),
    ("ricebowl", ("a house ramen and a chicken ramen", "both shoyu"), ("broth", "broth"), "shoyu"),
])
def test_both_answers_every_question_of_that_option(
        menu: str, said: tuple[str, ...], group: tuple[str, str], want: str) -> None:
    """都要酱油的: both ramens shoyu, though their broths are two groups."""
    got = lines_after(menu, *said)
    assert len(got) == 2
    assert {opts[g][0] for (_, _, opts), g in zip(sorted(got), sorted(group), strict=True)} == {want}
