"""Sound-alike corrections toward the menu, as extra hypotheses.

A small model mishears menu words as sound-alikes ("to be foodle" for "two
beef noodle", "鱼白菜" for "一杯奶茶"). :func:`variants` proposes copies of a
hypothesis where spans that sound like a menu phrase (or a number) are
replaced by it. They are only proposals: the engine then scores each against
the audio, and the order parser picks among them.

English spans are compared as letters without spaces plus a crude phonetic
key; Mandarin spans as toneless pinyin.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from rapidfuzz import fuzz

#: Words every order uses besides the menu's phrases.
EN_EXTRA: tuple[str, ...] = ("one", "two", "three", "four", "five", "six", "seven", "eight",
                             "nine", "ten")
ZH_EXTRA: tuple[str, ...] = ("我要", "来", "一", "两", "三", "四", "五", "碗", "杯", "个", "份",
                             "一碗", "一杯", "一个", "一份", "两碗", "两杯", "两个", "两份",
                             "三碗", "三杯", "三个", "三份", "再来", "还要", "和")
#: Minimum similarity (0-100) for a span to be replaced by a phrase.
MIN_SIMILARITY = 78.0
MAX_SPAN = 4


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@functools.lru_cache(maxsize=8192)
def _phonetic(text: str) -> str:
    """English sound key: the metaphone of each word, joined."""
    import jellyfish

    return "".join(jellyfish.metaphone(w) for w in re.findall(r"[a-z]+", text.lower()))


@functools.lru_cache(maxsize=4096)
def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


def _similar_en(span: str, phrase: str) -> float:
    a, b = _letters(span), _letters(phrase)
    if not a or a == b:
        return 0.0
    return max(fuzz.ratio(a, b), fuzz.ratio(_phonetic(span), _phonetic(phrase)))


def _similar_zh(span: str, phrase: str) -> float:
    if span == phrase:
        return 0.0
    return float(fuzz.ratio(_pinyin(span), _pinyin(phrase)))


def _en_edits(text: str, lexicon: Sequence[str]) -> list[tuple[int, int, str, float]]:
    words = text.split()
    out = []
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + MAX_SPAN) + 1):
            span = " ".join(words[i:j])
            for phrase in lexicon:
                if abs(len(phrase.split()) - (j - i)) > 1:
                    continue
                sim = _similar_en(span, phrase)
                if sim >= MIN_SIMILARITY:
                    out.append((i, j, phrase, sim))
    return out


def _zh_edits(text: str, lexicon: Sequence[str]) -> list[tuple[int, int, str, float]]:
    out = []
    for phrase in lexicon:
        n = len(phrase)
        for size in {max(1, n - 1), n, n + 1}:
            for i in range(0, len(text) - size + 1):
                span = text[i:i + size]
                if not re.fullmatch(r"[\u3400-\u9fff]+", span):
                    continue
                sim = _similar_zh(span, phrase)
                if sim >= MIN_SIMILARITY + (10 if n <= 2 else 0):
                    out.append((i, i + size, phrase, sim))
    return out


def _apply(units: list[str], edits: list[tuple[int, int, str, float]], sep: str) -> str:
    out, pos = [], 0
    for i, j, phrase, _ in sorted(edits):
        out += units[pos:i] + [phrase]
        pos = j
    return sep.join(out + units[pos:])


def _greedy(edits: list[tuple[int, int, str, float]]) -> list[tuple[int, int, str, float]]:
    """The best-scoring edits that do not overlap (longer spans first on ties)."""
    chosen: list[tuple[int, int, str, float]] = []
    for e in sorted(edits, key=lambda e: (-e[3], -(e[1] - e[0]))):
        if all(e[1] <= c[0] or e[0] >= c[1] for c in chosen):
            chosen.append(e)
    return chosen


def undoubled(text: str, phrases: Sequence[str]) -> str:
    """``text`` with each doubled character made single unless a menu phrase
    has it doubled (the decoder stutters: 番茄蛋蛋花汤 -> 番茄蛋花汤,
    麻婆豆腐腐 -> 麻婆豆腐; 一点点辣 stays)."""
    keep = {m.group() for p in phrases for m in re.finditer(r"(.)\1", p)}
    return re.sub(r"([\u3400-\u9fff])\1",
                  lambda m: m.group() if m.group() in keep else m.group(1), text)


def variants(text: str, phrases: Sequence[str], language: str, limit: int = 6) -> list[str]:
    """Copies of ``text`` with sound-alike spans replaced by menu ``phrases``:
    all the best non-overlapping replacements at once, then each alone."""
    zh = language == "zh"
    # a one-character menu phrase (水, 冻) sounds like too much to snap toward
    # (锅腰移生董 became 冻, not 宫保鸡丁); the order words' own stay (凉 -> 两)
    mine = [p for p in phrases if not zh or len(p) > 1]
    lexicon = list(dict.fromkeys([*mine, *(ZH_EXTRA if zh else EN_EXTRA)]))
    if zh:
        units = list(text)
        edits = _zh_edits(text, [p for p in lexicon if re.search(r"[\u3400-\u9fff]", p)])
        sep = ""
    else:
        units = text.split()
        edits = _en_edits(text, [p for p in lexicon if not re.search(r"[\u3400-\u9fff]", p)])
        sep = " "
    if not edits:
        return []
    best = _greedy(edits)
    out = [_apply(units, best, sep)]
    for e in sorted(best, key=lambda e: -e[3]):
        out.append(_apply(units, [e], sep))
    if zh:  # a replacement may leave a stutter (番茄 over 茄蛋 -> 番茄蛋蛋)
        out = [undoubled(v, lexicon) for v in out]
    return [v for v in dict.fromkeys(out) if v != text][:limit]
