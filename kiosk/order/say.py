"""Turn the events of one turn into the sentence the kiosk says."""

from __future__ import annotations

from dataclasses import replace

from kiosk.menu.model import Menu
from kiosk.order.numbers import en_number, zh_number
from kiosk.order.reply import (
    Event,
    cap,
    item_name,
    line_text,
    measure,
    money,
    options_text,
    plural,
    qty_phrase,
    readback,
)
from kiosk.types import Cart, Question

CHANGES = ("added", "removed", "changed", "cleared")


#: The prompts a reply ends with when no question is open: (English, Mandarin).
PROMPTS = {"what": ("What would you like?", "想吃点什么？"),
           "more": ("Anything else?", "还要别的吗？")}


def _same_added_once(events: list[Event]) -> list[Event]:
    """The same dish with the same options added twice in a row ("a flaky pancake for
    me and the same for him") is said once with both counts: "Two flaky pancakes"."""
    out: list[Event] = []
    for ev in events:
        prev = out[-1] if out else None
        if prev is not None and ev.kind == prev.kind == "added" and ev.item == prev.item \
                and ev.options == prev.options and ev.group != prev.group:
            out[-1] = replace(prev, qty=prev.qty + ev.qty)
            continue
        out.append(ev)
    return out


def render(menu: Menu, events: list[Event], cart: Cart, question: Question | None,
           lang: str) -> str:
    """The reply: what changed, problems, the total, then the question or "Anything else?"."""
    zh = lang == "zh"
    parts: list[str] = []
    if len(events) > 1 or question is not None:
        events = [e for e in events if e.kind != "greet"]
    events = _same_added_once(events)
    k = 0
    while k < len(events):
        ev = events[k]
        if ev.kind == "added":
            group = [e for e in events[k:] if e.kind == "added" and e.group == ev.group
                     and e.item == ev.item]
            parts.append(_added(menu, group, lang))
            k += max(1, len(group))
            continue
        after = events[k + 1] if k + 1 < len(events) else None
        if not (ev.kind == "changed" and after is not None and after.kind == "changed"
                and after.item == ev.item):  # one line changed twice: say it once, as it is
            parts.append(_one(menu, ev, cart, lang))
        k += 1
    parts = [p for k, p in enumerate(parts) if p and p not in parts[:k]]  # said once
    kinds = {e.kind for e in events}
    final = kinds & {"checkout", "cancelled", "repeat", "empty"}
    if kinds & set(CHANGES) and not final:
        if cart.is_empty and "cleared" in kinds:
            pass
        elif cart.is_empty:
            parts.append("现在订单是空的。" if zh else "Your order is now empty.")
        else:
            parts.append(f"一共{money(cart.total, lang)}。" if zh
                         else f"That's {money(cart.total, lang)}.")
    if question is not None:
        parts.append(question.text)
    elif any(e.other for e in events):
        pass
    elif cart.is_empty and not final and not kinds & {"help", "greet", "nothing"}:
        parts.append(PROMPTS["what"][lang == "zh"])
    elif not final and not kinds & {"help", "greet", "nothing"}:
        parts.append(PROMPTS["more"][lang == "zh"])
    return ("" if zh else " ").join(parts)


def _added(menu: Menu, group: list[Event], lang: str) -> str:
    first = group[0]
    if len(group) == 1:
        text = line_text(menu, first.item, first.qty, first.options, lang)
        return text + "。" if lang == "zh" else cap(text) + "."
    total = sum(e.qty for e in group)
    item = menu.item(first.item) if first.item else None
    named = [options_text(menu, item, e.options, lang) for e in group]
    common = [o for o in named[0] if all(o in n for n in named[1:])]
    head = ("，" if lang == "zh" else ", ").join([qty_phrase(menu, first.item, total, lang),
                                                  *common])
    details: list[str] = []
    for e, all_opts in zip(group, named, strict=True):
        opts = [o for o in all_opts if o not in common]
        if opts:
            if lang == "zh":
                details.append(f"{zh_number(e.qty)}{measure(menu, e.item)}" + "，".join(opts))
            else:
                details.append(f"{en_number(e.qty)} " + ", ".join(opts))
    if lang == "zh":
        return "，".join([head, *details]) + "。"
    return cap(", ".join([head, *details])) + "."


