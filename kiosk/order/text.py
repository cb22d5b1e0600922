"""Text clean-up shared by the order language: width/case folding, traditional ->
simplified Chinese, punctuation, English word stems and language detection."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kiosk.menu.load import normalize_phrase

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD_RE = re.compile(r"[a-z]{2,}")
#: Characters that separate clauses; they become the separator token.
_SEP_CHARS = ",;:!?.，。；：！？、…~\n\t"
_EN_KEEP_RE = re.compile(r"[^a-z0-9', ]+")

#: Full-width / typographic apostrophes and dashes folded before tokenising.
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "-": " ", "_": " ", "/": " ", "&": " and "})


@lru_cache(maxsize=1)
def _opencc() -> object | None:
    try:
        from opencc import OpenCC
    except ImportError:  # pragma: no cover - the dependency is installed with the kiosk
        return None
    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_chars() -> frozenset[str] | None:
    """Characters t2s may change (None: unknown, always convert)."""
    cc = _opencc()
    try:
        cc.convert("")  # type: ignore[attr-defined]
        chars: set[str] = set()
        for group in cc._dict_chain_data:  # type: ignore[attr-defined]
            for entry in group:
                for key, value in entry[2].items():
                    if len(key) == 1 and key != value:
                        chars.add(key)
        return frozenset(chars)
    except (AttributeError, IndexError, TypeError):  # pragma: no cover - other opencc builds
        return None


def to_simplified(text: str) -> str:
    """Traditional Chinese characters -> simplified (opencc t2s); others unchanged."""
    if not _CJK_RE.search(text):
        return text
    cc = _opencc()
    if cc is None:  # pragma: no cover
        return text
    trad = _traditional_chars()
    if trad is not None and not any(ch in trad for ch in text):
        return text
    return str(cc.convert(text))  # type: ignore[attr-defined]


def fold(text: str) -> str:
    """NFKC, case-folded, simplified Chinese, apostrophes/dashes folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _MONEY_RE.sub(" , ", text)  # "that's 4.50 yuan": a price said, not a count
    text = _NOT_WHOLE_RE.sub(f" {NOT_WHOLE} ", text).translate(_FOLD)  # "0.5", "1/2", "-3"
    return to_simplified(text)


def detect_language(text: str) -> str:
    """``"zh"`` if the text has more Chinese characters than Latin words, else ``"en"``."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    cjk = len(_CJK_RE.findall(folded))
    if cjk == 0:
        return "en"
    latin = len(_LATIN_WORD_RE.findall(folded))
    return "zh" if cjk >= latin else "en"


def stem(word: str) -> str:
    """A crude English plural stem used on both the menu and the utterance side."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "oes")):
        return word[:-2]
    return word[:-1]


_MONEY_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:yuan|rmb|kuai|dollars?|元|块钱)")


#: A count that is not a whole number ("0.5 beef noodles", "1/2", "-3", 一点五碗).
NOT_WHOLE = "notwhole"
_NOT_WHOLE_RE = re.compile(r"(?<![\w.])-\s*\d+|\d*\.\d+|\b\d+\s*/\s*\d+\b|\bnegative\s+\w+")
_ZH_NUM = "零一二两三四五六七八九十百"
ZH_NOT_WHOLE_RE = re.compile(rf"负[{_ZH_NUM}\d]+|[{_ZH_NUM}\d]+点[{_ZH_NUM}\d]+(?=[份碗杯个瓶盒])"
                             rf"|\s*{NOT_WHOLE}\s*")


def en_words(text: str) -> list[str]:
    """English text -> words and ``","`` separators (already folded text)."""
    out: list[str] = []
    for ch in _SEP_CHARS:
        if ch in text:
            text = text.replace(ch, " , ")
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)
    text = _units(text)
    for raw in _EN_KEEP_RE.sub(" ", text).split():
        if raw == ",":
            out.append(",")
            continue
        word = raw.replace("'", "")
        if word:
            out.append(word)
    return out


@lru_cache(maxsize=1)
def _unit_re() -> tuple[re.Pattern[str], dict[str, str]]:
    from kiosk.order.phrases import phrasebook

    forms = {f: name for name, said in phrasebook("en").units.items() for f in (name, *said)}
    alts = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"\b(\d+|[a-z]+) ({alts})\b"), forms


def _units(text: str) -> str:
    """Spoken units in one form: "12 oz", "12-ounce" -> "twelve ounce"."""
    pattern, forms = _unit_re()

    def one(m: re.Match[str]) -> str:
        from kiosk.order.numbers import EN_UNITS, en_number

        count = m.group(1)
        if count.isdigit() and 0 < int(count) < 100:
            count = en_number(int(count)).replace("-", " ")
        elif count not in EN_UNITS:
            return m.group(0)
        return f"{count} {forms[m.group(2)]}"

    return pattern.sub(one, text)


def en_key(phrase: str) -> tuple[str, ...]:
    """A menu phrase -> the tuple of stemmed words it is matched by."""
    return tuple(stem(w) for w in en_words(fold(phrase)) if w != ",")


def zh_clean(text: str) -> str:
    """Folded Chinese text with spaces removed and clause punctuation as ``","``."""
    out = []
    for ch in text:
        if ch in _SEP_CHARS:
            out.append(",")
        elif ch.isspace() or ch in "'\"()[]{}<>《》（）【】“”「」*#@^=+|\\":
            continue
        else:
            out.append(ch)
    return "".join(out)


def zh_key(phrase: str) -> str:
    """A Chinese menu phrase -> the string it is matched by."""
    return zh_clean(fold(normalize_phrase(phrase)))


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))
