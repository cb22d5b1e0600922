"""The issue's own cases: options stacked before a dish with commas, a count
said in front of an option, and the replacement the parser used to refuse."""

from __future__ import annotations

from corpus import menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


def _lines(conv: Conversation) -> list[tuple[str, int, dict[str, tuple[str, ...]]]]:
    return [(ln.item, ln.quantity, dict(ln.options)) for ln in conv.cart.lines]


def test_stacked_options_with_commas_are_one_line() -> None:
    conv = Conversation(menu_for("canteen"))
    conv.turn("a large, iced, no sugar lemon tea")
    [(item, qty, opts)] = _lines(conv)
    assert (item, qty) == ("lemon-tea", 1)
    assert opts["cup"] == ("large",) and opts["temperature"] == ("iced",)
    assert opts["sugar"] == ("no-sugar",)


def test_no_actually_make_it_the_dan_dan_noodles_replaces_the_last_line() -> None:
    conv = Conversation(menu_for("canteen"))
    conv.turn("two beef noodles")
    turn = conv.turn("no actually make it the dan dan noodles")
    assert [(i, q) for i, q, _ in _lines(conv)] == [("dan-dan-noodles", 2)], turn.reply


def test_a_count_in_front_of_an_option_where_the_menu_says_double() -> None:
    conv = Conversation(menu_for("cafe"))
    conv.turn("a large latte with two shots")
    [(item, _, opts)] = _lines(conv)
    assert item == "latte" and opts["coffee-extras"] == ("extra-shot",)


def test_unparsed_words_are_reported_and_carriers_are_not() -> None:
    conv = Conversation(menu_for("canteen"))
    turn = conv.turn("um can I get like a cola and a pizza please")
    assert turn.unparsed == ("pizza",)
    assert [i for i, _, _ in _lines(conv)] == ["cola"]
