"""Counts and numbers found by the twenty-fourth and twenty-seventh blind batches
(tests/data/blind24, menus/setmeal.toml; tests/data/blind27, menus/skewers.toml), each
fixed in general and tested on more than the batch's menu."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


def _counts(menu: str, *said: str) -> list[tuple[str, int]]:
    return [(item, qty) for item, qty, _ in lines_after(menu, *said)]


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", "羊肉串二十串", [("lamb-skewer", 20)]),
    ("skewers", "羊肉串四十串牛肉串二十串", [("lamb-skewer", 40), ("beef-skewer", 20)]),
    ("skewers", "羊肉串二十，牛肉串十，鸡翅六",
     [("lamb-skewer", 20), ("beef-skewer", 10), ("chicken-wing", 6)]),
    ("noodlebar", "羊肉串二十串", [("lamb-skewer", 20)]),
    ("noodlebar", "羊肉串二十个，牛肉串十个", [("lamb-skewer", 20), ("beef-skewer", 10)]),
])
def test_a_numeral_after_a_dish_is_never_its_er(menu: str, said: str,
                                                 want: list[tuple[str, int]]) -> None:
    """二 right before the rest of a count (十, a measure word) begins that count: 羊肉串二十串
    is twenty lamb skewers, not 羊肉串儿 (by sound) and ten."""
    assert _counts(menu, said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", "来瓶可乐，呃，两瓶可乐", [("cola", 2)]),
    ("korean", "来瓶可乐，呃，两瓶可乐", [("cola", 2)]),
    ("pizzapasta", "来瓶可乐，呃，两瓶可乐", [("cola", 2)]),
])
def test_a_measure_word_before_an_exact_name_is_no_sound_alike(
        menu: str, said: str, want: list[tuple[str, int]]) -> None:
    """来瓶可乐 is 瓶 + 可乐 (so the repair that follows is one line of two), never 瓶可乐
    heard as 冰可乐 (another line of one)."""
    assert _counts(menu, said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", ("两份红烧肉饭加蛋", "再来一份一样的"), [("braised-pork-rice", 3)]),
    ("canteen", ("两碗牛肉面加蛋", "再来一份一样的"), [("beef-noodle-soup", 3)]),
    ("canteen", ("two beef noodles", "one more of the same"), [("beef-noodle-soup", 3)]),
    ("canteen", ("two beef noodles", "the same again"), [("beef-noodle-soup", 4)]),
    ("dimsum", ("四个蛋挞", "再来一份一样的"), [("egg-tart", 8)]),
    ("skewers", ("三串羊肉串", "再来一份一样的"), [("lamb-skewer", 6)]),
])
def test_the_same_with_a_count_says_how_many(menu: str, said: tuple[str, ...],
                                             want: list[tuple[str, int]]) -> None:
    """再来一份一样的 / "one more of the same" add the one they say, not as many as the last
    line again ("the same again", which says no count, still does); after a count of
    pieces (四个蛋挞, 三串) 一份 is an order like the last."""
    assert _counts(menu, *said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", ("can i get 10 lamb", "and the same in beef"),
     [("lamb-skewer", 10), ("beef-skewer", 10)]),
    ("skewers", ("十个鸡翅", "牛肉串也要一样多"), [("chicken-wing", 10), ("beef-skewer", 10)]),
    ("setmeal", ("three beef brisket rice sets", "ok the chicken leg rice set then, same number"),
     [("chicken-rice-set", 3)]),
    ("canteen", ("three curry chicken rice", "ok the braised pork rice then, same number"),
     [("braised-pork-rice", 3)]),
    ("canteen", ("三份咖喱鸡饭", "那红烧肉饭吧，一样多"), [("braised-pork-rice", 3)]),
])
def test_the_same_number_of_another_dish(menu: str, said: tuple[str, ...],
                                         want: list[tuple[str, int]]) -> None:
    """A dish said with "the same number" / "the same in" / 一样多 and no count of its own
    takes the count of the dish asked for before it, also one refused as sold out."""
    assert _counts(menu, *said) == want


def test_the_same_in_takes_the_options_too() -> None:
    lines = lines_after("canteen", "three beef noodles extra spicy",
                        "and the same in dan dan noodles")
    assert lines[-1][:2] == ("dan-dan-noodles", 3)
    assert lines[-1][2]["spice"] == ("extra-spicy",)


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", ("锅贴十个 肉包两个",), [("potstickers", 10), ("pork-bun", 2)]),
    ("breakfast", ("肉包四个 茶叶蛋一个",), [("pork-bun", 4), ("tea-egg", 1)]),
    ("setmeal", ("十个锅贴", "再来十个", "再加十个"), [("potstickers", 30)]),
    ("breakfast", ("四个肉包", "再来四个"), [("pork-bun", 8)]),
    ("breakfast", ("四个肉包", "再加四个"), [("pork-bun", 8)]),
])
def test_a_count_another_dish_sells_as_an_option_counts(menu: str, said: tuple[str, ...],
                                                        want: list[tuple[str, int]]) -> None:
    """十个 / 四个 name the dumpling plates / the pan-fried buns' pieces, but said right after
    a dish that does not offer them (锅贴十个), or with no dish when no line in the cart
    offers them (再来十个), they are a count."""
    assert _counts(menu, *said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", ("two waters and two colas", "the colas, three of them"),
     [("water", 2), ("cola", 3)]),
    ("canteen", ("two cola and two lemon tea", "the colas, three of them"),
     [("cola", 3), ("lemon-tea", 2)]),
])
def test_a_dish_then_a_count_of_them_is_its_count(menu: str, said: tuple[str, ...],
                                                  want: list[tuple[str, int]]) -> None:
    """"the colas, three of them": the cola line's count, not three colas more."""
    assert _counts(menu, *said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", ("two colas and two waters", "no more colas, just the waters"), [("water", 2)]),
    ("canteen", ("two colas and two lemon teas", "no more colas, just the lemon teas"),
     [("lemon-tea", 2)]),
    ("canteen", ("a beef noodle soup", "just the beef noodles please"),
     [("beef-noodle-soup", 1)]),
])
def test_just_the_dish_left_adds_nothing(menu: str, said: tuple[str, ...],
                                         want: list[tuple[str, int]]) -> None:
    """"just the waters" when the waters are all the order has (here, once the colas are
    gone) keeps them as they are: no water more, none taken off."""
    assert _counts(menu, *said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", ("牛肉四十串", "不用那么多，二十串就行"), [("beef-skewer", 20)]),
    ("canteen", ("十二碗牛肉面", "太多了，两碗就行"), [("beef-noodle-soup", 2)]),
    ("canteen", ("twelve beef noodles", "not that many, two is fine"), [("beef-noodle-soup", 2)]),
    ("skewers", ("十串牛肉串", "不用那么多，五串就行"), [("beef-skewer", 5)]),
])
def test_not_that_many_then_a_count(menu: str, said: tuple[str, ...],
                                    want: list[tuple[str, int]]) -> None:
    """不用那么多 / "not that many" then a count: to the partial offer ("only thirty; make
    it thirty?") a no with the count wanted, elsewhere a correction to that count."""
    assert _counts(menu, *said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", ("three lamb skewers", "actually double that"), [("lamb-skewer", 6)]),
    ("canteen", ("two beef noodles", "double it"), [("beef-noodle-soup", 4)]),
    ("canteen", ("两碗牛肉面", "翻倍"), [("beef-noodle-soup", 4)]),
    ("setmeal", ("sixteen mantou", "four fewer"), [("mantou", 12)]),
    ("canteen", ("five baozi", "two fewer"), [("pork-bun", 3)]),
])
def test_a_count_changed_by_how_much(menu: str, said: tuple[str, ...],
                                     want: list[tuple[str, int]]) -> None:
    """"double that" / 翻倍 multiply the line talked about; "four fewer" takes four off."""
    assert _counts(menu, *said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", "鸡腿饭2份宫保鸡丁饭1份不辣", [("chicken-rice-set", 2), ("kung-pao-rice", 1)]),
    ("canteen", "牛肉面两碗担担面一碗特辣", [("beef-noodle-soup", 2), ("dan-dan-noodles", 1)]),
    ("canteen", "牛肉面两碗番茄炒蛋饭一碗不要葱", [("beef-noodle-soup", 2), ("tomato-egg-rice", 1)]),
])
def test_counts_after_each_dish_with_options_at_the_end(menu: str, said: str,
                                                        want: list[tuple[str, int]]) -> None:
    """毛豆两份炸鸡一份 holds with options after the last count (宫保鸡丁饭1份不辣): each count
    is its own dish's, not the next one's."""
    assert _counts(menu, said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("skewers", ("来根烤玉米", "我同学也要一根"), [("corn", 2)]),
    ("skewers", ("来条烤鱿鱼",), [("squid", 1)]),
    ("taiwanese", ("来杯鸡排饭",), [("chicken-cutlet-rice", 1)]),
])
def test_a_measure_word_is_never_the_start_of_a_partial_name(
        menu: str, said: tuple[str, ...], want: list[tuple[str, int]]) -> None:
    """来根烤玉米 is 根 + 烤玉米, not 根烤 (of 整根烤茄子) and 玉米: a measure word before a
    name said exactly starts no name by sound or in part."""
    assert _counts(menu, *said) == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", ("a few pork buns",), []),
    ("setmeal", ("a few pork buns", "let's say four pork buns"), [("pork-bun", 4)]),
    ("setmeal", ("来两三个肉包吧", "嗯，就三个肉包"), [("pork-bun", 3)]),
    ("setmeal", ("来几个茶叶蛋", "三个"), [("tea-egg", 3)]),
    ("setmeal", ("肉包两三个 呃不 三个",), [("pork-bun", 3)]),
    ("canteen", ("several baozi", "two"), [("pork-bun", 2)]),
    ("canteen", ("几个包子",), []),
    ("canteen", ("几个包子", "两个"), [("pork-bun", 2)]),
])
def test_a_count_not_said_is_asked(menu: str, said: tuple[str, ...],
                                   want: list[tuple[str, int]]) -> None:
    """"a few pork buns", 来几个茶叶蛋, 两三个: nothing is guessed; the kiosk asks how many,
    and the count said next (alone or with the dish) is ordered."""
    assert _counts(menu, *said) == want


def test_how_many_is_asked_in_the_turns_language() -> None:
    from corpus import menu_for  # type: ignore[import-not-found]

    from kiosk.order import Conversation

    conv = Conversation(menu_for("canteen"))
    assert "how many" in conv.turn("a few baozi", "auto").reply.lower()
    assert conv.turn("几个包子", "auto").reply.startswith("要几")


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("setmeal", ("一打肉包", "再来半打菜包", "菜包也要一打吧"), [("pork-bun", 12), ("veg-bun", 12)]),
    ("canteen", ("四个包子", "两杯豆浆", "豆浆也要四杯"), [("pork-bun", 4), ("soy-milk", 4)]),
    ("canteen", ("四个包子", "两杯豆浆", "豆浆也要三杯"), [("pork-bun", 4), ("soy-milk", 5)]),
])
def test_a_dish_also_as_many_as_another_line(menu: str, said: tuple[str, ...],
                                             want: list[tuple[str, int]]) -> None:
    """菜包也要一打 when another line has a dozen: the veg buns made a dozen too, not a dozen
    more; with a count no other line has, 也要 is still more."""
    assert _counts(menu, *said) == want
