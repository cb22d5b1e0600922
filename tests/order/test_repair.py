"""Self-repairs said without a pause (kiosk/order/repair.py), found by the eleventh
blind batch (tests/data/blind11, menus/korean.toml: disfluent speech)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _cart(menu: str, *said: str) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return sorted(lines_after(menu, *said), key=lambda ln: (ln[0], str(ln[2])))


@pytest.mark.parametrize(("said", "want"), [
    (("5 uh no 6 fish cakes",), [("fish-cake", 6)]),
    (("five no six fish cakes",), [("fish-cake", 6)]),
    (("1瓶可乐 呃不 2瓶",), [("cola", 2)]),
    (("3 cokes", "no 2"), [("cola", 2)]),
    (("a sikhye, uh, two sikhye",), [("sikhye", 2)]),
    (("can I have a sikhye, um, actually two, two sikhye",), [("sikhye", 2)]),
    (("来瓶米露，呃，两瓶米露，然后……一瓶草莓奶",), [("sikhye", 2), ("strawberry-milk", 1)]),
    (("two colas, and two colas",), [("cola", 4)]),
])
def test_a_count_corrected_without_a_pause(said: tuple[str, ...],
                                           want: list[tuple[str, int]]) -> None:
    assert [(i, q) for i, q, _ in _cart("korean", *said)] == want


@pytest.mark.parametrize(("said", "group", "want"), [
    (("half a fried chicken, sweet and spicy, no wait, soy garlic",), "sauce", ("soy-garlic",)),
    (("a fried chicken, half, sweet and spicy no soy garlic",), "sauce", ("soy-garlic",)),
    (("half a fried chicken, soy garlic",), "chicken-size", ("half",)),
    (("army stew extra spicy", "hmm no medium is fine"), "spice", ("medium",)),
])
def test_a_choice_corrected_without_a_pause(said: tuple[str, ...], group: str,
                                            want: tuple[str, ...]) -> None:
    ((_, _, opts),) = _cart("korean", *said)
    assert opts[group] == want


def test_not_an_option_is_no_correction() -> None:
    """"shoyu, not tonkotsu" is not "no, tonkotsu"; "no cheese" on an optional group
    still takes it away."""
    ((_, _, opts),) = _cart("korean", "army stew extra spicy, not medium")
    assert opts["spice"] == ("extra-spicy",)


@pytest.mark.parametrize(("menu", "said", "group", "want", "count"), [
    ("pizzapasta", ("玛格丽特加蘑菇，哦不是蘑菇，是橄榄",), "toppings", ("olives",), 1),
    ("pizzapasta", ("a margherita with mushrooms, no wait, not mushrooms, olives",),
     "toppings", ("olives",), 1),
    ("pizzapasta", ("一个玛格丽特，一杯柠檬水", "玛格丽特上再加点橄榄"), "toppings", ("olives",), 2),
    ("korean", ("泡菜炒饭一个", "炒饭上面加个荷包蛋"), "rice-extras", ("fried-egg",), 1),
])
def test_an_option_put_right_or_added_on_a_dish(menu: str, said: tuple[str, ...], group: str,
                                                want: tuple[str, ...], count: int) -> None:
    lines = _cart(menu, *said)
    assert [opts[group] for _, _, opts in lines if group in opts] == [want]
    assert sum(q for _, q, _ in lines) == count


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("pizzapasta", ("a veggie pizza with mushrooms and green peppers", "no mushrooms after all"),
     [("veggie-pizza", 1)]),
    ("korean", ("can I get a, um, what's it called, the glass noodles",), [("japchae", 1)]),
    ("korean", ("a kimbap, you know, the tuna one",), [("kimbap", 1)]),
])
def test_asides_carry_nothing(menu: str, said: tuple[str, ...],
                              want: list[tuple[str, int]]) -> None:
    """"after all", "what's it called", "you know" (phrases.toml ``asides``)."""
    from corpus import menu_for  # type: ignore[import-not-found]

    from kiosk.order import Conversation

    talk = Conversation(menu_for(menu))
    for text in said:
        turn = talk.turn(text, "en")
    assert [(ln.item, ln.quantity) for ln in talk.cart.lines] == want
    assert talk.question is None and "don't have" not in turn.reply


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("korean", ("a bulgogi kimbap",), [("kimbap", ("beef",))]),
    ("korean", ("two kimbaps, one tuna, one bulgogi",), [("kimbap", ("beef",)), ("kimbap", ("tuna",))]),
    ("korean", ("a tuna kimbap", "and, uh, another one but bulgogi"),
     [("kimbap", ("beef",)), ("kimbap", ("tuna",))]),
    ("korean", ("a kimbap and a bulgogi",), [("bulgogi-rice", ()), ("kimbap", ("classic",))]),
])
def test_a_word_that_is_a_dish_and_an_option_of_the_dish_said_with_it(
        menu: str, said: tuple[str, ...], want: list[tuple[str, tuple[str, ...]]]) -> None:
    """bulgogi is a rice bowl and a kimbap filling: said with the kimbap, the filling."""
    assert sorted((i, o.get("filling", ())) for i, _, o in _cart(menu, *said)) == want


@pytest.mark.parametrize(("menu", "said", "group", "want"), [
    ("korean", "a army stew with cheese and uh ramen and like 3 cokes", "extras",
     ("cheese", "ramen-noodles")),
    ("pizzapasta", "one twelve-inch stuffed-crust margherita topped with ham, pepperoni and "
     "green peppers", "toppings", ("ham", "pepperoni", "green-peppers")),
])
def test_a_dish_word_in_a_list_of_options_is_an_option(menu: str, said: str, group: str,
                                                       want: tuple[str, ...]) -> None:
    lines = _cart(menu, said)
    assert [o[group] for _, _, o in lines if group in o] == [want]


@pytest.mark.parametrize(("said", "want"), [
    (("two colas", "uh actually change one of them to a strawberry milk"),
     [("cola", 1), ("strawberry-milk", 1)]),
    (("three colas", "change two of them to a strawberry milk"),
     [("cola", 1), ("strawberry-milk", 2)]),
])
def test_some_of_a_line_changed_to_another_dish(said: tuple[str, ...],
                                                want: list[tuple[str, int]]) -> None:
    assert [(i, q) for i, q, _ in _cart("korean", *said)] == want


def test_a_pot_is_a_measure_word() -> None:
    """部队锅两锅: 锅 counts pots (phrases.toml zh ``measures``)."""
    assert [(i, q) for i, q, _ in _cart("korean", "部队锅两锅")] == [("army-stew", 2)]


@pytest.mark.parametrize("said", [
    ("a vegetable fried rice with no egg",),
    ("how much is the vegetable fried rice", "is it vegan", "one with no egg then"),
])
def test_no_add_on_is_no_dish_taken_off(said: tuple[str, ...]) -> None:
    """"no egg": egg is part of a dish's name (tomato and egg) and, as "add egg", an
    add-on: the add-on not taken, not the dish."""
    assert _cart("veggie", *said) == [("veg-fried-rice", 1, {})]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("korean", ("一份杂菜", "嗯……杂菜还是不要了 换个泡菜饼"), [("kimchi-pancake", 1)]),
    ("korean", ("嗯冷面两碗都要汤的",), [("cold-noodles", 2)]),
    ("korean", ("两碗冷面", "冷面两碗都要汤的"), [("cold-noodles", 2)]),
    ("pizzapasta", ("a margherita with ham and a sprite",
                    "take the ham off the margherita and put pineapple on it"),
     [("margherita", 1), ("sprite", 1)]),
])
def test_second_thoughts_counts_said_with_both_and_put_on_it(
        menu: str, said: tuple[str, ...], want: list[tuple[str, int]]) -> None:
    """还是不要了 takes off; 冷面两碗都要汤的 is two bowls, both with broth (not a third
    line); "put pineapple on it" adds to the line talked about (no move)."""
    assert sorted((i, q) for i, q, _ in _cart(menu, *said)) == want
    lines = _cart(menu, *said)
    if menu == "pizzapasta":
        assert [o.get("toppings") for i, _, o in lines if i == "margherita"] == [("pineapple",)]
