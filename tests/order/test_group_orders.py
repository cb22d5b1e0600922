"""Causes found by the tenth blind batch (tests/data/blind10, menus/dimsum.toml: a dim
sum counter, group orders and counts), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("said", "want"), [
    ("eight of us, one egg tart each", [("egg-tart", 8)]),
    ("there are four of us, one century egg congee each", [("century-egg-congee", 4)]),
    ("the five of us want a char siu rice each", [("char-siu-rice", 5)]),
    ("four of us, two char siu bao each and one milk tea each",
     [("char-siu-bao", 8), ("milk-tea", 4)]),
    ("one beef chow fun for each of us, there's three of us", [("beef-chow-fun", 3)]),
    ("six milk teas, one for each of us", [("milk-tea", 6)]),
    ("我们宿舍六个人，一人一份叉烧饭", [("char-siu-rice", 6)]),
    ("我们四个人每人两个叉烧包一杯奶茶", [("char-siu-bao", 8), ("milk-tea", 4)]),
])
def test_a_partys_count_each(said: str, want: list[tuple[str, int]]) -> None:
    assert sorted((i, q) for i, q, _ in lines_after("dimsum", said)) == want


@pytest.mark.parametrize(("said", "want"), [
    ("老板，来一打蛋挞", [("egg-tart", 12)]), ("半打流沙包", [("custard-bun", 6)]),
    ("四个叉烧包，再加两个给隔壁桌", [("char-siu-bao", 6)]),
    ("four char siu bao and two more for my roommates", [("char-siu-bao", 6)]),
])
def test_dozens_and_who_it_is_for(said: str, want: list[tuple[str, int]]) -> None:
    assert sorted((i, q) for i, q, _ in lines_after("dimsum", said)) == want


def test_more_past_the_maximum_is_offered_up_to_it() -> None:
    talk = Conversation(menu_for("dimsum"))
    talk.turn("eight egg tarts")
    talk.turn("and six more for the other table")
    assert talk.question is not None and talk.question.slot == "partial"
    talk.turn("yes")
    assert [(line.item, line.quantity) for line in talk.cart.lines] == [("egg-tart", 12)]


def test_a_bare_yes_with_nothing_asked_is_heard() -> None:
    turn = Conversation(menu_for("dimsum")).turn("yes")
    assert (turn.act, turn.intent) == ("answer", "yes")


@pytest.mark.parametrize("said", ["six iced milk teas, half of them less sweet",
                                  "六杯冻奶茶，一半少甜"])
def test_half_of_them(said: str) -> None:
    lines = lines_after("dimsum", said)
    assert sorted((q, o["sweetness"]) for _, q, o in lines) == [
        (3, ("less-sweet",)), (3, ("normal-sweet",))]


@pytest.mark.parametrize(("turns", "qty"), [
    (("three steamers of har gow no make it four steamers",), 4),
    (("seven har gow and seven egg tarts", "the har gow should be eight, sorry"), 8),
])
def test_a_count_corrected(turns: tuple[str, ...], qty: int) -> None:
    assert [q for i, q, _ in lines_after("dimsum", *turns) if i == "har-gow"] == [qty]


def test_more_said_with_options_only_is_more() -> None:
    """我朋友还要两杯热的 after two iced milk teas: two more, hot (the iced ones stay)."""
    lines = lines_after("dimsum", "两杯冻奶茶", "我朋友还要两杯热的")
    assert sorted((q, o["temp"]) for _, q, o in lines) == [(2, ("hot",)), (2, ("iced",))]


def test_an_option_and_a_dish_across_a_longer_option() -> None:
    lines = lines_after("dimsum", "两份鲜虾肠粉两份牛肉肠粉")
    assert sorted((q, o["filling"]) for _, q, o in lines) == [(2, ("beef",)), (2, ("shrimp",))]


def test_two_options_joined_by_and_in_a_sub_line() -> None:
    lines = lines_after("dimsum", "two two-roast rice, one char siu and roast duck, the other "
                        "roast pork and soy chicken")
    assert sorted(o["roasts"] for _, _, o in lines) == [("char-siu", "roast-duck"),
                                                         ("roast-pork", "soy-chicken")]


def test_a_partial_offer_on_a_line_is_read_back_as_its_new_count() -> None:
    talk = Conversation(menu_for("dimsum"))
    talk.turn("eight egg tarts")
    talk.turn("and six more")
    turn = talk.turn("yes")
    assert turn.reply.startswith("Now twelve egg tarts")
