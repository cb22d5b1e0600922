"""kiosk.menu.diets: what a dish has with its options, and every way it goes against a diner."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kiosk.menu import Menu, load_menu, parse_menu_text
from kiosk.menu.diets import (
    Conflict,
    DietNeeds,
    conflicts,
    fits,
    item_allergens,
    item_contains,
    item_tags,
)
from kiosk.menu.model import Item
from kiosk.menu.vocabulary import vocabulary
from kiosk.types import Options

from .conftest import CAFE, CANTEEN, ROOT

MENU = '''\
schema = 1
id = "diets"
name = { en = "Diets", zh = "饮食" }
currency = "CNY"

[[option_groups]]
id = "milk"
name = { en = "milk", zh = "奶" }
default = "whole"
  [[option_groups.options]]
  id = "whole"
  name = { en = "whole milk", zh = "全脂奶" }
  allergens = ["milk"]
  [[option_groups.options]]
  id = "oat"
  name = { en = "oat milk", zh = "燕麦奶" }

[[option_groups]]
id = "extras"
name = { en = "extras", zh = "加料" }
select = "many"
  [[option_groups.options]]
  id = "egg"
  name = { en = "add egg", zh = "加蛋" }
  allergens = ["egg"]
  [[option_groups.options]]
  id = "bacon"
  name = { en = "bacon", zh = "培根" }
  contains = ["pork"]
  [[option_groups.options]]
  id = "meat"
  name = { en = "extra meat", zh = "加肉" }
  contains = ["meat"]
  [[option_groups.options]]
  id = "wine"
  name = { en = "splash of wine", zh = "加酒" }
  contains = ["alcohol"]
  [[option_groups.options]]
  id = "chili"
  name = { en = "chili", zh = "辣椒" }
  tags = ["spicy"]

[[option_groups]]
id = "size"
name = { en = "size", zh = "大小" }
  [[option_groups.options]]
  id = "small"
  name = { en = "small", zh = "小" }
  [[option_groups.options]]
  id = "large"
  name = { en = "large", zh = "大" }

[[items]]
id = "greens"
name = { en = "greens", zh = "青菜" }
price = 800
option_groups = ["extras", "size"]
tags = ["vegan"]

[[items]]
id = "latte"
name = { en = "latte", zh = "拿铁" }
price = 1800
option_groups = ["milk", "size"]
contains = ["caffeine"]
tags = ["vegan"]

[[items]]
id = "pork-bun"
name = { en = "pork bun", zh = "肉包" }
price = 300
allergens = ["gluten"]
contains = ["pork"]

[[items]]
id = "egg-rice"
name = { en = "egg fried rice", zh = "蛋炒饭" }
price = 1000
option_groups = ["extras"]
allergens = ["egg"]
tags = ["vegetarian"]

[[items]]
id = "beef-soup"
name = { en = "beef soup", zh = "牛肉汤" }
price = 1500
option_groups = ["extras"]
contains = ["beef"]
tags = ["halal", "spicy"]

[[items]]
id = "water"
name = { en = "water", zh = "水" }
price = 200

[[items]]
id = "cake"
name = { en = "cake", zh = "蛋糕" }
price = 1200
allergens = ["milk", "egg", "gluten"]
tags = ["vegetarian"]
'''

NONE = DietNeeds()
VEGETARIAN = DietNeeds(diets=frozenset({"vegetarian"}))
VEGAN = DietNeeds(diets=frozenset({"vegan"}))
HALAL = DietNeeds(diets=frozenset({"halal"}))


@pytest.fixture(scope="module")
def menu() -> Menu:
    return parse_menu_text(MENU, "diets.toml")


def it(menu: Menu, item_id: str) -> Item:
    item = menu.item(item_id)
    assert item is not None
    return item


def allergic(*ids: str) -> DietNeeds:
    return DietNeeds(allergens=frozenset(ids))


def avoiding(*ids: str) -> DietNeeds:
    return DietNeeds(avoid=frozenset(ids))


def extras(*ids: str) -> Options:
    return (("extras", ids),)


# ------------------------------------------------------------------ what a dish has


def test_item_allergens_adds_the_chosen_options_each_once(menu: Menu) -> None:
    assert item_allergens(menu, it(menu, "pork-bun")) == ("gluten",)
    assert item_allergens(menu, it(menu, "egg-rice"), extras("egg")) == ("egg",)
    assert item_allergens(menu, it(menu, "greens"), extras("egg", "chili")) == ("egg",)
    assert item_allergens(menu, it(menu, "cake")) == ("milk", "egg", "gluten")
    assert item_allergens(menu, it(menu, "water")) == ()


def test_a_groups_default_counts_unless_the_group_is_named(menu: Menu) -> None:
    latte = it(menu, "latte")
    assert item_allergens(menu, latte) == ("milk",)
    assert item_allergens(menu, latte, (("milk", ("oat",)),)) == ()
    assert item_allergens(menu, latte, (("size", ("large",)),)) == ("milk",)
    assert item_allergens(menu, latte, (("milk", ()),)) == ()  # named, with nothing chosen


def test_item_contains_adds_the_chosen_options(menu: Menu) -> None:
    egg_rice = it(menu, "egg-rice")
    assert item_contains(menu, egg_rice) == ()
    assert item_contains(menu, egg_rice, extras("bacon", "meat", "wine")) == \
        ("pork", "meat", "alcohol")
    assert item_contains(menu, it(menu, "beef-soup"), extras("meat")) == ("beef", "meat")
    assert item_contains(menu, it(menu, "latte")) == ("caffeine",)


def test_item_tags_imply_diets_and_add_the_options_tags(menu: Menu) -> None:
    assert item_tags(menu, it(menu, "greens")) == ("vegan", "vegetarian")
    assert item_tags(menu, it(menu, "egg-rice"), extras("chili")) == ("vegetarian", "spicy")
    assert item_tags(menu, it(menu, "beef-soup"), extras("chili")) == ("halal", "spicy")
    assert item_tags(menu, it(menu, "water")) == ()


def test_unknown_groups_and_options_are_ignored(menu: Menu) -> None:
    odd: Options = (("sauce", ("mayo",)), ("extras", ("truffle", "egg")))
    assert item_allergens(menu, it(menu, "greens"), odd) == ("egg",)
    assert conflicts(menu, it(menu, "greens"), odd, allergic("egg")) == \
        (Conflict("allergen", "egg", "egg", "extras"),)


# ---------------------------------------------------------------------- conflicts


def test_no_needs_no_conflicts(menu: Menu) -> None:
    assert not NONE
    for item in menu.items:
        assert conflicts(menu, item, extras("egg", "bacon", "wine"), NONE) == ()
        assert fits(menu, item, NONE)


def test_an_allergen_of_the_item(menu: Menu) -> None:
    assert conflicts(menu, it(menu, "pork-bun"), (), allergic("gluten", "peanut")) == \
        (Conflict("allergen", "gluten", "pork-bun"),)
    assert conflicts(menu, it(menu, "cake"), (), allergic("egg", "milk")) == (
        Conflict("allergen", "milk", "cake"), Conflict("allergen", "egg", "cake"))
    assert fits(menu, it(menu, "water"), allergic(*vocabulary().allergens))


def test_an_allergen_of_a_chosen_option(menu: Menu) -> None:
    greens = it(menu, "greens")
    assert fits(menu, greens, allergic("egg"))
    assert conflicts(menu, greens, extras("egg"), allergic("egg")) == (
        Conflict("allergen", "egg", "egg", "extras"),)
    assert conflicts(menu, it(menu, "egg-rice"), extras("egg"), allergic("egg")) == (
        Conflict("allergen", "egg", "egg-rice"), Conflict("allergen", "egg", "egg", "extras"))


def test_an_allergen_of_a_default_option(menu: Menu) -> None:
    latte = it(menu, "latte")
    assert conflicts(menu, latte, (), allergic("milk")) == (
        Conflict("allergen", "milk", "whole", "milk"),)
    assert not fits(menu, latte, allergic("milk"))
    assert fits(menu, latte, allergic("milk"), (("milk", ("oat",)),))


def test_what_the_diner_avoids(menu: Menu) -> None:
    assert conflicts(menu, it(menu, "pork-bun"), (), avoiding("pork")) == (
        Conflict("contains", "pork", "pork-bun"),)
    assert conflicts(menu, it(menu, "egg-rice"), extras("bacon"), avoiding("pork")) == (
        Conflict("contains", "pork", "bacon", "extras"),)
    assert conflicts(menu, it(menu, "latte"), (), avoiding("caffeine")) == (
        Conflict("contains", "caffeine", "latte"),)
    assert fits(menu, it(menu, "beef-soup"), avoiding("pork", "alcohol"))
    assert not fits(menu, it(menu, "beef-soup"), avoiding("alcohol"), extras("wine"))


def test_avoiding_meat_avoids_every_meat_but_meat_is_no_particular_one(menu: Menu) -> None:
    meatless = avoiding("meat")
    assert conflicts(menu, it(menu, "pork-bun"), (), meatless) == (
        Conflict("contains", "pork", "pork-bun"),)
    assert conflicts(menu, it(menu, "beef-soup"), extras("meat"), meatless) == (
        Conflict("contains", "beef", "beef-soup"), Conflict("contains", "meat", "meat", "extras"))
    assert fits(menu, it(menu, "egg-rice"), avoiding("pork"), extras("meat"))
    assert not fits(menu, it(menu, "egg-rice"), meatless, extras("meat"))


def test_vegetarian(menu: Menu) -> None:
    assert conflicts(menu, it(menu, "pork-bun"), (), VEGETARIAN) == (
        Conflict("contains", "pork", "pork-bun"), Conflict("diet", "vegetarian", "pork-bun"))
    for item_id in ("greens", "latte", "egg-rice", "cake"):
        assert fits(menu, it(menu, item_id), VEGETARIAN), item_id
    assert conflicts(menu, it(menu, "water"), (), VEGETARIAN) == (
        Conflict("diet", "vegetarian", "water"),)  # only what the menu says fits
    assert conflicts(menu, it(menu, "egg-rice"), extras("bacon", "egg", "wine"), VEGETARIAN) == (
        Conflict("contains", "pork", "bacon", "extras"),
        Conflict("diet", "vegetarian", "bacon", "extras"))
    assert conflicts(menu, it(menu, "greens"), extras("meat"), VEGETARIAN) == (
        Conflict("contains", "meat", "meat", "extras"),
        Conflict("diet", "vegetarian", "meat", "extras"))


def test_vegan(menu: Menu) -> None:
    assert fits(menu, it(menu, "greens"), VEGAN)
    assert conflicts(menu, it(menu, "egg-rice"), (), VEGAN) == (
        Conflict("diet", "vegan", "egg-rice"),)
    assert conflicts(menu, it(menu, "greens"), extras("egg"), VEGAN) == (
        Conflict("diet", "vegan", "egg", "extras"),)  # not allergic: no allergen conflict
    assert conflicts(menu, it(menu, "latte"), (), VEGAN) == (
        Conflict("diet", "vegan", "whole", "milk"),)
    assert fits(menu, it(menu, "latte"), VEGAN, (("milk", ("oat",)),))
    assert conflicts(menu, it(menu, "cake"), (), VEGAN) == (Conflict("diet", "vegan", "cake"),)


def test_halal(menu: Menu) -> None:
    soup = it(menu, "beef-soup")
    assert fits(menu, soup, HALAL)
    assert fits(menu, soup, HALAL, extras("meat", "egg"))  # the soup's own meat is halal
    assert conflicts(menu, soup, extras("wine", "bacon"), HALAL) == (
        Conflict("contains", "alcohol", "wine", "extras"), Conflict("diet", "halal", "wine", "extras"),
        Conflict("contains", "pork", "bacon", "extras"), Conflict("diet", "halal", "bacon", "extras"))
    assert conflicts(menu, it(menu, "pork-bun"), (), HALAL) == (
        Conflict("contains", "pork", "pork-bun"), Conflict("diet", "halal", "pork-bun"))
    assert conflicts(menu, it(menu, "greens"), (), HALAL) == (Conflict("diet", "halal", "greens"),)


def test_everything_at_once_item_first_then_options_in_order(menu: Menu) -> None:
    needs = DietNeeds(allergens=frozenset({"egg"}), avoid=frozenset({"alcohol"}),
                      diets=frozenset({"vegan", "halal"}))
    assert conflicts(menu, it(menu, "egg-rice"), extras("wine", "egg"), needs) == (
        Conflict("allergen", "egg", "egg-rice"),
        Conflict("diet", "vegan", "egg-rice"),
        Conflict("diet", "halal", "egg-rice"),
        Conflict("contains", "alcohol", "wine", "extras"),
        Conflict("diet", "halal", "wine", "extras"),
        Conflict("allergen", "egg", "egg", "extras"),
        Conflict("diet", "vegan", "egg", "extras"))


def test_a_diet_the_vocabulary_does_not_know_is_met_by_its_tag_only() -> None:
    menu = parse_menu_text(MENU.replace('tags = ["halal", "spicy"]', 'tags = ["kosher"]'))
    kosher = DietNeeds(diets=frozenset({"kosher"}))
    assert fits(menu, it(menu, "beef-soup"), kosher, extras("bacon"))
    assert conflicts(menu, it(menu, "water"), (), kosher) == (Conflict("diet", "kosher", "water"),)


def test_an_unvalidated_menu_item_tagged_against_its_contents_still_conflicts(menu: Menu) -> None:
    """Menus built in code skip the loader's checks; conflicts() does not trust the tag."""
    odd = Item(id="odd", name={"en": "odd", "zh": "怪"}, price=100, contains=("pork",),
               tags=("vegetarian",))
    assert conflicts(menu, odd, (), VEGETARIAN) == (
        Conflict("contains", "pork", "odd"), Conflict("diet", "vegetarian", "odd"))


