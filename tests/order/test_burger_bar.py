"""Causes found by the seventh blind batch (tests/data/blind7, menus/burger.toml), each
fixed in general."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize("said", ["来个双层牛肉堡", "一个双层牛肉堡", "双层牛肉堡"])
def test_a_whole_dish_name_is_not_split_into_an_option_and_a_shorter_dish(said: str) -> None:
    """双层 is also the extra patty, but 双层牛肉堡 is a dish of its own."""
    assert [(i, q) for i, q, _ in lines_after("burger", said)] == [("double-beef-burger", 1)]


@pytest.mark.parametrize(("said", "item", "group", "option"), [
    ("来份大薯", "fries", "fries-size", "large"),
    ("大薯", "fries", "fries-size", "large"),
    ("a chicken burger and six nuggets", "nuggets", "nugget-count", "six"),
    ("一个双层牛肉堡一份大薯", "fries", "fries-size", "large"),
])
def test_an_option_said_as_its_dish_is_that_dish(said: str, item: str, group: str,
                                                 option: str) -> None:
    lines = {i: o for i, _, o in lines_after("burger", said)}
    assert lines[item][group] == (option,)


def test_an_option_before_the_dish_that_offers_it_stays_an_option() -> None:
    lines = lines_after("burger", "来份大份薯条")
    assert [(i, o["fries-size"]) for i, _, o in lines] == [("fries", ("large",))]


@pytest.mark.parametrize("said", ["来一份羊肉泡馍", "hand-pulled noodles with chicken, large"])
def test_an_option_word_inside_another_name_is_not_a_dish(said: str) -> None:
    """羊肉 is the polo's meat, but 羊肉泡馍 is a dish the menu lacks."""
    assert "polo" not in [i for i, _, _ in lines_after("xinjiang", said)]


@pytest.mark.parametrize("said", [
    "a cheeseburger, no onions or pickles",
    "a cheeseburger, hold the pickles and the onions",
    "a cheeseburger, leave off the onions and the pickles",
    "芝士堡 不要洋葱和酸黄瓜",
    "芝士堡，洋葱和酸黄瓜都不要",
])
def test_a_negation_said_once_takes_away_each_word_of_its_list(said: str) -> None:
    lines = lines_after("burger", said)
    assert [(i, o["hold"]) for i, _, o in lines] == [("cheeseburger", ("no-onion", "no-pickles"))]


def test_a_word_that_is_an_option_itself_is_not_taken_away() -> None:
    """"no onions and bacon": the bacon is added, not taken away (there is no "no bacon")."""
    lines = lines_after("burger", "a beef burger, no onions and bacon")
    assert [(o["hold"], o["extras"]) for _, _, o in lines] == [(("no-onion",), ("bacon",))]


@pytest.mark.parametrize(("first", "then", "left"), [
    ("三个芝士堡", "去掉一个", 2), ("three cheeseburgers", "take one off", 2)])
def test_taking_one_off_a_line(first: str, then: str, left: int) -> None:
    """The group named 去掉 (leave off) on this menu is not read over the command 去掉."""
    assert [q for _, q, _ in lines_after("burger", first, then)] == [left]


CHEESE_AND_NO_ONION = "a beef burger with cheese and a beef burger with no onions"


@pytest.mark.parametrize(("first", "change", "want"), [
    (CHEESE_AND_NO_ONION, "the one with cheese, make it two",
     [("beef-burger", 2, ("american",), ()), ("beef-burger", 1, (), ("no-onion",))]),
    ("一个加芝士的牛肉堡，一个不要洋葱的牛肉堡", "加芝士的那个要两个",
     [("beef-burger", 2, ("american",), ()), ("beef-burger", 1, (), ("no-onion",))]),
    ("a beef burger with bacon and a chicken burger with bacon",
     "take the bacon off the second burger",
     [("beef-burger", 1, (), ()), ("chicken-burger", 1, (), ())]),
    ("a beef burger with cheese and a fish burger with cheese",
     "take the cheese off the fish burger",
     [("beef-burger", 1, ("american",), ()), ("fish-burger", 1, (), ())]),
])
def test_a_line_named_by_what_sets_it_apart(first: str, change: str,
                                            want: list[tuple[object, ...]]) -> None:
    lines = lines_after("burger", first, change)
    got = [(i, q, o.get("cheese", ()), o.get("hold", ())) for i, q, o in lines]
    assert sorted(got) == sorted(want)


