"""Hypothesis over staff edits (issue 12): any sequence of edits with any arguments either
is done whole (the menu still loads, the log grew by one line per change) or is refused
with a MenuEditError / MenuError, the menu file byte for byte as it was and nothing
added beside it; never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kiosk.errors import MenuEditError, MenuError
from kiosk.menu import load_menu
from kiosk.menu.edit import MenuEditor, history_dir, parse_price, read_log
from kiosk.menu.model import MAX_PRICE

from .conftest import SMALL_MENU

ODD = ["cola", "beef-noodle-soup", "lemon-tea", "牛肉面", "Lemon Tea", "lemon\u200b tea",
       "lemon\ntea", "\u200b", "", " ", "x" * 300, "LEMON-TEA", "ｌｅｍｏｎ ｔｅａ", "\u202e",
       "beef noodles", "免辣", "\x00", "spice", "mild"]
texts = st.one_of(st.sampled_from(ODD),
                  st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
good_refs = st.sampled_from(["beef-noodle-soup", "lemon-tea", "牛肉面", "柠檬茶", "beef noodles"])
refs = st.one_of(good_refs, good_refs, good_refs, texts)  # mostly items that exist
prices = st.one_of(st.integers(0, 5000), st.integers(-10, MAX_PRICE + 10),
                   st.sampled_from([MAX_PRICE, MAX_PRICE + 1, 10**30, -(10**30)]))
price_texts = st.one_of(st.sampled_from(["15", "15.5", "NaN", "Infinity", "1e30", "-3",
                                         "10000", "10000.01", "１５", "0x10", "9" * 50]), texts)

edits = st.one_of(
    st.tuples(st.just("set_price"), refs, prices),
    st.tuples(st.just("set_price_text"), refs, price_texts, st.booleans()),
    st.tuples(st.just("availability"), st.lists(refs, min_size=1, max_size=4), st.booleans()),
    st.tuples(st.just("add_alias"), refs, st.sampled_from(["en", "zh"]),
              st.one_of(st.text("abcdefgh ", min_size=1, max_size=12), texts)),
    st.tuples(st.just("add_item"), st.one_of(st.sampled_from(["fish-soup", "cola", "Fish",
                                                              "lemon-tea"]), texts),
              st.one_of(st.just("fish soup"), texts), st.one_of(st.just("鱼汤"), texts), prices,
              st.one_of(st.just(""), texts),
              st.lists(st.sampled_from(["spice", "sauce", ""]), max_size=2)),
)


def _apply(editor: MenuEditor, edit: tuple[Any, ...]) -> int:
    """Do one edit; the number of changes it logged."""
    kind = edit[0]
    if kind == "set_price":
        editor.set_price(edit[1], edit[2])
    elif kind == "set_price_text":
        editor.set_price(edit[1], parse_price(edit[2], minor=edit[3]))
    elif kind == "availability":
        return len(editor.set_available_many(edit[1], edit[2]))
    elif kind == "add_alias":
        editor.add_alias(edit[1], edit[2], edit[3])
    else:
        _, item_id, en, zh, price, category, groups = edit
        editor.add_item(item_id, {"en": en, "zh": zh}, price, category=category,
                        option_groups=tuple(groups))
    return 1


def _beside(folder: Path) -> list[tuple[str, bytes]]:
    return sorted((str(p.relative_to(folder)), p.read_bytes()) for p in folder.rglob("*")
                  if p.is_file() and not p.name.endswith(".lock"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(by=st.one_of(st.sampled_from(["eve", "王师傅"]), st.just("eve"), st.just("eve"), texts),
       steps=st.lists(edits, min_size=1, max_size=4))
def test_any_edit_is_done_whole_or_refused_leaving_the_file_byte_identical(
        by: str, steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "menu.toml"
        path.write_text(SMALL_MENU, encoding="utf-8")
        for edit in steps:
            before, logged = _beside(folder), len(read_log(path))
            try:
                editor = MenuEditor(path, by)
                n = _apply(editor, edit)
            except (MenuEditError, MenuError) as exc:
                assert str(exc) and "\n" not in str(exc)
                assert _beside(folder) == before, edit
                event(f"{edit[0]} refused")
                continue
            event(f"{edit[0]} done")
            menu = load_menu(path)
            assert len(read_log(path)) == logged + n
            assert all(0 <= it.price <= MAX_PRICE for it in menu.items)
            assert history_dir(path).is_dir()
