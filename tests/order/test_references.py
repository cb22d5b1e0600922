"""Causes found by the nineteenth blind batch (tests/data/blind19, menus/cantonese.toml:
references across turns), each fixed in general and tested on more than its menu."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "take the first one off",
     ["milk-tea", "egg-tart"]),
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "remove the second one",
     ["char-siu-rice", "egg-tart"]),
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "the second one, cancel that",
     ["char-siu-rice", "egg-tart"]),
    ("cantonese", "一个叉烧包一个菠萝包", "第一个不要了", ["pineapple-bun"]),
    ("canteen", "a beef noodle soup, a cola and a lemon tea", "cancel the last one",
     ["beef-noodle-soup", "cola"]),
    ("canteen", "一碗牛肉面一瓶可乐", "第一个不要了", ["cola"]),
])
def test_a_removal_by_place_takes_that_line(menu: str, first: str, said: str,
                                             want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, first, said)] == want


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("cantonese", "a char siu rice, a milk tea and an egg tart", "the last thing I said, cancel it",
     ["char-siu-rice", "milk-tea"]),
    ("canteen", "a beef noodle soup and a cola", "the cola, cancel it", ["beef-noodle-soup"]),
])
def test_cancel_after_naming_a_line_removes_only_that(menu: str, first: str, said: str,
                                                      want: list[str]) -> None:
    """A lone "cancel" after a clause that names a line is that line's removal, never the
    whole order's cancellation."""
    assert [i for i, _, _ in lines_after(menu, first, said)] == want


def test_cancel_alone_still_cancels_the_order() -> None:
    assert lines_after("canteen", "a beef noodle soup and a cola", "cancel") == []


@pytest.mark.parametrize(("menu", "first", "said"), [
    ("cantonese", "two egg tarts", "make the milk tea iced"),
    ("cantonese", "两个蛋挞", "奶茶改成冻的"),
    ("canteen", "a beef noodle soup", "make the lemon tea iced"),
])
def test_changing_a_dish_not_in_the_cart_changes_nothing(menu: str, first: str, said: str) -> None:
    """"make the milk tea iced" names the dish whose options change; with none in the cart
    the kiosk says so, and nothing is added or removed."""
    conv = Conversation(menu_for(menu))
    conv.turn(first, "auto")
    before = [(ln.item, ln.quantity) for ln in conv.cart.lines]
    reply = conv.turn(said, "auto").reply
    assert [(ln.item, ln.quantity) for ln in conv.cart.lines] == before
    assert "no " in reply.lower() or "没有" in reply


@pytest.mark.parametrize(("menu", "first", "said", "item"), [
    ("cantonese", "two egg tarts", "make it a milk tea", "milk-tea"),
    ("cantonese", "a milk tea and a lemon tea", "make the milk tea iced", "milk-tea"),
])
def test_a_change_of_a_dish_in_the_cart_or_to_a_new_one_still_works(
        menu: str, first: str, said: str, item: str) -> None:
    lines = lines_after(menu, first, said)
    assert item in [i for i, _, _ in lines]
    if "iced" in said:
        assert dict((i, o) for i, _, o in lines)["milk-tea"]["temp"] == ("iced",)


def test_an_order_said_as_a_swap_on_an_empty_cart_is_an_order() -> None:
    ((item, _, _),) = lines_after("cantonese", "奶茶改成冻的")
    assert item == "milk-tea"


@pytest.mark.parametrize(("menu", "said", "item", "qty", "opts"), [
    ("cantonese", ("a pineapple bun with butter and a milk tea", "one more of the pineapple bun"),
     "pineapple-bun", 2, {"bun-butter": ("with-butter",)}),
    ("cantonese", ("一个菠萝油一杯奶茶", "菠萝油再来一个"), "pineapple-bun", 2,
     {"bun-butter": ("with-butter",)}),
    ("cantonese", ("一个净云吞一碗大碗白粥", "白粥再加一碗"), "plain-congee", 2,
     {"bowl-size": ("large",)}),
    ("cantonese", ("a wonton soup and a large plain congee", "I'll have another of the congee"),
     "plain-congee", 2, {"bowl-size": ("large",)}),
    ("canteen", ("一碗大份牛肉面一瓶可乐", "牛肉面再来一碗"), "beef-noodle-soup", 2,
     {"portion": ("large",)}),
])
def test_more_of_a_line_named_by_its_dish(menu: str, said: tuple[str, ...], item: str,
                                          qty: int, opts: dict[str, tuple[str, ...]]) -> None:
    """"one more of the X", X再来一个: that line's count grows, its options kept (no new
    plain line, no question which congee)."""
    lines = [(i, q, o) for i, q, o in lines_after(menu, *said) if i == item]
    assert len(lines) == 1 and lines[0][1] == qty
    assert {g: lines[0][2][g] for g in opts} == opts


