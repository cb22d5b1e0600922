"""Example utterances and the order language's words, for speech engines."""

from __future__ import annotations

from typing import Any

from kiosk.order import Conversation
from kiosk.order.examples import example_utterances
from kiosk.order.words import spoken_words


def test_examples_are_deterministic_and_name_every_dish(canteen: Any) -> None:
    for lang in ("en", "zh"):
        one, two = example_utterances(canteen, lang), example_utterances(canteen, lang)
        assert one == two and len(one) > 1000
        text = " ".join(one).lower()
        for item in canteen.items:
            assert item.name[lang].lower() in text, item.id


def test_most_generated_orders_parse_to_a_cart(canteen: Any) -> None:
    for lang in ("en", "zh"):
        orders = example_utterances(canteen, lang, count=200, seed=3)[:200]
        understood = sum(Conversation(canteen).turn(o, lang).understood for o in orders)
        assert understood >= 0.8 * len(orders), lang


def test_spoken_words_hold_numbers_commands_and_small_talk() -> None:
    en, zh = set(spoken_words("en")), set(spoken_words("zh"))
    assert {"two", "three", "not", "without", "actually", "please", "i'd"} <= en
    assert {"两", "碗", "不要", "换成", "谢谢"} <= zh
    assert "beef" not in en  # menu words come from the menu
