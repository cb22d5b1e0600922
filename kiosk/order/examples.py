"""Example utterances for a menu: what diners are expected to say, for speech engines.

A speech recogniser held to the order language needs to know not only its
words but how they follow each other ("two beef noodles", never "to be
noodles"). These sentences are generated from the menu (its dishes, options
and their aliases) and hand-written phrase patterns of ordering talk; they are
not taken from the test corpus. Deterministic for a given menu.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from kiosk.menu.model import Item, Menu
from kiosk.order.lexicon import EN_COMMANDS, EN_YES, ZH_COMMANDS, ZH_YES
from kiosk.order.numbers import EN_UNITS

EN_OPENERS: tuple[str, ...] = (
    "", "", "", "hi", "hello", "um", "uh", "can I get", "could I have", "could I get",
    "I'd like", "I want", "I'll have", "I'll take", "give me", "gimme", "let me get",
    "can I have", "good morning", "good afternoon", "hi can I get", "okay so I want",
    "yeah I'd like", "I would like", "I need", "we want", "can we get", "um can I get",
)
EN_CLOSERS: tuple[str, ...] = ("", "", "", "please", "thanks", "thank you", "that's all",
                               "for here", "to go", "please thanks")
EN_JOINERS: tuple[str, ...] = (" and ", ", ", ", and ", " and also ", " plus ", ", then ")
EN_COUNTS: tuple[str, ...] = ("a", "an", "one", "two", "three", "four", "five", "six",
                              "2", "3", "4", "a bowl of", "two bowls of", "a cup of",
                              "a couple of", "the", "")
EN_OPTION_LEADS: tuple[str, ...] = ("", "", "with", "no", "without", "add", "extra", "make it")
EN_FOLLOW_UPS: tuple[str, ...] = (
    "make that {n}", "actually make that {n}", "make it {n}", "change that to {n}",
    "no, the {opt} one", "actually {opt}", "the {opt} one", "{opt} please", "make it {opt}",
    "{n} of them {opt}", "one of them {opt}", "one {opt}, one {opt2}", "both {opt}",
    "remove the {dish}", "no {dish}", "cancel the {dish}", "actually make it a {dish}",
    "and {count} {dish}", "another {dish}", "one more {dish}", "the {dish} {opt}",
    "do you have {dish}", "how much is the {dish}", "just the {dish}", "{dish} {opt}",
)
ZH_OPENERS: tuple[str, ...] = ("", "", "", "我要", "我想要", "给我", "来", "来一个", "麻烦",
                               "你好", "老板", "我要点", "帮我来", "请给我", "我想点", "嗯")
ZH_CLOSERS: tuple[str, ...] = ("", "", "", "谢谢", "就这些", "打包", "吧", "好了", "带走")
ZH_JOINERS: tuple[str, ...] = ("", "，", "和", "，再来", "，还要", "，加", "跟", "，再要")
ZH_COUNTS: tuple[str, ...] = ("一份", "一碗", "两碗", "三碗", "一杯", "两杯", "一个", "两个",
                              "两份", "三份", "四个", "一", "两", "", "一盘", "一笼", "五个")
ZH_FOLLOW_UPS: tuple[str, ...] = (
    "改成{n}", "换成{n}", "改成{opt}", "换成{opt}的", "要{opt}的", "{opt}", "其中一碗{opt}",
    "一碗{opt}，一碗{opt2}", "都要{opt}", "{dish}不要了", "不要{dish}", "换成{dish}",
    "再来{count}{dish}", "再加{count}{dish}", "有没有{dish}", "{dish}多少钱", "{dish}{opt}",
)
EN_NUMBERS: tuple[str, ...] = ("one", "two", "three", "four", "five", "six", "seven",
                               "eight", "nine", "ten", "2", "3", "4")
ZH_NUMBERS: tuple[str, ...] = ("一碗", "两碗", "三碗", "两份", "三份", "两杯", "三杯", "四个",
                               "两个", "三个", "五个")


def _names(item: Item, lang: str) -> list[str]:
    return [n for n in (item.name.get(lang, ""), *item.aliases.get(lang, ())) if n]


def _options(menu: Menu, item: Item, lang: str) -> list[str]:
    out: list[str] = []
    for group in menu.option_groups:
        if group.id in item.option_groups:
            for opt in group.options:
                out += [n for n in (opt.name.get(lang, ""), *opt.aliases.get(lang, ())) if n]
    return out


def _line(rng: random.Random, menu: Menu, item: Item, lang: str) -> str:
    """One dish with a count and perhaps options."""
    name = rng.choice(_names(item, lang))
    opts = _options(menu, item, lang)
    if lang == "zh":
        out = rng.choice(ZH_COUNTS) + name
        for opt in rng.sample(opts, k=min(len(opts), rng.choice((0, 0, 1, 1, 2)))):
            out = rng.choice((opt + out, out + opt, out + "，" + opt, out + "要" + opt))
        return out
    count = rng.choice(EN_COUNTS)
    for opt in rng.sample(opts, k=min(len(opts), rng.choice((0, 0, 1, 1, 2)))):
        lead = rng.choice(EN_OPTION_LEADS)
        if not lead and rng.random() < 0.5:  # before the dish: "two large beef noodles"
            name = f"{opt} {name}"
        else:
            name = rng.choice((f"{name} {lead} {opt}", f"{name}, {lead} {opt}")).replace("  ", " ")
    return " ".join(p for p in (count, name) if p)


def _order(rng: random.Random, menu: Menu, items: Sequence[Item], lang: str) -> str:
    lines = [_line(rng, menu, rng.choice(items), lang) for _ in range(rng.choice((1, 1, 2, 2, 3)))]
    if lang == "zh":
        body = lines[0] + "".join(rng.choice(ZH_JOINERS) + ln for ln in lines[1:])
        return rng.choice(ZH_OPENERS) + body + rng.choice(ZH_CLOSERS)
    body = lines[0] + "".join(rng.choice(EN_JOINERS) + ln for ln in lines[1:])
    return " ".join(p for p in (rng.choice(EN_OPENERS), body, rng.choice(EN_CLOSERS)) if p)


def _follow_up(rng: random.Random, menu: Menu, items: Sequence[Item], lang: str) -> str:
    item = rng.choice(items)
    opts = _options(menu, item, lang) or [""]
    zh = lang == "zh"
    return rng.choice(ZH_FOLLOW_UPS if zh else EN_FOLLOW_UPS).format(
        n=rng.choice(ZH_NUMBERS if zh else EN_NUMBERS), opt=rng.choice(opts),
        opt2=rng.choice(opts), dish=rng.choice(_names(item, lang)),
        count=rng.choice(ZH_COUNTS if zh else EN_COUNTS)).strip()


def example_utterances(menu: Menu, lang: str, count: int = 4000, seed: int = 7) -> list[str]:
    """``count`` generated utterances in ``lang`` ("en" or "zh") for ``menu``,
    plus every command and yes-word of the order language on its own."""
    rng = random.Random(seed)
    items = [it for it in menu.items if _names(it, lang)]
    if not items:
        return []
    out = [_order(rng, menu, items, lang) if rng.random() < 0.7
           else _follow_up(rng, menu, items, lang) for _ in range(count)]
    if lang == "zh":
        out += [*ZH_COMMANDS, *sorted(ZH_YES)]  # sorted: a set's order follows the hash seed
    else:
        out += [*EN_COMMANDS, *sorted(EN_YES), *EN_UNITS]
    return out
