"""What a Whisper decoder is held to, built from the menu context (once per menu).

``hints`` (the menu's phrases), ``words`` (the order language's own words) and
``examples`` (example utterances) become: the allowed English words and their
bigram model (:class:`kiosk.stt.constrained.Vocabulary`), the allowed Mandarin
characters (:class:`kiosk.stt.charset.CharVocabulary`), or the Mandarin sound
decoder (:class:`kiosk.stt.pinyin.SoundDecoder`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kiosk.stt.text import has_cjk


def vocabulary(tokenizer: Any, lang: str, hints: Sequence[str], words: Sequence[str],
               examples: Sequence[str]) -> Any:
    """The allowed words (English) or characters (Mandarin) of ``lang`` and their
    bigram model, for constrained decoding."""
    from kiosk.stt.lm import spelled_words, train

    zh = lang == "zh"
    said = [e for e in examples if has_cjk(e) == zh]
    mine = [h for h in (*hints, *words) if has_cjk(h) == zh]
    if zh:
        from kiosk.stt.charset import CharVocabulary

        chars = sorted({c for p in (*mine, *said) for c in p if has_cjk(c)})
        return CharVocabulary(chars, tokenizer, train(chars, said, mandarin=True))
    from kiosk.stt.constrained import Vocabulary

    # written as said ("I'd", "that's"); the model's unit drops the apostrophe
    mine = [w for h in (*mine, *said) for w in spelled_words(h)]
    mine += [str(n) for n in range(0, 21)]
    return Vocabulary(mine, tokenizer, train(mine, said, mandarin=False), spaced=True)


def sounds(hints: Sequence[str], words: Sequence[str], examples: Sequence[str]) -> Any:
    """The Mandarin sound-space decoder for the menu's and the order language's phrases."""
    from kiosk.stt.pinyin import build

    return build([*hints, *words], examples)


def not_chinese(tokenizer: Any) -> list[int]:
    """Text tokens with Latin letters or kana: Mandarin read by sound must come
    out in characters ("一个 your pouch" is no use)."""
    eot = int(tokenizer.token_to_id("<|endoftext|>"))
    return [tid for tid in range(eot)
            if re.search(r"[A-Za-z\u3040-\u30ff\uac00-\ud7af]", tokenizer.decode([tid]))]