def test_a_dish_then_one_more_of_another_dish_is_two_dishes() -> None:
    """凉皮微辣的再来两个馕: 再来 joins the next dish; the count is the naan's."""
    lines = lines_after("xinjiang", "来个凉皮微辣的再来两个馕")
    assert sorted((i, q) for i, q, _ in lines) == [("liangpi", 1), ("naan", 2)]


@pytest.mark.parametrize(("menu", "said"), [
    ("cantonese", ("a two meat rice with duck and crispy pork", "less rice on it",
                   "my friend wants the same")),
])
def test_the_same_is_the_line_as_it_is_now(menu: str, said: tuple[str, ...]) -> None:
    ((_, qty, opts),) = lines_after(menu, *said)
    assert qty == 2 and opts["rice-amount"] == ("less-rice",)


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("cantonese", ("a milk tea and a lemon tea", "make the milk tea iced",
                   "and the other one no sugar"), "lemon-tea", "sugar", ("no-sugar",)),
    ("cantonese", ("一杯奶茶一杯柠檬茶", "奶茶要冻的", "另一杯走甜"), "lemon-tea", "sugar", ("no-sugar",)),
    ("cantonese", ("云吞面和牛腩面各一碗", "牛腩面干捞", "另一碗要大碗的"), "wonton-noodles",
     "bowl-size", ("large",)),
    ("canteen", ("a beef noodle soup and a dan dan noodles", "make the dan dan noodles large",
                 "and the other one large too"), "beef-noodle-soup", "portion", ("large",)),
])
def test_the_other_one_is_the_line_besides_the_current(
        menu: str, said: tuple[str, ...], item: str, group: str, want: tuple[str, ...]) -> None:
    lines = {i: o for i, _, o in lines_after(menu, *said)}
    assert lines[item][group] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("a lemon tea, a milk tea and a crispy pork rice", "both teas iced"),
     {"lemon-tea": ("iced",), "milk-tea": ("iced",)}),
    ("cantonese", ("柠檬茶奶茶各一杯再加个烧肉饭", "两杯茶都冻的"),
     {"lemon-tea": ("iced",), "milk-tea": ("iced",)}),
])
def test_both_of_a_kind_changes_those_lines(menu: str, said: tuple[str, ...],
                                            want: dict[str, tuple[str, ...]]) -> None:
    lines = {i: o for i, _, o in lines_after(menu, *said)}
    assert {i: lines[i]["temp"] for i in want} == want


def test_drinks_all_is_the_drink_lines_only() -> None:
    """饮料都少甜: the category names the lines; the rice plate has no sugar anyway."""
    lines = {i: o for i, _, o in lines_after("cantonese", "两杯奶茶一杯鸳鸯还有一份叉烧饭", "饮料都少甜")}
    assert lines["milk-tea"]["sugar"] == lines["yuenyeung"]["sugar"] == ("less-sugar",)


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("a crispy pork rice and two char siu buns", "and the buns, four of them"),
     [("crispy-pork-rice", 1), ("char-siu-bun", 4)]),
    ("cantonese", ("一份烧肉饭两个叉烧包", "包子要四个"), [("crispy-pork-rice", 1), ("char-siu-bun", 4)]),
    ("cantonese", ("a fish congee and two char siu buns", "one more bun"),
     [("fish-congee", 1), ("char-siu-bun", 3)]),
    ("cantonese", ("一份豉油鸡饭", "再来杯冻鸳鸯", "饮料不要了"), [("soy-chicken-rice", 1)]),
    ("cantonese", ("一个叉烧包一杯柠檬茶", "包子换成蛋挞"), [("lemon-tea", 1), ("egg-tart", 1)]),
    ("breakfast", ("a pork congee and four shaomai", "remove the congee"), [("shaomai", 4)]),
    ("breakfast", ("a pork congee and four shaomai", "the congee, make it two"),
     [("pork-congee", 2), ("shaomai", 4)]),
])
def test_the_one_line_of_a_kind(menu: str, said: tuple[str, ...],
                                want: list[tuple[str, int]]) -> None:
    """"the buns", 包子 (包 of 叉烧包), 饮料 (a category): the one line of that kind."""
    assert [(i, q) for i, q, _ in lines_after(menu, *said)] == want


