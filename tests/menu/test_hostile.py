"""Hostile and careless menu files (issue 12, items 12, 13, 15, 17): every one is a
MenuError that names the file, the entry and the rule, never a crash."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kiosk.errors import MenuError
from kiosk.menu import load_menu, parse_menu_text
from kiosk.menu.load import MAX_MENU_BYTES, clean_text, normalize_phrase
from kiosk.menu.model import MAX_PRICE, MAX_QUANTITY

from .conftest import CANTEEN, SMALL_MENU


def _refused(text: str, match: str) -> MenuError:
    with pytest.raises(MenuError, match=match) as err:
        parse_menu_text(text, "m.toml")
    assert err.value.file == "m.toml" and "\n" not in str(err.value)
    return err.value


# -- encodings and shapes of the file (items 12, 17) -----------------------------------

def test_a_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(codecs.BOM_UTF8 + CANTEEN.read_bytes())
    assert load_menu(path).item("cola") is not None
    assert parse_menu_text("\ufeff" + SMALL_MENU).id == "test-canteen"


def test_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "crlf.toml"
    path.write_bytes(CANTEEN.read_bytes().replace(b"\n", b"\r\n"))
    assert len(load_menu(path).items) == len(load_menu(CANTEEN).items)


@pytest.mark.parametrize(("encoding", "match"), [
    ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"),
    ("utf-32", "UTF-16|UTF-32"), ("gb18030", "not UTF-8"), ("latin-1", "not UTF-8"),
])
def test_a_file_in_another_encoding_is_named_as_such(tmp_path: Path, encoding: str,
                                                     match: str) -> None:
    path = tmp_path / "enc.toml"
    text = CANTEEN.read_text(encoding="utf-8")
    if encoding == "latin-1":
        text = text.encode("ascii", "ignore").decode() + "# caf\xe9\n"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(MenuError, match=match) as err:
        load_menu(path)
    assert "save it as UTF-8" in err.value.rule


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.toml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(MenuError, match="not UTF-8|UTF-16|not valid TOML"):
        load_menu(path)


@pytest.mark.parametrize("shape", ["[" * 100_000 + "]" * 100_000,
                                   "{a=" * 100_000 + "1" + "}" * 100_000,
                                   "[" * 100_000])
def test_toml_nested_100000_deep_is_refused(shape: str) -> None:
    _refused(f"a = {shape}\n", "nested too deeply|not valid TOML")


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(CANTEEN.read_bytes() + b"#" * MAX_MENU_BYTES)
    with pytest.raises(MenuError, match="larger than"):
        load_menu(path)


def test_a_directory_and_a_missing_file_are_menu_errors(tmp_path: Path) -> None:
    with pytest.raises(MenuError, match="no such file"):
        load_menu(tmp_path / "nope.toml")
    with pytest.raises(MenuError, match="directory"):
        load_menu(tmp_path)


# -- bounds on prices and quantities (item 13) ------------------------------------------

def _with(old: str, new: str) -> str:
    assert old in SMALL_MENU
    return SMALL_MENU.replace(old, new, 1)


@pytest.mark.parametrize("price", [str(MAX_PRICE + 1), "1000000000000000000000000000000",
                                   "99999999999999999999999999999999999999999999"])
def test_an_item_price_over_the_bound_is_refused(price: str) -> None:
    err = _refused(_with("price = 1500", f"price = {price}"), "at most")
    assert err.entry == "item 'beef-noodle-soup'"


@pytest.mark.parametrize("price", ["inf", "nan", "-inf", "1e30", "15.5"])
def test_a_non_integer_price_is_refused(price: str) -> None:
    _refused(_with("price = 1500", f"price = {price}"), "must be an integer")


def test_the_bound_itself_is_a_price() -> None:
    menu = parse_menu_text(_with("price = 700", f"price = {MAX_PRICE}"))
    assert menu.items[1].price == MAX_PRICE


@pytest.mark.parametrize("price", [MAX_PRICE + 1, -MAX_PRICE - 1, 10**30])
def test_an_option_price_over_the_bound_is_refused(price: int) -> None:
    _refused(_with("  price = 0\n", f"  price = {price}\n"), "at most|at least")


def test_an_item_with_its_dearest_options_over_the_bound_is_refused() -> None:
    text = _with("  price = 0\n", f"  price = {MAX_PRICE - 1000}\n")
    err = _refused(text, "dearest options")
    assert "beef-noodle-soup" in err.entry


@pytest.mark.parametrize("qty", [0, MAX_QUANTITY + 1, 10**20])
def test_max_quantity_is_bounded(qty: int) -> None:
    _refused(_with("price = 700", f"price = 700\nmax_quantity = {qty}"), "max_quantity")


def test_the_dearest_possible_order_stays_a_sane_number() -> None:
    """Bounded prices, quantities and file size bound every total: the dearest cart of
    the dearest menu the loader accepts is exact in a float (JSON) and short on screen."""
    from kiosk.menu.model import format_money

    dearest = MAX_MENU_BYTES // 40 * MAX_QUANTITY * MAX_PRICE  # < one item per 40 bytes
    assert dearest < 2**53
    assert len(format_money(dearest)) <= 20


# -- names: normalised before they are compared (item 15) -------------------------------

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f",
             "\u202e", "\u00ad", "\x00", "\x07", "\x1b", "\x7f", "\x85"]


@pytest.mark.parametrize("mark", INVISIBLE)
def test_an_invisible_character_does_not_make_a_second_name(mark: str) -> None:
    alias = f"lemon{mark} tea"
    text = _with('aliases = { en = ["beef noodles"]', f'aliases = {{ en = ["beef noodles", "{_esc(alias)}"]')
    _refused(text, "also names item")


@pytest.mark.parametrize("variant", ["lemon\ntea", "lemon\t tea", "LEMON  TEA", "ｌｅｍｏｎ ｔｅａ",
                                     "lemon\u3000tea", "lemon\u00a0tea", " lemon tea "])
def test_spacing_case_and_width_do_not_make_a_second_name(variant: str) -> None:
    text = _with('aliases = { en = ["beef noodles"]', f'aliases = {{ en = ["beef noodles", "{_esc(variant)}"]')
    _refused(text, "also names item")


@pytest.mark.parametrize("name", ["\u200b", "\u200b\u200c", " \n ", "\x00", "\u202e\u200f"])
def test_a_name_that_is_empty_once_normalised_is_refused(name: str) -> None:
    _refused(_with('name = { en = "lemon tea"', f'name = {{ en = "{_esc(name)}"'),
             "empty|non-empty")
    _refused(_with('aliases = { en = ["beef noodles"]', f'aliases = {{ en = ["{_esc(name)}"]'),
             "empty|non-empty")


def test_names_are_kept_clean_of_invisible_characters() -> None:
    menu = parse_menu_text(_with('name = { en = "lemon tea"', 'name = { en = "lemon\\u200b\\u00a0tea"'))
    item = menu.item("lemon-tea")
    assert item is not None and item.name["en"] == "lemon tea"


def test_an_over_long_name_is_refused() -> None:
    _refused(_with('name = { en = "lemon tea"', f'name = {{ en = "{"x" * 1000}"'), "characters")


def test_normalize_phrase_and_clean_text() -> None:
    assert normalize_phrase("Lemon\u200b\u00a0TEA\n") == "lemon tea"
    assert normalize_phrase("ｃｏｌａ") == "cola"
    assert clean_text("牛肉\u200d面 ") == "牛肉面"
    assert clean_text("a\tb\r\nc") == "a b c"


def _esc(text: str) -> str:
    """``text`` as the inside of a TOML basic string."""
    return "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}"
                   for ch in text)
