"""Issue 14: dialogue acts by their form, allergy and diet warnings, partial offers,
softened and implied options, answers read against the open question."""

from __future__ import annotations

import pytest
from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation, gate
from kiosk.order.acts import consumed_by, forms, leading, matches


def talk(menu: str = "canteen") -> Conversation:
    return Conversation(menu_for(menu))


def lines(conv: Conversation) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return [(ln.item, ln.quantity, dict(ln.options)) for ln in conv.cart.lines]


def test_every_form_compiles_and_every_table_has_forms() -> None:
    for lang in ("en", "zh"):
        table = forms(lang)
        for name in ("ask_total", "ask_price", "ask_contents", "ask_category", "allergy", "diet",
                     "start_over", "repeat", "help", "done", "yes", "no"):
            assert table[name], (lang, name)


def test_forms_try_every_split_of_their_slots() -> None:
    got = [dict(m.slots) for m in matches("is the hot dry noodles vegetarian", "en",
                                          ("ask_contents",))]
    assert {"x": "the hot dry noodles", "d": "vegetarian"} in got


def test_yes_and_no_are_read_whole_or_at_the_start() -> None:
    assert consumed_by("ok sure, add it", "en", "yes")
    assert consumed_by("好的", "zh", "yes")  # not the lead word 好 and a stray 的
    assert not consumed_by("yes a cola", "en", "yes")
    assert leading("no thanks just the noodles", "en", ("no", "yes")) == ("no", "just the noodles")


@pytest.mark.parametrize(("text", "intent", "amount"), [
    ("how much is the beef noodle soup", "ask_price", 1500),
    ("um how much are the pork buns", "ask_price", 300),
    ("how much is a large iced lemon tea", "ask_price", 900),
    ("牛肉面多少钱", "ask_price", 1500),
    ("加个蛋要多少钱", "ask_price", 200),
])
def test_price_questions_answer_and_never_order(text: str, intent: str, amount: int) -> None:
    conv = talk()
    turn = conv.turn(text)
    assert (turn.act, turn.intent) == ("question", intent)
    assert turn.answer is not None and turn.answer["amount"] == amount
    assert conv.cart.is_empty and not turn.actions


def test_an_offer_after_a_question_is_taken_with_its_options_or_dropped() -> None:
    conv = talk()
    conv.turn("how much is a large iced lemon tea")
    assert conv.question is not None and conv.question.slot == "offer"
    conv.turn("ok i'll get that")
    assert lines(conv) == [("lemon-tea", 1, {"cup": ("large",), "temperature": ("iced",)})]
    conv = talk()
    conv.turn("how much is the cola")
    conv.turn("a beef noodle soup")  # talked past: the offer is gone, nothing else added
    assert [ln.item for ln in conv.cart.lines] == ["beef-noodle-soup"]
    assert conv.question is None


def test_the_total_is_a_question_about_the_cart() -> None:
    conv = talk()
    conv.turn("two pork buns and a soy milk")
    turn = conv.turn("what's my total")
    assert (turn.act, turn.intent) == ("question", "ask_total")
    assert turn.answer == {"kind": "total", "amount": conv.cart.total, "currency": "CNY"}
    assert [ln.item for ln in conv.cart.lines] == ["pork-bun", "soy-milk"]


@pytest.mark.parametrize(("text", "has"), [
    ("does the kung pao chicken have peanuts", True),
    ("宫保鸡丁有花生吗", True),
    ("does the tomato and egg noodles have peanuts", False),
    ("is the stir fried greens vegetarian", True),
    ("牛肉面是素的吗", False),
])
def test_contents_questions_say_yes_or_no_from_the_menu(text: str, has: bool) -> None:
    conv = talk()
    turn = conv.turn(text)
    assert (turn.act, turn.intent) == ("question", "ask_contents")
    assert turn.answer is not None and turn.answer["has"] is has
    assert conv.cart.is_empty


def test_category_questions_list_dishes_of_the_category_or_diet() -> None:
    menu = menu_for("canteen")
    turn = talk().turn("有什么喝的")
    assert turn.intent == "ask_category" and turn.answer is not None
    assert {menu.item(i).category for i in turn.answer["items"]} == {"drinks"}  # type: ignore[union-attr]
    turn = talk().turn("what's vegetarian")
    assert all("vegetarian" in menu.item(i).tags or "vegan" in menu.item(i).tags  # type: ignore[union-attr]
               for i in turn.answer["items"])  # type: ignore[index]


