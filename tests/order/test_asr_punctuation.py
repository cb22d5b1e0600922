"""Where a recogniser puts its commas does not change the order: a correction word
before a comma still leads what it corrects, and a comma inside a dish's name does
not cut the dish in two."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import lines_after  # type: ignore[import-not-found]

from kiosk.menu import load_menu
from kiosk.order import Conversation

MENUS = Path(__file__).resolve().parents[2] / "menus"


def _cart(said: str, lang: str, menu: str = "canteen") -> list[tuple[str, int]]:
    turn = Conversation(load_menu(MENUS / f"{menu}.toml")).turn(said, lang)
    return sorted((line.item, line.quantity) for line in turn.cart.lines)


@pytest.mark.parametrize(("said", "lang", "cart"), [
    ("1 beef noodle sorry, 2 beef noodles", "en", [("beef-noodle-soup", 2)]),
    ("one beef noodle soup, sorry, two beef noodle soups", "en", [("beef-noodle-soup", 2)]),
    ("a coke i mean, two cokes", "en", [("cola", 2)]),
    ("一碗牛肉面说错了，两碗牛肉面", "zh", [("beef-noodle-soup", 2)]),
    ("两碗牛肉面不对，一碗牛肉面", "zh", [("beef-noodle-soup", 1)]),
])
def test_a_correction_word_before_a_comma_leads_the_next_clause(
        said: str, lang: str, cart: list[tuple[str, int]]) -> None:
    assert _cart(said, lang) == cart


def test_actually_after_a_clause_is_not_moved() -> None:
    """"actually" may follow what it corrects, so it is left where it was said."""
    assert _cart("a beef noodle soup, make it two actually", "en") == [("beef-noodle-soup", 2)]


@pytest.mark.parametrize(("said", "cart"), [
    ("tomato, egg rice, large, please", [("tomato-egg-rice", 1)]),
    ("a kung pao, chicken", [("kung-pao-chicken-rice", 1)]),
])
def test_a_comma_inside_a_dish_name(said: str, cart: list[tuple[str, int]]) -> None:
    assert _cart(said, "en") == cart


def test_a_comma_between_two_dishes_stays() -> None:
    """A whole dish name before the comma is a dish of its own."""
    assert _cart("beef noodle soup, tea egg", "en") == [("beef-noodle-soup", 1), ("tea-egg", 1)]


@pytest.mark.parametrize(("said", "lang", "cart"), [
    ("two, no, three soy milks", "en", [("soy-milk", 3)]),
    ("两杯，不对，三杯豆浆", "zh", [("soy-milk", 3)]),
    ("uh four tea eggs um sorry five", "en", [("tea-egg", 5)]),
])
def test_a_count_corrected_mid_sentence(said: str, lang: str,
                                        cart: list[tuple[str, int]]) -> None:
    """The count said before the correction is taken back, whatever the commas."""
    assert _cart(said, lang, "breakfast") == cart


@pytest.mark.parametrize(("said", "lang", "cart"), [
    ("two beef noodle soups and 3, tea eggs please", "en",
     [("beef-noodle-soup", 2), ("tea-egg", 3)]),
    ("a cola, 2, large beef noodle soups", "en", [("beef-noodle-soup", 2), ("cola", 1)]),
    ("牛肉面，三，茶叶蛋", "zh", [("beef-noodle-soup", 1), ("tea-egg", 3)]),
])
def test_a_count_before_a_comma_counts_the_dish_after_it(
        said: str, lang: str, cart: list[tuple[str, int]]) -> None:
    """The recogniser's comma after a count ("and 3, tea eggs") does not make the count
    a change of the dish before it."""
    assert _cart(said, lang) == cart


def test_a_count_after_a_dish_before_a_counted_one_still_changes_it() -> None:
    """"a beef noodle soup, 2, and a cola": the next chunk has its own count."""
    assert _cart("a beef noodle soup, 2, and a cola", "en") == [
        ("beef-noodle-soup", 2), ("cola", 1)]


def test_a_space_between_chinese_words_is_a_pause() -> None:
    """"辣猪肉饭 大杯可尔必思 中杯柚子苏打": each size goes with the drink after it."""
    lines = lines_after("ricebowl", "辣猪肉饭 大杯可尔必思 中杯柚子苏打", lang="zh")
    assert sorted((i, o.get("cup")) for i, _, o in lines) == [
        ("calpis", ("large",)), ("spicy-pork", None), ("yuzu-soda", ("regular",))]


def test_an_exact_pair_beats_a_match_by_sound() -> None:
    """大份特辣: 大份 + 特辣, not 大份的 (特 sounds like 的) + 辣."""
    lines = lines_after("ricebowl", "来一份猪排咖喱饭 大份 特辣 少饭", lang="zh")
    assert [o.get("spice") for _, _, o in lines] == [("hot",)]


def test_a_count_said_before_a_new_clause_answers_the_offer() -> None:
    """"来一个，再要两个肉包子" after "要来一碗玉米排骨汤吗？": one soup and two buns."""
    lines = lines_after("canteen", "玉米排骨汤多少钱", "来一个，再要两个肉包子", lang="zh")
    assert sorted((i, q) for i, q, _ in lines) == [("corn-rib-soup", 1), ("pork-bun", 2)]


@pytest.mark.parametrize(("said", "lang", "cart"), [
    ("毛豆两份炸鸡一份", "zh", [("edamame", 2), ("karaage", 1)]),
    ("照烧鸡腿饭一份毛豆一份", "zh", [("edamame", 1), ("teriyaki-chicken", 1)]),
    ("edamame, two, and karaage, one", "en", [("edamame", 2), ("karaage", 1)]),
])
def test_counts_said_after_each_dish(said: str, lang: str, cart: list[tuple[str, int]]) -> None:
    """When the last dish is counted after its name, so is each dish before it: the count
    between two dishes is the first one's, not the next one's."""
    assert sorted((i, q) for i, q, _ in lines_after("ricebowl", said, lang=lang)) == cart


def test_a_count_after_a_dish_with_options_before_it() -> None:
    lines = lines_after("grill", "三分熟的西冷牛排两份", lang="zh")
    assert [(i, q, o.get("doneness")) for i, q, o in lines] == [
        ("sirloin-steak", 2, ("medium-rare",))]