@pytest.mark.parametrize(("said", "extra"), [
    (("a crispy pork rice and a lemon tea", "add an egg to the rice"), "fried-egg"),
    (("一份烧肉饭一杯柠檬茶", "饭里加个蛋"), "fried-egg"),
])
def test_an_option_for_the_line_of_a_kind(said: tuple[str, ...], extra: str) -> None:
    lines = {i: o for i, _, o in lines_after("cantonese", *said)}
    assert lines["crispy-pork-rice"]["rice-extras"] == (extra,)


def test_a_count_before_a_kind_is_still_an_order() -> None:
    """"a tea" with a lemon tea in the cart asks which tea; nothing changes yet."""
    assert [i for i, _, _ in lines_after("cantonese", "a lemon tea", "a tea")] == ["lemon-tea"]


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("cantonese", ("a milk tea and a lemon tea", "how much is the milk tea", "ok make it iced"),
     "milk-tea", "temp", ("iced",)),
    ("cantonese", ("一杯奶茶一杯柠檬茶", "奶茶多少钱", "那这个要冻的"), "milk-tea", "temp", ("iced",)),
    ("cantonese", ("一杯鸳鸯一碗净云吞", "鸳鸯有咖啡因吗", "那它少甜吧"), "yuenyeung", "sugar",
     ("less-sugar",)),
    ("canteen", ("a beef noodle soup and a lemon tea", "how much is the beef noodle soup",
                 "make it large"), "beef-noodle-soup", "portion", ("large",)),
])
def test_a_question_about_a_dish_in_the_cart_makes_it_current(
        menu: str, said: tuple[str, ...], item: str, group: str, want: tuple[str, ...]) -> None:
    lines = {i: o for i, _, o in lines_after(menu, *said)}
    assert lines[item][group] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("a milk tea", "a lemon tea", "oh the milk tea, I don't want it anymore"),
     ["lemon-tea"]),
    ("cantonese", ("一杯柠檬茶一份西多士", "刚才那个不要了"), ["lemon-tea"]),
    ("canteen", ("一碗牛肉面一瓶可乐", "刚才那个不要了"), ["beef-noodle-soup"]),
])
def test_the_one_just_said_taken_off(menu: str, said: tuple[str, ...], want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, *said)] == want


