"""The confidence gate's features (kiosk/order/gate.py): each lowers the confidence
of a spoken change only when it says something is doubtful, and a change the
engine heard cut short is asked about, not made."""

from __future__ import annotations

import math

from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation, gate
from kiosk.types import Heard


def sure(**changed: float) -> gate.Features:
    """Features of a turn nothing is doubtful about, with ``changed`` set."""
    base = {"engine": 0.9, "agree": 1.0, "mass": 1.0, "parsed": 1.0}
    return gate.Features(**{**base, **changed})


def test_a_likely_end_of_text_leaves_the_confidence_as_it_was() -> None:
    assert gate.heard_confidence(sure(end=1.0)) == gate.heard_confidence(sure())
    assert gate.heard_confidence(sure(end=gate.FULL_END)) == gate.heard_confidence(sure())


def test_an_unlikely_end_of_text_lowers_the_confidence_in_proportion() -> None:
    full = gate.heard_confidence(sure())
    half = gate.heard_confidence(sure(end=gate.FULL_END / 2))
    assert math.isclose(half, full / 2)
    assert gate.heard_confidence(sure(end=0.0)) == 0.0


def test_a_change_heard_cut_short_is_asked_about_not_made() -> None:
    """The engine sure of its words (0.9) but not that the speech ended there: the
    kiosk asks; the same words with a likely end are added."""
    conv = Conversation(menu_for("canteen"))
    turn = conv.turn("beef noodle soup,", "en", heard=Heard(0.9, end=math.log(0.02)))
    assert conv.cart.is_empty and turn.question is not None
    assert turn.question.slot == "heard" and "beef noodle soup" in turn.reply.lower()
    assert conv.last_gate is not None and math.isclose(conv.last_gate.end, 0.02)
    conv = Conversation(menu_for("canteen"))
    turn = conv.turn("beef noodle soup,", "en", heard=Heard(0.9, end=math.log(0.8)))
    assert [ln.item for ln in conv.cart.lines] == ["beef-noodle-soup"]
    assert turn.question is None or turn.question.slot != "heard"


def test_an_unknown_end_is_no_doubt() -> None:
    """Engines that give no end probability (Heard.end 0.0) are not asked more."""
    conv = Conversation(menu_for("canteen"))
    conv.turn("two beef noodle soups", "en", heard=Heard(0.9))
    assert conv.last_gate is not None and conv.last_gate.end == 1.0
    assert [ln.quantity for ln in conv.cart.lines] == [2]


# ---------------------------------------------------------------- per action
#: The engine fairly sure (0.4), and its other hypothesis hears the drink otherwise:
#: the dish every hypothesis has is sure, the drink is the doubtful part.
SAID = "a beef noodle soup and a coke"
OTHER = Heard(0.4, alternatives=("a beef noodle soup and a cold noodles",))


def _items(conv: Conversation) -> list[tuple[str, int]]:
    return [(ln.item, ln.quantity) for ln in conv.cart.lines]


def test_each_change_has_its_own_confidence() -> None:
    conv = Conversation(menu_for("canteen"))
    turn = conv.turn(SAID, "en", heard=Heard(0.6, alternatives=OTHER.alternatives))
    conf = {a.item: a.confidence for a in turn.actions}
    assert conf["beef-noodle-soup"] is not None and conf["cola"] is not None
    assert conf["beef-noodle-soup"] > conf["cola"]
    assert _items(conv) == [("beef-noodle-soup", 1), ("cola", 1)]


def test_only_the_doubtful_part_is_asked_about() -> None:
    conv = Conversation(menu_for("canteen"))
    turn = conv.turn(SAID, "en", heard=OTHER)
    assert turn.question is not None and turn.question.slot == "heard"
    assert "cola" in turn.question.text.lower() and "beef" not in turn.question.text.lower()
    assert conv.cart.is_empty


def test_yes_takes_all_of_it() -> None:
    conv = Conversation(menu_for("canteen"))
    conv.turn(SAID, "en", heard=OTHER)
    conv.turn("yes", "en")
    assert _items(conv) == [("beef-noodle-soup", 1), ("cola", 1)]


def test_no_keeps_the_sure_part_and_asks_for_the_rest() -> None:
    for answer in ("no", "不是"):
        conv = Conversation(menu_for("canteen"))
        conv.turn(SAID, "en", heard=OTHER)
        turn = conv.turn(answer, "en" if answer == "no" else "zh")
        assert _items(conv) == [("beef-noodle-soup", 1)]
        assert "rest" in turn.reply or "其余" in turn.reply


def test_no_by_touch_keeps_the_sure_part_too() -> None:
    conv = Conversation(menu_for("canteen"))
    conv.turn(SAID, "en", heard=OTHER)
    turn = conv.answer("no")
    assert _items(conv) == [("beef-noodle-soup", 1)] and "rest" in turn.reply


def test_when_all_of_it_is_doubtful_all_of_it_is_asked() -> None:
    """No other hypothesis to tell the parts apart: the whole turn is asked about, and
    "no" takes nothing."""
    conv = Conversation(menu_for("canteen"))
    turn = conv.turn(SAID, "en", heard=Heard(0.2))
    assert turn.question is not None and "beef" in turn.question.text.lower()
    conv.turn("no", "en")
    assert conv.cart.is_empty


def test_a_doubtful_change_that_is_not_an_add_is_asked_whole() -> None:
    """Only adds are kept on their own; a turn that also removes is asked about whole."""
    conv = Conversation(menu_for("canteen"))
    conv.turn("a tea egg", "en")
    conv.turn("remove the tea egg and add a coke", "en",
              heard=Heard(0.4, alternatives=("remove the tea egg and add a cold noodles",)))
    conv.turn("no", "en")
    assert _items(conv) == [("tea-egg", 1)]
