"""Vosk (Kaldi) speech recognition with a grammar limited to the menu.

The recognizer may only hear the menu's words (item names, aliases, options:
the ``hints``) plus command and number words, so it cannot wander off the
menu. Several alternatives come back, best first, for the order parser to
choose from. Vosk models are single-language directories (``--model DIR`` or
``$KIOSK_VOSK_MODEL``); words a model does not know are left out of the grammar.
"""

from __future__ import annotations

import ctypes
import json
import re
import threading
import time
from collections.abc import Sequence
from typing import Any

from kiosk.errors import AudioError, ConfigError, TranscriptionError
from kiosk.stt import ScoredTranscript
from kiosk.stt.models import ModelInfo, find_vosk_model
from kiosk.stt.text import has_cjk, tidy
from kiosk.types import Audio, Grammar

RATE = 16000
#: Words a diner uses around the menu's words, per language.
COMMAND_WORDS: dict[str, tuple[str, ...]] = {
    "en": tuple("""a an and the one two three four five six seven eight nine ten
        twenty dozen couple of with without no not yes please i i'd i'll like want
        can could get have give me make that it them more less another also plus add
        remove cancel clear checkout check out pay that's all done repeat help change
        instead actually wait sorry thanks bowl bowls cup cups plate bottle glass order
        some just for both each only large small big extra""".split()),
    "zh": ("我", "要", "来", "一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
           "十", "个", "碗", "份", "杯", "瓶", "盘", "笼", "和", "还", "再", "也", "不",
           "不要", "加", "换", "改", "成", "取消", "清空", "结账", "买单", "付款", "就",
           "这些", "好", "了", "吧", "的", "请", "帮", "我要", "再来", "还要", "算了",
           "重复", "帮助", "一下", "谢谢", "老板", "大", "小"),
}


def grammar_words(hints: Sequence[str], language: str) -> list[str]:
    """The grammar's vocabulary: words of ``hints`` and the command words."""
    words: dict[str, None] = {}
    langs = ("en", "zh") if language == "auto" else (language,)
    for lang in langs:
        for w in COMMAND_WORDS.get(lang, ()):
            words.setdefault(w, None)
    for phrase in hints:
        if has_cjk(phrase):
            if "zh" in langs:
                words.setdefault(phrase, None)
        elif "en" in langs:
            for w in re.findall(r"[\w']+", phrase.lower()):
                words.setdefault(w, None)
    return [*words, "[unk]"]


def _libc_srand() -> Any:
    """The C library's ``srand``, or None where it cannot be found."""
    try:
        return ctypes.CDLL(None).srand
    except (OSError, AttributeError):
        return None


_SRAND = _libc_srand()
#: Kaldi draws from the C library's ``rand()`` while decoding; what else in the
#: process drew before (espeak-ng, SDL, an earlier utterance) used to change the
#: best hypothesis on close calls. Seeded with this before every utterance, the
#: same audio and grammar give the same words.
RAND_SEED = 1


class VoskTranscriber:
    """A loaded Vosk model; a recognizer with the menu grammar per utterance."""

    engine = "vosk"

    def __init__(self, info: ModelInfo, max_alternatives: int = 5) -> None:
        try:
            import vosk
        except ImportError as exc:
            raise ConfigError("the vosk engine needs the vosk package") from exc
        vosk.SetLogLevel(-2)  # grammar words a model lacks would each log a warning
        self._vosk = vosk
        self.info = info
        self.model_name = info.name
        self.max_alternatives = max_alternatives
        try:
            self._model = vosk.Model(str(info.path))
        except Exception as exc:  # noqa: BLE001 - vosk raises a bare Exception
            raise TranscriptionError(f"cannot load vosk model {info.path}: {exc}") from exc
        self._lock = threading.Lock()

    def known(self, words: Sequence[str]) -> list[str]:
        """The ``words`` this model's vocabulary has (``[unk]`` always)."""
        find = getattr(self._model, "vosk_model_find_word", None)
        if find is None:
            return list(words)
        kept = [w for w in words if w == "[unk]" or find(w) >= 0]
        return kept if len(kept) > 1 else list(words)  # no word list: let vosk skip them

    def recognizer(self, hints: Sequence[str], language: str) -> Any:
        grammar = self.known(grammar_words(hints, language))
        rec = self._vosk.KaldiRecognizer(self._model, RATE, json.dumps(grammar,
                                                                       ensure_ascii=False))
        rec.SetMaxAlternatives(self.max_alternatives)
        rec.SetWords(False)
        return rec

    def transcribe(self, audio: Audio, *, language: str = "auto",
                   hints: Sequence[str] = (), words: Sequence[str] = (),
                   examples: Sequence[str] = (),
                   grammars: Sequence[Grammar] = ()) -> ScoredTranscript:
        """Best first; the grammar is ``hints`` and ``words`` (``examples``
        and ``grammars`` are not used: a Vosk grammar is a word list)."""
        if language not in ("en", "zh", "auto"):
            raise ConfigError(f"unknown language {language!r}; valid: en, zh, auto")
        if audio.rate != RATE:
            raise AudioError(f"vosk needs {RATE} Hz audio, got {audio.rate} Hz")
        started = time.perf_counter()
        with self._lock:
            try:
                rec = self.recognizer((*hints, *words), language)
                if _SRAND is not None:
                    _SRAND(RAND_SEED)
                rec.AcceptWaveform(audio.pcm)
                result = json.loads(rec.FinalResult())
            except Exception as exc:  # noqa: BLE001 - vosk raises a bare Exception
                raise TranscriptionError(f"vosk failed: {exc}") from exc
        alts = result.get("alternatives") or [{"text": result.get("text", ""),
                                               "confidence": 0.0}]
        texts = [tidy(str(a.get("text", "")).replace("[unk]", "").strip(), language)
                 for a in alts]
        confs = [float(a.get("confidence", 0.0)) for a in alts]
        pairs = [(t, c) for t, c in zip(texts, confs, strict=True) if t]
        elapsed = (time.perf_counter() - started) * 1000
        if not pairs:
            lang = language if language != "auto" else "en"
            return ScoredTranscript("", lang, audio.duration_s, elapsed_ms=elapsed)
        best = pairs[0][1]
        scores = tuple((c - best) / max(abs(best), 1.0) for _, c in pairs)
        lang = language if language != "auto" else ("zh" if has_cjk(pairs[0][0]) else "en")
        return ScoredTranscript(pairs[0][0], lang, audio.duration_s,
                                tuple(t for t, _ in pairs[1:]), elapsed_ms=elapsed,
                                scores=scores)


def create(model: str | None = None, *, language: str = "auto",
           max_alternatives: int = 5, **opts: Any) -> VoskTranscriber:
    """A transcriber for the Vosk model ``model`` (a directory or name; default:
    ``$KIOSK_VOSK_MODEL`` or the first found). Whisper-only options are ignored."""
    return VoskTranscriber(find_vosk_model(model), max_alternatives=max_alternatives)
