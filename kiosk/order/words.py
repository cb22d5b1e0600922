"""The words of the order language, for speech engines that constrain what they hear.

Everything the parser understands (commands, numbers, negations, separators,
yes/no, ordinals, its filler words) plus the small talk a diner wraps around
an order ("hi", "I'd like", "for here", "thanks"). Menu words are not here:
they come from the menu. Words outside this list and the menu carry no
meaning for the order; a recogniser held to them cannot drift to "to be
filled" for "two beef noodles".
"""

from __future__ import annotations

import functools
import re

from kiosk.order.lexicon import (
    EN_COMMANDS,
    EN_NEGATIONS,
    EN_ORDINALS,
    EN_QUANTITY_PHRASES,
    EN_SEPARATORS,
    EN_STOP,
    EN_YES,
    ZH_COMMANDS,
    ZH_FILLERS,
    ZH_NEGATIONS,
    ZH_SEPARATORS,
    ZH_YES,
)
from kiosk.order.numbers import EN_UNITS, ZH_DIGITS, ZH_MEASURES

#: Ordering small talk the parser drops as filler (written by hand, not taken
#: from the test corpus): contractions as Whisper spells them, politeness,
#: where to eat, and a few words diners use around a dish.
EN_TALK: tuple[str, ...] = tuple("""
I I'd I'll I'm I've it's that's that'll what's don't can't won't let's you're we're
we'd gimme lemme wanna gonna hi hello hey morning afternoon evening thanks thank you
please yes no okay ok here there go to take away eat drink for me us my our your
one ones another two three four five six seven eight nine ten a an the some of and
with without also plus but or not no more less extra just only all both each every
same other actually sorry wait oops instead make change swap switch add remove cancel
clear checkout pay done that this these those them it is are be will would could can
may might have has get got give need want like love please large small regular big
medium hot cold iced warm spicy mild sweet sugar ice cup cups bowl bowls plate plates
glass bottle bottles portion portions piece pieces side order orders meal lunch dinner
breakfast drink drinks food dish dishes how much total everything nothing else anything
""".split())
#: Mandarin small talk (characters and words) beyond the parser's fillers.
ZH_TALK: tuple[str, ...] = tuple("""
我 你 您 要 想 来 给 点 再 还 也 和 跟 加 不 没 有 是 的 了 吧 啊 呢 吗 个 份 碗 杯 瓶 盘 笼
一 二 两 三 四 五 六 七 八 九 十 大 小 中 辣 微 特 多 少 冰 热 温 甜 糖 去 换 成 改 就 这 那
些 都 各 每 好 行 对 谢 请 帮 麻烦 谢谢 你好 您好 一下 一份 一碗 一杯 一个 打包 带走 堂食
""".split())


def _phrases_en() -> list[str]:
    out = [*EN_COMMANDS, *EN_SEPARATORS, *EN_NEGATIONS, *EN_QUANTITY_PHRASES, *EN_STOP,
           *EN_YES, *EN_ORDINALS, *EN_UNITS, *EN_TALK]
    words: dict[str, None] = {}
    for phrase in out:
        for word in re.findall(r"[a-z0-9']+", phrase.lower()):
            words.setdefault(word, None)
    return list(words)


def _phrases_zh() -> list[str]:
    out: dict[str, None] = {}
    for phrase in (*ZH_COMMANDS, *ZH_SEPARATORS, *ZH_NEGATIONS, *ZH_FILLERS, *ZH_YES,
                   *ZH_DIGITS, *ZH_MEASURES, *ZH_TALK, "十", "百"):
        if phrase.strip() and phrase != ",":
            out.setdefault(phrase, None)
    return list(out)


@functools.cache
def spoken_words(lang: str) -> tuple[str, ...]:
    """The order language's own words for ``lang`` ("en": words; "zh": words
    and characters), without the menu's."""
    if lang == "zh":
        return tuple(_phrases_zh())
    return tuple(_phrases_en())
