"""Dialogue acts said in regional varieties (phrases.toml [en.acts] / [zh.acts]):
Singapore / Malaysia particles and forms of address around a question ("how much ah",
"uncle, never mind, cancel everything"), "got X or not", "spicy meh", Indian English
"what is the cost of", "what all drinks you are having", "I don't take beef"."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation
from kiosk.types import Turn


def said(*turns: str, menu: str = "veggie") -> tuple[Conversation, Turn]:
    conv = Conversation(menu_for(menu))
    for text in turns:
        turn = conv.turn(text)
    return conv, turn


@pytest.mark.parametrize("turns", [
    ("a fruit cup", "a spring rolls", "how much"),
    ("a fruit cup", "how much ah"),
    ("a fruit cup", "total how much?"),
    ("a fruit cup", "how much ah total"),
])
def test_how_much_with_a_cart_is_the_total(turns: tuple[str, ...]) -> None:
    conv, turn = said(*turns)
    assert (turn.act, turn.intent) == ("question", "ask_total")
    assert (turn.answer or {}).get("amount") == conv.cart.total


@pytest.mark.parametrize(("text", "amount"), [
    ("what is the cost of the mapo tofu?", 1400),
    ("mapo tofu how much ah", 1400),
    ("what is the cost of three spring rolls", 1800),
])
def test_price_questions_said_regionally(text: str, amount: int) -> None:
    conv, turn = said(text)
    assert (turn.act, turn.intent) == ("question", "ask_price") and conv.cart.is_empty
    assert (turn.answer or {}).get("amount") == amount


@pytest.mark.parametrize("turns", [
    ("kung pao tofu got peanuts or not?",),
    ("the mapo tofu spicy meh?",),
    ("a mapo tofu", "is it spicy ah?"),
    ("a mapo tofu", "spicy or not"),
])
def test_contents_questions_said_regionally(turns: tuple[str, ...]) -> None:
    _, turn = said(*turns)
    assert (turn.act, turn.intent) == ("question", "ask_contents")


@pytest.mark.parametrize("text", ["what drinks you got ah", "what all drinks you are having?"])
def test_category_questions_said_regionally(text: str) -> None:
    conv, turn = said(text)
    assert (turn.act, turn.intent) == ("question", "ask_category") and conv.cart.is_empty


@pytest.mark.parametrize(("text", "intent", "need"), [
    ("I can't take dairy", "allergy", "milk"),
    ("I cannot have milk ah", "allergy", "milk"),
    ("I don't take pork", "diet", "pork"),
    ("I am pure vegetarian", "diet", "vegetarian"),
])
def test_statements_said_regionally(text: str, intent: str, need: str) -> None:
    conv, turn = said(text)
    assert (turn.act, turn.intent) == ("statement", intent)
    needs = conv.needs
    assert need in needs.allergens | needs.avoid | needs.diets


@pytest.mark.parametrize(("turns", "act", "intent"), [
    (("a fruit cup", "cheers, that's it"), "answer", "done"),
    (("a fruit cup", "that's all lah"), "answer", "done"),
    (("a fruit cup", "uncle, never mind, cancel everything"), "command", "cancel"),
])
def test_commands_and_answers_with_particles(turns: tuple[str, ...], act: str,
                                             intent: str) -> None:
    _, turn = said(*turns)
    assert (turn.act, turn.intent) == (act, intent)


@pytest.mark.parametrize("turns", [("一个水果杯", "多少"), ("一个水果杯", "两个春卷", "多少啊")])
def test_duoshao_alone_is_the_total_never_the_remove_word(turns: tuple[str, ...]) -> None:
    conv, turn = said(*turns)
    assert (turn.act, turn.intent) == ("question", "ask_total")
    assert (turn.answer or {}).get("amount") == conv.cart.total and len(conv.cart.lines) \
        == len(turns) - 1


@pytest.mark.parametrize("turns", [("一份麻婆豆腐", "辣不辣啊"), ("麻婆豆腐会不会辣",)])
def test_spicy_or_not_asked_in_mandarin(turns: tuple[str, ...]) -> None:
    _, turn = said(*turns)
    assert (turn.act, turn.intent) == ("question", "ask_contents")


@pytest.mark.parametrize(("text", "amount"), [
    ("how much is kopi-c", 600), ("咖啡C多少钱啊", 600), ("how much is the teh-o peng?", 500),
    ("茶乌冰多少钱", 500), ("how much extra is kopi-c", 100),
])
def test_an_option_said_as_its_dish_is_priced_as_that_dish(text: str, amount: int) -> None:
    """kopi-c is the kopi with evaporated milk: its price, not the option's extra."""
    conv, turn = said(text, menu="hawker")
    assert turn.act == "question" and conv.cart.is_empty
    assert (turn.answer or {}).get("amount") == amount


