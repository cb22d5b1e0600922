"""Focused tests of the order language, one feature at a time."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation, detect_language
from kiosk.order.numbers import money_en, money_zh, zh_numeral_value
from kiosk.types import Turn


@pytest.fixture()
def canteen() -> Conversation:
    return Conversation(menu_for("canteen"))


@pytest.fixture()
def cafe() -> Conversation:
    return Conversation(menu_for("cafe"))


def lines(turn_or_conv: Turn | Conversation) -> list[tuple[str, int, dict[str, list[str]]]]:
    cart = turn_or_conv.cart
    return [(ln.item, ln.quantity, {g: list(ids) for g, ids in ln.options}) for ln in cart.lines]


# ---------------------------------------------------------------- language and numbers
@pytest.mark.parametrize(("text", "lang"), [
    ("two beef noodles", "en"), ("我要两碗牛肉面", "zh"), ("來一碗牛肉麵", "zh"),
    ("一杯coke", "zh"), ("", "en"), ("123", "en"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("两", 2), ("二", 2), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23),
    ("3", 3), ("俩", 2), ("一百", 100), ("x", None), ("一百零五", 105),
    ("三两三", None), ("一二", None),  # digits side by side are no number
])
def test_zh_numerals(text: str, value: int | None) -> None:
    assert zh_numeral_value(text) == value


@pytest.mark.parametrize(("fen", "en", "zh"), [
    (3000, "30 yuan", "三十元"), (1550, "15.50 yuan", "十五元五角"),
    (1552, "15.52 yuan", "十五元五角二分"), (50, "0.50 yuan", "五角"), (0, "0 yuan", "零元"),
    (12000, "120 yuan", "一百二十元"),
])
def test_money(fen: int, en: str, zh: str) -> None:
    assert money_en(fen) == en
    assert money_zh(fen) == zh


@pytest.mark.parametrize(("text", "qty"), [
    ("two beef noodles", 2), ("2 beef noodles", 2), ("a beef noodle soup", 1),
    ("a couple of beef noodles", 2), ("twelve pork buns", 12), ("三碗牛肉面", 3),
    ("两碗牛肉面", 2), ("十二个肉包子", 12), ("一笼小笼包", 1), ("牛肉面两碗", 2),
    ("beef noodle soup x2", 2),
])
def test_quantities(canteen: Conversation, text: str, qty: int) -> None:
    turn = canteen.turn(text)
    assert [ln.quantity for ln in turn.cart.lines] == [qty]


# ---------------------------------------------------------------- the interface example
def test_interface_example(canteen: Conversation) -> None:
    turn = canteen.turn("two beef noodles not spicy")
    assert turn.language == "en" and turn.understood
    assert [a.to_json() for a in turn.actions] == [
        {"type": "add", "item": "beef-noodle-soup", "quantity": 2,
         "options": {"spice": ["not-spicy"], "portion": ["regular"]}, "confidence": 1.0}]
    assert turn.cart.total == 3000
    assert "30 yuan" in turn.reply


def test_split_reply_en_and_zh(canteen: Conversation) -> None:
    turn = canteen.turn("two beef noodles, one not spicy")
    assert turn.reply == "Two beef noodle soups, one not spicy. That's 30 yuan. Anything else?"
    zh = Conversation(menu_for("canteen")).turn("两碗牛肉面，一碗不辣")
    assert zh.reply == "两碗牛肉面，一碗不辣。一共三十元。还要别的吗？"
    assert sorted(q for _, q, _ in lines(zh)) == [1, 1]


def test_options_defaults_and_negation(canteen: Conversation) -> None:
    canteen.turn("a large beef noodle soup, no cilantro, less spicy, add an egg")
    assert lines(canteen) == [("beef-noodle-soup", 1, {
        "spice": ["mild"], "portion": ["large"], "herbs": ["no-cilantro"],
        "noodle-extras": ["extra-egg"]})]
    assert canteen.cart.total == 1500 + 300 + 200


def test_options_go_to_the_right_item(canteen: Conversation) -> None:
    canteen.turn("a beef noodle soup not spicy and a large lemon tea without ice")
    assert lines(canteen) == [
        ("beef-noodle-soup", 1, {"spice": ["not-spicy"], "portion": ["regular"]}),
        ("lemon-tea", 1, {"cup": ["large"], "temperature": ["no-ice"]})]


def test_zh_options(canteen: Conversation) -> None:
    canteen.turn("一碗牛肉面不要香菜，少辣，加个蛋")
    assert lines(canteen) == [("beef-noodle-soup", 1, {
        "spice": ["mild"], "portion": ["regular"], "herbs": ["no-cilantro"],
        "noodle-extras": ["extra-egg"]})]


# ---------------------------------------------------------------- robustness
@pytest.mark.parametrize(("text", "item"), [
    ("beef nodle soup", "beef-noodle-soup"), ("kung pow chicken", "kung-pao-chicken-rice"),
    ("我要一份牛柔面", "beef-noodle-soup"), ("一杯檸檬茶", "lemon-tea"),
    ("um, could I please get a bubbel tea", "bubble-tea"), ("麻烦来一份宫爆鸡丁，谢谢", "kung-pao-chicken-rice"),
])
def test_asr_errors_still_match(canteen: Conversation, text: str, item: str) -> None:
    assert [ln.item for ln in canteen.turn(text).cart.lines] == [item]


def test_lotte_is_latte(cafe: Conversation) -> None:
    cafe.turn("a large lotte")
    assert lines(cafe) == [("latte", 1, {"size": ["large"], "milk": ["whole-milk"]})]


@pytest.mark.parametrize("text", ["a pizza please", "我要一个披萨", "asdf qwerty", "blorp", "。。。",
                                  "", "   ", "hello"])
def test_nothing_on_the_menu(canteen: Conversation, text: str) -> None:
    turn = canteen.turn(text)
    assert not turn.understood
    assert turn.actions == ()
    assert turn.cart.is_empty
    assert turn.reply


def test_unknown_is_named(canteen: Conversation) -> None:
    assert "pizza" in canteen.turn("a pizza please").reply
    assert "披萨" in Conversation(menu_for("canteen")).turn("我要一个披萨").reply


def test_sold_out_is_told_and_something_close_offered(canteen: Conversation) -> None:
    turn = canteen.turn("a curry chicken rice")
    assert turn.cart.is_empty and turn.actions == ()
    assert "sold out" in turn.reply and "kung pao" in turn.reply


def test_max_quantity_refused(canteen: Conversation) -> None:
    turn = canteen.turn("twenty beef noodles")
    assert turn.cart.is_empty
    assert "nine" in turn.reply
    canteen.turn("nine beef noodles")
    canteen.turn("one more")
    assert lines(canteen)[0][1] == 9


# ---------------------------------------------------------------- questions
def test_ambiguous_name_asks_and_answer_fills(canteen: Conversation) -> None:
    turn = canteen.turn("two noodles")
    assert turn.question is not None and turn.question.slot == "item"
    assert len(turn.question.choices) == 7 and "beef-noodle-soup" in turn.question.choices
    assert turn.cart.is_empty
    canteen.turn("the beef one")
    assert lines(canteen) == [("beef-noodle-soup", 2, {"portion": ["regular"]})]
    assert canteen.question is None


def test_required_option_asks(canteen: Conversation) -> None:
    turn = canteen.turn("twice cooked pork, not spicy")
    assert turn.question is not None
    assert turn.question.slot == "staple" and turn.question.item == "twice-cooked-pork"
    assert turn.question.choices == ("rice", "noodles", "mantou")
    canteen.turn("米饭")
    assert lines(canteen) == [("twice-cooked-pork", 1, {
        "staple": ["rice"], "spice": ["not-spicy"], "portion": ["regular"]})]


def test_cafe_size_required(cafe: Conversation) -> None:
    assert cafe.turn("a latte").question is not None
    cafe.turn("large")
    assert lines(cafe) == [("latte", 1, {"size": ["large"], "milk": ["whole-milk"]})]


def test_answer_by_touch(canteen: Conversation) -> None:
    canteen.turn("dumplings")
    assert canteen.question is not None
    turn = canteen.answer("pork-dumplings")
    assert [ln.item for ln in turn.cart.lines] == ["pork-dumplings"]
    assert canteen.question is None
    assert canteen.answer("nope").cart == turn.cart


# ---------------------------------------------------------------- changes across turns
@pytest.mark.parametrize(("turns", "expected"), [
    (["two beef noodles", "make that three"], [("beef-noodle-soup", 3)]),
    (["beef noodles and a lemon tea", "remove the tea"], [("beef-noodle-soup", 1)]),
    (["a cola", "cancel everything"], []),
    (["a cola", "another one"], [("cola", 2)]),
    (["一碗牛肉面", "再来一个"], [("beef-noodle-soup", 2)]),
    (["一碗牛肉面", "不要了"], [("beef-noodle-soup", 1)]),  # "nothing more" (issue 14)
    (["一碗牛肉面", "牛肉面不要了"], []),
    (["一瓶可乐", "换成橙汁"], [("orange-juice", 1)]),
])
def test_cross_turn(canteen: Conversation, turns: list[str],
                    expected: list[tuple[str, int]]) -> None:
    for text in turns:
        canteen.turn(text)
    assert [(ln.item, ln.quantity) for ln in canteen.cart.lines] == expected


def test_actually_the_large_one_and_no_not_spicy(canteen: Conversation) -> None:
    canteen.turn("a beef noodle soup")
    turn = canteen.turn("actually the large one")
    assert turn.changed_lines == (0,)
    canteen.turn("no, not spicy")
    assert lines(canteen) == [("beef-noodle-soup", 1, {"spice": ["not-spicy"],
                                                       "portion": ["large"]})]


def test_checkout_and_zh_checkout(canteen: Conversation) -> None:
    canteen.turn("a cola")
    assert [a.type for a in canteen.turn("that's all").actions] == ["checkout"]
    assert [a.type for a in canteen.turn("就这些").actions] == ["checkout"]


def test_checkout_with_open_question_asks_again(canteen: Conversation) -> None:
    canteen.turn("twice cooked pork")
    turn = canteen.turn("that's all")
    assert turn.question is not None and all(a.type != "checkout" for a in turn.actions)


# ---------------------------------------------------------------- touch edits and reload
def test_touch_edits(canteen: Conversation) -> None:
    turn = canteen.add("cola", 2, {"temperature": ["iced"], "bogus": ["x"]})
    assert lines(turn) == [("cola", 2, {"temperature": ["iced"]})]
    assert turn.changed_lines == (0,)
    canteen.add("beef-noodle-soup")
    assert canteen.set_quantity(1, 3).cart.lines[1].quantity == 3
    assert canteen.set_quantity(1, 50).cart.lines[1].quantity == 3  # above max: refused
    assert [ln.item for ln in canteen.remove_line(0).cart.lines] == ["beef-noodle-soup"]
    assert canteen.add("curry-chicken-rice").cart.lines[-1].item == "beef-noodle-soup"
    assert canteen.add("no-such-thing").cart == canteen.cart
    assert "45 yuan" in canteen.readback()


def test_set_menu_keeps_available_lines_and_reprices(canteen: Conversation) -> None:
    from dataclasses import replace

    canteen.turn("a beef noodle soup and a cola")
    menu = canteen.menu
    items = tuple(replace(it, price=it.price + 100) if it.id == "beef-noodle-soup" else
                  replace(it, available=False) if it.id == "cola" else it for it in menu.items)
    cart = canteen.set_menu(replace(menu, items=items))
    assert [(ln.item, ln.unit_price) for ln in cart.lines] == [("beef-noodle-soup", 1600)]
    assert canteen.turn("a cola").cart.lines == cart.lines


# ---------------------------------------------------------------- score, reset, cache
def test_score_prefers_menu_sense_and_changes_nothing(canteen: Conversation) -> None:
    good = canteen.score("two beef noodles")
    bad = canteen.score("to beef noodles")
    worse = canteen.score("the weather is nice today")
    assert good > bad > worse
    assert canteen.cart.is_empty and canteen.question is None
    canteen.turn("noodles")
    assert canteen.score("the beef one") > canteen.score("the bee fun")


def test_dismissing_drops_only_the_open_question(canteen: Conversation) -> None:
    first = canteen.turn("some pork and a dumpling").question  # two questions wait
    assert first is not None and len(canteen.cs.pending) == 2
    turn = canteen.dismiss()  # "None of these" by touch
    assert turn.understood and turn.cart.is_empty
    assert turn.question is not None and turn.question != first  # the dumpling one is next
    assert canteen.dismiss().question is None
    assert not canteen.dismiss().understood  # nothing left to dismiss
    assert canteen.cart.is_empty


def test_score_counts_each_piece_once(canteen: Conversation) -> None:
    """A recogniser running on past the end of speech must not win by repeating
    a dish; a text naming a dish the others dropped still wins."""
    said = canteen.score("three cokes, all of them with ice")
    assert canteen.score("three cokes, all of them with ice, three cokes") <= said
    assert canteen.score("a hot and sour soup and two spring rolls") > \
        canteen.score("and two spring rolls")


def test_reset_and_language(canteen: Conversation) -> None:
    canteen.turn("一碗牛肉面")
    assert canteen.language == "zh"
    canteen.reset()
    assert canteen.cart.is_empty and canteen.question is None


def test_index_cached_per_menu() -> None:
    from kiosk.order import index_for

    menu = menu_for("canteen")
    assert index_for(menu) is index_for(menu)
    assert Conversation(menu).index is Conversation(menu).index


def test_touch_add_accepts_options_tuple_and_asks_required(canteen: Conversation) -> None:
    turn = canteen.add("lemon-tea", 1, (("cup", ("large",)), ("sugar", ("no-sugar",))))
    assert lines(turn) == [("lemon-tea", 1, {"cup": ["large"], "sugar": ["no-sugar"]})]
    turn = canteen.add("twice-cooked-pork")
    assert turn.question is not None and turn.question.slot == "staple"
    assert [ln.item for ln in canteen.answer("rice").cart.lines] == ["lemon-tea",
                                                                    "twice-cooked-pork"]


def test_do_you_have_then_yes(canteen: Conversation) -> None:
    turn = canteen.turn("do you have orange juice")
    assert turn.cart.is_empty and turn.question is not None
    assert turn.question.choices == ("orange-juice",)
    canteen.turn("yes, two please")
    assert lines(canteen) == [("orange-juice", 2, {"cup": ["regular"]})]


def test_remove_verb_after_dishes_in_mandarin(canteen: Conversation) -> None:
    canteen.turn("一瓶可乐一杯橙汁一杯奶茶")
    canteen.turn("可乐和橙汁都不要了")
    assert [ln.item for ln in canteen.cart.lines] == ["milk-tea"]


def test_mumble_while_a_question_is_open_is_not_understood(canteen: Conversation) -> None:
    canteen.turn("noodles")
    turn = canteen.turn("hmm")
    assert not turn.understood and turn.actions == ()
    assert turn.question is not None and turn.reply.endswith(turn.question.text)


def test_new_clause_after_remove_adds(canteen: Conversation) -> None:
    canteen.turn("一杯奶茶")
    canteen.turn("不要了，来杯豆浆吧")
    assert [ln.item for ln in canteen.cart.lines] == ["soy-milk"]


def test_readback_puts_size_first_and_totals(canteen: Conversation) -> None:
    turn = canteen.turn("a large lemon tea with less sugar")
    assert turn.reply == "One large lemon tea, less sugar. That's 9 yuan. Anything else?"
    assert canteen.readback() == "You have: one large lemon tea, less sugar. That's 9 yuan."


def test_cli_parse_json_and_chat(capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import json

    from corpus import MENUS  # type: ignore[import-not-found]

    from kiosk.cli import main

    menu = str(MENUS / "canteen.toml")
    assert main(["parse", "--menu", menu, "--json", "two beef noodles not spicy",
                 "make that three"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["menu"] == "north-canteen" and out["question"] is None
    assert out["cart"]["lines"][0]["quantity"] == 3 and out["cart"]["total"] == 4500
    assert [t["understood"] for t in out["turns"]] == [True, True]
    monkeypatch.setattr("sys.stdin", io.StringIO("一碗牛肉面\n就这些\n"))
    assert main(["chat", "--menu", menu]) == 0
    assert "一共十五元" in capsys.readouterr().out
