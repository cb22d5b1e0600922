"""A dish named by the word that sets it apart from the one talked about ("the char siu
one" after a shrimp rice roll), a pointing word after a name (叉烧那个), and "less"
that counts nothing ("less sauce", 少放酱): causes left from the nineteenth blind batch
(menus/cantonese.toml), fixed in general and tested on a second menu."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]

from kiosk.order import Conversation


@pytest.mark.parametrize(("menu", "turns", "want"), [
    # the word is also an option of another dish (char siu of the two-meat rice, mango
    # of the smoothies' flavour); with the old dish's kind it names the sibling
    ("cantonese", ["a shrimp rice roll", "not that, the char siu one"], ["char-siu-rice-roll"]),
    ("cantonese", ["一份鲜虾肠粉", "哦不是虾的 要叉烧的"], ["char-siu-rice-roll"]),
    ("cantonese", ["一份鲜虾肠粉", "不是鲜虾的，要叉烧的"], ["char-siu-rice-roll"]),
    ("dessert", ["an orange juice", "no, the mango one"], ["mango-juice"]),
    ("dessert", ["一杯橙汁", "哦不是橙的 要芒果的"], ["mango-juice"]),
    # a price asked, then the sibling's, then taken
    ("cantonese", ["how much is the shrimp rice roll", "and the char siu one",
                   "alright I'll take that"], ["char-siu-rice-roll"]),
])
def test_the_word_that_sets_a_sibling_apart_names_it(menu: str, turns: list[str],
                                                     want: list[str]) -> None:
    assert [i for i, _, _ in lines_after(menu, *turns)] == want


@pytest.mark.parametrize(("menu", "first", "asked", "item", "amount"), [
    ("cantonese", "how much is the shrimp rice roll", "and the char siu one",
     "char-siu-rice-roll", 1400),
    ("dessert", "how much is the orange juice", "and the mango one", "mango-juice", 1200),
])
def test_a_price_asked_of_the_sibling_is_its_price(menu: str, first: str, asked: str,
                                                   item: str, amount: int) -> None:
    conv = Conversation(menu_for(menu))
    conv.turn(first, "auto")
    turn = conv.turn(asked, "auto")
    assert turn.answer == {"kind": "price", "item": item, "amount": amount}
    assert not conv.cart.lines


def test_an_option_the_dish_talked_about_has_stays_its_option() -> None:
    """The sibling reading is only for an option the dish talked about lacks: teh-o is
    the teh's own choice, so its price is the teh-o teh's."""
    conv = Conversation(menu_for("hawker"))
    conv.turn("a nasi lemak and a teh-o peng", "auto")
    turn = conv.turn("how much is the teh-o peng?", "auto")
    assert turn.answer is not None and turn.answer["amount"] > 0


@pytest.mark.parametrize(("menu", "first", "said", "want"), [
    ("cantonese", "一份叉烧饭一份烧肉饭", "叉烧那个不要了", ["crispy-pork-rice"]),
    ("cantonese", "一份叉烧饭一份烧肉饭", "烧肉那个不要了", ["char-siu-rice"]),
    ("dessert", "一杯芒果汁一杯橙汁", "芒果那个不要了", ["orange-juice"]),
])
def test_a_pointing_word_is_not_part_of_the_name(menu: str, first: str, said: str,
                                                 want: list[str]) -> None:
    """叉烧那个: 那 points at the line; it is not 叉烧拉(肠)'s 拉 heard by its sound."""
    assert [i for i, _, _ in lines_after(menu, first, said)] == want


@pytest.mark.parametrize(("menu", "first", "said"), [
    ("cantonese", "two char siu rice rolls", "a char siu rice roll, less sauce please"),
    ("cantonese", "两份叉烧肠", "叉烧肠粉少放酱"),
    ("canteen", "two beef noodle soups", "less salt please"),
    ("canteen", "两碗牛肉面", "少放盐"),
])
def test_less_of_what_the_menu_lacks_takes_nothing_off(menu: str, first: str,
                                                       said: str) -> None:
    """"less sauce" where the menu has no such choice is no removal ("one less" is):
    no line loses a dish."""
    before = lines_after(menu, first)
    after = lines_after(menu, first, said)
    assert sum(q for _, q, _ in after) >= sum(q for _, q, _ in before)


@pytest.mark.parametrize(("menu", "first", "said", "left"), [
    ("cantonese", "两份叉烧肠", "one less char siu rice roll", 1),
    ("cantonese", "两份叉烧肠", "make it one less", 1),
    ("cantonese", "两份叉烧肠", "少一个叉烧肠粉", 1),
    ("canteen", "两碗牛肉面", "牛肉面少一碗", 1),
])
def test_one_less_still_takes_one_off(menu: str, first: str, said: str, left: int) -> None:
    assert [q for _, q, _ in lines_after(menu, first, said)] == [left]


def test_less_sauce_is_said_back_as_a_choice_the_menu_lacks() -> None:
    conv = Conversation(menu_for("cantonese"))
    conv.turn("two char siu rice rolls", "auto")
    reply = conv.turn("a char siu rice roll, less sauce please", "auto").reply
    assert "less sauce" in reply and "Removed" not in reply
