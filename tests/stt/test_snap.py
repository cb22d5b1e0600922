"""Sound-alike corrections toward the menu."""

from __future__ import annotations

from typing import Any

from kiosk.session.pipeline import menu_hints
from kiosk.stt.snap import undoubled, variants


def test_mandarin_near_homophones_are_snapped_to_menu_phrases(menu: Any) -> None:
    hints = menu_hints(menu, ("zh",))
    assert any("宫保鸡丁饭" in v for v in variants("锅腰移生董炒鸡丁饭", hints, "zh"))
    assert any(v.startswith("两份") for v in variants("凉粉、锅贴、", hints, "zh"))


def test_english_spans_are_snapped_by_sound(menu: Any) -> None:
    hints = menu_hints(menu, ("en",))
    assert any("not spicy" in v for v in variants("to be filled with hot spicy", hints, "en"))


def test_a_clean_order_only_gets_same_dish_variants(menu: Any) -> None:
    found = variants("两碗牛肉面", menu_hints(menu, ("zh",)), "zh")
    assert all(v.startswith("两碗牛肉") for v in found)
    assert "两碗牛肉面" not in found
    assert variants("", menu_hints(menu, ("en",)), "en") == []


def test_a_decoder_stutter_is_one_dish_not_two(menu: Any) -> None:
    hints = menu_hints(menu, ("zh",))
    assert undoubled("番茄蛋蛋花汤。", hints) == "番茄蛋花汤。"
    assert undoubled("麻婆豆腐腐，特辣", hints) == "麻婆豆腐，特辣"
    assert undoubled("一点点辣", hints) == "一点点辣"  # the menu says it so
    assert all("蛋蛋" not in v for v in variants("番加蛋花汤", hints, "zh"))