def test_the_line_named_by_its_option_with_that_cup() -> None:
    """热的那杯不要了: 那杯 marks the reference, as 的那杯 does."""
    lines = lines_after("cantonese", "一杯冻柠茶一杯热柠檬茶", "热的那杯不要了")
    assert [(i, o["temp"]) for i, _, o in lines] == [("lemon-tea", ("iced",))]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("how much is the french toast", "one of those, and a milk tea"),
     [("french-toast", 1), ("milk-tea", 1)]),
    ("canteen", ("how much is the beef noodle soup", "two of those and a cola"),
     [("beef-noodle-soup", 2), ("cola", 1)]),
])
def test_one_of_those_takes_the_offer_before_more_dishes(menu: str, said: tuple[str, ...],
                                                         want: list[tuple[str, int]]) -> None:
    """"one of those" points back at the dish offered; it is no count waiting for the
    dish after it."""
    assert [(i, q) for i, q, _ in lines_after(menu, *said)] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("鱼片粥白粥皮蛋瘦肉粥各一碗", "第一碗和第三碗都要大碗"),
     [("large",), ("regular",), ("large",)]),
    ("cantonese", ("a fish congee, a plain congee and a century egg congee",
                   "the third congee large and the first one too"),
     [("large",), ("regular",), ("large",)]),
    ("cantonese", ("a fish congee, a plain congee and a century egg congee",
                   "the first and the third large"), [("large",), ("regular",), ("large",)]),
])
def test_two_lines_named_by_place_share_one_change(menu: str, said: tuple[str, ...],
                                                   want: list[tuple[str, ...]]) -> None:
    assert [o["bowl-size"] for _, _, o in lines_after(menu, *said)] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("a roast duck rice and two egg tarts", "cancel the tarts", "and the rice, extra rice"),
     [("roast-duck-rice", ("extra-rice",))]),
    ("canteen", ("a beef noodle soup and two tea eggs", "remove the tea eggs", "and the noodles, large"),
     [("beef-noodle-soup", ("large",))]),
])
def test_and_the_dish_with_options_after_a_removal_changes_it(
        menu: str, said: tuple[str, ...], want: list[tuple[str, tuple[str, ...]]]) -> None:
    """"and the tea egg" after a removal removes it too; with an option said it is changed."""
    lines = lines_after(menu, *said)
    assert [(i, next(iter(o.values()))) for i, _, o in lines] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("a fish congee and a plain congee", "the fish one's fine, make the other one large"),
     [("regular",), ("large",)]),
    ("cantonese", ("一碗鱼片粥一碗白粥", "鱼片粥不用变，另外那碗换大碗"), [("regular",), ("large",)]),
    ("cantonese", ("一碗鱼片粥一碗白粥", "鱼片粥要大碗", "另外那碗换大碗"), [("large",), ("large",)]),
])
def test_the_other_one_after_naming_the_one_kept(menu: str, said: tuple[str, ...],
                                                 want: list[tuple[str, ...]]) -> None:
    assert [o["bowl-size"] for _, _, o in lines_after(menu, *said)] == want


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("yunnan", ("the beef noodles extra spicy", "and a mushroom noodles, same as the beef"),
     "mushroom-noodles", "spice", ("extra-spicy",)),
    ("canteen", ("a large beef noodle soup", "and a dan dan noodles, same as the beef noodle soup"),
     "dan-dan-noodles", "portion", ("large",)),
    ("canteen", ("一碗大份牛肉面", "再来个担担面，跟刚才一样"), "dan-dan-noodles", "portion", ("large",)),
])
def test_a_dish_same_as_a_line_takes_its_options(menu: str, said: tuple[str, ...], item: str,
                                                 group: str, want: tuple[str, ...]) -> None:
    """"..., same as the beef" names the line whose options the new dish takes; the beef
    is not ordered again."""
    lines = lines_after(menu, *said)
    assert len(lines) == 2
    assert {i: o for i, _, o in lines}[item][group] == want


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("yunnan", ("a small pot noodles and a beef noodles", "the beef one extra spicy"),
     "beef-noodles", "spice", ("extra-spicy",)),
    ("canteen", ("a beef noodle soup and a dan dan noodles", "the beef one large"),
     "beef-noodle-soup", "portion", ("large",)),
])
def test_the_x_one_with_options_changes_that_line(menu: str, said: tuple[str, ...], item: str,
                                                  group: str, want: tuple[str, ...]) -> None:
    lines = lines_after(menu, *said)
    assert len(lines) == 2 and {i: o for i, _, o in lines}[item][group] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", "One kumquat lemon tea for me, and my friend would like the same, please.",
     [("kumquat-lemon-tea", 2)]),
    ("canteen", "a beef noodle soup for me and my friend would like the same", [("beef-noodle-soup", 2)]),
])
def test_one_dish_then_the_same_is_one_more(menu: str, said: str, want: list[tuple[str, int]]) -> None:
    """With one dish said, "the same" is one more of it (another diner's), not that dish
    taking the options of the line before it (as "a chicken ramen, same thing" does)."""
    assert [(i, q) for i, q, _ in lines_after(menu, said)] == want


def test_same_as_a_dish_whose_name_is_inside_the_line_named() -> None:
    """"same as the mapo tofu" with the vegetarian mapo tofu in the cart: that line."""
    lines = {i: o for i, _, o in lines_after(
        "sichuan", "a vegetarian mapo tofu, not spicy",
        "and a fish fragrant eggplant, same as the mapo tofu")}
    assert lines["yuxiang-eggplant"]["spice"] == ("not-spicy",) and "mapo-tofu" not in lines


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("cantonese", ("a soy sauce chicken rice", "and an iced yuenyeung", "never mind the drink"),
     ["soy-chicken-rice"]),
    ("canteen", ("a beef noodle soup and a cola", "never mind the cola"), ["beef-noodle-soup"]),
    ("canteen", ("a beef noodle soup", "never mind the hamburger"), ["beef-noodle-soup"]),
])
def test_never_mind_the_thing_takes_only_that_off(menu: str, said: tuple[str, ...],
                                                   want: list[str]) -> None:
    """"never mind the drink" named a line; it had cancelled the whole order."""
    assert [i for i, _, _ in lines_after(menu, *said)] == want


def test_never_mind_alone_and_something_to_drink_are_as_before() -> None:
    assert lines_after("canteen", "a beef noodle soup and a cola", "never mind") == []
    assert [i for i, _, _ in lines_after("canteen", "a beef noodle soup and something to drink")] \
        == ["beef-noodle-soup"]
