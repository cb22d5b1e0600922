"""The sentences that answer questions and statements, in the diner's language."""

from __future__ import annotations

from kiosk.menu.model import Menu
from kiosk.menu.vocabulary import vocabulary
from kiosk.order.reply import cap, item_name, money, qty_phrase


def term(section: str, tid: str, lang: str) -> str:
    """The name of a vocabulary entry ("peanut" -> "peanuts" / "花生")."""
    if section == "meat":
        return "肉" if lang == "zh" else "meat"
    entry = vocabulary().section(section).get(tid)
    if entry is None:
        return tid
    return entry.name.get(lang) or entry.name.get("en") or tid


def join(names: list[str], lang: str, word: str = "and") -> str:
    if lang == "zh":
        return "、".join(names)
    if len(names) <= 2:
        return f" {word} ".join(names)
    return ", ".join(names[:-1]) + f" {word} " + names[-1]


def price(menu: Menu, item: str, opts: list[str], amount: int, lang: str,
          count: int = 1) -> str:
    """"The spring rolls is 6 yuan.", or for a count said: "Two spring rolls are 12 yuan."."""
    if count > 1:
        head = qty_phrase(menu, item, count, lang)
        if lang == "zh":
            return f"{head}{''.join(opts)}{money(amount, lang)}。"
        return f"{cap(', '.join([head, *opts]))} are {money(amount, lang)}."
    name = item_name(menu, item, lang)
    if lang == "zh":
        return f"{''.join(opts)}{name}{money(amount, lang)}。"
    said = " ".join([*opts, name])
    return f"The {said} is {money(amount, lang)}."


def choice_prices(pairs: list[tuple[str, int]], lang: str) -> str:
    """What the choices asked about cost: the same price said once."""
    names = [n for n, _ in pairs]
    if len({a for _, a in pairs}) == 1 and len(pairs) > 1:
        amount = money(pairs[0][1], lang)
        return f"{join(names, lang)}价格一样，都是{amount}。" if lang == "zh" else \
            f"{cap(join(names, lang))} are the same price, {amount}."
    if lang == "zh":
        return "，".join(f"{n}{money(a, lang)}" for n, a in pairs) + "。"
    return cap(", ".join(f"{n} is {money(a, lang)}" for n, a in pairs)) + "."


def prices(menu: Menu, pairs: list[tuple[str, int]], lang: str) -> str:
    parts = [f"{item_name(menu, i, lang)}{money(a, lang)}" if lang == "zh"
             else f"the {item_name(menu, i, lang)} is {money(a, lang)}" for i, a in pairs]
    return ("，".join(parts) + "。") if lang == "zh" else cap(", ".join(parts)) + "."


def option_price(name: str, amount: int, lang: str) -> str:
    if lang == "zh":
        return f"{name}不加钱。" if amount == 0 else f"{name}加{money(amount, lang)}。"
    if amount == 0:
        return f"{cap(name)} costs nothing extra."
    return f"{cap(name)} is {money(amount, lang)} extra."


def total(amount: int, empty: bool, lang: str) -> str:
    if empty:
        return "您还没有点餐。" if lang == "zh" else "Your order is empty so far."
    return f"目前一共{money(amount, lang)}。" if lang == "zh" else \
        f"Your total so far is {money(amount, lang)}."


def verb(name: str, singular: str) -> str:
    """"has"/"have", "is"/"are" for a dish's English name ("the dumplings have")."""
    plural = name.endswith("s") and not name.endswith(("ss", "us", "soup"))
    return {"has": "have", "is": "are", "contains": "contain"}.get(singular, singular) \
        if plural else singular


def has(menu: Menu, item: str, what: str, yes: bool, lang: str) -> str:
    name = item_name(menu, item, lang)
    if lang == "zh":
        return f"有，{name}里有{what}。" if yes else f"没有，{name}里没有{what}。"
    return (f"Yes, the {name} {verb(name, 'has')} {what}." if yes
            else f"No, the {name} {verb(name, 'has')} no {what}.")


def is_tag(menu: Menu, item: str, what: str, yes: bool, lang: str) -> str:
    name = item_name(menu, item, lang)
    if lang == "zh":
        return f"是的，{name}是{what}的。" if yes else f"不是，{name}不是{what}的。"
    be = verb(name, "is")
    return f"Yes, the {name} {be} {what}." if yes else f"No, the {name} {be} not {what}."


def contents(menu: Menu, item: str, allergens: list[str], contains: list[str],
             lang: str) -> str:
    name = item_name(menu, item, lang)
    if lang == "zh":
        parts = []
        if allergens:
            parts.append("含过敏原：" + join(allergens, lang))
        if contains:
            parts.append("有" + join(contains, lang))
        return f"{name}" + ("，".join(parts) if parts else "没有标注的过敏原") + "。"
    parts = []
    if allergens:
        parts.append(verb(name, "has") + " " + join(allergens, lang))
    if contains:
        parts.append(verb(name, "contains") + " " + join(contains, lang))
    body = " and ".join(parts) if parts else verb(name, "has") + " no listed allergens"
    return f"The {name} {body}."


def listing(menu: Menu, what: str, items: list[str], lang: str) -> str:
    names = [item_name(menu, i, lang) for i in items]
    if not names:
        return f"不好意思，没有{what}。" if lang == "zh" else f"Sorry, we have nothing {what}."
    if lang == "zh":
        return f"{what}有：{join(names, lang)}。"
    return f"{cap(what)}: {join(names, lang)}."


def avoided(what: str, lang: str) -> str:
    """An ingredient the diner avoids, as noted back: "no pork" / 不要猪肉 (not "Got it:
    pork", which reads as if pork were wanted)."""
    return f"不要{what}" if lang == "zh" else f"no {what}"


def noted(said: list[str], lang: str) -> str:
    if lang == "zh":
        return f"好的，记住了：{join(said, lang)}。点到不合适的菜我会提醒您。"
    return f"Got it: {join(said, lang)}. I'll warn you before anything that doesn't fit."


def conflict(menu: Menu, item: str, reasons: list[str], lang: str) -> str:
    name = item_name(menu, item, lang)
    if lang == "zh":
        return f"注意：{name}{join(reasons, lang)}。还要吗？"
    return f"Careful: the {name} {join(reasons, lang)}. Still add it?"


def offer(menu: Menu, items: list[str], lang: str) -> str:
    names = [item_name(menu, i, lang) for i in items]
    if not names:
        return ""
    if lang == "zh":
        return f"可以试试{join(names, lang, '或')}。"
    return f"How about the {join(names, lang, 'or')}?"
