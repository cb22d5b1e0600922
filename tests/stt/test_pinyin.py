"""Mandarin re-decoding by sound into the menu's phrases."""

from __future__ import annotations

from typing import Any

from kiosk.order.examples import example_utterances
from kiosk.order.words import spoken_words
from kiosk.session.pipeline import menu_hints
from kiosk.stt.pinyin import build, redecode, syllable_cost, syllables


def test_syllable_costs_follow_how_alike_they_sound() -> None:
    assert syllable_cost("niu", "niu") == 0.0
    assert syllable_cost("liu", "niu") < syllable_cost("shi", "niu")  # l/n
    assert syllable_cost("wan", "wang") < syllable_cost("wan", "wo")  # an/ang
    assert syllables("两碗2个 ok") == ["liang", "wan", "er", "ge"]


def test_misheard_characters_come_back_as_the_menu_s(menu: Any) -> None:
    hints = menu_hints(menu, ("zh",))
    decoder = build([*hints, *spoken_words("zh")], example_utterances(menu, "zh"))
    # what Whisper base wrote for synthesized orders (from the speech benchmark)
    for heard, meant in [("我要一万牛肉面", "我要一碗牛肉面"), ("一份如相肉丝", "一份鱼香肉丝"),
                         ("一杯柠檬茶,秋冰", "一杯柠檬茶去冰")]:
        said = [text for text, _ in decoder.decode(heard)]
        assert meant in said, (heard, said)
    best = redecode([("我要一万牛肉面", -0.5), ("我要一万六十面", -0.9)], decoder)
    assert best[0][0] == "我要一碗牛肉面" and best[0][1] <= -0.5
    assert ("我要一万牛肉面", -1.5) in best  # the text as written stays, behind


def test_nothing_chinese_gives_nothing(menu: Any) -> None:
    decoder = build(menu_hints(menu, ("zh",)), example_utterances(menu, "zh"))
    assert decoder.decode("hello there") == []
