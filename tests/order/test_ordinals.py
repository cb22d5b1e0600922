"""A cart line named by its place: "the second one without onions", 第二个不要葱,
"the last one warm", 最后那个要温的; within one line of several, "two hot dry noodles,
the second one not spicy" splits one off. Found in the third blind batch."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]


@pytest.mark.parametrize(("first", "then", "item", "group", "option"), [
    ("a jianbing with cracker, an egg pancake and a flaky pancake",
     "the second one without onions", "egg-pancake", "hold", "no-scallion"),
    ("一个煎饼果子加薄脆，一个鸡蛋灌饼，一个手抓饼", "第二个不要葱", "egg-pancake", "hold",
     "no-scallion"),
    ("a pork rice roll and an egg rice roll", "the first one extra spicy", "pork-rice-roll",
     "spice", "extra-spicy"),
    ("a soy milk, a black soy milk and a fresh milk", "the last one warm", "fresh-milk",
     "temp", "warm"),
    ("豆浆、黑豆浆、牛奶各一杯", "最后那个要温的", "fresh-milk", "temp", "warm"),
])
def test_a_line_named_by_its_place_changes(first: str, then: str, item: str, group: str,
                                           option: str) -> None:
    lines = lines_after("breakfast", first, then)
    changed = [i for i, _, o in lines if option in o.get(group, ())]
    assert changed == [item], lines


def test_the_second_of_one_line_of_two_is_split_off() -> None:
    lines = lines_after("breakfast", "two hot dry noodles, the second one not spicy")
    assert sorted((q, o.get("spice", ())) for _, q, o in lines) == [(1, ()),
                                                                    (1, ("not-spicy",))]


@pytest.mark.parametrize(("first", "move", "to", "option"), [
    ("a jianbing with cracker and sausage and a flaky pancake",
     "put the sausage on the flaky pancake instead", "flaky-pancake", "sausage"),
    ("an egg pancake with bacon and a jianbing with youtiao", "move the bacon to the jianbing",
     "jianbing", "bacon"),
    ("一个鸡蛋灌饼加培根，一个煎饼果子加油条", "培根挪到煎饼果子上", "jianbing", "bacon"),
    # said as taking it off one dish and putting it on the other
    ("a jianbing with cracker and sausage and a flaky pancake",
     "take the sausage off the jianbing and put it on the flaky pancake", "flaky-pancake",
     "sausage"),
    ("一个煎饼果子加薄脆加火腿肠，一个手抓饼", "火腿肠别加在煎饼上了，加到手抓饼里", "flaky-pancake",
     "sausage"),
])
def test_an_option_moved_from_one_dish_to_another(first: str, move: str, to: str,
                                                 option: str) -> None:
    lines = lines_after("breakfast", first, move)
    have = [i for i, _, o in lines if option in o.get("extras", ())]
    assert have == [to] and len(lines) == 2


@pytest.mark.parametrize("said", [("two soy milks", "and three pork buns",
                                   "and make one of the soy milks iced"),
                                  ("两杯豆浆", "再来三个肉包", "其中一杯豆浆要冰的")])
def test_one_of_a_line_named_later_is_split_off(said: tuple[str, ...]) -> None:
    lines = lines_after("breakfast", *said)
    milks = sorted((q, o["temp"]) for i, q, o in lines if i == "soy-milk")
    assert milks == [(1, ("hot",)), (1, ("iced",))]
