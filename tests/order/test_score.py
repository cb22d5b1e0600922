"""Conversation.score: the sense a speech hypothesis makes, used to choose among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.menu import load_menu
from kiosk.order import Conversation

MENUS = Path(__file__).resolve().parents[2] / "menus"


@pytest.fixture()
def canteen() -> Conversation:
    return Conversation(load_menu(MENUS / "canteen.toml"))


def test_a_stutter_of_a_dish_name_is_not_more_sense(canteen: Conversation) -> None:
    # "豆浆浆": the recogniser doubled a character; the stray 浆 is part of 豆浆's name
    assert canteen.score("一杯豆浆浆", "zh") < canteen.score("一杯豆浆", "zh")
    # a different dish after a whole name still counts
    assert canteen.score("一杯豆浆一碗馄饨", "zh") > canteen.score("一杯豆浆", "zh")


def test_an_option_no_dish_offers_is_not_more_sense(canteen: Conversation) -> None:
    # 无糖 is a sugar level of soy milk; water has none
    assert canteen.score("一杯无糖豆浆", "zh") > canteen.score("一杯无糖水", "zh")
    assert canteen.score("一杯无糖水", "zh") < canteen.score("一杯水", "zh")
    # an option with no dish named is a correction or an answer, and keeps its sense
    assert canteen.score("无糖", "zh") > canteen.score("天气很好", "zh")


def test_an_offered_option_still_adds_sense(canteen: Conversation) -> None:
    assert canteen.score("beef noodles not spicy", "en") > canteen.score("beef noodles", "en")
    assert canteen.score("water not spicy", "en") < canteen.score("water", "en")


@pytest.mark.parametrize(("said", "run_on"), [
    ("宫保鸡丁饭加饭", "宫保鸡丁饭鸡饭"),  # a partial name right after the dish
    ("我要一个大份的红烧肉还要一个茶叶蛋", "我要一个大份的红烧肉还要一个茶叶蛋水"),  # 水 run on
    ("蛋炒饭一份加肉", "蛋炒饭一份加肉茶"),  # 茶 run on after an option
    ("牛肉面一碗", "牛肉面面"),
])
def test_a_dish_word_run_on_after_a_dish_is_not_more_sense(canteen: Conversation, said: str,
                                                           run_on: str) -> None:
    assert canteen.score(run_on, "zh") < canteen.score(said, "zh")


def test_a_dish_after_a_count_or_pause_still_counts(canteen: Conversation) -> None:
    assert canteen.score("一碗牛肉面一瓶水", "zh") > canteen.score("一碗牛肉面", "zh")
    assert canteen.score("一碗牛肉面，水", "zh") > canteen.score("一碗牛肉面", "zh")


def test_a_count_before_a_count_is_stray(canteen: Conversation) -> None:
    assert canteen.score("两个一杯奶茶", "zh") < canteen.score("一杯奶茶", "zh")


def test_a_partial_name_before_a_whole_one_is_stray(canteen: Conversation) -> None:
    # "a green tea" heard as "egg green tea": egg joins no dish there
    assert canteen.score("egg green tea, no sugar", "en") < canteen.score(
        "a green tea, no sugar", "en")


@pytest.mark.parametrize(("looped", "once", "lang"), [
    ("4 soy milks, two hot and two iced. 4 soy milk, 2 hot and 2 iced.",
     "4 soy milks, two hot and two iced.", "en"),
    ("两碗牛肉面一碗不辣两碗牛肉面一碗不辣", "两碗牛肉面一碗不辣", "zh"),
])
def test_an_order_said_twice_in_a_row_is_a_loop(canteen: Conversation, looped: str, once: str,
                                                lang: str) -> None:
    """A decoder that ran on and said the order again makes less sense than the order
    said once (the parser would make it twice as much)."""
    assert canteen.score(looped, lang) < canteen.score(once, lang)


def test_a_dish_said_again_later_is_not_a_loop(canteen: Conversation) -> None:
    """Only a stretch of three pieces or more said twice in a row is a loop."""
    assert canteen.score("a coke and a coke", "en") == canteen.score("a coke", "en")


@pytest.mark.parametrize(("whole", "loose", "lang"), [
    ("两碗凉面，一碗不辣，一碗中辣", "一碗凉面，一碗不辣，一碗中辣", "zh"),
    ("four soy milks, two hot and two iced", "four soy milks, one hot and two iced", "en"),
])
def test_counts_that_split_the_dish_exactly_make_more_sense(
        canteen: Conversation, whole: str, loose: str, lang: str) -> None:
    assert canteen.score(whole, lang) > canteen.score(loose, lang)