def test_an_allergy_holds_a_clashing_dish_until_yes() -> None:
    conv = talk()
    turn = conv.turn("I'm allergic to peanuts")
    assert (turn.act, turn.intent) == ("statement", "allergy")
    turn = conv.turn("a kung pao chicken and a beef noodle soup")
    assert [ln.item for ln in conv.cart.lines] == ["beef-noodle-soup"]
    assert turn.question is not None and turn.question.slot == "conflict"
    assert "peanut" in turn.reply
    turn = conv.turn("yes add it, it's for my friend")
    assert (turn.act, turn.intent) == ("answer", "yes")
    assert sorted(ln.item for ln in conv.cart.lines) == ["beef-noodle-soup", "kung-pao-chicken-rice"]


def test_no_to_a_clash_adds_nothing_and_offers_dishes_that_fit() -> None:
    conv = talk()
    conv.turn("我不吃猪肉")
    conv.turn("回锅肉配米饭")
    turn = conv.turn("算了 不要了")
    assert (turn.act, turn.intent) == ("answer", "no") and conv.cart.is_empty
    if turn.question is not None:  # an offer of dishes without pork
        menu = menu_for("canteen")
        assert all("pork" not in menu.item(c).contains for c in turn.question.choices)  # type: ignore[union-attr]


def test_a_clash_answered_by_touch() -> None:
    conv = talk()
    conv.turn("I'm vegetarian")
    conv.turn("braised pork with rice")
    assert conv.question is not None and conv.question.choices == ("yes", "no")
    conv.answer("no")
    assert conv.cart.is_empty
    conv.turn("braised pork with rice")
    conv.answer("yes")
    assert [ln.item for ln in conv.cart.lines] == ["braised-pork-rice"]


def test_over_the_limit_the_most_is_offered() -> None:
    conv = talk()
    turn = conv.turn("ten beef noodle soups")
    assert conv.cart.is_empty and turn.question is not None and turn.question.slot == "partial"
    conv.turn("make it eight")
    assert lines(conv)[0][:2] == ("beef-noodle-soup", 8)
    conv = talk()
    conv.turn("十碗牛肉面")
    conv.turn("好的")
    assert lines(conv)[0][:2] == ("beef-noodle-soup", 9)


@pytest.mark.parametrize("text", ["dan dan noodles not too spicy", "担担面不太辣",
                                  "担担面不要太辣"])
def test_not_too_spicy_is_the_mildest_level(text: str) -> None:
    conv = talk()
    conv.turn(text)
    assert lines(conv)[0][2]["spice"] == ("mild",)


@pytest.mark.parametrize("text", ["a large iced lemon tea", "一杯冰柠檬茶", "冻柠茶少糖"])
def test_the_ice_said_in_the_dish_name_survives(text: str) -> None:
    conv = talk()
    conv.turn(text)
    assert lines(conv)[0][2]["temperature"] == ("iced",)


def test_nothing_more_after_an_order_keeps_the_order() -> None:
    for text in ("不要了", "no thanks", "that's all"):
        conv = talk()
        conv.turn("一碗牛肉面")
        turn = conv.turn(text)
        assert (turn.act, turn.intent) == ("answer", "done")
        assert [ln.item for ln in conv.cart.lines] == ["beef-noodle-soup"]


def test_a_correction_to_a_dish_we_do_not_have_says_so_and_keeps_the_order() -> None:
    conv = talk()
    turn = conv.turn("a coke, actually make it a sprite")
    assert "sprite" in turn.reply.casefold() and [ln.item for ln in conv.cart.lines] == ["cola"]
    conv = talk()
    conv.turn("两碗牛肉面")
    turn = conv.turn("不对 换成羊肉泡馍")
    assert "羊肉泡馍" in turn.reply and lines(conv)[0][:2] == ("beef-noodle-soup", 2)


def test_say_that_again_repeats_the_last_reply_and_keeps_the_question() -> None:
    conv = talk()
    first = conv.turn("小笼包多少钱")
    again = conv.turn("麻烦再说一遍")
    assert first.reply.split("。")[0] in again.reply
    conv.turn("那来一份")
    assert [ln.item for ln in conv.cart.lines] == ["xiaolongbao"]


