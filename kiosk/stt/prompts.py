"""What every decoded text follows: the menu's phrases as the previous text
(Whisper's prompt) and the task tokens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.errors import TranscriptionError
from kiosk.stt.features import RATE
from kiosk.stt.text import has_cjk

#: Budget of prompt tokens for menu phrases (Whisper allows up to 223).
PROMPT_TOKENS = 200
#: Prompt shape per (style, language): lead-in, separator, ending.
PROMPT_FORM: dict[tuple[str, str], tuple[str, str, str]] = {
    ("menu", "en"): (" Canteen menu: ", ", ", "."),
    ("menu", "zh"): ("食堂菜单：", "、", "。"),
    ("list", "en"): (" ", ", ", ","),
    ("list", "zh"): ("", "，", "，"),
}
#: Budget of prompt tokens in held decoding (the dish names: measured as
#: accurate as 200 tokens of names, options and aliases, and 1.5x faster).
HELD_PROMPT_TOKENS = 100
#: Utterances shorter than this (seconds) are held-decoded without the dish
#: names: they are answers and commands ("that's all"), which the names pull
#: toward dishes ("that sauce").
PROMPT_MIN_S = 1.5


class Prompts:
    """Prompt and task tokens for one model: its ``tokenizer``, whether it is
    ``multilingual``, the prompt ``style`` (a key of :data:`PROMPT_FORM`), and
    whether the menu phrases are prompted at all (``enabled``)."""

    def __init__(self, tokenizer: Any, multilingual: bool, style: str = "menu",
                 enabled: bool = True) -> None:
        self.tokenizer = tokenizer
        self.multilingual = multilingual
        self.style = style
        self.enabled = enabled
        self._cache: dict[tuple[str, int, tuple[str, ...]], list[int]] = {}

    def token(self, text: str) -> int:
        """The id of special token ``text``; TranscriptionError if the model has none."""
        tid = self.tokenizer.token_to_id(text)
        if tid is None:
            raise TranscriptionError(f"the model has no token {text}")
        return int(tid)

    def no_speech(self) -> int:
        """The model's no-speech token."""
        for name in ("<|nospeech|>", "<|nocaptions|>"):
            tid = self.tokenizer.token_to_id(name)
            if tid is not None:
                return int(tid)
        raise TranscriptionError("the model has no no-speech token")

    def encode(self, text: str) -> list[int]:
        """The tokens of ``text`` (no special tokens)."""
        return [int(t) for t in self.tokenizer.encode(text, add_special_tokens=False).ids]

    def prompt_ids(self, hints: Sequence[str], language: str,
                   budget: int = PROMPT_TOKENS) -> list[int]:
        """Previous-text tokens: the menu phrases (in ``language``'s script) as
        one sentence, cut to ``budget`` tokens."""
        key = (language, budget, tuple(hints))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        lead, sep, end = PROMPT_FORM.get((self.style, language), PROMPT_FORM[("menu", "en")])
        phrases = [h for h in hints if has_cjk(h) == (language == "zh")]
        budget -= len(self.encode(lead + end))
        text = ""
        for phrase in phrases:
            more = phrase if not text else text + sep + phrase
            if len(self.encode(lead + more)) > budget:
                break
            text = more
        out = [self.token("<|startofprev|>"), *self.encode(lead + text + end)]
        self._cache[key] = out
        return out

    def start(self, lang: str, hints: Sequence[str] = ()) -> list[int]:
        """The prompt (``hints``, if prompting is enabled) and the task tokens."""
        prefix = [self.token("<|startoftranscript|>")]
        if self.multilingual:
            prefix += [self.token(f"<|{lang}|>"), self.token("<|transcribe|>")]
        prefix.append(self.token("<|notimestamps|>"))
        return (self.prompt_ids(hints, lang) if self.enabled and hints else []) + prefix

    def held_prefix(self, lang: str, hints: Sequence[str], samples: int) -> list[int]:
        """What held decoding starts from: the dish names (for utterances of
        :data:`PROMPT_MIN_S` or more) and the task tokens."""
        long = samples >= PROMPT_MIN_S * RATE
        names = (self.prompt_ids(hints, lang, HELD_PROMPT_TOKENS)
                 if self.enabled and hints and long else [])
        return names + self.start(lang)
