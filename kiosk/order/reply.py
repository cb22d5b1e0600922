"""What the kiosk says back: a short readback of what changed and the total,
in the diner's language."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.menu.model import Item, Menu
from kiosk.order.index import find_item
from kiosk.order.numbers import en_number, money_en, money_zh, zh_number
from kiosk.types import Cart, Options, Question

_UNCOUNTABLE = ("rice", "tofu", "pork", "chicken", "greens", "potato", "sauce", "noodles",
                "dumplings", "eggplant")
#: English option names said before the dish rather than after it.
_ADJECTIVES = frozenset({"large", "small", "medium", "regular", "big", "iced", "hot", "cold",
                         "warm", "mild"})
_ZH_MEASURE_BY_CATEGORY = {"noodles": "碗", "soups": "碗", "drinks": "杯", "coffee": "杯",
                           "other-drinks": "杯", "tea": "杯", "juice": "杯"}


@dataclass(frozen=True)
class Event:
    """Something a turn did or could not do, for the reply.

    kinds: added, removed, changed, sold_out, unknown, too_many, bad_qty, misfit,
    not_in_cart, cleared, cancelled, checkout, empty, repeat, help, greet,
    nothing, no_target, conflict (``text``: kind:id,... of what clashes), partial
    (``qty`` left), declined, text (``text`` said as it is: answers).
    """

    kind: str
    item: str | None = None
    qty: int = 0
    options: Options = ()
    text: str = ""
    other: str | None = None
    group: int = 0


def item_name(menu: Menu, item_id: str | None, lang: str) -> str:
    item = find_item(menu, item_id) if item_id else None
    if item is None:
        return item_id or ""
    return item.name.get(lang) or item.name.get("en") or item.id


def plural(name: str, n: int) -> str:
    """"beef noodle soup" -> "beef noodle soups" when ``n`` != 1."""
    if n == 1 or " with " in name or name.endswith("s"):
        return name
    if name.split()[-1] in _UNCOUNTABLE:
        return name
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    if name.endswith(("ch", "sh", "x")):
        return name + "es"
    return name + "s"


def measure(menu: Menu, item_id: str | None) -> str:
    """The Mandarin measure word for an item (碗, 杯, 瓶, 个, 笼, 份)."""
    item = find_item(menu, item_id) if item_id else None
    if item is None:
        return "份"
    zh = item.name.get("zh", "")
    if zh.endswith(("包", "蛋", "包子")) and not item.option_groups:
        return "个"
    if zh.endswith("笼包"):
        return "笼"
    m = _ZH_MEASURE_BY_CATEGORY.get(item.category)
    if m == "杯" and not any(g in ("cup", "size") for g in item.option_groups):
        return "瓶"
    return m or "份"


def options_text(menu: Menu, item: Item | None, options: Options, lang: str) -> list[str]:
    """Names of the chosen options that are not the group default."""
    out: list[str] = []
    for gid, ids in options:
        grp = menu.group(gid)
        if grp is None:
            continue
        for oid in ids:
            opt = grp.option(oid)
            if opt is None or (grp.default == oid and len(ids) == 1):
                continue
            out.append(opt.name.get(lang) or opt.name.get("en") or oid)
    del item
    return out


def qty_phrase(menu: Menu, item_id: str | None, n: int, lang: str) -> str:
    name = item_name(menu, item_id, lang)
    if lang == "zh":
        return f"{zh_number(n)}{measure(menu, item_id)}{name}"
    return f"{en_number(n)} {plural(name, n)}"


def money(fen: int, lang: str) -> str:
    return money_zh(fen) if lang == "zh" else money_en(fen)


def line_text(menu: Menu, item_id: str | None, qty: int, options: Options, lang: str) -> str:
    item = find_item(menu, item_id) if item_id else None
    opts = options_text(menu, item, options, lang)
    if lang == "zh":
        head = qty_phrase(menu, item_id, qty, lang)
        return "，".join([head, *opts])
    before = [o for o in opts if o in _ADJECTIVES]  # "one large iced lemon tea"
    after = [o for o in opts if o not in _ADJECTIVES]
    name = plural(item_name(menu, item_id, lang), qty)
    head = " ".join([en_number(qty), *before, name])
    return ", ".join([head, *after])


def readback(menu: Menu, cart: Cart, lang: str) -> str:
    """The whole order and its total."""
    if cart.is_empty:
        return "您还没有点餐。" if lang == "zh" else "Your order is empty."
    parts = [line_text(menu, ln.item, ln.quantity, ln.options, lang) for ln in cart.lines]
    if lang == "zh":
        return "您点了：" + "；".join(parts) + f"。一共{money(cart.total, lang)}。"
    return "You have: " + "; ".join(parts) + f". That's {money(cart.total, lang)}."


def question_text(menu: Menu, slot: str, item_id: str | None, choices: tuple[str, ...],
                  lang: str, qty: int = 1) -> str:
    if slot == "conflict":
        return "还要吗？" if lang == "zh" else "Still add it?"
    if slot == "partial":
        return (f"要{zh_number(qty)}{measure(menu, item_id)}吗？" if lang == "zh"
                else f"Shall I make it {en_number(qty)}?")
    if slot == "offer" and qty == 0 and len(choices) == 1:  # "a few pork buns": how many?
        return (f"要几{measure(menu, choices[0])}{item_name(menu, choices[0], lang)}？" if lang == "zh"
                else f"How many {plural(item_name(menu, choices[0], lang), 2)} would you like?")
    if slot == "offer":
        slot = "item"
    if slot == "item" and len(choices) == 1:
        one = choices[0]
        return (f"要来一{measure(menu, one)}{item_name(menu, one, lang)}吗？" if lang == "zh"
                else f"Would you like the {item_name(menu, one, lang)}?")
    if slot == "item":
        names = [item_name(menu, c, lang) for c in choices]
        return ("请问要哪一种：" + _join_zh(names) + "？") if lang == "zh" else \
            ("Which one would you like: " + _join_en(names) + "?")
    grp = menu.group(slot)
    names = []
    for c in choices:
        opt = grp.option(c) if grp else None
        names.append(opt.name.get(lang, c) if opt else c)
    item = item_name(menu, item_id, lang)
    if lang == "zh":
        return f"{item}要{_join_zh(names)}？"
    return f"For the {item}, would you like {_join_en(names)}?"


def _join_en(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]


def _join_zh(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "还是" + names[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def make_question(menu: Menu, slot: str, item_id: str | None, choices: tuple[str, ...],
                  lang: str, qty: int = 1) -> Question:
    return Question(slot=slot, item=item_id, choices=choices,
                    text=question_text(menu, slot, item_id, choices, lang, qty))