@pytest.mark.parametrize("text", ["请问拉茶跟美禄哪个便宜", "which is cheaper, teh tarik or milo?"])
def test_which_is_cheaper_prices_both_and_orders_neither(text: str) -> None:
    conv, turn = said(text, menu="hawker")
    assert (turn.act, turn.intent) == ("question", "ask_price") and conv.cart.is_empty
    assert [p["amount"] for p in (turn.answer or {}).get("items", [])] == [700, 600]


@pytest.mark.parametrize("turns", [
    ("peanut allergy", "kung pao tofu, not spicy", "no, mapo tofu then"),
    ("我对花生过敏", "宫保豆腐 不辣", "不要了 换麻婆豆腐"),
    ("我对花生过敏", "宫保豆腐 不辣", "换麻婆豆腐"),
])
def test_another_dish_named_against_a_clash_is_taken_with_the_options_said(
        turns: tuple[str, ...]) -> None:
    conv, turn = said(*turns)
    assert [(ln.item, dict(ln.options).get("spice")) for ln in conv.cart.lines] == [
        ("mapo-tofu", ("not-spicy",))]


def test_yes_and_another_dish_against_a_clash_takes_both() -> None:
    conv, _ = said("peanut allergy", "kung pao tofu", "yes, and a fruit cup")
    assert [ln.item for ln in conv.cart.lines] == ["kung-pao-tofu", "fruit-cup"]


@pytest.mark.parametrize("answer", ["就它了", "就这个", "就这个吧", "那来这个"])
def test_this_one_after_a_price_question_takes_the_offer(answer: str) -> None:
    conv, _ = said("水果杯多少钱", answer)
    assert [ln.item for ln in conv.cart.lines] == ["fruit-cup"]


def test_another_dish_against_a_clash_keeps_its_own_defaults() -> None:
    conv, _ = said("allergic to peanut leh", "one nasi lemak", "no, mee goreng then",
                   menu="hawker")
    assert [(ln.item, dict(ln.options)) for ln in conv.cart.lines] == [
        ("mee-goreng", {"portion": ("regular",), "chili": ("with-chili",),
                        "packing": ("dine-in",)})]


@pytest.mark.parametrize("answer", ["哦那要原味的", "yes, plain one then"])
def test_a_yes_with_a_variant_that_fits_takes_the_variant(answer: str) -> None:
    """"the egg prata has egg. Still add it?" - 要原味的: the plain one, not the egg one."""
    conv, _ = said("我鸡蛋过敏", "蛋煎饼一片", answer, menu="hawker")
    assert [(ln.item, dict(ln.options)["prata-type"]) for ln in conv.cart.lines] == [
        ("roti-prata", ("plain",))]


def test_a_yes_with_an_option_that_still_clashes_is_a_yes() -> None:
    conv, _ = said("I am allergic to egg", "one egg prata", "yes, with dhal", menu="hawker")
    assert [(ln.item, dict(ln.options)["prata-type"]) for ln in conv.cart.lines] == [
        ("roti-prata", ("egg",))]


@pytest.mark.parametrize(("asked", "which"), [
    ("one chicken rice", "uncle which one nicer, steamed or roasted?"),
    ("一个鸡饭", "白鸡烧鸡哪个好吃"), ("一个鸡饭", "哪个好吃"),
])
def test_which_one_nicer_chooses_nothing_and_keeps_the_question(asked: str, which: str) -> None:
    conv, turn = said(asked, which, menu="hawker")
    assert (turn.act, turn.intent) == ("question", "ask_choice") and conv.cart.is_empty
    assert turn.question is not None and turn.question.slot == "chicken"
    assert [c["amount"] for c in (turn.answer or {})["choices"]] == [1500, 1500]
    conv.turn("ok steamed lor")
    assert [dict(ln.options)["chicken"] for ln in conv.cart.lines] == [("steamed",)]


def test_which_one_better_with_nothing_asked_is_help_not_an_order() -> None:
    conv, turn = said("one teh", "which one better", menu="hawker")
    assert (turn.act, turn.intent) == ("command", "help")
    assert [ln.item for ln in conv.cart.lines] == ["teh"]