@pytest.mark.parametrize(("first", "change", "item"), [
    ("一个牛肉堡不要洋葱，一杯可乐", "把那个不要洋葱的换成鸡腿堡", "chicken-burger"),
    ("a fish burger, no lettuce, and a coke", "the fish burger, make it a chicken burger instead",
     "chicken-burger"),
])
def test_a_line_named_then_replaced_keeps_the_other_lines(first: str, change: str,
                                                         item: str) -> None:
    assert sorted(i for i, _, _ in lines_after("burger", first, change)) == sorted(
        [item, "cola"])


def test_a_dish_said_first_then_more_options_changes_that_line() -> None:
    """牛肉堡再加点墨西哥辣椒: jalapeños on the beef burger, not one more beef burger."""
    lines = lines_after("burger", "一个牛肉堡加培根，一个鸡腿堡", "牛肉堡再加点墨西哥辣椒")
    assert sorted((i, q, o.get("extras", ())) for i, q, o in lines) == [
        ("beef-burger", 1, ("bacon", "jalapenos")), ("chicken-burger", 1, ())]


def test_a_count_a_line_has_as_another_option_is_that_option() -> None:
    """"make the nuggets six" on nine-piece nuggets: the six pieces, not six boxes."""
    lines = lines_after("burger", "nine nuggets with mayo", "actually make the nuggets six")
    assert [(i, q, o["nugget-count"]) for i, q, o in lines] == [("nuggets", 1, ("six",))]


@pytest.mark.parametrize(("said", "group", "want"), [
    ("two beef burgers, one with no onions, the other with extra cheese", "hold",
     [(), ("no-onion",)]),
    ("two cheeseburgers, mine medium, hers well done", "doneness", [("medium",), ("well-done",)]),
])
def test_one_choice_each_of_a_counted_dish(said: str, group: str,
                                          want: list[tuple[str, ...]]) -> None:
    """"medium" is also a fries and cup size: only the burger's own groups count."""
    lines = lines_after("burger", said)
    assert sorted(o.get(group, ()) for _, _, o in lines) == want
    assert sum(q for _, q, _ in lines) == 2


@pytest.mark.parametrize("said", ["a beef burger with bacon and egg", "一个牛肉堡加培根和蛋"])
def test_a_with_said_once_for_a_list(said: str) -> None:
    lines = lines_after("burger", said)
    assert [o["extras"] for _, _, o in lines] == [("bacon", "egg")]


def test_a_dish_name_said_around_its_options() -> None:
    lines = lines_after("burger", "a spicy no-onion chicken burger on whole wheat")
    assert [(i, o["hold"], o["bun"]) for i, _, o in lines] == [
        ("spicy-chicken-burger", ("no-onion",), ("whole-wheat",))]


def test_a_clash_undone_in_the_same_breath_is_no_clash() -> None:
    """Allergic to sesame; the beef burger's sesame bun switched to whole wheat at once."""
    lines = lines_after("burger", "我对芝麻过敏", "一个牛肉堡 换全麦面包")
    assert [(i, o["bun"]) for i, _, o in lines] == [("beef-burger", ("whole-wheat",))]


def test_a_removal_never_names_a_dish() -> None:
    """不要生菜 after the offer of a spicy chicken burger: not the BLT (生菜 is in its name)."""
    lines = lines_after("burger", "香辣鸡腿堡是清真的吗", "来一个 不要生菜")
    assert [(i, o["hold"]) for i, _, o in lines] == [("spicy-chicken-burger", ("no-lettuce",))]


@pytest.mark.parametrize(("turns", "want"), [
    (("a fish burger and a cola", "remove the cola", "a soy latte instead"),
     ["fish-burger", "latte"]),
    (("a fish burger, fries and a cola", "remove the fries", "actually I do want the fries"),
     ["cola", "fish-burger", "fries"]),
    (("一个鳕鱼堡，一杯可乐", "可乐不要了", "来杯拿铁", "算了可乐还是要吧"),
     ["cola", "fish-burger", "latte"]),
])
def test_a_dish_taken_off_is_not_replaced_again(turns: tuple[str, ...], want: list[str]) -> None:
    """After a removal, "X instead" is instead of what is gone, and a dish taken off then
    wanted after all comes back: neither replaces the cart's last line."""
    assert sorted(i for i, _, _ in lines_after("burger", *turns)) == want