def test_start_over_empties_the_cart_and_is_a_command() -> None:
    conv = talk()
    conv.turn("two beef noodles")
    turn = conv.turn("can we start over")
    assert (turn.act, turn.intent) == ("command", "start_over") and conv.cart.is_empty


def test_a_noodle_weight_is_a_portion_never_a_count() -> None:
    """二两/三两 are weights where the menu sells by weight (the canteen's portions are
    三两 and 四两): a weight it has is that portion, one it lacks is said, not a count."""
    conv = talk()
    conv.turn("三两牛肉面")
    assert lines(conv) == [("beef-noodle-soup", 1, {"portion": ("regular",)})]
    conv = talk()
    turn = conv.turn("二两牛肉面")
    assert lines(conv) == [("beef-noodle-soup", 1, {"portion": ("regular",)})]
    assert "二两" in turn.reply
    conv = talk()
    conv.turn("两碗四两的牛肉面")
    assert lines(conv) == [("beef-noodle-soup", 2, {"portion": ("large",)})]


def test_a_change_the_kiosk_is_not_sure_it_heard_is_asked_about_first() -> None:
    """Confidence-gated readback: never added silently below the gate."""
    from kiosk.types import Heard

    conv = talk()
    turn = conv.turn("三碗馄饨", "zh", heard=Heard(0.2))
    assert conv.cart.is_empty and turn.question is not None and turn.question.slot == "heard"
    assert "三" in turn.reply and "馄饨" in turn.reply
    turn = conv.turn("对", "zh", heard=Heard(0.9))
    assert lines(conv)[0][:2] == ("wontons", 3)
    conv = talk()
    conv.turn("and a cold", "en", heard=Heard(0.8 * gate.ASK_BELOW))
    turn = conv.turn("no", "en", heard=Heard(0.9))
    assert conv.cart.is_empty and (turn.act, turn.intent) == ("answer", "no")


def test_a_sure_change_is_applied_and_carries_its_confidence() -> None:
    from kiosk.types import Heard

    conv = talk()
    turn = conv.turn("two beef noodles", "en", heard=Heard(0.95, ("two beef noodles",)))
    assert [a.confidence for a in turn.actions] == [0.95]
    assert lines(conv)[0][:2] == ("beef-noodle-soup", 2)
    # hypotheses that would do something else lower it: here below the gate
    conv = talk()
    turn = conv.turn("a cola", "en", heard=Heard(1.8 * gate.ASK_BELOW, ("a cold", "a tea egg")))
    assert conv.cart.is_empty and turn.question is not None


def test_typed_actions_carry_the_parsers_certainty() -> None:
    conv = talk()
    assert [a.confidence for a in conv.turn("a beef noodle soup").actions] == [1.0]
    fuzzy = conv.turn("a beef nudle soup").actions
    assert fuzzy and all(a.confidence is not None and a.confidence < 1.0 for a in fuzzy)


def test_the_heard_question_is_answered_by_touch() -> None:
    from kiosk.types import Heard

    conv = talk()
    conv.turn("一瓶可乐", "zh", heard=Heard(0.1))
    assert conv.question is not None and conv.question.choices == ("yes", "no")
    conv.answer("yes")
    assert [ln.item for ln in conv.cart.lines] == ["cola"]


def test_a_hesitation_is_not_a_yes_to_a_safety_question() -> None:
    conv = talk()
    conv.turn("I'm allergic to peanuts")
    conv.turn("dan dan noodles")
    for text in ("hmm", "uh", "呃呃"):
        turn = conv.turn(text)
        assert conv.cart.is_empty and turn.question is not None, text
        assert turn.question.slot == "conflict"


def test_none_of_these_drops_the_question_and_keeps_the_order() -> None:
    for first, ask, none in (("a cola", "some noodles", "none of these"),
                             ("一瓶可乐", "一份饺子", "都不要")):
        conv = talk()
        conv.turn(first)
        conv.turn(ask)
        assert conv.question is not None
        turn = conv.turn(none)
        assert conv.question is None and [ln.item for ln in conv.cart.lines] == ["cola"]
        assert (turn.act, turn.intent) == ("answer", "no")


