"""Mandarin decoded by sound: Whisper's free hypotheses (no prompt, no Latin
letters or kana) re-decoded in sound space into the menu's phrases
(:mod:`kiosk.stt.pinyin`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.stt.free import FreeDecoder
from kiosk.stt.pinyin import SoundDecoder, redecode

#: Menu contexts whose sound decoders are kept.
CACHED_CONTEXTS = 8


class BySound:
    """Mandarin re-decoded by sound, with ``free`` decoding underneath."""

    def __init__(self, free: FreeDecoder) -> None:
        self.free = free
        self._suppress: list[int] | None = None
        self._decoders: dict[tuple[tuple[str, ...], ...], SoundDecoder] = {}

    def _not_chinese(self) -> list[int]:
        if self._suppress is None:
            from kiosk.stt.context import not_chinese

            self._suppress = not_chinese(self.free.prompts.tokenizer)
        return self._suppress

    def _decoder(self, hints: Sequence[str], words: Sequence[str],
                 examples: Sequence[str]) -> SoundDecoder:
        from kiosk.stt.context import sounds

        key = (tuple(hints), tuple(words), tuple(examples))
        found = self._decoders.get(key)
        if found is None:
            if len(self._decoders) >= CACHED_CONTEXTS:
                self._decoders.clear()
            found = self._decoders[key] = sounds(hints, words, examples)
        return found

    def lm(self, hints: Sequence[str], words: Sequence[str], examples: Sequence[str]) -> Any:
        """The phrase bigram model (a :class:`kiosk.stt.lm.BigramLM`) of this menu context."""
        return self._decoder(hints, words, examples).lm

    def decode(self, encoded: Any, hints: Sequence[str], words: Sequence[str],
               examples: Sequence[str]) -> list[tuple[str, float]]:
        """``(text, score)`` best first, in the menu's phrases where they sound alike."""
        # no prompt: a prompt gets copied ("两份，谢谢" heard for 两份锅贴)
        heard = self.free.generate(encoded, "zh", (), self._not_chinese())
        return redecode(heard, self._decoder(hints, words, examples))
