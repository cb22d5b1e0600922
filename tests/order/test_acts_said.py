"""Dialogue acts said the ways diners say them (kiosk/order/acts.py, ask.py, context.py,
phrases.toml [en.acts] / [zh.acts]): colloquial words, fillers, sequences of commands,
cancel against start over, answers to an offer, a partial offer and a conflict."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


def talk(*said: str) -> tuple[Conversation, str, str]:
    conv = Conversation(menu_for("veggie"))
    for text in said:
        turn = conv.turn(text)
    return conv, turn.act, turn.intent


def lines(conv: Conversation) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return [(ln.item, ln.quantity, dict(ln.options)) for ln in conv.cart.lines]


@pytest.mark.parametrize(("said", "intent"), [
    ("酸辣汤啥价", "ask_price"),  # 啥 is 什么
    ("春卷里面都有啥", "ask_contents"),
    ("麻婆豆腐是素的吧", "ask_contents"),
    ("等一下，宫保豆腐里有花生吗", "ask_contents"),
    ("饺子有哪些馅儿", "ask_category"),
    ("有没有不放芝麻的菜", "ask_category"),
    ("uh what soups you got", "ask_category"),
    ("what kinds of noodles are there", "ask_category"),
    ("what's peanut free", "ask_category"),
    ("what do you charge for the fruit cup", "ask_price"),
])
def test_questions_said_colloquially(said: str, intent: str) -> None:
    conv, act, got = talk(said)
    assert (act, got) == ("question", intent) and conv.cart.is_empty


def test_a_short_unknown_name_is_not_ours_only_when_the_diet_slot_names_a_diet() -> None:
    conv, act, _ = talk("能给我来碗香菇素饺吗")  # {x}{d}吗 with d = 素饺: an order
    assert act == "order" and [ln[0] for ln in lines(conv)] == ["mushroom-dumplings"]


@pytest.mark.parametrize(("said", "allergens"), [
    ("allergic to soy and gluten", ["gluten", "soy"]),
    ("我对鸡蛋和芝麻都过敏", ["egg", "sesame"]),
    ("我不能喝牛奶", ["milk"]),  # an allergen: an allergy, not a diet
])
def test_allergies_said_with_two_allergens_or_cant_drink(said: str, allergens: list[str]) -> None:
    conv, act, intent = talk(said)
    assert (act, intent) == ("statement", "allergy")
    assert sorted(conv.needs.allergens) == allergens


@pytest.mark.parametrize(("said", "intent"), [
    (("a fruit cup", "cancel my order"), "cancel"),
    (("a fruit cup", "never mind, cancel it all"), "cancel"),
    (("一个水果杯", "不点了，都取消"), "cancel"),
    (("a fruit cup", "cancel everything, let's start again"), "start_over"),
    (("一个水果杯", "重新来"), "start_over"),
    (("一个水果杯", "这怎么点啊"), "help"),
    (("一个水果杯", "你刚刚说啥？再说一次"), "repeat"),
    (("a fruit cup", "what was that? say that again"), "repeat"),
])
def test_commands(said: tuple[str, ...], intent: str) -> None:
    conv, act, got = talk(*said)
    assert (act, got) == ("command", intent)
    if intent in ("cancel", "start_over"):
        assert conv.cart.is_empty


def test_never_mind_before_a_keep_only() -> None:
    conv, act, intent = talk("一份春卷一个水果杯", "算了，只要春卷")
    assert (act, intent) == ("command", "keep_only")
    assert [ln[0] for ln in lines(conv)] == ["spring-rolls"]


def test_no_thanks_to_an_offer_is_no_and_two_done_forms_are_done() -> None:
    _, act, intent = talk("how much is the yogurt", "nah")
    assert (act, intent) == ("answer", "no")
    conv, act, intent = talk("a yogurt", "nope that's all")
    assert (act, intent) == ("answer", "done") and conv.cart.lines


@pytest.mark.parametrize("said", [("six spring rolls", "no, just three then"),
                                  ("六份春卷", "不用了，三份就行")])
def test_a_count_said_with_no_to_a_partial_offer_is_taken(said: tuple[str, ...]) -> None:
    conv, _, _ = talk(*said)
    assert lines(conv) == [("spring-rolls", 3, {})]


@pytest.mark.parametrize(("said", "item"), [
    (("I don't eat beef", "large beef noodles", "no, the lamb one then"), "lamb-noodles"),
    (("我不吃牛肉", "牛腩面大碗", "那换羊肉的吧"), "lamb-noodles"),
    (("I'm vegan", "a mapo tofu", "the vegan one"), "vegan-mapo-tofu"),
])
def test_a_dish_like_the_one_that_clashes_is_taken_instead(said: tuple[str, ...],
                                                           item: str) -> None:
    conv, _, _ = talk(*said)
    got = lines(conv)
    assert [ln[0] for ln in got] == [item] and conv.question is None
    if item == "lamb-noodles":
        assert got[0][2]["noodle-size"] == ("large",)  # the size said for the first


@pytest.mark.parametrize(("said", "intent"), [
    ("does the kung pao tofu have, like, peanuts in it", "ask_contents"),
    ("I'm, uh, I'm allergic to sesame", "allergy"),
    ("um do you have anything, like, vegan", "ask_category"),
    ("宫保豆腐嗯有花生吗", "ask_contents"),
])
def test_fillers_inside_a_question_or_statement_are_dropped(said: str, intent: str) -> None:
    _, _, got = talk(said)
    assert got == intent


@pytest.mark.parametrize("said", ["哦对 那算了", "yeah, no"])
def test_the_last_answer_said_is_the_one(said: str) -> None:
    conv, act, intent = talk("我对花生过敏" if said[0] > "z" else "I'm allergic to peanuts",
                             "宫保豆腐" if said[0] > "z" else "a kung pao tofu", said)
    assert (act, intent) == ("answer", "no") and conv.cart.is_empty
