from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.errors import MenuError
from kiosk.menu import load_menu, parse_menu_text
from kiosk.menu.model import format_money

from .conftest import CAFE, CANTEEN, ROOT

SHARED_SAMPLE = ROOT.parent / "shared" / "contract" / "sample-menu.toml"


def test_bundled_canteen_menu_is_a_real_canteen() -> None:
    menu = load_menu(CANTEEN)
    assert len(menu.items) >= 30
    cats = set(menu.categories())
    assert {"noodles", "rice", "dumplings", "stir-fries", "soups", "drinks"} <= cats
    for it in menu.items:
        assert it.name["en"] and it.name["zh"]
    assert any(not it.available for it in menu.items)
    groups = {g.id for g in menu.option_groups}
    assert {"portion", "spice", "staple"} <= groups
    assert any(it.allergens for it in menu.items)


def test_bundled_cafe_menu_loads() -> None:
    menu = load_menu(CAFE)
    assert menu.id == "library-cafe"
    size = menu.group("size")
    assert size is not None and size.required and size.default is None


@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason="shared/ contract sample not beside checkout")
def test_shared_sample_menu_loads() -> None:
    menu = load_menu(SHARED_SAMPLE)
    assert [it.id for it in menu.items] == ["beef-noodle-soup", "lemon-tea"]


def test_defaults_apply(small_menu_text: str) -> None:
    menu = parse_menu_text(small_menu_text, "small.toml")
    tea = menu.item("lemon-tea")
    assert tea is not None
    assert tea.available and tea.max_quantity == 9 and tea.category == "" and tea.option_groups == ()
    grp = menu.group("spice")
    assert grp is not None and grp.select == "one" and not grp.required and grp.default == "mild"


def test_unit_price_adds_option_prices() -> None:
    menu = load_menu(CANTEEN)
    noodles = menu.item("beef-noodle-soup")
    assert noodles is not None
    price = menu.unit_price(noodles, (("portion", ("large",)), ("noodle-extras", ("extra-egg", "extra-meat"))))
    assert price == 1500 + 300 + 200 + 500


def test_format_money() -> None:
    assert format_money(1550) == "15.50"
    assert format_money(5) == "0.05"
    assert format_money(-200) == "-2.00"


BREAKAGES = [
    # (what to replace, with what, entry named, words in the rule)
    ('option_groups = ["spice"]', 'option_groups = ["heat"]', "item 'beef-noodle-soup'", "unknown option group 'heat'"),
    ('id = "lemon-tea"', 'id = "beef-noodle-soup"', "item 'beef-noodle-soup'", "duplicate item id"),
    ('price = 700', 'price = -1', "item 'lemon-tea'", "at least 0"),
    ('price = 700', 'price = 7.5', "item 'lemon-tea'", "must be an integer"),
    ('price = 700', 'price = 700\ncolour = "red"', "items[1] 'lemon-tea'", "unknown key 'colour'"),
    ('id = "lemon-tea"', 'id = "Lemon Tea"', "items[1]", "lower-case ASCII"),
    ('aliases = { en = ["beef noodles"]', 'aliases = { en = ["lemon tea"]', "item", "also names item"),
    ('default = "mild"', 'default = "hot"', "option group 'spice'", "not one of its options"),
    ('select = "one"', 'select = "two"', "option group 'spice'", "select must be"),
    ('name = { en = "lemon tea", zh = "柠檬茶" }', 'name = { en = "lemon tea" }', "item 'lemon-tea'", "'zh'"),
    ('schema = 1', 'schema = 2', "menu", "schema must be 1"),
    ('currency = "CNY"', 'currency = "yuan"', "menu", "ISO 4217"),
    ('id = "not-spicy"', 'id = "mild"', "option group 'spice'", "duplicate option id"),
    ('  price = 0\n', '  price = -2000\n', "item 'beef-noodle-soup'", "negative"),
    ('aliases = { en = ["no chili"]', 'aliases = { en = ["mild"]', "option", "also names option"),
]


@pytest.mark.parametrize(("old", "new", "entry", "rule"), BREAKAGES)
def test_broken_menu_is_refused_naming_file_entry_rule(
    small_menu_text: str, old: str, new: str, entry: str, rule: str
) -> None:
    assert old in small_menu_text
    broken = small_menu_text.replace(old, new, 1)
    with pytest.raises(MenuError) as info:
        parse_menu_text(broken, "menus/broken.toml")
    err = info.value
    assert err.file == "menus/broken.toml"
    assert entry in err.entry
    assert rule in err.rule
    assert str(err).startswith("menus/broken.toml: ")


def test_missing_required_keys(small_menu_text: str) -> None:
    with pytest.raises(MenuError, match="missing required key 'price'"):
        parse_menu_text(small_menu_text.replace("price = 700\n", ""), "m.toml")
    with pytest.raises(MenuError, match="missing required key 'currency'"):
        parse_menu_text(small_menu_text.replace('currency = "CNY"\n', ""), "m.toml")


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = = 1\n", encoding="utf-8")
    with pytest.raises(MenuError, match="not valid TOML"):
        load_menu(bad)
    with pytest.raises(MenuError, match="no such file"):
        load_menu(tmp_path / "absent.toml")


def test_same_option_name_in_groups_of_different_items_is_allowed() -> None:
    # canteen: "large" is both a portion and a cup size, never on the same item
    menu = load_menu(CANTEEN)
    assert menu.group("portion") and menu.group("cup")


def test_vocabulary_lists_items_and_options() -> None:
    menu = load_menu(CANTEEN)
    zh = menu.vocabulary("zh")
    assert "牛肉面" in zh and "不要香菜" in zh
    assert "beef noodle soup" in menu.vocabulary("en")
