"""One name, one item, as the order parser hears names (issue 12, item 15).

"lemon\\u200b tea" as an alias of the beef noodle soup got past the loader, and then
"one lemon tea" asked "beef noodle soup or lemon tea?". Here an alias of one item is
made from another item's name by what a careless or hostile edit adds (invisible
characters, case, width, spacing, dashes, punctuation); the loader must refuse it
whenever the order parser's own key for it equals the other name's."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import MenuError
from kiosk.menu import parse_menu, parse_menu_text
from kiosk.order import Conversation
from kiosk.order.text import en_key, zh_key

from .conftest import CANTEEN, SMALL_MENU

BASE = tomllib.loads(CANTEEN.read_text(encoding="utf-8"))
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a",
             "\u202e", "\u2066", "\u00ad", "\x00", "\x01", "\x1f", "\x7f", "\x9f", "\u180e"]
SPACES = [" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2009", "\u2028", "\x85"]


@st.composite
def variants(draw: st.DrawFn, text: str) -> str:
    """``text`` with invisible characters, spacing, case, width and dashes changed."""
    out = []
    for ch in text:
        if ch == " ":
            ch = draw(st.sampled_from([*SPACES, "-", "_", "/", " - "]))
        elif ch.isascii() and ch.isalpha():
            ch = draw(st.sampled_from([ch, ch.upper(), chr(ord(ch) + 0xFEE0)]))  # full width
        out.append(ch)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from([*INVISIBLE, ""])))
        if "\u4e00" <= ch <= "\u9fff" and draw(st.integers(0, 3)) == 0:
            out.append(" ")  # 牛肉 面
    return draw(st.sampled_from(["", " ", "\u200b", "\n"])) + "".join(out)


def _with_alias(item_index: int, lang: str, alias: str) -> dict[str, Any]:
    items = [dict(it) for it in BASE["items"]]
    aliases = {k: list(v) for k, v in items[item_index].get("aliases", {}).items()}
    aliases[lang] = [*aliases.get(lang, []), alias]
    items[item_index]["aliases"] = aliases
    return {**BASE, "items": items}


@settings(max_examples=300, deadline=None)
@given(data=st.data(), pair=st.tuples(st.integers(0, len(BASE["items"]) - 1),
                                      st.integers(0, len(BASE["items"]) - 1)),
       lang=st.sampled_from(["en", "zh"]))
def test_an_alias_the_parser_hears_as_another_item_s_name_is_refused(
        data: st.DataObject, pair: tuple[int, int], lang: str) -> None:
    owner, other = pair
    name = BASE["items"][other]["name"][lang]
    alias = data.draw(variants(name), label="alias")
    key = en_key if lang == "en" else zh_key
    try:
        parse_menu(_with_alias(owner, lang, alias), "fuzz.toml")
    except MenuError as exc:
        assert "\n" not in str(exc)
        return
    assert owner == other or key(alias) != key(name), (alias, name)


def test_the_zero_width_alias_of_the_issue_no_longer_makes_a_question() -> None:
    text = SMALL_MENU.replace('aliases = { en = ["beef noodles"]',
                              'aliases = { en = ["beef noodles", "lemon\\u200b tea"]')
    with pytest.raises(MenuError, match="also names item '(lemon-tea|beef-noodle-soup)'"):
        parse_menu_text(text, "m.toml")
    conv = Conversation(parse_menu_text(SMALL_MENU, "m.toml"))
    turn = conv.turn("one lemon tea", "en")
    assert turn.understood and conv.question is None
    assert [line.item for line in conv.cart.lines] == ["lemon-tea"]


@pytest.mark.parametrize("alias", ["lemon-tea", "lemon_tea", "lemon/tea", "lemon tea!",
                                   "Lemon\u00a0Tea", "柠檬 茶", "柠檬茶。", "ｌｅｍｏｎ　ｔｅａ"])
def test_dashes_spaces_and_punctuation_do_not_make_a_second_name(alias: str) -> None:
    old = '"牛肉拉面"]' if "柠" in alias else '"beef noodles"]'
    assert old in SMALL_MENU
    text = SMALL_MENU.replace(old, f'{old[:-1]}, "{alias}"]', 1)
    with pytest.raises(MenuError, match="also names item '(lemon-tea|beef-noodle-soup)'"):
        parse_menu_text(text, "m.toml")
