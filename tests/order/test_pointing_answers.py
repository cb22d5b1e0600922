"""Causes found by the eighteenth blind batch (tests/data/blind18, menus/japanese.toml):
answers that point at a line ordered before ("same as the gyudon", 跟刚才一样), "never
mind" said with a correction word while a dish waits, and a dish like the one warned
about named by a word that is also an option elsewhere ("no, the chicken one")."""

from __future__ import annotations

import pytest
from corpus import lines_after, menu_for  # type: ignore[import-not-found]


@pytest.mark.parametrize(("menu", "said", "item", "group", "want"), [
    ("japanese", ("a large gyudon", "and a katsudon", "same as the gyudon"),
     "katsudon", "bowl-size", "large"),
    ("japanese", ("牛丼大碗", "再来个猪排丼", "跟刚才一样"), "katsudon", "bowl-size", "large"),
    ("japanese", ("牛丼大碗", "再来个猪排丼", "和牛丼一样的"), "katsudon", "bowl-size", "large"),
    ("ricebowl", ("a shoyu house ramen", "and a chicken ramen", "same as the house ramen"),
     "chicken-ramen", "broth", "shoyu"),
    ("ricebowl", ("招牌拉面酱油的", "再来一碗鸡肉拉面", "跟刚才一样"), "chicken-ramen", "broth", "shoyu"),
    ("dumplings", ("pork and cabbage dumplings, 18 pieces", "and lamb and carrot dumplings",
                   "same as before"), "lamb-dumplings", "count", "eighteen"),
])
def test_same_as_a_line_takes_its_choice(menu: str, said: tuple[str, ...], item: str,
                                         group: str, want: str) -> None:
    lines = lines_after(menu, *said)
    assert len(lines) == 2
    ((_, _, opts),) = [ln for ln in lines if ln[0] == item]
    assert opts[group] == (want,)


@pytest.mark.parametrize(("menu", "said"), [
    ("japanese", ("a veggie curry", "actually never mind")),
    ("japanese", ("蔬菜咖喱饭", "哦 算了")),
    ("ricebowl", ("a house ramen", "oh never mind")),
    ("dumplings", ("pork and cabbage dumplings", "actually never mind")),
])
def test_never_mind_while_a_dish_waits_drops_it(menu: str, said: tuple[str, ...]) -> None:
    from kiosk.order import Conversation

    conv = Conversation(menu_for(menu))
    for text in said:
        turn = conv.turn(text)
    assert not conv.cart.lines and conv.question is None
    assert (turn.act, turn.intent) == ("answer", "no")


def test_never_mind_keeps_what_is_already_ordered() -> None:
    lines = lines_after("japanese", "a gyoza, 6 pieces", "and a veggie curry", "actually never mind")
    assert [item for item, _, _ in lines] == ["gyoza"]


@pytest.mark.parametrize(("menu", "said", "asked"), [
    ("japanese", ("i don't eat pork", "a katsudon", "no, the chicken one"), "chicken-katsu-don"),
    ("japanese", ("我不吃猪肉", "猪排丼", "不要了，换鸡排的"), "chicken-katsu-don"),
    ("ricebowl", ("i don't eat pork", "a house ramen", "no, the chicken one"), "chicken-ramen"),
])
def test_the_dish_like_the_one_warned_about_named_by_an_option_word(
        menu: str, said: tuple[str, ...], asked: str) -> None:
    """"chicken" is also a bento main; to the pork katsu don's warning it is the chicken
    katsu don, whose size is asked next."""
    from kiosk.order import Conversation

    conv = Conversation(menu_for(menu))
    for text in said:
        conv.turn(text)
    assert conv.question is not None and conv.question.item == asked