def test_needs_merge_and_say_what_they_forbid() -> None:
    both = VEGETARIAN.merged(allergic("peanut")).merged(avoiding("garlic"))
    assert both == DietNeeds(frozenset({"peanut"}), frozenset({"garlic"}),
                             frozenset({"vegetarian"}))
    assert both and not DietNeeds()
    assert HALAL.forbidden_contains() == {"pork", "alcohol"}
    assert avoiding("meat").forbidden_contains() == {"meat", "pork", "beef", "chicken", "lamb"}
    assert {"fish", "seafood", "meat", "pork"} <= VEGAN.forbidden_contains()


def test_conflicts_and_needs_are_frozen_values() -> None:
    conflict = Conflict("allergen", "egg", "cake")
    with pytest.raises(AttributeError):
        conflict.id = "milk"  # type: ignore[misc]
    assert {conflict, Conflict("allergen", "egg", "cake")} == {conflict}
    assert hash(VEGAN) == hash(DietNeeds(diets=frozenset({"vegan"})))


# ------------------------------------------------------------ the bundled menus, exhaustively

NEEDS = [allergic(a) for a in vocabulary().allergens] + \
    [avoiding(c) for c in vocabulary().contains] + \
    [DietNeeds(diets=frozenset({d})) for d in vocabulary().diets]


