"""A turn of several sentences, one a question or command and another an order (the
twentieth blind batch, menus/taiwanese.toml): each sentence is its own act, read in turn
(kiosk/order/sentences.py); tested on other menus too."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


def _turn(menu: str, *said: str) -> object:
    conv = Conversation(menu_for(menu))
    turn = None
    for text in said:
        turn = conv.turn(text)
    return turn


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", "do you have stinky tofu ok one of those extra spicy",
     [("stinky-tofu", "spice", ("extra-spicy",))]),
    ("taiwanese", "um how much is the chicken cutlet ok yeah ill take one",
     [("chicken-cutlet", "spice", ("not-spicy",))]),
    ("taiwanese", "你们有葱油饼吗？来一个，加蛋加芝士",
     [("scallion-pancake", "pancake-add", ("egg", "cheese"))]),
    ("taiwanese", "Let me get a small braised pork rice. And how much would a large one be?",
     [("braised-pork-rice", "bowl-size", ("small",))]),
    ("canteen", "do you have wontons ok one of those", [("wontons", "portion", ("regular",))]),
    ("canteen", "how much is the beef noodle soup? ok i'll take one, not spicy",
     [("beef-noodle-soup", "spice", ("not-spicy",))]),
    ("canteen", "你们有馄饨吗？来一份", [("wontons", "portion", ("regular",))]),
])
def test_a_question_then_an_order_in_one_turn(menu: str, said: str,
                                              want: list[tuple[str, str, tuple[str, ...]]]) -> None:
    """The question is answered and the order after it made (an offer it made is taken
    with the options said); an order before a question stays as ordered."""
    got = lines_after(menu, said)
    assert [(i, q, tuple(sorted(o.get(g, ())))) for (i, q, o), (_, g, _) in zip(got, want,
                                                                              strict=True)] \
        == [(i, 1, tuple(sorted(v))) for i, _, v in want]


@pytest.mark.parametrize(("menu", "said", "item", "kind", "amount"), [
    ("taiwanese", "来份盐酥鸡，一共多少钱啊", "popcorn-chicken", "total", 1300),
    ("canteen", "来碗牛肉面，一共多少钱", "beef-noodle-soup", "total", 1500),
    ("canteen", "I'll have a beef noodle soup. How much is the cola?", "beef-noodle-soup",
     "price", 400),
])
def test_an_order_then_a_question(menu: str, said: str, item: str, kind: str,
                                  amount: int) -> None:
    """The order is made and the question after it answered: the turn is an order (it
    changed the cart) whose answer is the question's."""
    turn = _turn(menu, said)
    assert [a.item for a in turn.actions] == [item]  # type: ignore[attr-defined]
    assert turn.act == "order"  # type: ignore[attr-defined]
    assert turn.answer["kind"] == kind and turn.answer["amount"] == amount  # type: ignore[attr-defined]


@pytest.mark.parametrize(("menu", "said", "act", "intent"), [
    ("canteen", "tomato and egg, how much", "question", "ask_price"),
    ("canteen", "how much is the beef noodle soup, large", "question", "ask_price"),
    ("taiwanese", "um, scratch all that, let's start over", "command", "start_over"),
    ("taiwanese", "不好意思，重新来吧，我朋友要分开点", "command", "start_over"),
])
def test_one_act_said_across_commas_stays_whole(menu: str, said: str, act: str,
                                                intent: str) -> None:
    """A question or command said over several clauses, the rest of them no order of
    their own (no "I'll take", 来份, or count), is read whole: nothing is ordered."""
    turn = _turn(menu, "a pork chop rice" if menu == "taiwanese" else "a cola", said)
    assert (turn.act, turn.intent) == (act, intent)  # type: ignore[attr-defined]
    assert not any(a.type == "add" for a in turn.actions)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("canteen", "一碗牛肉面", "牛肉面不要辣，算了，还是要辣的吧", ["beef-noodle-soup"]),
    ("canteen", "a beef noodle soup and a cola", "the cola, cancel it", ["beef-noodle-soup"]),
    ("taiwanese", "a milk tea and a chicken cutlet", "the milk tea, cancel it", ["chicken-cutlet"]),
])
def test_corrections_and_references_are_not_taken_apart(menu: str, first: str, said: str,
                                                        want: list[str]) -> None:
    """算了 / "never mind" takes back what came before it, and "cancel it" is about the
    line named before it: neither is read as a sentence of its own."""
    assert [i for i, _, _ in lines_after(menu, first, said)] == want


@pytest.mark.parametrize(("menu", "said", "want"), [
    ("taiwanese", "um how much is the chicken cutlet ok yeah ill take one",
     [("question", "ask_price"), ("order", "order")]),
    ("taiwanese", "来份盐酥鸡，一共多少钱啊", [("order", "order"), ("question", "ask_total")]),
    ("canteen", "I'll have a beef noodle soup. How much is the cola?",
     [("order", "order"), ("question", "ask_price")]),
    ("canteen", "a beef noodle soup", [("order", "order")]),
])
def test_each_sentence_is_reported_with_its_act(menu: str, said: str,
                                                want: list[tuple[str, str]]) -> None:
    """The JSON's ``acts``: one entry per sentence read apart, one for a turn read whole."""
    turn = _turn(menu, said)
    got = turn.to_json()["acts"]  # type: ignore[attr-defined]
    assert [(a["act"], a["intent"]) for a in got] == want
    assert "".join(a["text"] for a in got).replace(" ", "") == said.replace(" ", "") \
        or len(got) == 1
