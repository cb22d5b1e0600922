"""Acts and answers the twenty-sixth and twenty-seventh blind batches (menus/vietnamese.toml,
menus/skewers.toml: breakfast and late-night rushes) found read wrongly, each fixed in
general and tested on a second menu: questions that became orders, an edge word cut in
two, the command a turn ends with, answers to a diet warning that take an option off or
drop the dish, a group's name said as "the X one", and choices described by price."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


def _last(menu: str, *turns: str) -> tuple[str | None, str | None, Conversation]:
    conv = Conversation(menu_for(menu))
    turn = None
    for text in turns:
        turn = conv.turn(text, "auto")
    assert turn is not None
    return turn.act, turn.intent, conv


@pytest.mark.parametrize(("menu", "turns", "intent"), [
    ("skewers", ["one lamb kidney", "that's all for now"], "done"),
    ("canteen", ["a cola", "that's all for now"], "done"),
    ("skewers", ["一个羊腰子", "行 就这些"], "done"),
    ("canteen", ["一瓶可乐", "行，就这些"], "done"),
])
def test_done_with_an_edge_word_of_two_words(menu: str, turns: list[str], intent: str) -> None:
    """"that's all for now": "for now" is one edge, not "for" + "now"; 行 leads 就这些."""
    assert _last(menu, *turns)[1] == intent


@pytest.mark.parametrize(("menu", "first"), [
    ("vietnamese", "a lemongrass chicken banh mi"),
    ("canteen", "a beef noodle soup"),
])
def test_a_turn_ending_in_start_over_is_a_start_over(menu: str, first: str) -> None:
    act, intent, conv = _last(menu, first, "scratch that, let's start again")
    assert (act, intent) == ("command", "start_over") and not conv.cart.lines


@pytest.mark.parametrize(("menu", "said", "item"), [
    ("skewers", "is the sausage pork", "sausage"),
    ("canteen", "is the kung pao chicken peanut", "kung-pao-chicken-rice"),
])
def test_is_x_y_asks_what_is_in_it(menu: str, said: str, item: str) -> None:
    act, intent, conv = _last(menu, said)
    assert (act, intent) == ("question", "ask_contents") and not conv.cart.lines


@pytest.mark.parametrize(("menu", "turns", "amount"), [
    ("skewers", ["lamb skewers, how much each"], 300),
    ("canteen", ["how much are the potstickers each"], 900),
    ("canteen", ["two beef noodle soups", "how much each"], 1500),
])
def test_how_much_each_is_a_price(menu: str, turns: list[str], amount: int) -> None:
    conv = Conversation(menu_for(menu))
    before = 0
    for k, text in enumerate(turns):
        turn = conv.turn(text, "auto")
        if k < len(turns) - 1:
            before = sum(ln.quantity for ln in conv.cart.lines)
    assert turn.intent == "ask_price" and turn.answer is not None
    assert turn.answer["amount"] == amount
    assert sum(ln.quantity for ln in conv.cart.lines) == before


@pytest.mark.parametrize(("menu", "turns", "want"), [
    # an option of the held dish taken off: it fits now, so it is added without it
    ("vietnamese", ["I'm allergic to eggs", "a rare beef pho with an egg", "no egg then"],
     ["beef-pho"]),
    ("vietnamese", ["I'm allergic to eggs", "a rare beef pho with an egg",
                    "oh right, leave the egg off then"], ["beef-pho"]),
    ("vietnamese", ["我对鸡蛋过敏", "生牛肉河粉加个蛋", "哦那蛋就不加了"], ["beef-pho"]),
    ("canteen", ["I'm allergic to eggs", "a beef noodle soup with an extra egg", "no egg then"],
     ["beef-noodle-soup"]),
    ("canteen", ["我对鸡蛋过敏", "一碗牛肉面加个蛋", "那蛋就不加了"], ["beef-noodle-soup"]),
    # the held dish dropped by name: no other dish of that name is offered in its place
    ("skewers", ["I'm allergic to gluten", "two grilled buns and ten lamb",
                 "no, forget the buns"], ["lamb-skewer"]),
    # the dish like it, named by a word that is also a group's name
    ("vietnamese", ["I can't eat pork", "one grilled pork vermicelli", "ok, the beef one then"],
     ["beef-vermicelli"]),
])
def test_answers_to_a_diet_warning(menu: str, turns: list[str], want: list[str]) -> None:
    lines = lines_after(menu, *turns)
    assert [i for i, _, _ in lines] == want
    assert all("egg" not in str(opts) for _, _, opts in lines)


def test_the_x_one_names_dishes_when_x_is_also_a_groups_name() -> None:
    """"the beef one" to "beef pho or chicken pho?": beef is also the pho's beef-cut
    group's name; said before "one" it names the dish, which then asks its cut."""
    conv = Conversation(menu_for("vietnamese"))
    conv.turn("a pho", "auto")
    reply = conv.turn("the beef one", "auto").reply
    assert "rare beef" in reply


@pytest.mark.parametrize(("menu", "turns"), [
    ("vietnamese", ["我吃全素", "有什么能吃的"]),
    ("canteen", ["我吃素", "有什么可以吃的"]),
])
def test_what_can_i_eat_lists_what_fits(menu: str, turns: list[str]) -> None:
    assert _last(menu, *turns)[:2] == ("question", "ask_category")


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("vietnamese", "a chicken pho, a banh mi with tofu and a coconut water",
     "just the pho actually", ["chicken-pho"]),
    ("canteen", "a beef noodle soup, a cola and a lemon tea", "just the cola actually",
     ["cola"]),
])
def test_keep_only_with_actually_after_it(menu: str, first: str, said: str,
                                          want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, first, said)] == want


@pytest.mark.parametrize(("menu", "first", "asked"), [
    ("skewers", "a grilled fish", "which one's nicer, mala or garlic"),
    ("skewers", "a grilled fish", "which one's cheaper, mala or garlic"),
    ("setmeal", "pork dumplings", "which one's better, ten or fifteen"),
])
def test_which_ones_x_or_y_is_a_question_not_an_order(menu: str, first: str,
                                                      asked: str) -> None:
    act, _, conv = _last(menu, first, asked)
    assert act == "question" and not conv.cart.lines


@pytest.mark.parametrize(("menu", "first", "said", "item", "group", "option"), [
    ("vietnamese", "a banh mi", "whichever's cheapest", "banh-mi", "filling", "fried-egg"),
    ("setmeal", "pork dumplings", "whichever's cheapest", "pork-dumplings", "plate", "ten"),
])
def test_whichevers_cheapest_picks_the_cheapest_choice(menu: str, first: str, said: str,
                                                       item: str, group: str,
                                                       option: str) -> None:
    lines = lines_after(menu, first, said)
    assert [i for i, _, _ in lines] == [item] and lines[0][2][group] == (option,)