def test_two_statements_in_one_breath_are_both_kept() -> None:
    turn = talk().turn("I am vegetarian and allergic to peanuts")
    assert turn.answer is not None
    assert turn.answer["diets"] == ["vegetarian"] and turn.answer["allergens"] == ["peanut"]


@pytest.mark.parametrize(("text", "lacking"), [
    ("how much is the hamburger", "hamburger"), ("does the pizza have cheese", "pizza"),
    ("汉堡多少钱", "汉堡"),
])
def test_a_question_about_what_the_menu_lacks_is_still_a_question(text: str,
                                                                   lacking: str) -> None:
    turn = talk().turn(text)
    assert turn.act == "question" and lacking in turn.reply and not turn.actions
    assert turn.answer == {"kind": "unknown", "text": lacking}


@pytest.mark.parametrize(("said", "lang", "item", "amount"), [
    ("羊肉串多少钱一串", "zh", "lamb-skewer", 400), ("牛肉串一串多少钱", "zh", "beef-skewer", 400)])
def test_a_price_per_measure_word(said: str, lang: str, item: str, amount: int) -> None:
    turn = talk("noodlebar").turn(said, lang)
    assert (turn.intent, turn.answer) == ("ask_price", {"kind": "price", "item": item,
                                                        "amount": amount})


def test_a_count_with_options_takes_the_offer() -> None:
    conv = talk("noodlebar")
    conv.turn("羊肉串多少钱一串", "zh")
    conv.turn("来十串，中辣", "zh")
    assert lines(conv) == [("lamb-skewer", 10, {"spice": ("medium-spicy",)})]


def test_what_comes_in_a_dish() -> None:
    turn = talk("noodlebar").turn("what comes in the laghman", "en")
    assert turn.intent == "ask_contents" and not turn.cart.lines


@pytest.mark.parametrize(("said", "lang", "want"), [
    ("再来一杯甜的", "zh", [("milk-tea", 1, {"cup": ("regular",), "flavor": ("salty",)}),
                         ("milk-tea", 1, {"cup": ("regular",), "flavor": ("sweet",)})]),
    ("再来一杯咸的", "zh", [("milk-tea", 2, {"cup": ("regular",), "flavor": ("salty",)})]),
    ("and two more sweet", "en", [("milk-tea", 1, {"cup": ("regular",), "flavor": ("salty",)}),
                                  ("milk-tea", 2, {"cup": ("regular",), "flavor": ("sweet",)})]),
])
def test_one_more_like_it_with_another_choice(said: str, lang: str, want: list) -> None:
    conv = talk("noodlebar")
    conv.turn("一杯奶茶" if lang == "zh" else "a milk tea", lang)
    conv.turn("咸的" if lang == "zh" else "salty", lang)
    conv.turn(said, lang)
    assert sorted(lines(conv), key=repr) == sorted(want, key=repr)


def test_the_same_sentence_is_said_once() -> None:
    reply = talk().turn("and egg fried rice with rice, rice, noodles, noodles", "en").reply
    assert reply.count('doesn\'t come with "noodle"') == 1


@pytest.mark.parametrize(("turns", "lang", "want"), [
    (["braised pork rice", "extra rice", "and an egg"], "en",
     [("braised-pork-rice", 1, {"portion": ("regular",), "rice-extras": ("extra-egg", "extra-rice")})]),
    (["牛肉面", "不要香菜", "还有鸡蛋"], "zh",
     [("beef-noodle-soup", 1, {"portion": ("regular",), "herbs": ("no-cilantro",),
                               "noodle-extras": ("extra-egg",)})]),
    (["braised pork rice", "and an egg"], "en",  # after ordering a dish, an egg is a dish
     [("braised-pork-rice", 1, {"portion": ("regular",)}), ("tea-egg", 1, {})]),
    (["braised pork rice", "extra rice", "and a tea egg"], "en",
     [("braised-pork-rice", 1, {"portion": ("regular",), "rice-extras": ("extra-rice",)}),
      ("tea-egg", 1, {})]),
])
def test_and_x_after_options_goes_on_with_options(turns: list[str], lang: str,
                                                   want: list) -> None:
    conv = talk()
    for said in turns:
        conv.turn(said, lang)
    assert sorted(lines(conv), key=repr) == sorted(want, key=repr)