def _one(menu: Menu, ev: Event, cart: Cart, lang: str) -> str:
    fn = _ZH.get(ev.kind) if lang == "zh" else _EN.get(ev.kind)
    if fn is None:
        return ""
    if ev.kind == "repeat":
        return readback(menu, cart, lang)
    return fn(menu, ev)


def _name(menu: Menu, ev: Event, lang: str) -> str:
    return item_name(menu, ev.item, lang)


def _en_sold_out(menu: Menu, ev: Event) -> str:
    text = f"Sorry, the {_name(menu, ev, 'en')} is sold out today."
    if ev.other:
        text += f" How about the {item_name(menu, ev.other, 'en')}?"
    return text


def _en_unknown(menu: Menu, ev: Event) -> str:
    text = f"Sorry, we don't have {ev.text}." if ev.text else "Sorry, I didn't catch that."
    if ev.other:
        text += f" Did you mean the {item_name(menu, ev.other, 'en')}?"
    return text


def _zh_sold_out(menu: Menu, ev: Event) -> str:
    text = f"不好意思，{_name(menu, ev, 'zh')}今天卖完了。"
    if ev.other:
        text += f"要不要来一{measure(menu, ev.other)}{item_name(menu, ev.other, 'zh')}？"
    return text


def _zh_unknown(menu: Menu, ev: Event) -> str:
    text = f"不好意思，我们没有{ev.text}。" if ev.text else "不好意思，没听清楚。"
    if ev.other:
        text += f"您是说{item_name(menu, ev.other, 'zh')}吗？"
    return text


def _reasons(ev: Event, lang: str, menu: Menu | None = None) -> list[str]:
    from kiosk.order.answer_text import term, verb

    def _name_of(e: Event) -> str:
        return item_name(menu, e.item, "en") if menu is not None else ""

    out = []
    for pair in ev.text.split(","):
        kind, _, cid = pair.partition(":")
        name = _name_of(ev)
        if kind == "allergen":
            out.append(("含" if lang == "zh" else verb(name, "has") + " ")
                       + term("allergens", cid, lang))
        elif kind == "contains":
            out.append(("有" if lang == "zh" else verb(name, "contains") + " ")
                       + term("contains", cid, lang))
        elif kind == "diet":
            out.append(("不是" if lang == "zh" else verb(name, "is") + " not ")
                       + term("diets", cid, lang))
    return list(dict.fromkeys(out))


def _conflict(menu: Menu, ev: Event, lang: str) -> str:
    from kiosk.order.answer_text import join

    reasons = join(_reasons(ev, lang, menu), lang)
    if lang == "zh":
        return f"注意：{_name(menu, ev, 'zh')}{reasons}。"
    return f"Careful: the {_name(menu, ev, 'en')} {reasons}."


