"""Answers to the diet warning ("The salad bowl has milk. Still add it?") that change the
held dish so it fits (kiosk/order/refit.py, docs/dialogue.md): an option it has taken off
("leave the cheese off then", 那芝士不要了), the option that clashes replaced by one of its
group ("make it tuna instead", 那换金枪鱼吧; the rest of the group kept), a removal said
with 不要 (不要麻将: the liangpi without sesame paste, not a bare "no")."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation

BOWL = {"base": ("rice",), "proteins": ("tuna",), "toppings": ("corn",),
        "dressing": ("vinaigrette",)}


@pytest.mark.parametrize("turns", [
    ("I can't have dairy", "salad bowl with rice, tuna, corn and cheese",
     "oh right, leave the cheese off then"),
    ("I can't have dairy", "salad bowl with rice, tuna, corn and cheese", "without the cheese then"),
    ("I can't have dairy", "salad bowl with rice, tuna, corn and cheese", "no cheese please"),
    ("我对牛奶过敏", "沙拉碗米饭底，金枪鱼，玉米，加芝士", "哦那芝士不要了"),
    ("I can't have dairy", "salad bowl with rice, tuna, corn and cheese",
     "ok, leave the cheese off then"),  # a "yes" first: still without the cheese
    ("我对牛奶过敏", "沙拉碗米饭底，金枪鱼，玉米，加芝士", "要，不要芝士"),
    ("I'm allergic to shellfish", "a salad bowl on rice with shrimp and corn", "make it tuna instead"),
    ("我对虾过敏", "沙拉碗米饭底加虾仁和玉米", "那换金枪鱼吧"),
])
def test_an_answer_that_makes_the_dish_fit_adds_it_so(turns: tuple[str, ...]) -> None:
    assert lines_after("saladbar", *turns) == [("salad-bowl", 1, BOWL)]


@pytest.mark.parametrize("turns", [
    ("I'm allergic to shellfish", "a salad bowl on rice with chicken, shrimp and corn",
     "tofu instead"),
    ("我对虾过敏", "沙拉碗米饭底加鸡肉虾仁和玉米", "换成豆腐"),
])
def test_only_the_option_that_clashes_gives_way(turns: tuple[str, ...]) -> None:
    (line,) = lines_after("saladbar", *turns)
    assert line[2]["proteins"] == ("chicken", "tofu")


def test_a_removal_said_with_bu_yao_is_no_bare_no() -> None:
    lines = lines_after("xian", "我对芝麻过敏", "凉皮", "不要麻将")
    assert [(item, opts["sauce"]) for item, _, opts in lines] == [("liangpi", ("no-sesame",))]


@pytest.mark.parametrize(("answer", "want"), [
    ("add corn", []),  # still clashes: still asked
    ("no", []),
    ("yes", ["shrimp"]),
])
def test_answers_that_do_not_make_it_fit_are_as_before(answer: str, want: list[str]) -> None:
    lines = lines_after("saladbar", "I'm allergic to shellfish",
                        "a salad bowl on rice with shrimp and corn", answer)
    assert [p for _, _, opts in lines for p in opts["proteins"]] == want


@pytest.mark.parametrize("turns", [
    ("我对芝麻过敏", "凉皮", "不要辣"),
    ("I'm allergic to sesame", "liangpi", "no chili"),
])
def test_an_option_said_with_its_no_keeps_the_question(turns: tuple[str, ...]) -> None:
    """不要辣 to "the liangpi has sesame": the no-chili option of the held dish (which still
    clashes: asked again), not a bare "no" (declined)."""
    conv = Conversation(menu_for("xian"))
    for text in turns:
        conv.turn(text)
    assert conv.question is not None and conv.question.slot == "conflict"
    conv.turn("要" if turns[0].startswith("我") else "yes")
    assert [dict(ln.options)["spice"] for ln in conv.cart.lines] == [("not-spicy",)]
