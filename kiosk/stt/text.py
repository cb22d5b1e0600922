"""Text helpers shared by the engines: simplified Chinese, tidy transcripts."""

from __future__ import annotations

import functools
import re
from typing import Any

_CJK = re.compile(r"[\u3400-\u9fff]")


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


@functools.lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional Chinese characters to simplified (opencc ``t2s``)."""
    return _t2s().convert(text) if has_cjk(text) else text


def tidy(text: str, language: str) -> str:
    """An engine's raw text as a transcript: spaces squeezed, Chinese simplified
    and without the spaces some engines put between characters."""
    text = collapse_repeats(re.sub(r"\s+", " ", text.replace("\ufffd", "")).strip())
    if language == "zh" or has_cjk(text):
        text = to_simplified(text)
        text = re.sub(r"(.)\1{2,}", r"\1", text)  # 翔翔翔翔 -> 翔
        text = re.sub(r"(?<=[\u3400-\u9fff])[0-9０-９]+[。.]?$", "", text)  # 牛肉面４
        text = re.sub(r"(.{2,12}?)(?:[，、,\s]*\1)+([，、。,.\s]*)$", r"\1\2", text)
        text = re.sub(r"(?<=[\u3400-\u9fff，。、]) (?=[\u3400-\u9fff，。、])", "", text)
    return text


def collapse_repeats(text: str, min_words: int = 2) -> str:
    """``text`` without a tail that repeats the words just before it
    (``"some fried rice, some fried rice"`` -> ``"some fried rice"``), a
    common decoder loop. Runs of fewer than ``min_words`` words are kept."""
    tokens = text.split()
    keys = [re.sub(r"[^\w]", "", t.lower()) for t in tokens]
    changed = True
    while changed:
        changed = False
        n = len(keys)
        for k in range(n // 2, min_words - 1, -1):
            if keys[n - k:] == keys[n - 2 * k:n - k] and any(keys[n - k:]):
                tokens, keys = tokens[: n - k], keys[: n - k]
                changed = True
                break
    out = " ".join(tokens)
    return out.rstrip(",;") if out != text else out


def dedupe(scored: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """``(text, score)`` pairs without texts that differ only in case and
    punctuation from an earlier one; order kept, empty texts dropped."""
    seen: set[str] = set()
    out: list[tuple[str, float]] = []
    for text, score in scored:
        key = re.sub(r"[^\w]", "", text.lower())
        if key and key not in seen:
            seen.add(key)
            out.append((text, score))
    return out
