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
    text = re.sub(r"\s+", " ", text).strip()
    if language == "zh" or has_cjk(text):
        text = to_simplified(text)
        text = re.sub(r"(?<=[\u3400-\u9fff，。、]) (?=[\u3400-\u9fff，。、])", "", text)
    return text


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
