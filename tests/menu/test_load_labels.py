"""Allergens, contains, tags and categories in menu files: read, refused, named."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.errors import MenuError
from kiosk.menu import load_menu, parse_menu_text

from .conftest import CAFE, CANTEEN, ROOT

BAKERY = ROOT / "menus" / "bakery.toml"
BUBBLETEA = ROOT / "menus" / "bubbletea.toml"

MENU = '''\
schema = 1
id = "labels"
name = { en = "Labels", zh = "标签" }
currency = "CNY"

[[option_groups]]
id = "extras"
name = { en = "extras", zh = "加料" }
select = "many"
  [[option_groups.options]]
  id = "egg"
  name = { en = "add egg", zh = "加蛋" }
  OPTION_LABELS
  [[option_groups.options]]
  id = "chili"
  name = { en = "chili", zh = "辣椒" }

[[items]]
id = "noodles"
name = { en = "plain noodles", zh = "阳春面" }
category = "noodles"
price = 800
option_groups = ["extras"]
ITEM_LABELS

[[items]]
id = "cola"
name = { en = "cola", zh = "可乐" }
category = "drinks"
price = 400
'''


def menu_text(item: str = "", option: str = "", tail: str = "") -> str:
    return MENU.replace("ITEM_LABELS", item).replace("OPTION_LABELS", option) + tail


def refused(text: str) -> MenuError:
    with pytest.raises(MenuError) as err:
        parse_menu_text(text, "labels.toml")
    assert str(err.value).startswith("labels.toml: ")
    return err.value


def test_labels_are_read_from_items_and_options() -> None:
    menu = parse_menu_text(menu_text(
        item='allergens = ["gluten"]\ncontains = ["pork", "garlic"]\ntags = ["spicy", "house"]',
        option='allergens = ["egg"]\n  contains = ["alcohol"]\n  tags = ["rich"]'))
    noodles = menu.item("noodles")
    assert noodles is not None
    assert noodles.allergens == ("gluten",)
    assert noodles.contains == ("pork", "garlic")
    assert noodles.tags == ("spicy", "house")
    extras = menu.group("extras")
    assert extras is not None
    egg, chili = extras.options
    assert (egg.allergens, egg.contains, egg.tags) == (("egg",), ("alcohol",), ("rich",))
    assert (chili.allergens, chili.contains, chili.tags) == ((), (), ())


def test_labels_default_to_none() -> None:
    menu = parse_menu_text(menu_text())
    cola = menu.item("cola")
    assert cola is not None and (cola.allergens, cola.contains, cola.tags) == ((), (), ())
    assert menu.category_entries == ()


@pytest.mark.parametrize(("item", "option", "entry", "rule"), [
    ('allergens = ["peanuts"]', "", "item 'noodles'",
     "allergens: 'peanuts' is not a known id; use one of"),
    ('allergens = ["seafood"]', "", "item 'noodles'", "allergens: 'seafood' is not a known id"),
    ('contains = ["bacon"]', "", "item 'noodles'", "contains: 'bacon' is not a known id"),
    ('contains = ["peanut"]', "", "item 'noodles'", "contains: 'peanut' is not a known id"),
    ("", 'allergens = ["lobster"]', "option group 'extras' option[0] 'egg'",
     "allergens: 'lobster' is not a known id"),
    ("", 'contains = ["Pork"]', "option group 'extras' option[0] 'egg'",
     "contains: 'Pork' is not a known id"),
    ('allergens = ["egg", "gluten", "egg"]', "", "item 'noodles'", "allergens lists 'egg' twice"),
    ('contains = ["pork", "pork"]', "", "item 'noodles'", "contains lists 'pork' twice"),
    ('tags = ["Spicy", "spicy"]', "", "item 'noodles'", "tags lists 'spicy' twice"),
    ("", 'tags = ["rich", "RICH"]', "option group 'extras' option[0] 'egg'",
     "tags lists 'RICH' twice"),
    ("", 'allergens = ["egg", "egg"]', "option group 'extras' option[0] 'egg'",
     "allergens lists 'egg' twice"),
    ('allergens = "gluten"', "", "item 'noodles'", "allergens must be a list"),
    ("", "contains = [1]", "option group 'extras' option[0] 'egg'", "contains must be a list"),
    ("", 'tags = [""]', "option group 'extras' option[0] 'egg'", "tags must be a non-empty"),
    ("", 'price = 100\n  colour = "red"', "option group 'extras' option[0]",
     "unknown key 'colour'"),
])
def test_bad_labels_refuse_the_menu(item: str, option: str, entry: str, rule: str) -> None:
    err = refused(menu_text(item, option))
    assert err.entry == entry
    assert rule in err.rule


def test_an_unknown_id_is_refused_with_every_valid_id() -> None:
    err = refused(menu_text('allergens = ["peanuts"]'))
    for allergen in ("peanut", "nuts", "milk", "egg", "gluten", "soy", "fish", "shellfish",
                     "sesame", "celery", "mustard", "sulphites"):
        assert allergen in err.rule
    assert "vocabulary.toml" in err.rule
    err = refused(menu_text('contains = ["ham"]'))
    assert "alcohol, beef, caffeine, chicken, fish, garlic, lamb, meat, onion, pork, seafood" \
        in err.rule


@pytest.mark.parametrize(("labels", "said"), [
    ('contains = ["pork"]\ntags = ["vegetarian"]', "tagged 'vegetarian' but has pork"),
    ('contains = ["meat"]\ntags = ["vegetarian"]', "tagged 'vegetarian' but has meat"),
    ('contains = ["fish"]\ntags = ["vegan"]',
     "tagged 'vegan' (which means vegetarian) but has fish"),
    ('allergens = ["milk", "egg"]\ntags = ["vegan"]', "tagged 'vegan' but has milk, egg"),
    ('contains = ["alcohol"]\ntags = ["halal"]', "tagged 'halal' but has alcohol"),
    ('contains = ["pork", "beef"]\ntags = ["halal"]', "tagged 'halal' but has pork, which halal"),
])
def test_a_diet_tag_the_dish_breaks_is_refused(labels: str, said: str) -> None:
    err = refused(menu_text(labels))
    assert err.entry == "item 'noodles'"
    assert said in err.rule and "remove the tag or correct the dish" in err.rule


@pytest.mark.parametrize("labels", [
    'allergens = ["milk", "egg"]\ntags = ["vegetarian"]',
    'contains = ["beef", "meat", "garlic"]\ntags = ["halal"]',
    'contains = ["caffeine", "onion"]\ntags = ["vegan"]',
    'contains = ["pork"]\ntags = ["spicy"]',
])
def test_a_diet_tag_the_dish_keeps_is_accepted(labels: str) -> None:
    parse_menu_text(menu_text(labels))


def test_an_option_may_break_the_diet_of_a_tagged_item() -> None:
    menu = parse_menu_text(menu_text('tags = ["vegan"]', 'allergens = ["egg"]'))
    assert menu.item("noodles") is not None


CATEGORIES = '''
[[categories]]
id = "noodles"
name = { en = "noodle bar", zh = "面馆" }
aliases = { en = ["slurp"], zh = ["面条"] }

[[categories]]
id = "late-night"
name = { en = "late night", zh = "夜宵" }
'''


def test_categories_are_read_and_named() -> None:
    menu = parse_menu_text(menu_text(tail=CATEGORIES))
    assert [c.id for c in menu.category_entries] == ["noodles", "late-night"]
    names = menu.category_names("noodles")
    assert names["en"][:2] == ("noodle bar", "slurp")
    assert "noodles" in names["en"] and "noodle" in names["en"]  # the vocabulary's, after
    assert names["zh"][:2] == ("面馆", "面条")
    assert names["zh"].count("面条") == 1  # said once, where the menu put it
    assert "面食" in names["zh"]
    assert menu.category_names("late-night") == {"en": ("late night",), "zh": ("夜宵",)}
    assert menu.category_names("drinks")["zh"][0] == "饮料"
    assert menu.category_names("drinks")["en"][0] == "drinks"


def test_an_unknown_category_is_called_by_its_id() -> None:
    menu = parse_menu_text(menu_text().replace('category = "drinks"', 'category = "specials"'))
    assert menu.category_names("specials") == {"en": ("specials",)}
    assert menu.category_names("") == {}


def test_category_for_finds_a_category_of_the_menu() -> None:
    menu = parse_menu_text(menu_text(tail=CATEGORIES))
    assert menu.category_for("饮料") == "drinks"
    assert menu.category_for("Something to drink") == "drinks"
    assert menu.category_for("slurp") == "noodles"
    assert menu.category_for("面食") == "noodles"
    assert menu.category_for("NOODLES") == "noodles"
    assert menu.category_for("甜点") is None  # a category the vocabulary knows, not this menu's
    assert menu.category_for("late night") is None  # named, but no item is in it
    assert menu.category_for("") is None


@pytest.mark.parametrize(("tail", "entry", "rule"), [
    ('\n[[categories]]\nid = "drinks"\nname = { en = "drinks", zh = "饮料" }\n'
     '\n[[categories]]\nid = "drinks"\nname = { en = "more drinks", zh = "更多饮料" }\n',
     "category 'drinks'", "duplicate category id 'drinks'"),
    ('\n[[categories]]\nid = "noodles"\nname = { en = "noodles", zh = "面" }\n'
     'aliases = { zh = ["饮料"] }\n', "category 'noodles'",
     "zh name or alias '饮料' also names category 'drinks'"),
    ('\n[[categories]]\nid = "Hot Food"\nname = { en = "hot food", zh = "热食" }\n',
     "categories[0] 'Hot Food'", "lower-case ASCII words"),
    ('\n[[categories]]\nid = "noodles"\nname = { en = "noodles" }\n', "category 'noodles'",
     "name must be given in 'zh'"),
    ('\n[[categories]]\nid = "noodles"\nname = { en = "noodles", zh = "面" }\nicon = "bowl"\n',
     "categories[0] 'noodles'", "unknown key 'icon'"),
    ('\n[[categories]]\nname = { en = "noodles", zh = "面" }\n', "categories[0]",
     "missing required key 'id'"),
    ('\ncategories = "noodles"\n', "menu", "categories must be a list"),
])
# (a clash between two of the vocabulary's default names is not the menu's: see
# test_vocabulary_defaults_that_meet_do_not_refuse_a_menu)
def test_bad_categories_refuse_the_menu(tail: str, entry: str, rule: str) -> None:
    text = menu_text(tail=tail)
    if tail.startswith("\ncategories ="):  # a top-level key must come before the tables
        text = menu_text().replace('currency = "CNY"\n', 'currency = "CNY"' + tail)
    err = refused(text)
    assert err.entry == entry
    assert rule in err.rule


def test_a_category_alias_may_repeat_one_of_a_category_the_menu_does_not_use() -> None:
    tail = '\n[[categories]]\nid = "noodles"\nname = { en = "noodles", zh = "面" }\n' \
           'aliases = { zh = ["甜点"] }\n'
    menu = parse_menu_text(menu_text(tail=tail))
    assert menu.category_for("甜点") == "noodles"


def test_category_names_may_repeat_item_names() -> None:
    """"奶茶" names the milk-tea category and the milk tea: the parser tells them apart."""
    menu = load_menu(BUBBLETEA)
    assert menu.item("milk-tea") is not None
    assert menu.category_for("奶茶") == "milk-tea"


# ------------------------------------------------------------------- the bundled menus


@pytest.mark.parametrize("path", [CANTEEN, CAFE, BAKERY, BUBBLETEA])
def test_every_bundled_category_has_english_and_chinese_names(path: Path) -> None:
    menu = load_menu(path)
    for cat in menu.categories():
        names = menu.category_names(cat)
        assert names["en"] and names["zh"], cat
        assert menu.category_for(names["zh"][0]) == cat


def test_the_canteen_says_what_its_dishes_contain() -> None:
    menu = load_menu(CANTEEN)
    pork = {"braised-pork-rice", "twice-cooked-pork", "pork-dumplings", "xiaolongbao", "wontons",
            "corn-rib-soup", "zhajiang-noodles", "dan-dan-noodles", "yuxiang-pork-rice",
            "sweet-sour-pork", "pork-bun", "potstickers", "wonton-noodle-soup"}
    assert {it.id for it in menu.items if "pork" in it.contains} == pork
    beef_noodles, kung_pao = menu.item("beef-noodle-soup"), menu.item("kung-pao-chicken-rice")
    assert beef_noodles is not None and kung_pao is not None
    assert beef_noodles.contains == ("beef",) and "halal" in beef_noodles.tags
    assert kung_pao.contains == ("chicken",) and "peanut" in kung_pao.allergens
    spicy = {it.id for it in menu.items if "spicy" in it.tags}
    assert {"dan-dan-noodles", "kung-pao-chicken-rice", "mapo-tofu-rice", "twice-cooked-pork",
            "yuxiang-pork-rice", "hot-sour-soup"} <= spicy
    for it in menu.items:
        if "vegetarian" in it.tags or "vegan" in it.tags:
            assert not {"pork", "beef", "chicken", "lamb", "meat"} & set(it.contains), it.id
    drinks = {it.id: it for it in menu.items}
    for tea in ("lemon-tea", "milk-tea", "bubble-tea", "green-tea", "cola"):
        assert "caffeine" in drinks[tea].contains


def test_the_canteen_options_add_what_they_bring() -> None:
    menu = load_menu(CANTEEN)
    for gid in ("noodle-extras", "rice-extras"):
        group = menu.group(gid)
        assert group is not None
        egg, meat = group.option("extra-egg"), group.option("extra-meat")
        assert egg is not None and egg.allergens == ("egg",)
        assert meat is not None and meat.contains == ("meat",)
    spice = menu.group("spice")
    assert spice is not None
    assert [o.id for o in spice.options if "spicy" in o.tags] == ["mild", "medium-spicy",
                                                                  "extra-spicy"]


def test_the_canteen_portions_are_ordered_by_the_liang() -> None:
    menu = load_menu(CANTEEN)
    portion = menu.group("portion")
    assert portion is not None
    regular, large = portion.option("regular"), portion.option("large")
    assert regular is not None and "三两" in regular.phrases("zh")
    assert large is not None and "四两" in large.phrases("zh")


def test_the_other_menus_mark_milk_bacon_and_caffeine() -> None:
    bakery, cafe, tea = load_menu(BAKERY), load_menu(CAFE), load_menu(BUBBLETEA)
    extras, sauce = bakery.group("extras"), bakery.group("sauce")
    assert extras is not None and sauce is not None
    bacon, cheese, mayo = extras.option("bacon"), extras.option("extra-cheese"), sauce.option("mayo")
    assert bacon is not None and bacon.contains == ("pork",)
    assert cheese is not None and cheese.allergens == ("milk",)
    assert mayo is not None and mayo.allergens == ("egg",)
    for menu in (cafe, tea):
        milk = menu.group("milk")
        assert milk is not None
        whole, oat = milk.option("whole-milk"), milk.option("oat-milk")
        assert whole is not None and whole.allergens == ("milk",)
        assert oat is not None and oat.allergens == ()
    latte = cafe.item("latte")
    assert latte is not None and "caffeine" in latte.contains


def test_vocabulary_defaults_that_meet_do_not_refuse_a_menu() -> None:
    """A menu with categories "dumplings" and "buns" is valid although the vocabulary calls
    dumplings "buns" too: the default that clashes is not used, the category's id is."""
    from kiosk.menu import parse_menu_text

    text = ('schema = 1\nid = "m"\nname = { en = "M", zh = "M" }\ncurrency = "CNY"\n'
            '[[items]]\nid = "a"\nname = { en = "pork dumplings", zh = "饺子" }\nprice = 100\n'
            'category = "dumplings"\n'
            '[[items]]\nid = "b"\nname = { en = "pork bun", zh = "包子" }\nprice = 100\n'
            'category = "buns"\n')
    menu = parse_menu_text(text)
    assert menu.category_for("buns") == "buns"
