"""Orders said person by person: one choice each ("two milks, mine hot, hers iced",
两杯牛奶，我要热的，她要冰的) and a party's count each (我们仨一人一杯 is three)."""

from __future__ import annotations

import pytest
from corpus import lines_after  # type: ignore[import-not-found]

Line = tuple[str, int, tuple[str, ...]]


def _lines(*said: str, lang: str) -> list[Line]:
    """The breakfast stall's cart after ``said``: (item, quantity, option ids) sorted."""
    return sorted((item, qty, tuple(sorted(o for opts in options.values() for o in opts)))
                  for item, qty, options in lines_after("breakfast", *said, lang=lang))


@pytest.mark.parametrize(("said", "lang"), [
    ("two milks, mine hot, hers iced", "en"),
    ("two fresh milks, hot for me and iced for her", "en"),
    ("两杯牛奶，我要热的，她要冰的", "zh"),
    ("两杯鲜牛奶，一杯热的，一杯冰的", "zh"),
])
def test_one_choice_each(said: str, lang: str) -> None:
    lines = _lines(said, lang=lang)
    assert [(i, q) for i, q, _ in lines] == [("fresh-milk", 1), ("fresh-milk", 1)]
    assert {"hot", "iced"} <= {o for _, _, opts in lines for o in opts}


def test_the_same_choice_for_each_stays_one_line() -> None:
    assert [(i, q) for i, q, _ in _lines("two milks, iced, iced", lang="en")] == [
        ("fresh-milk", 2)]


def test_choices_of_a_pick_several_group_are_not_split() -> None:
    """Fillings add up ("two jianbings, egg, sausage" is not one each)."""
    lines = _lines("两个煎饼果子，薄脆，加蛋，加肠", lang="zh")
    assert [(i, q) for i, q, _ in lines] == [("jianbing", 2)]


@pytest.mark.parametrize(("said", "qty"), [
    ("我们仨一人一杯黑豆浆", 3),
    ("我们三个人每人两杯黑豆浆", 6),
    ("咱俩一人一杯黑豆浆", 2),
])
def test_a_party_count_each(said: str, qty: int) -> None:
    assert [(i, q) for i, q, _ in _lines(said, lang="zh")] == [("black-soy-milk", qty)]


def test_change_a_named_line_to_one() -> None:
    """"to one" after a dish named by "change" is the count, not the pronoun."""
    lines = _lines("two hot dry noodles and two soy milks", "change the soy milks to one",
                   lang="en")
    assert [(i, q) for i, q, _ in lines] == [("hot-dry-noodles", 2), ("soy-milk", 1)]


@pytest.mark.parametrize("said", ["三个肉包，算了还是四个吧", "三个肉包，不对，四个"])
def test_a_count_option_the_dish_before_lacks_is_a_count(said: str) -> None:
    """四个 names the pan-fried buns' 4 pieces; after pork buns it is a count."""
    assert [(i, q) for i, q, _ in _lines(said, lang="zh")] == [("pork-bun", 4)]


def test_a_count_option_the_dish_before_offers_stays_an_option() -> None:
    assert _lines("一份生煎，八个的", lang="zh") == [("shengjian", 1, ("eight",))]


def test_a_sub_line_with_an_option_the_dish_lacks_still_counts() -> None:
    """一大一小两碗: 小 is not on the menu (said so), but it is still one of the two bowls."""
    lines = lines_after("canteen", "一大一小两碗牛肉面", lang="zh")
    assert sorted((q, o.get("portion")) for _, q, o in lines) == [
        (1, ("large",)), (1, ("regular",))]


@pytest.mark.parametrize(("said", "lang"), [
    ("two bibimbaps, one for me and one for him, both spicy", "en"),
    ("俩拌饭 我一个他一个 都要辣的", "zh"),
])
def test_counts_that_only_share_a_dish_out(said: str, lang: str) -> None:
    lines = lines_after("ricebowl", said, lang=lang)
    assert [(i, q, o.get("spice")) for i, q, o in lines] == [("bibimbap", 2, ("medium",))]


def test_one_choice_each_said_with_his_and_mine() -> None:
    lines = lines_after("ricebowl", "two katsu curries, mine extra spicy, his not spicy",
                        lang="en")
    assert sorted(o["spice"] for _, _, o in lines) == [("hot",), ("not-spicy",)]