@pytest.mark.parametrize(("first", "then", "lang", "left"), [
    ("beef noodles and a cola", "just the noodles", "en", ["beef-noodle-soup"]),
    ("beef noodles and a cola", "only the cola", "en", ["cola"]),
    ("一碗牛肉面一瓶可乐", "只要牛肉面", "zh", ["beef-noodle-soup"]),
    ("一碗牛肉面一瓶可乐", "就要牛肉面吧", "zh", ["beef-noodle-soup"]),
])
def test_keep_only_the_dish_named(first: str, then: str, lang: str, left: list[str]) -> None:
    conv = talk()
    conv.turn(first, lang)
    turn = conv.turn(then, lang)
    assert (turn.act, turn.intent) == ("command", "keep_only")
    assert [line.item for line in turn.cart.lines] == left


@pytest.mark.parametrize(("first", "then", "lang", "left"), [
    ("", "just the beef noodles", "en", [("beef-noodle-soup", 1)]),  # an order, not a command
    ("两碗牛肉面", "只要一碗", "zh", [("beef-noodle-soup", 1)]),  # a count: make it one
])
def test_keep_only_is_an_order_when_nothing_else_is_there(first: str, then: str, lang: str,
                                                          left: list) -> None:
    conv = talk()
    if first:
        conv.turn(first, lang)
    turn = conv.turn(then, lang)
    assert turn.intent != "keep_only"
    assert [(line.item, line.quantity) for line in turn.cart.lines] == left


def test_what_is_in_it_said_without_the_dish_asks_about_the_last_one() -> None:
    conv = Conversation(menu_for("breakfast"))
    conv.turn("一碗皮蛋瘦肉粥")
    turn = conv.turn("里面有什么")
    assert (turn.act, turn.intent) == ("question", "ask_contents") and "皮蛋瘦肉粥" in turn.reply


def test_two_slots_side_by_side_split_anywhere() -> None:
    """我是{d}{rest}: no word stands between the slots, so every place is tried."""
    got = [dict(m.slots) for m in matches("我是回民吃清真的", "zh", ("diet",))]
    assert {"d": "回民", "rest": "吃清真的"} in got


@pytest.mark.parametrize(("said", "lang", "act", "intent"), [
    ("我是回民，吃清真的", "zh", "statement", "diet"),
    ("我对芹菜过敏", "zh", "statement", "allergy"),  # 芹菜, not 芹 + the tail word 菜
    ("凉菜有啥", "zh", "question", "ask_category"),
    ("馄饨有几种", "zh", "question", "ask_category"),
    ("饺子都有什么馅的", "zh", "question", "ask_category"),
    ("鲜肉馄饨是猪肉的吗", "zh", "question", "ask_contents"),
    ("what do you have that isn't spicy?", "en", "question", "ask_category"),
    ("anything that doesn't have sesame", "en", "question", "ask_category"),
])
def test_forms_found_by_a_blind_batch(said: str, lang: str, act: str, intent: str) -> None:
    turn = talk("dumplings").turn(said, lang)
    assert (turn.act, turn.intent) == (act, intent)
    assert not turn.cart.lines


def test_a_bare_yes_to_an_offer_is_an_answer_and_an_order_phrase_an_order() -> None:
    for said, want in (("yes please", ("answer", "yes")), ("ok I'll get that", ("order", "order")),
                       ("来一份", ("order", "order")), ("好的", ("answer", "yes"))):
        conv = talk("dumplings")
        lang = "zh" if said in ("来一份", "好的") else "en"
        conv.turn("拍黄瓜多少钱" if lang == "zh" else "how much is the smashed cucumber", lang)
        turn = conv.turn(said, lang)
        assert (turn.act, turn.intent) == want, said
        assert [ln.item for ln in turn.cart.lines] == ["smashed-cucumber"]


def test_not_heard_then_say_again_repeats() -> None:
    conv = talk("dumplings")
    first = conv.turn("来个皮蛋豆腐", "zh")
    turn = conv.turn("没听清，再说一遍", "zh")
    assert (turn.act, turn.intent) == ("command", "repeat")
    assert turn.reply == first.reply
