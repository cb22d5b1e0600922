"""Staff set allergens, contains and tags of items and options (MenuEditor.set_labels)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from kiosk.errors import MenuEditError
from kiosk.menu import load_menu
from kiosk.menu.edit import MenuEditor, history_dir, read_log
from kiosk.menu.resolve import resolve_labels, resolve_option


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                   lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_set_allergens_of_an_item_by_its_name_with_names(menu_file: Path) -> None:
    before = menu_file.read_text(encoding="utf-8")
    change = MenuEditor(menu_file, "王师傅").set_labels("allergens", "宫保鸡丁",
                                                      ["花生", "soy", "Sesame"])
    assert (change.item, change.old, change.new, change.by) == (
        "kung-pao-chicken-rice", ["peanut", "soy"], ["peanut", "soy", "sesame"], "王师傅")
    item = load_menu(menu_file).item("kung-pao-chicken-rice")
    assert item is not None and item.allergens == ("peanut", "soy", "sesame")
    assert changed_lines(before, menu_file.read_text(encoding="utf-8")) == [
        '-allergens = ["peanut", "soy"]', '+allergens = ["peanut", "soy", "sesame"]']
    assert [(c.action, c.item) for c in read_log(menu_file)] == [
        ("set-allergens", "kung-pao-chicken-rice")]
    assert list(history_dir(menu_file).glob("*.toml"))  # the previous version is kept


def test_no_values_clear_the_list(menu_file: Path) -> None:
    before = menu_file.read_text(encoding="utf-8")
    change = MenuEditor(menu_file, "eve").set_labels("tags", "beef-noodle-soup", [])
    assert (change.old, change.new) == (["halal"], [])
    item = load_menu(menu_file).item("beef-noodle-soup")
    assert item is not None and item.tags == ()
    assert changed_lines(before, menu_file.read_text(encoding="utf-8")) == ['-tags = ["halal"]']
    again = MenuEditor(menu_file, "eve").set_labels("tags", "beef-noodle-soup", [])
    assert (again.old, again.new) == ([], [])


def test_a_new_list_is_added_to_the_item(menu_file: Path) -> None:
    MenuEditor(menu_file, "eve").set_labels("contains", "mineral-water", [])
    change = MenuEditor(menu_file, "eve").set_labels("allergens", "mineral-water", ["sulfites"])
    assert (change.old, change.new) == ([], ["sulphites"])
    item = load_menu(menu_file).item("mineral-water")
    assert item is not None and item.allergens == ("sulphites",)


def test_set_contains_of_an_option_changes_that_option_only(menu_file: Path) -> None:
    before = menu_file.read_text(encoding="utf-8")
    change = MenuEditor(menu_file, "eve").set_labels("contains", "rice-extras/extra-meat",
                                                     ["猪肉"], option=True)
    assert (change.item, change.old, change.new) == ("rice-extras/extra-meat", ["meat"], ["pork"])
    menu = load_menu(menu_file)
    rice, noodle = menu.group("rice-extras"), menu.group("noodle-extras")
    assert rice is not None and noodle is not None
    assert rice.options[1].contains == ("pork",)
    assert noodle.options[1].contains == ("meat",)  # the same id in another group: untouched
    assert changed_lines(before, menu_file.read_text(encoding="utf-8")) == [
        '-  contains = ["meat"]', '+  contains = ["pork"]']


def test_set_tags_of_an_option_that_had_none_keeps_the_layout(menu_file: Path) -> None:
    before = menu_file.read_text(encoding="utf-8")
    MenuEditor(menu_file, "eve").set_labels("tags", "herbs/no-cilantro", ["mild", "素"],
                                            option=True)
    assert changed_lines(before, menu_file.read_text(encoding="utf-8")) == [
        '+  tags = ["mild", "vegetarian"]']
    herbs = load_menu(menu_file).group("herbs")
    assert herbs is not None and herbs.options[0].tags == ("mild", "vegetarian")


@pytest.mark.parametrize(("key", "target", "values", "option", "said"), [
    ("allergens", "cola", ["plutonium"], False,
     "allergens: 'plutonium' is not a known id; use one of celery, egg, fish"),
    ("contains", "cola", ["bacon bits"], False, "contains: 'bacon bits' is not a known id"),
    ("allergens", "cola", ["egg", "鸡蛋"], False, "'egg' is given twice"),
    ("tags", "cola", ["vegan", "纯素"], False, "'vegan' is given twice"),
    ("tags", "cola", ["\u200b"], False, "is empty"),
    ("tags", "cola", ["x" * 201], False, "longer than 200 characters"),
    ("allergens", "lobster", ["egg"], False, "no item 'lobster'"),
    ("allergens", "extra-egg", ["egg"], True, "must be GROUP/OPTION"),
    ("allergens", "lobster/egg", ["egg"], True,
     "no option group 'lobster' (the groups: portion, spice"),
    ("allergens", "spice/lobster", ["egg"], True,
     "option group 'spice' has no option 'lobster' (its options: not-spicy, mild"),
    ("tags", "braised-pork-rice", ["vegan"], False,
     "tagged 'vegan' (which means vegetarian) but has pork"),
    ("contains", "stir-fried-greens", ["beef"], False, "tagged 'vegetarian' but has beef"),
])
def test_a_refused_edit_leaves_the_file_as_it_was(menu_file: Path, key: str, target: str,
                                                  values: list[str], option: bool,
                                                  said: str) -> None:
    before = menu_file.read_bytes()
    with pytest.raises(MenuEditError) as err:
        MenuEditor(menu_file, "eve").set_labels(key, target, values, option=option)
    assert said in str(err.value)
    assert menu_file.read_bytes() == before
    assert read_log(menu_file) == []


def test_a_broken_menu_is_not_edited(menu_file: Path) -> None:
    menu_file.write_text(menu_file.read_text(encoding="utf-8").replace(
        'allergens = ["peanut", "soy"]', 'allergens = ["peanuts"]'), encoding="utf-8")
    before = menu_file.read_bytes()
    with pytest.raises(MenuEditError, match="cannot be edited.*'peanuts' is not a known id"):
        MenuEditor(menu_file, "eve").set_labels("tags", "cola", ["fizzy"])
    assert menu_file.read_bytes() == before


def test_resolvers_take_ids_and_names() -> None:
    with pytest.raises(MenuEditError, match="'peanut' is given twice"):
        resolve_labels("allergens", ["peanut", "花生米"])
    assert resolve_labels("allergens", ["花生米", "ＭＩＬＫ", "  wheat "]) == \
        ["peanut", "milk", "gluten"]
    assert resolve_labels("contains", ["pork", "料酒", "肉"]) == ["pork", "alcohol", "meat"]
    assert resolve_labels("tags", ["辣", "house special", "清真"]) == \
        ["spicy", "house special", "halal"]
    assert resolve_labels("tags", []) == []


def test_resolve_option_names_the_group_and_option(menu_file: Path) -> None:
    menu = load_menu(menu_file)
    assert resolve_option(menu, " noodle-extras/extra-egg ") == ("noodle-extras", "extra-egg")
    with pytest.raises(MenuEditError, match="must be GROUP/OPTION"):
        resolve_option(menu, "")