def _single_choices(menu: Menu, item: Item) -> list[Options]:
    """No options, and every option of the item alone."""
    out: list[Options] = [()]
    for group in menu.groups_of(item):
        out += [((group.id, (opt.id,)),) for opt in group.options]
    return out


@pytest.mark.parametrize("path", sorted((ROOT / "menus").glob("*.toml")), ids=lambda p: p.stem)
def test_every_bundled_dish_with_every_option_against_every_need(path: Path) -> None:
    menu = load_menu(path)
    vocab = vocabulary()
    for item, needs in itertools.product(menu.items, NEEDS):
        for options in _single_choices(menu, item):
            found = conflicts(menu, item, options, needs)
            assert fits(menu, item, needs, options) == (found == ())
            allergens = set(item_allergens(menu, item, options))
            contains = set(item_contains(menu, item, options))
            assert {c.id for c in found if c.kind == "allergen"} == allergens & needs.allergens
            assert {c.id for c in found if c.kind == "contains"} == \
                contains & needs.forbidden_contains()
            for diet_id in needs.diets:
                diet = vocab.diets[diet_id]
                keeps = (bool(set(diet.tags()) & set(item.tags))
                         and not contains & vocab.with_included(diet.forbids_contains)
                         and not allergens & diet.forbids_allergens)
                assert keeps == (Conflict("diet", diet_id, item.id) not in found
                                 and not any(c.kind == "diet" for c in found)), (item.id, options)
            assert len(found) == len(set(found))