_EN = {
    "text": lambda m, e: e.text,
    "conflict": lambda m, e: _conflict(m, e, "en"),
    "partial": lambda m, e: (f"Sorry, we can only do {en_number(e.qty)} "
                             f"{plural(_name(m, e, 'en'), e.qty)}."),
    "declined": lambda m, e: "OK, I won't add it.",
    "again_please": lambda m, e: "Sorry. Please say it again.",
    "again_rest": lambda m, e: "Sorry. Please say the rest again.",
    "removed": lambda m, e: (f"Removed {en_number(e.qty)} {plural(_name(m, e, 'en'), e.qty)}."
                             if e.qty else f"Removed the {_name(m, e, 'en')}."),
    "changed": lambda m, e: "Now " + line_text(m, e.item, e.qty, e.options, "en") + ".",
    "sold_out": _en_sold_out,
    "unknown": _en_unknown,
    "too_many": lambda m, e: (f"Sorry, we can only take {en_number(e.qty)} "
                              f"{plural(_name(m, e, 'en'), e.qty)} per order."),
    "misfit": lambda m, e: f"Sorry, the {_name(m, e, 'en')} doesn't come with \"{e.text}\".",
    "not_in_cart": lambda m, e: f"There's no {_name(m, e, 'en') or e.text} in your order.",
    "cleared": lambda m, e: "OK, I've cleared your order.",
    "cancelled": lambda m, e: "OK, your order is cancelled.",
    "checkout": lambda m, e: (f"That's {e.text} in total. Please check your order on the "
                              "screen and tap Confirm to pay."),
    "empty": lambda m, e: "Your order is empty. What would you like?",
    "repeat": lambda m, e: "",
    "help": lambda m, e: (f"We have {e.text}. " if e.text else "Tell me what you'd like. ")
    + (f"For example, say \"two {plural(_name(m, e, 'en'), 2)}\"." if e.item else ""),
    "greet": lambda m, e: "Hello! What would you like?",
    "have": lambda m, e: (f"Yes, we have {_name(m, e, 'en')}." if e.item else "Yes."),
    "again": lambda m, e: "Sorry, I didn't catch that.",
    "dropped": lambda m, e: "OK.",
    "nothing": lambda m, e: "Sorry, I didn't catch that. What would you like to order?",
    "no_target": lambda m, e: f"Sorry, I'm not sure what to change{(' to ' + e.text) if e.text else ''}.",
    "bad_qty": lambda m, e: (f"How many {plural(_name(m, e, 'en'), 2) if e.item else ''}"
                             " would you like? Please say a whole number from 1 to 99."
                             ).replace("  ", " "),
}

_ZH = {
    "text": lambda m, e: e.text,
    "conflict": lambda m, e: _conflict(m, e, "zh"),
    "partial": lambda m, e: f"不好意思，{_name(m, e, 'zh')}只能点{zh_number(e.qty)}{measure(m, e.item)}。",
    "declined": lambda m, e: "好的，不加了。",
    "again_please": lambda m, e: "不好意思，请再说一遍。",
    "again_rest": lambda m, e: "不好意思，其余的请再说一遍。",
    "removed": lambda m, e: (f"已去掉{zh_number(e.qty)}{measure(m, e.item)}{_name(m, e, 'zh')}。"
                             if e.qty else f"已去掉{_name(m, e, 'zh')}。"),
    "changed": lambda m, e: "好的，改成" + line_text(m, e.item, e.qty, e.options, "zh") + "。",
    "sold_out": _zh_sold_out,
    "unknown": _zh_unknown,
    "too_many": lambda m, e: f"不好意思，{_name(m, e, 'zh')}每单最多{zh_number(e.qty)}{measure(m, e.item)}。",
    "misfit": lambda m, e: f"{_name(m, e, 'zh')}不能选{e.text}。",
    "not_in_cart": lambda m, e: f"您的订单里没有{_name(m, e, 'zh') or e.text}。",
    "cleared": lambda m, e: "好的，订单已清空。",
    "cancelled": lambda m, e: "好的，订单已取消。",
    "checkout": lambda m, e: f"一共{e.text}，请在屏幕上确认订单并付款。",
    "empty": lambda m, e: "您还没有点餐，想吃点什么？",
    "repeat": lambda m, e: "",
    "help": lambda m, e: (f"我们有{e.text}。" if e.text else "请告诉我您想吃什么。")
    + (f"您可以说“两{measure(m, e.item)}{_name(m, e, 'zh')}”。" if e.item else ""),
    "greet": lambda m, e: "您好！想吃点什么？",
    "have": lambda m, e: (f"有{_name(m, e, 'zh')}。" if e.item else "有的。"),
    "again": lambda m, e: "不好意思，没听清楚。",
    "dropped": lambda m, e: "好的。",
    "nothing": lambda m, e: "不好意思，没听清楚，您想点什么？",
    "no_target": lambda m, e: "不好意思，不知道要改哪一个。",
    "bad_qty": lambda m, e: f"请问{_name(m, e, 'zh') if e.item else ''}要几{measure(m, e.item) if e.item else '份'}？请说一到九十九的整数。",
}
