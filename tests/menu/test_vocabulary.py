"""The vocabulary of allergens, ingredients, diets, tags and categories (kiosk/menu/vocabulary.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from kiosk.errors import MenuError
from kiosk.menu.vocabulary import (
    SECTIONS,
    VOCABULARY_FILE,
    Diet,
    load_vocabulary,
    parse_vocabulary,
    vocabulary,
)

from .conftest import ROOT

ALLERGENS = ["peanut", "nuts", "milk", "egg", "gluten", "soy", "fish", "shellfish", "sesame",
             "celery", "mustard", "sulphites"]
CONTAINS = {"pork", "beef", "chicken", "lamb", "fish", "seafood", "meat", "alcohol", "caffeine",
            "garlic", "onion"}


def test_the_sections_hold_the_promised_ids() -> None:
    vocab = vocabulary()
    assert list(vocab.allergens) == ALLERGENS
    assert set(vocab.contains) == CONTAINS
    assert list(vocab.diets) == ["vegetarian", "vegan", "halal"]
    assert {"vegetarian", "vegan", "halal", "spicy"} <= set(vocab.tags)


def test_every_entry_is_named_in_english_and_chinese() -> None:
    vocab = vocabulary()
    for section in SECTIONS:
        for term in vocab.section(section).values():
            assert term.name["en"] and term.name["zh"], (section, term.id)
            assert term.phrases("en")[0] == term.name["en"]


def test_every_category_of_the_bundled_menus_has_names() -> None:
    used = set()
    for path in (ROOT / "menus").glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        own = {c["id"] for c in data.get("categories", [])}  # the menu names these itself
        used |= {it["category"] for it in data["items"] if it.get("category")} - own
    assert used, "the bundled menus use categories"
    assert used <= set(vocabulary().categories)


def test_the_diets_forbid_what_they_should() -> None:
    diets = vocabulary().diets
    meats = {"meat", "pork", "beef", "chicken", "lamb", "fish", "seafood"}
    assert diets["vegetarian"].forbids_contains == meats
    assert diets["vegetarian"].forbids_allergens == frozenset()
    assert diets["vegetarian"].implied_by == ("vegan",)
    assert diets["vegetarian"].tags() == ("vegetarian", "vegan")
    assert diets["vegan"].forbids_contains == meats
    assert diets["vegan"].forbids_allergens == {"milk", "egg"}
    assert diets["halal"].forbids_contains == {"pork", "alcohol"}
    assert diets["halal"].tags() == ("halal",)
    assert all(isinstance(d, Diet) for d in diets.values())


@pytest.mark.parametrize(("section", "said", "found"), [
    ("allergens", "peanuts", "peanut"), ("allergens", "groundnuts", "peanut"),
    ("allergens", "花生", "peanut"), ("allergens", "花生米", "peanut"),
    ("allergens", "ＰＥＡＮＵＴＳ", "peanut"), ("allergens", "Dairy", "milk"),
    ("allergens", "lactose", "milk"), ("allergens", "乳制品", "milk"), ("allergens", "奶", "milk"),
    ("allergens", "wheat", "gluten"), ("allergens", "麸质", "gluten"), ("allergens", "小麦", "gluten"),
    ("allergens", "eggs", "egg"), ("allergens", "鸡蛋", "egg"), ("allergens", "蛋", "egg"),
    ("allergens", "nut", "nuts"), ("allergens", "tree nuts", "nuts"), ("allergens", "坚果", "nuts"),
    ("allergens", "芝麻", "sesame"), ("allergens", "大豆", "soy"), ("allergens", "黄豆", "soy"),
    ("allergens", "豆制品", "soy"), ("allergens", "shrimp", "shellfish"),
    ("allergens", "sulfites", "sulphites"), ("allergens", "seafood", None),
    ("contains", "猪肉", "pork"), ("contains", "猪", "pork"), ("contains", "bacon", "pork"),
    ("contains", "牛肉", "beef"), ("contains", "牛", "beef"), ("contains", "鸡肉", "chicken"),
    ("contains", "羊肉", "lamb"), ("contains", "mutton", "lamb"), ("contains", "鱼", "fish"),
    ("contains", "海鲜", "seafood"), ("contains", "seafood", "seafood"), ("contains", "酒", "alcohol"),
    ("contains", "料酒", "alcohol"), ("contains", "咖啡因", "caffeine"), ("contains", "蒜", "garlic"),
    ("contains", "葱", "onion"), ("contains", "洋葱", "onion"), ("contains", "scallions", "onion"),
    ("contains", "肉", "meat"), ("contains", "荤", "meat"),
    ("diets", "vegetarian", "vegetarian"), ("diets", "veggie", "vegetarian"),
    ("diets", "素", "vegetarian"), ("diets", "吃素", "vegetarian"), ("diets", "素食", "vegetarian"),
    ("diets", "素的", "vegetarian"), ("diets", "纯素", "vegan"), ("diets", "全素", "vegan"),
    ("diets", "vegan", "vegan"), ("diets", "清真", "halal"), ("diets", "回民", "halal"),
    ("tags", "辣", "spicy"), ("tags", "hot", "spicy"), ("tags", "素", "vegetarian"),
    ("categories", "饮料", "drinks"), ("categories", "喝的", "drinks"), ("categories", "饮品", "drinks"),
    ("categories", "面条", "noodles"), ("categories", "面", "noodles"), ("categories", "盖饭", "rice"),
    ("categories", "小炒", "stir-fries"), ("categories", "饺子", "dumplings"),
    ("categories", "奶茶", "milk-tea"), ("categories", "stir fries", "stir-fries"),
    ("categories", "甜点", "desserts"),
    ("allergens", "lobster bisque", None), ("allergens", "", None), ("allergens", "\u200b", None),
])
def test_find_reads_what_diners_say(section: str, said: str, found: str | None) -> None:
    assert vocabulary().find(section, said) == found


def test_find_takes_an_id_and_knows_its_sections() -> None:
    assert vocabulary().find("contains", "seafood") == "seafood"
    assert vocabulary().find("allergens", "sulphites") == "sulphites"
    with pytest.raises(KeyError, match="no vocabulary section"):
        vocabulary().find("colours", "red")


def test_meat_includes_the_meats() -> None:
    vocab = vocabulary()
    assert vocab.contains["meat"].includes == ("pork", "beef", "chicken", "lamb")
    assert vocab.with_included(["meat"]) == {"meat", "pork", "beef", "chicken", "lamb"}
    assert vocab.with_included(["pork", "garlic"]) == {"pork", "garlic"}
    assert vocab.with_included(["no-such-thing"]) == {"no-such-thing"}


def test_the_vocabulary_is_read_once() -> None:
    assert vocabulary() is vocabulary()
    assert load_vocabulary() == vocabulary()


def _bundled() -> dict[str, Any]:
    return tomllib.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))


def _refused(data: dict[str, Any]) -> str:
    with pytest.raises(MenuError) as err:
        parse_vocabulary(data, "vocab.toml")
    assert str(err.value).startswith("vocab.toml: ")
    return str(err.value)


def test_an_alias_that_names_two_entries_of_a_section_is_refused() -> None:
    data = _bundled()
    data["allergens"]["milk"]["aliases"]["zh"].append("花生米")
    assert "'花生米' also names allergens.peanut" in _refused(data)


def test_the_same_word_in_two_sections_is_fine() -> None:
    data = _bundled()
    assert data["allergens"]["fish"]["name"] == data["contains"]["fish"]["name"]
    parse_vocabulary(data)


def test_a_diet_that_forbids_an_unknown_id_is_refused() -> None:
    data = _bundled()
    data["diets"]["halal"]["forbids_contains"].append("bacon-bits")
    assert "diets.halal: forbids unknown ids bacon-bits" in _refused(data)


def test_a_diet_implied_by_an_unknown_tag_is_refused() -> None:
    data = _bundled()
    data["diets"]["halal"]["implied_by"] = ["zabiha"]
    assert "tag 'zabiha' is not in [tags]" in _refused(data)


def test_an_ingredient_that_includes_an_unknown_id_is_refused() -> None:
    data = _bundled()
    data["contains"]["meat"]["includes"].append("venison")
    assert "contains.meat: includes unknown ids venison" in _refused(data)


def test_unknown_keys_missing_sections_and_bad_entries_are_refused() -> None:
    data = _bundled()
    data["allergens"]["milk"]["forbids_contains"] = []
    assert "unknown key 'forbids_contains'" in _refused(data)
    data = _bundled()
    del data["tags"]
    assert "missing required key 'tags'" in _refused(data)
    data = _bundled()
    data["allergens"]["Milk Powder"] = {"name": {"en": "milk powder", "zh": "奶粉"}}
    assert "lower-case ASCII words" in _refused(data)
    data = _bundled()
    data["allergens"]["lupin"] = {"name": {"en": "lupin"}}
    assert "name must be given in 'zh'" in _refused(data)
    data = _bundled()
    data["categories"] = ["drinks"]
    assert "[categories] must be tables" in _refused(data)


def test_a_broken_vocabulary_file_is_a_menu_error(tmp_path: Path) -> None:
    path = tmp_path / "vocabulary.toml"
    path.write_text("[[[ not toml\n", encoding="utf-8")
    with pytest.raises(MenuError) as err:
        load_vocabulary(path)
    assert err.value.entry == "file"
    with pytest.raises(MenuError):
        load_vocabulary(tmp_path / "missing.toml")


def test_the_index_maps_every_phrase_key_to_its_id() -> None:
    index = vocabulary().index("allergens")
    assert index["花生米"] == "peanut" and index["peanut"] == "peanut"
    assert index["tree nuts"] == "nuts" and "" not in index
    assert vocabulary().index("allergens") is index  # built once
    assert "花生米" in vocabulary().phrases("allergens", "zh")
    assert vocabulary().phrases("diets", "en")[0] == "vegetarian"
