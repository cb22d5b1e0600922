"""faster-whisper (CTranslate2) speech recognition, biased to the menu.

One utterance is decoded in one window with CTranslate2's Whisper ``generate``
directly (faster-whisper's ``transcribe`` returns one hypothesis; here the beam
search returns several, best first, with their scores, so the order parser can
pick the one that makes the best sense against the menu). The menu's phrases go
in as the previous-text prompt, and Mandarin hypotheses also get sound-alike
(pinyin) corrections toward the menu (:mod:`kiosk.stt.snap`). int8 on the CPU;
the window is cut to the utterance (plus padding) because the encoder's cost
grows with its length. Auto language: Whisper's language detection between en
and zh, decoding both when it is unsure.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.errors import AudioError, ConfigError, TranscriptionError
from kiosk.stt import ScoredTranscript
from kiosk.stt.held import NO_SPEECH_LOGPROB, NO_SPEECH_PROB, HeldSearch
from kiosk.stt.models import ModelInfo, default_whisper_model, find_whisper_model
from kiosk.stt.pinyin import redecode
from kiosk.stt.snap import undoubled
from kiosk.stt.text import dedupe, has_cjk, tidy
from kiosk.types import Audio, Grammar

#: The sample rate Whisper takes (Hz).
RATE = 16000
#: Mel frames per second of audio (hop of 160 samples at 16 kHz).
FRAMES_PER_S = 100
#: The window Whisper was trained on, in mel frames (30 s).
FULL_WINDOW = 3000
#: Budget of prompt tokens for menu phrases (Whisper allows up to 223).
PROMPT_TOKENS = 200
#: Prompt shape per (style, language): lead-in, separator, ending.
PROMPT_FORM: dict[tuple[str, str], tuple[str, str, str]] = {
    ("menu", "en"): (" Canteen menu: ", ", ", "."),
    ("menu", "zh"): ("食堂菜单：", "、", "。"),
    ("list", "en"): (" ", ", ", ","),
    ("list", "zh"): ("", "，", "，"),
}
#: Budget of prompt tokens in constrained decoding (the dish names: measured as
#: accurate as 200 tokens of names, options and aliases, and 1.5x faster).
CONSTRAINED_PROMPT_TOKENS = 100
#: Utterances shorter than this (seconds) are decoded without the dish names:
#: they are answers and commands ("that's all"), which the names pull toward
#: dishes ("that sauce").
PROMPT_MIN_S = 1.5
#: Most sound-alike corrections rescored per utterance, and how far (mean
#: log-probability per token) below the best decoded text one may score.
SNAP_CANDIDATES = 10
SNAP_MARGIN = 0.35
#: Engine score given to a correction: its source's, less this.
SNAP_PENALTY = 0.3
#: In auto mode, both languages are decoded unless one has this share of
#: the en+zh language probability.
SURE_LANGUAGE = 0.9


@dataclass(frozen=True)
class WhisperOptions:
    """Decoding settings.

    ``beam_size``/``num_hypotheses``: beam search width and how many finished
    hypotheses to return; ``min_window_s``: shortest encoder window in seconds
    (the utterance is padded to it; 30 = Whisper's own window); ``pad_s``:
    silence added after the speech, seconds (the caller trims silence with VAD);
    ``cpu_threads``: CTranslate2 threads; ``compute_type``: e.g. "int8";
    ``prompt``: put the menu phrases in the prompt; ``prompt_style``: its
    shape (a key of :data:`PROMPT_FORM`); ``patience``: beam patience;
    ``snap``: for which language ("en", "zh", "all" or "off") to add
    sound-alike corrections toward the menu; ``snap_check``: rescore them
    against the audio by forced alignment (measured: slower, no better);
    ``constrain``: for which language to hold decoding to the allowed words;
    ``sound``: for which language to re-decode by sound; ``lm_weight``:
    weight of the word bigram model; ``grammar_penalty``: cost (log-probability
    per word) of a word the order grammar does not allow where it comes (0:
    no grammar); ``local_softmax``: in held decoding, normalise the model's
    scores over the tokens the search may write only (measured on 300
    utterances: the same acceptance, p95 latency about 30% lower);
    ``open_beam``/``open_steps``: the held search's beam for its first
    tokens, where an order is most open (any opener, count or dish may come;
    later words are held by the grammar). Measured on 60 held-out utterances
    x 3 SNRs: 105 -> 115 accepted (a beam of 8 throughout: 111, and slower).
    """

    beam_size: int = 4
    num_hypotheses: int = 4
    min_window_s: float = 8.0
    pad_s: float = 1.0
    cpu_threads: int = 2
    compute_type: str = "int8"
    prompt: bool = True
    prompt_style: str = "menu"
    snap: str = "zh"
    snap_check: bool = False
    patience: float = 1.0
    length_penalty: float = 1.0
    constrain: str = "en"
    sound: str = "zh"
    lm_weight: float = 0.2
    grammar_penalty: float = 6.0
    local_softmax: bool = True
    open_beam: int = 8
    open_steps: int = 10


class WhisperTranscriber:
    """A loaded faster-whisper model. Safe to share between threads."""

    engine = "whisper"

    def __init__(self, info: ModelInfo, options: WhisperOptions = WhisperOptions()) -> None:
        from faster_whisper import WhisperModel

        self.info = info
        self.model_name = info.name
        self.options = options
        try:
            self._model = WhisperModel(str(info.path), device="cpu",
                                       compute_type=options.compute_type,
                                       cpu_threads=options.cpu_threads, local_files_only=True)
        except (RuntimeError, ValueError, OSError) as exc:
            raise TranscriptionError(f"cannot load whisper model {info.path}: {exc}") from exc
        self._tok = self._model.hf_tokenizer
        self._lock = threading.Lock()
        self._prompt_cache: dict[tuple[str, tuple[str, ...]], list[int]] = {}
        self._vocab_cache: dict[tuple[tuple[str, ...], ...], Any] = {}
        self._held = HeldSearch(self)

    @property
    def multilingual(self) -> bool:
        return bool(self._model.model.is_multilingual)

    def _token(self, text: str) -> int:
        tid = self._tok.token_to_id(text)
        if tid is None:
            raise TranscriptionError(f"model {self.model_name} has no token {text}")
        return int(tid)

    def features(self, samples: np.ndarray) -> np.ndarray:
        """Log-mel features of float ``samples`` in a window cut to their length."""
        opts = self.options
        n = len(samples) + int(opts.pad_s * RATE)
        frames = max(int(opts.min_window_s * FRAMES_PER_S), math.ceil(n / 160))
        frames = min(FULL_WINDOW, frames + (-frames) % 2)
        padded = np.zeros(frames * 160, dtype=np.float32)
        padded[: min(len(samples), len(padded))] = samples[: len(padded)]
        feats = self._model.feature_extractor(padded)[:, :frames]
        return np.ascontiguousarray(feats[None].astype(np.float32))

    def prompt_ids(self, hints: Sequence[str], language: str,
                   budget: int = PROMPT_TOKENS) -> list[int]:
        """Previous-text tokens: the menu phrases (in ``language``'s script) as
        one sentence, cut to ``budget`` tokens."""
        key = (f"{language}/{budget}", tuple(hints))
        cached = self._prompt_cache.get(key)
        if cached is not None:
            return cached
        lead, sep, end = PROMPT_FORM.get((self.options.prompt_style, language),
                                         PROMPT_FORM[("menu", "en")])
        phrases = [h for h in hints if has_cjk(h) == (language == "zh")]
        budget -= len(self._tok.encode(lead + end, add_special_tokens=False).ids)
        text = ""
        for phrase in phrases:
            more = phrase if not text else text + sep + phrase
            if len(self._tok.encode(lead + more, add_special_tokens=False).ids) > budget:
                break
            text = more
        ids = self._tok.encode(lead + text + end, add_special_tokens=False).ids
        out = [self._token("<|startofprev|>"), *ids]
        self._prompt_cache[key] = out
        return out

    def _languages(self, encoded: Any, language: str) -> list[str]:
        """Languages to decode, most likely first (both when auto is unsure)."""
        if not self.multilingual:
            return ["en"]
        if language in ("en", "zh"):
            return [language]
        probs = dict(self._model.model.detect_language(encoded)[0])
        en, zh = probs.get("<|en|>", 0.0), probs.get("<|zh|>", 0.0)
        order = ["zh", "en"] if zh > en else ["en", "zh"]
        return order[:1] if max(en, zh) >= SURE_LANGUAGE * (en + zh) else order

    def transcribe(self, audio: Audio, *, language: str = "auto",
                   hints: Sequence[str] = (), words: Sequence[str] = (),
                   examples: Sequence[str] = (),
                   grammars: Sequence[Grammar] = ()) -> ScoredTranscript:
        """Best hypothesis first, the others in ``alternatives``, scores in ``scores``."""
        if language not in ("en", "zh", "auto"):
            raise ConfigError(f"unknown language {language!r}; valid: en, zh, auto")
        if language == "zh" and not self.multilingual:
            raise ConfigError(f"model {self.model_name} is English-only; use a multilingual "
                              "model (e.g. base) for Mandarin")
        if audio.rate != RATE:
            raise AudioError(f"whisper needs {RATE} Hz audio, got {audio.rate} Hz")
        started = time.perf_counter()
        samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0
        if len(samples) < RATE // 10:
            return ScoredTranscript("", language if language != "auto" else "en",
                                    audio.duration_s, elapsed_ms=_ms(started))
        with self._lock:
            hyps = self._decode(samples, language, hints, words, examples, grammars)
        if not hyps:
            return ScoredTranscript("", language if language != "auto" else "en",
                                    audio.duration_s, elapsed_ms=_ms(started))
        texts, langs, scores = (tuple(col) for col in zip(*hyps, strict=True))
        return ScoredTranscript(texts[0], langs[0], audio.duration_s, texts[1:],
                                confidence=min(1.0, math.exp(scores[0])),
                                elapsed_ms=_ms(started), scores=scores, languages=langs)

    def _decode(self, samples: np.ndarray, language: str, hints: Sequence[str],
                words: Sequence[str] = (), examples: Sequence[str] = (),
                grammars: Sequence[Grammar] = ()) -> list[tuple[str, str, float]]:
        import ctranslate2

        try:
            feats = ctranslate2.StorageView.from_array(self.features(samples))
            encoded = self._model.model.encode(feats, to_cpu=False)
            out: list[tuple[str, str, float]] = []
            for lang in self._languages(encoded, language):
                if self.options.constrain in (lang, "all") and (words or examples):
                    vocab = self._held.constraint(lang, hints, words, examples, grammars)
                    prefix = self._held_prefix(lang, hints, len(samples))
                    scored = self._held.decode(encoded, lang, vocab, len(samples), prefix)
                    out += [(text, lang, score) for text, score in scored]
                    continue
                if lang == "zh" and self.options.sound in (lang, "all") and examples:
                    # no prompt: a prompt gets copied ("两份，谢谢" heard for 两份锅贴)
                    heard = self._generate(encoded, lang, (), self._context("not-chinese"))
                    scored = redecode(heard, self._context("sounds", hints, words, examples))
                    out += [(text, lang, score) for text, score in scored]
                    continue
                scored = self._generate(encoded, lang, hints)
                if lang == "zh" and hints:  # a stutter, not a second dish
                    scored = dedupe([(undoubled(t, hints), sc) for t, sc in scored])
                if self.options.snap in (lang, "all") and scored and hints:
                    scored = self._snapped(encoded, scored, lang, hints, len(samples) // 160)
                out += [(text, lang, score) for text, score in scored]
            return out
        except RuntimeError as exc:
            raise TranscriptionError(f"whisper failed: {exc}") from exc

    def _held_prefix(self, lang: str, hints: Sequence[str], samples: int) -> list[int]:
        """What held decoding starts from: the dish names (for utterances of
        PROMPT_MIN_S or more) and the task tokens."""
        long = samples >= PROMPT_MIN_S * RATE
        return (self.prompt_ids(hints, lang, CONSTRAINED_PROMPT_TOKENS)
                if self.options.prompt and hints and long else []) + self._start(lang, ())

    def held_score(self, audio: Audio, text: str, *, language: str = "en",
                   hints: Sequence[str] = (), words: Sequence[str] = (),
                   examples: Sequence[str] = (),
                   grammars: Sequence[Grammar] = ()) -> float | None:
        """The score held decoding gives ``text`` as written (per token), or
        None when the allowed words cannot write it: above the best
        hypothesis's score, the search lost it; below, the model prefers
        another text."""
        import ctranslate2

        samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0
        with self._lock:
            feats = ctranslate2.StorageView.from_array(self.features(samples))
            encoded = self._model.model.encode(feats, to_cpu=False)
            vocab = self._held.constraint(language, hints, words, examples, grammars)
            lead = "" if language == "zh" else " "
            tokens = [int(t) for t in self._tok.encode(lead + text, add_special_tokens=False).ids]
            return self._held.score(encoded, vocab, self._held_prefix(language, hints,
                                                                      len(samples)), tokens)

    def _start(self, lang: str, hints: Sequence[str]) -> list[int]:
        """Prompt (menu phrases) and task tokens that every decoded text follows."""
        prefix = [self._token("<|startoftranscript|>")]
        if self.multilingual:
            prefix += [self._token(f"<|{lang}|>"), self._token("<|transcribe|>")]
        prefix.append(self._token("<|notimestamps|>"))
        return (self.prompt_ids(hints, lang) if self.options.prompt and hints else []) + prefix

    def _snapped(self, encoded: Any, scored: list[tuple[str, float]], lang: str,
                 hints: Sequence[str], frames: int) -> list[tuple[str, float]]:
        """``scored`` plus sound-alike corrections toward the menu (scored
        SNAP_PENALTY below their source). With ``snap_check`` they are rescored
        by forced alignment and kept only within SNAP_MARGIN of the best."""
        from kiosk.stt.snap import variants

        texts = [t for t, _ in scored]
        extra: dict[str, float] = {}
        for text, score in scored[:3]:
            for v in variants(text, hints, lang):
                if v not in texts and v not in extra:
                    extra[v] = score - SNAP_PENALTY
        extra = dict(list(extra.items())[:SNAP_CANDIDATES])
        if not extra:
            return scored
        if not self.options.snap_check:
            return scored + list(extra.items())
        forced = self.forced_scores(encoded, texts + list(extra), lang, frames)
        best = max(forced[: len(texts)])
        out = list(zip(texts + list(extra), forced, strict=True))
        return sorted([p for p in out[: len(texts)]] +
                      [p for p in out[len(texts):] if p[1] >= best - SNAP_MARGIN],
                      key=lambda p: -p[1])

    def forced_scores(self, encoded: Any, texts: Sequence[str], lang: str,
                      frames: int) -> list[float]:
        """Mean log-probability per token of each of ``texts`` given the audio
        (teacher-forced, without the menu prompt)."""
        import ctranslate2

        lead = "" if lang == "zh" else " "
        ids = [self._tok.encode(lead + t, add_special_tokens=False).ids or [0] for t in texts]
        enc = np.asarray(encoded)
        batch = ctranslate2.StorageView.from_array(
            np.ascontiguousarray(np.repeat(enc, len(ids), axis=0)))
        start = self._start(lang, ())  # no prompt: the audio's own say, and 5x faster
        results = self._model.model.align(batch, start, ids, [max(frames, 1)] * len(ids))
        return [float(np.mean(np.log(np.maximum(r.text_token_probs, 1e-9))))
                for r in results]

    def _context(self, kind: str, *parts: Sequence[str]) -> Any:
        """A :mod:`kiosk.stt.context` product for this menu context, cached:
        "en"/"zh" (allowed words and LM), "sounds" or "not-chinese"."""
        from kiosk.stt import context

        key = ((kind,), *(tuple(p) for p in parts))
        if key not in self._vocab_cache:
            if kind == "sounds":
                self._vocab_cache[key] = context.sounds(*parts)
            elif kind == "not-chinese":
                self._vocab_cache[key] = context.not_chinese(self._tok)
            else:
                self._vocab_cache[key] = context.vocabulary(self._tok, kind, *parts)
        return self._vocab_cache[key]

    def _no_speech_token(self) -> int:
        for name in ("<|nospeech|>", "<|nocaptions|>"):
            tid = self._tok.token_to_id(name)
            if tid is not None:
                return int(tid)
        raise TranscriptionError(f"model {self.model_name} has no no-speech token")

    def _generate(self, encoded: Any, lang: str, hints: Sequence[str],
                  suppress: Sequence[int] = ()) -> list[tuple[str, float]]:
        """Free beam search, the menu ``hints`` as the prompt (none if empty),
        never writing the ``suppress`` tokens."""
        opts = self.options
        prompt = self._start(lang, hints)
        result = self._model.model.generate(
            encoded, [prompt], beam_size=opts.beam_size, patience=opts.patience,
            num_hypotheses=min(opts.num_hypotheses, opts.beam_size),
            length_penalty=opts.length_penalty, return_scores=True,
            return_no_speech_prob=True, max_length=min(448, len(prompt) + 120),
            suppress_blank=True, suppress_tokens=[-1, *suppress])[0]
        if result.no_speech_prob > NO_SPEECH_PROB and result.scores[0] < NO_SPEECH_LOGPROB:
            return []  # Whisper's own judgement: nobody spoke (as in faster-whisper)
        eot = self._tok.token_to_id("<|endoftext|>")
        scored = [(tidy(self._tok.decode([t for t in ids if t < eot]), lang), float(s))
                  for ids, s in zip(result.sequences_ids, result.scores, strict=True)]
        return dedupe(scored)


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000.0


_CACHE: dict[tuple[str, WhisperOptions], WhisperTranscriber] = {}
_CACHE_LOCK = threading.Lock()


def create(model: str | None = None, *, language: str = "auto", **opts: Any) -> WhisperTranscriber:
    """A (cached) transcriber for ``model`` (name or directory). With no model:
    ``tiny.en`` for ``language="en"``, else the multilingual ``base``."""
    name = model or default_whisper_model(language)
    info = find_whisper_model(name)
    if info.english_only and language == "zh":
        raise ConfigError(f"model {info.name} is English-only; it cannot transcribe Mandarin "
                          "(use --model base)")
    try:
        options = WhisperOptions(**opts)
    except TypeError as exc:
        raise ConfigError(f"bad whisper option: {exc}") from exc
    key = (str(info.path), options)
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = WhisperTranscriber(info, options)
        return _CACHE[key]
