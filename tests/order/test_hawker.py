"""Causes found by the fifteenth blind batch (tests/data/blind15, menus/hawker.toml: a
hawker window; regional varieties of English and Mandarin), each fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _cart(*said: str) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return sorted(lines_after("hawker", *said), key=lambda ln: (ln[0], str(ln[2])))


@pytest.mark.parametrize(("said", "want"), [
    ("鸡肉沙爹五支牛肉沙爹五支", [("satay", 5, "meat", ("beef",)), ("satay", 5, "meat", ("chicken",))]),
    ("蛋煎饼两片外带", [("roti-prata", 2, "prata-type", ("egg",))]),
    ("茶乌无糖热的", [("teh", 1, "teh-milk", ("no-milk",))]),
    ("一杯茶C冰少甜，一杯美禄恐龙", [("milo-dinosaur", 1, "packing", ("dine-in",)),
                                ("teh", 1, "temp", ("iced",))]),
    ("a nasi lemak and a teh-o peng", [("nasi-lemak", 1, "packing", ("dine-in",)),
                                       ("teh", 1, "teh-milk", ("no-milk",))]),
])
def test_an_option_whose_name_holds_its_dish_names_the_dish(
        said: str, want: list[tuple[str, int, str, tuple[str, ...]]]) -> None:
    """牛肉沙爹, 蛋煎饼, 茶乌: an option only one dish has, named with that dish's name,
    is that dish with it (with its count said after it); 冰 + 少甜 said exactly beat 冰少
    matched by sound."""
    assert [(i, q, g, o[g]) for (i, q, o), (_, _, g, _) in zip(_cart(said), want,
                                                             strict=True)] == want


@pytest.mark.parametrize(("said", "qty"), [
    ("sixty chicken satay", 0),  # over the 50 the menu allows: offered, not taken
    ("what is the cost of ten sticks of beef satay?", 0),
    ("two teh peng lah", 2),
])
def test_numbers_measures_and_particles(said: str, qty: int) -> None:
    assert sum(q for _, q, _ in _cart(said)) == qty


@pytest.mark.parametrize(("said", "want"), [
    ("dabao two mee goreng, one no chilli", [("mee-goreng", 1), ("mee-goreng", 1)]),
    ("打包两杯拉茶", [("teh-tarik", 2)]),
    ("three roti prata, two plain one egg, with dhal", [("roti-prata", 1), ("roti-prata", 2)]),
    ("nasi lemak add wing", [("nasi-lemak", 1)]),
])
def test_takeaway_first_splits_without_pauses_and_add_ons(
        said: str, want: list[tuple[str, int]]) -> None:
    """"dabao" before the count is the dishes'; "two plain one egg" is two clauses
    ("plain one" being a name of the plain prata too); "add wing" is the add-on."""
    lines = _cart(said)
    assert sorted((i, q) for i, q, _ in lines) == want
    if said.startswith(("dabao", "打包")):
        assert all(o["packing"] == ("takeaway",) for _, _, o in lines)
    if "wing" in said:
        assert lines[0][2]["addons"] == ("chicken-wing",)


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("hawker", ("一杯拉茶", "我朋友也要一杯"), 2),
    ("riceplate", ("可乐", "也来一个"), 2),
    ("riceplate", ("zhajiang noodles large", "also one"), 2),
])
def test_also_one_is_one_more(menu: str, said: tuple[str, ...], want: int) -> None:
    assert [q for _, q, _ in lines_after(menu, *said)] == [want]


@pytest.mark.parametrize("said", [
    ("sate ayam ten sticks",),
    ("satay ten sticks", "chicken lah"),
    ("satay, ten chicken, no peanut sauce, tapau",),
])
def test_counted_in_sticks(said: tuple[str, ...]) -> None:
    """"sticks" (a word of the satay's own name) after its count is what it is counted
    in; "ten chicken" after the satay is its count and meat, not the chicken rice."""
    ((item, qty, opts),) = _cart(*said)
    assert (item, qty, opts["meat"]) == ("satay", 10, ("chicken",))


@pytest.mark.parametrize("said", [
    ("ten satay", "half chicken half beef"),
    ("十支沙爹", "一半鸡肉一半牛肉"),
])
def test_an_answer_in_halves(said: tuple[str, ...]) -> None:
    assert [(q, o["meat"]) for _, q, o in _cart(*said)] == [(5, ("beef",)), (5, ("chicken",))]


def test_an_answer_after_a_comma_is_not_joined_into_a_dish_name() -> None:
    """白鸡，饭少点: 白鸡 (steamed) is whole before the comma; 鸡 + 饭 is not the 鸡饭."""
    ((_, _, opts),) = _cart("一个鸡饭", "白鸡，饭少点")
    assert (opts["chicken"], opts["rice-amount"]) == (("steamed",), ("less-rice",))


def test_an_option_ending_with_part_of_its_dishs_name() -> None:
    """原味煎饼 (plain prata) ends with 煎饼, part of 印度煎饼 alone: that dish, 配 a curry."""
    ((item, qty, opts),) = _cart("两片原味煎饼配豆咖喱")
    assert (item, qty, opts["prata-type"], opts["curry"]) == (
        "roti-prata", 2, ("plain",), ("dhal",))


@pytest.mark.parametrize(("said", "lang", "example"), [
    ("help", "en", "two hainanese chicken rice"), ("怎么点", "zh", "两份海南鸡饭")])
def test_help_gives_an_example_from_this_menu(said: str, lang: str, example: str) -> None:
    from corpus import menu_for  # type: ignore[import-not-found]

    from kiosk.order import Conversation

    assert example in Conversation(menu_for("hawker")).turn(said, lang).reply