def test_the_bundled_canteen_warns_as_a_diner_would_expect() -> None:
    menu = load_menu(CANTEEN)
    peanut = allergic("peanut")
    kung_pao = it(menu, "kung-pao-chicken-rice")
    assert Conflict("allergen", "peanut", "kung-pao-chicken-rice") in \
        conflicts(menu, kung_pao, (), peanut)
    assert fits(menu, it(menu, "stir-fried-greens"), VEGAN, (("staple", ("rice",)),))
    assert fits(menu, it(menu, "beef-noodle-soup"), HALAL,
                (("noodle-extras", ("extra-meat", "extra-egg")),))
    assert not fits(menu, it(menu, "tomato-egg-noodles"), VEGETARIAN,
                    (("noodle-extras", ("extra-meat",)),))
    assert not fits(menu, it(menu, "mapo-tofu-rice"), VEGETARIAN)
    assert not fits(menu, it(menu, "stir-fried-greens"), allergic("gluten"),
                    (("staple", ("noodles",)),))
    vegetarian = {i.id for i in menu.items if fits(menu, i, VEGETARIAN)}
    assert {"tomato-egg-noodles", "stir-fried-greens", "yuxiang-eggplant", "tea-egg"} <= vegetarian
    assert not {"braised-pork-rice", "pork-dumplings", "beef-noodle-soup"} & vegetarian


def test_the_bundled_cafe_latte_is_vegan_only_with_oat_milk() -> None:
    menu = load_menu(CAFE)
    latte = it(menu, "latte")
    assert not fits(menu, latte, VEGAN)
    assert fits(menu, latte, VEGAN, (("milk", ("oat-milk",)),))
    assert not fits(menu, latte, allergic("soy"), (("milk", ("soy-milk",)),))
    assert item_allergens(menu, latte) == ("milk",)
