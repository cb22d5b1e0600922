"""Quantities and money, spoken both ways: words <-> integers, fen -> yuan."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.order.phrases import phrasebook

EN_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12,
}

ZH_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "仨": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}
ZH_NUMERAL_CHARS = frozenset(ZH_DIGITS) | {"十", "百"}
#: Measure words a Mandarin quantity may carry (phrases.toml, zh ``measures``).
ZH_MEASURES = frozenset("".join(phrasebook("zh").cls("measures")))

_EN_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
             "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
             "sixteen", "seventeen", "eighteen", "nineteen"]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"]
_ZH_NUM = "零一二三四五六七八九"


def zh_numeral_value(text: str) -> int | None:
    """``"十二"`` -> 12, ``"两"`` -> 2, ``"二十三"`` -> 23, ``"3"`` -> 3; None if not a number."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 1 and text in ZH_DIGITS:
        return ZH_DIGITS[text]
    total, current = 0, 0
    for k, ch in enumerate(text):
        if ch in ZH_DIGITS:
            if k and text[k - 1] in ZH_DIGITS and text[k - 1] not in "零〇":
                return None  # 三两三 (三两 + 三鲜), 一二: digits side by side are no number
            current = ZH_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def leading_count(phrase: str, measures: Iterable[str] = ()) -> int | None:
    """The count a name is: a count and a measure word, and nothing else ("10 pieces"
    -> 10, "six piece" -> 6 with ``measures`` holding "piece"; "十块" and "十块装" -> 10
    by :data:`ZH_MEASURES`); None for other names ("0% sugar", 一点辣, 二两: 两 is a
    weight here, not a measure word)."""
    words = phrase.strip().lower().split()
    if len(words) == 2 and words[1] in measures:
        head = words[0]
        return int(head) if head.isdigit() else EN_UNITS.get(head)
    text = phrase.strip()
    if len(words) != 1 or not text:
        return None
    text = text[:-1] if text.endswith("装") else text
    if len(text) < 2 or text[-1] not in ZH_MEASURES:
        return None
    return zh_numeral_value(text[:-1])


def count_in(phrase: str) -> tuple[int, str] | None:
    """The count a command phrase says for each thing it repeats, with its measure word
    ("one more of the same" -> (1, ""), 再来一份一样的 -> (1, "份"), 每样再来两个 -> (2, "个"));
    None when it says none ("the same again", 也一样: as many as before)."""
    for word in phrase.lower().split():
        if word != "zero" and word in EN_UNITS:
            return EN_UNITS[word], ""
    for k, ch in enumerate(phrase):
        if ch in ZH_NUMERAL_CHARS and phrase[k + 1:k + 2] in ZH_MEASURES:
            return zh_numeral_value(ch) or 1, phrase[k + 1]
    return None


def measure_said(counts: list[str]) -> str:
    """The measure word of the last count said (["四个"] -> "个", ["3"] -> "")."""
    last = counts[-1] if counts else ""
    return last[-1] if last[-1:] in ZH_MEASURES else ""


def en_number(n: int) -> str:
    """12 -> "twelve" (words below 100, digits above)."""
    if 0 <= n < 20:
        return _EN_SMALL[n]
    if 20 <= n < 100:
        tens, unit = divmod(n, 10)
        return _EN_TENS[tens] + ("-" + _EN_SMALL[unit] if unit else "")
    return str(n)


def zh_number(n: int, counting: bool = True) -> str:
    """12 -> "十二"; 2 -> "两" when ``counting`` (before a measure word)."""
    if n == 2 and counting:
        return "两"
    if 0 <= n < 10:
        return _ZH_NUM[n]
    if 10 <= n < 100:
        tens, unit = divmod(n, 10)
        head = "" if tens == 1 else _ZH_NUM[tens]
        return head + "十" + (_ZH_NUM[unit] if unit else "")
    try:
        import cn2an

        return str(cn2an.an2cn(n))
    except Exception:  # noqa: BLE001 - formatting must never fail
        return str(n)


def money_en(fen: int) -> str:
    """1550 -> "15.50 yuan", 3000 -> "30 yuan"."""
    sign = "minus " if fen < 0 else ""
    fen = abs(fen)
    yuan, rest = divmod(fen, 100)
    if rest == 0:
        return f"{sign}{yuan} yuan"
    return f"{sign}{yuan}.{rest:02d} yuan"


def money_zh(fen: int) -> str:
    """1550 -> "十五元五角", 3000 -> "三十元", 1552 -> "十五元五角二分"."""
    sign = "负" if fen < 0 else ""
    fen = abs(fen)
    yuan, rest = divmod(fen, 100)
    jiao, fen_part = divmod(rest, 10)
    out = f"{sign}{zh_number(yuan, counting=False)}元" if yuan or not rest else sign
    if jiao:
        out += f"{_ZH_NUM[jiao]}角"
    if fen_part:
        out += f"{_ZH_NUM[fen_part]}分"
    return out
