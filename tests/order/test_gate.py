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
