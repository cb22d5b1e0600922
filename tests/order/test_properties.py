"""Property tests: arbitrary text on arbitrary valid menus never crashes the
parser and never puts anything off the menu (or sold out) into the cart."""

from __future__ import annotations

from typing import Any

from corpus import menu_for  # type: ignore[import-not-found]
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.errors import MenuError
from kiosk.menu import Menu, parse_menu
from kiosk.order import Conversation
from kiosk.types import ACTION_TYPES, Turn

EN_WORDS = ["beef", "noodle", "noodles", "soup", "tea", "rice", "pork", "egg", "large", "small",
            "spicy", "not", "no", "hot", "iced", "milk", "lemon", "green", "fried", "bun"]
ZH_CHARS = list("牛肉面茶饭猪蛋大小辣冰热奶柠檬绿炒包汤饺子香菜葱")
GRAMMAR = ["a", "two", "3", "and", "one of them", "make that", "remove", "cancel everything",
           "another", "that's all", "actually", "no", "the", "both", "一碗", "两份", "十二杯",
           "不要", "再来一个", "换成", "改成三碗", "就这些", "其中", "都", "，", ",", "第一个",
           "please", "um", "x2", "0", "99999", "instead", "of", "不要了", "全部不要了"]

SETTINGS = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def names(draw: Any, used_en: set[str], used_zh: set[str]) -> dict[str, str]:
    en = " ".join(draw(st.lists(st.sampled_from(EN_WORDS), min_size=1, max_size=3)))
    zh = "".join(draw(st.lists(st.sampled_from(ZH_CHARS), min_size=1, max_size=4)))
    assume(en not in used_en and zh not in used_zh)
    used_en.add(en)
    used_zh.add(zh)
    return {"en": en, "zh": zh}


@st.composite
def menus(draw: Any) -> Menu:
    groups = []
    for g in range(draw(st.integers(0, 3))):
        used_en: set[str] = set()
        used_zh: set[str] = set()
        options = [{"id": f"o{g}-{k}", "name": draw(names(used_en, used_zh)),
                    "price": draw(st.integers(0, 500))}
                   for k in range(draw(st.integers(1, 4)))]
        group: dict[str, Any] = {"id": f"g{g}", "name": {"en": f"group {g}", "zh": f"组{g}"},
                                 "select": draw(st.sampled_from(["one", "many"])),
                                 "required": draw(st.booleans()), "options": options}
        if draw(st.booleans()):
            group["default"] = draw(st.sampled_from([o["id"] for o in options]))
        groups.append(group)
    used_en, used_zh = set(), set()
    items = []
    for i in range(draw(st.integers(1, 8))):
        items.append({
            "id": f"item-{i}", "name": draw(names(used_en, used_zh)),
            "price": draw(st.integers(0, 3000)), "available": draw(st.booleans()),
            "max_quantity": draw(st.integers(1, 20)),
            "option_groups": draw(st.lists(st.sampled_from([g["id"] for g in groups]),
                                           unique=True)) if groups else [],
        })
    data = {"schema": 1, "id": "prop", "name": {"en": "P", "zh": "测"}, "currency": "CNY",
            "option_groups": groups, "items": items}
    try:
        return parse_menu(data, "<prop>")
    except MenuError:
        assume(False)
        raise


def utterance(menu: Menu) -> st.SearchStrategy[str]:
    phrases = [p for it in menu.items for lang in ("en", "zh") for p in it.phrases(lang)]
    phrases += [p for g in menu.option_groups for o in g.options
                for lang in ("en", "zh") for p in o.phrases(lang)]
    piece = st.one_of(st.sampled_from(phrases), st.sampled_from(GRAMMAR),
                      st.text(max_size=6), st.sampled_from(EN_WORDS + ZH_CHARS))
    return st.lists(piece, max_size=8).flatmap(
        lambda parts: st.sampled_from([" ".join(parts), "".join(parts)]))


def check(menu: Menu, conv: Conversation, turn: Turn) -> None:
    assert isinstance(turn.reply, str) and turn.reply
    assert turn.language in ("en", "zh")
    assert all(a.type in ACTION_TYPES for a in turn.actions)
    if not turn.understood:
        assert turn.actions == ()
    assert turn.cart == conv.cart
    totals: dict[str, int] = {}
    for line in turn.cart.lines:
        item = menu.item(line.item)
        assert item is not None and item.available
        assert line.quantity >= 1
        totals[item.id] = totals.get(item.id, 0) + line.quantity
        assert totals[item.id] <= item.max_quantity
        for gid, ids in line.options:
            assert gid in item.option_groups
            group = menu.group(gid)
            assert group is not None and ids
            assert all(group.option(o) is not None for o in ids)
            assert group.select == "many" or len(ids) == 1
        for group in menu.groups_of(item):
            if group.required:
                assert dict(line.options).get(group.id)
        assert line.unit_price == menu.unit_price(item, line.options)
    assert all(0 <= i < len(turn.cart.lines) for i in turn.changed_lines)
    q = turn.question
    if q is not None:
        if q.slot in ("item", "offer"):
            assert all((it := menu.item(c)) is not None and it.available for c in q.choices)
        elif q.slot in ("conflict", "partial"):  # yes/no about a dish (issue 14)
            assert q.choices == ("yes", "no") and menu.item(q.item or "") is not None
        else:
            group = menu.group(q.slot)
            assert group is not None and all(group.option(c) for c in q.choices)


@SETTINGS
@given(st.data())
def test_arbitrary_text_on_bundled_menus(data: st.DataObject) -> None:
    menu = menu_for(data.draw(st.sampled_from(["canteen", "cafe"])))
    conv = Conversation(menu)
    for _ in range(data.draw(st.integers(1, 4))):
        text = data.draw(st.one_of(st.text(max_size=40), utterance(menu)))
        turn = conv.turn(text, data.draw(st.sampled_from(["auto", "en", "zh"])))
        check(menu, conv, turn)
        conv.score(text)


@SETTINGS
@given(st.data())
def test_arbitrary_text_on_generated_menus(data: st.DataObject) -> None:
    menu = data.draw(menus())
    conv = Conversation(menu)
    for _ in range(data.draw(st.integers(1, 5))):
        turn = conv.turn(data.draw(utterance(menu)), data.draw(st.sampled_from(["auto", "en",
                                                                                "zh"])))
        check(menu, conv, turn)
        if turn.question is not None and turn.question.choices and data.draw(st.booleans()):
            check(menu, conv, conv.answer(turn.question.choices[0]))


@SETTINGS
@given(st.data())
def test_touch_edits_and_reload_on_generated_menus(data: st.DataObject) -> None:
    menu = data.draw(menus())
    conv = Conversation(menu)
    ids = [it.id for it in menu.items] + ["not-an-item"]
    for _ in range(data.draw(st.integers(1, 6))):
        action = data.draw(st.sampled_from(["add", "qty", "remove", "turn"]))
        if action == "add":
            turn = conv.add(data.draw(st.sampled_from(ids)), data.draw(st.integers(-2, 30)),
                            {g.id: [o.id for o in g.options][:1] for g in menu.option_groups})
        elif action == "qty":
            turn = conv.set_quantity(data.draw(st.integers(-1, 4)), data.draw(st.integers(-1, 30)))
        elif action == "remove":
            turn = conv.remove_line(data.draw(st.integers(-1, 4)))
        else:
            turn = conv.turn(data.draw(utterance(menu)))
        check(menu, conv, turn)
    other = data.draw(menus())
    cart = conv.set_menu(other)
    check(other, conv, conv.turn(""))
    assert cart == conv.cart
