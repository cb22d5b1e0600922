"""The screen's words: a refused price on the staff keypad, in both languages."""

from __future__ import annotations

import pytest

from kiosk.errors import MenuEditError
from kiosk.session.staffdesk import parse_yuan
from kiosk.ui.texts import TEXTS, both, price_refusal


def _refusal(typed: str) -> MenuEditError:
    with pytest.raises(MenuEditError) as caught:
        parse_yuan(typed)
    return caught.value


def test_a_refused_price_shows_the_staff_language_first_and_the_other_underneath() -> None:
    exc = _refusal("12.345")
    en = price_refusal(exc, "en")
    first, second = en.split("\n")
    assert first == "[b]Not saved[/b]: 12.345: at most 2 decimals (fen), like 12.30"
    assert second.startswith("[size=18]") and "[b]未保存[/b]：12.345：最多两位小数" in second
    zh_first, zh_second = price_refusal(exc, "zh").split("\n")
    assert "未保存" in zh_first and "Not saved" in zh_second  # the same two, swapped


def test_every_refusal_is_bilingual_and_escaped() -> None:
    for typed in ("", "-1", "1..2", "100000", "[12]"):
        text = price_refusal(_refusal(typed), "en")
        assert "Not saved" in text and "未保存" in text
        assert "[12]" not in text  # Kivy markup in what was typed is escaped


def test_another_menu_edit_error_is_shown_as_it_is_in_both_lines() -> None:
    text = price_refusal(MenuEditError("menu.toml: locked"), "zh")
    assert text.count("menu.toml: locked") == 2 and "未保存" in text


def test_the_device_notices_follow_both() -> None:
    assert both("no_mic", "zh", 20) == ("未找到麦克风：请在屏幕上点菜\n"
                                        "[size=20]No microphone found: order by touch[/size]")
    assert TEXTS["not_saved"] == ("Not saved", "未保存")


def test_a_dish_mark_lists_at_most_a_few_reasons() -> None:
    from kiosk.ui.texts import warning

    assert warning(()) == ""
    assert warning(("peanuts",)) == "⚠ peanuts"
    assert warning(("非素食", "含牛肉")) == "⚠ 非素食 · 含牛肉"
    assert warning(("a", "b", "c", "d"), 2) == "⚠ a · b …"


def test_yes_no_questions_name_their_buttons_in_both_languages() -> None:
    from pathlib import Path

    from kiosk.menu import load_menu
    from kiosk.ui.texts import choice_name

    menu = load_menu(Path(__file__).resolve().parents[2] / "menus" / "canteen.toml")
    for slot in ("conflict", "partial"):
        names = [choice_name(menu, slot, "kung-pao-chicken-rice", c, lang)
                 for lang in ("en", "zh") for c in ("yes", "no")]
        assert names == ["Yes", "No", "要", "不要"]
    assert choice_name(menu, "offer", None, "beef-noodle-soup", "zh") == "牛肉面"
