"""A word the menu sells as a dish and as a side (fries): right after a dish that
offers it, it is that dish's side ("a ribeye with fries", 肉眼配薯条); on its own it is
a dish; and "swap the fries for a salad" changes the side of the line that has it.
Found in the second blind batch (tests/data/blind2)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("said", "lang"), [
    ("a well-done ribeye with fries and a coke please", "en"),
    ("一份全熟的肉眼配薯条，一罐可乐", "zh"),
])
def test_a_side_named_after_its_dish_is_the_side(said: str, lang: str) -> None:
    lines = lines_after("grill", said, lang=lang)
    assert sorted(item for item, _, _ in lines) == ["cola", "ribeye-steak"]
    steak = next(opts for item, _, opts in lines if item == "ribeye-steak")
    assert steak["side"] == ("fries",)


def test_the_same_word_on_its_own_is_a_dish() -> None:
    lines = lines_after("grill", "garlic bread, onion rings and fries")
    assert sorted(item for item, _, _ in lines) == ["fries", "garlic-bread", "onion-rings"]


@pytest.mark.parametrize(("change", "lang", "side"), [
    ("swap the fries for a salad", "en", "salad"),
    ("change the fries to mashed potatoes", "en", "mashed"),
    ("can I have salad instead of fries", "en", "salad"),
    ("薯条换成沙拉", "zh", "salad"),
])
def test_swapping_a_side_named_by_a_dish_word(change: str, lang: str, side: str) -> None:
    lines = lines_after("grill", "a sirloin, medium well", change, lang=lang)
    assert [(item, q) for item, q, _ in lines] == [("sirloin-steak", 1)]
    assert lines[0][2]["side"] == (side,) and lines[0][2]["doneness"] == ("medium-well",)


def test_swapping_back_to_the_side_the_dish_word_names() -> None:
    lines = lines_after("grill", "a sirloin, medium well, with a side salad",
                        "swap the salad for fries")
    assert [(item, q) for item, q, _ in lines] == [("sirloin-steak", 1)]
    assert lines[0][2]["side"] == ("fries",)


@pytest.mark.parametrize(("first", "more", "lang"), [
    ("a ribeye medium rare with mashed potatoes", "and another one well done with fries", "en"),
    ("一份三分熟的肉眼配土豆泥", "再来一份全熟的配薯条", "zh"),
])
def test_another_one_with_a_side_is_a_second_dish(first: str, more: str, lang: str) -> None:
    """"another one" is about the last dish: the side said with it is that dish's."""
    lines = lines_after("grill", first, more, lang=lang)
    assert [(i, q, o["doneness"], o["side"]) for i, q, o in lines] == [
        ("ribeye-steak", 1, ("medium-rare",), ("mashed",)),
        ("ribeye-steak", 1, ("well-done",), ("fries",))]


def test_another_one_with_options_is_not_the_last_one_changed() -> None:
    lines = lines_after("canteen", "a beef noodle soup", "and another one not spicy")
    spice = [o.get("spice", ()) for _, _, o in lines]
    assert sum(q for _, q, _ in lines) == 2 and ("not-spicy",) in spice
    assert any(s != ("not-spicy",) for s in spice)






def test_a_dish_word_answers_the_open_question_when_it_names_a_choice() -> None:
    """"youtiao" (a dish too) after "crispy cracker or fried dough stick?" is the answer."""
    lines = lines_after("breakfast", "a jianbing and a large soy milk", "youtiao")
    assert sorted((i, q) for i, q, _ in lines) == [("jianbing", 1), ("soy-milk", 1)]
    assert next(o for i, _, o in lines if i == "jianbing")["crisp"] == ("youtiao",)


@pytest.mark.parametrize("said", ["a jianbing, with, youtiao and a, soy milk.",
                                  "one jianbing with cracker for me and two with youtiao"])
def test_a_dish_word_after_with_is_the_last_dish_s_option(said: str) -> None:
    lines = lines_after("breakfast", said)
    assert "youtiao" not in [i for i, _, _ in lines]
    assert ("youtiao",) in [o.get("crisp") for i, _, o in lines if i == "jianbing"]


def test_a_dish_word_joined_by_and_to_the_dishs_options_is_an_option() -> None:
    """"with cheese and kimchi": kimchi the topping, not a side dish of kimchi."""
    lines = lines_after("ricebowl", "a spicy pork bowl with cheese and kimchi", lang="en")
    assert [(i, o.get("bowl-toppings")) for i, _, o in lines] == [
        ("spicy-pork", ("cheese", "extra-kimchi"))]


@pytest.mark.parametrize(("said", "lang"), [
    (("a barley tea, regular, no ice, and uh another one, large, with ice",), "en"),
    (("a barley tea, regular, no ice", "another one, large, with ice"), "en"),
    (("一杯大麦茶，中杯，去冰", "再来一杯，大杯，正常冰"), "zh"),
])
def test_options_after_another_one_across_commas_are_the_new_ones(
        said: tuple[str, ...], lang: str) -> None:
    lines = lines_after("ricebowl", *said, lang=lang)
    assert sorted((o["cup"], o["ice"]) for _, _, o in lines) == [
        (("large",), ("regular-ice",)), (("regular",), ("no-ice",))]
