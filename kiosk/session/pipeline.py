"""The small wiring of speech to order: audio -> VAD trim -> transcriber -> parser.

Used by ``kiosk understand`` and ``kiosk listen`` (and the session runtime).
The transcriber's hypotheses are each scored by the order parser
(``Conversation.score``) and the one that makes the best sense against the menu
is the one the conversation takes. Speech of :data:`TOO_LONG_S` or more is not
transcribed: the diner is told that was too long (not "didn't catch that").
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.audio.vad import find_speech
from kiosk.audio.wav import RATE, resample
from kiosk.menu.model import Menu
from kiosk.order.examples import example_utterances
from kiosk.order.grammar import order_grammar
from kiosk.order.words import spoken_words
from kiosk.stt import Transcriber
from kiosk.types import Audio, Cart, Grammar, Heard, Question, Transcript, Turn

#: Weight of the engine's per-token log-probability against the parser's score.
ACOUSTIC_WEIGHT = 0.2
#: Seconds of speech (after trimming silence) from which a turn is "too long": Whisper
#: hears at most 30 s, and an order past 26 s would be cut off unheard.
TOO_LONG_S = 26.0


class Parser(Protocol):
    """What the pipeline needs of :class:`kiosk.order.Conversation`."""

    def turn(self, text: str, lang: str = "auto", heard: Heard | None = None) -> Turn: ...

    def score(self, text: str, lang: str) -> float: ...

    @property
    def cart(self) -> Cart: ...

    @property
    def question(self) -> Question | None: ...


@dataclass(frozen=True)
class Understanding:
    """One utterance understood.

    ``transcript``/``language``: the hypothesis chosen; ``turn``: what the
    parser made of it; ``hypotheses``: every ``(text, language)`` the engine
    offered, engine-best first; ``heard``: what the engine said of the chosen text
    (confidence, alternatives, scores); ``audio_s``: seconds of audio; ``stt_ms``,
    ``parse_ms``, ``total_ms``: wall-clock milliseconds for VAD + speech
    recognition, for choosing + parsing, and for all of it.
    """

    transcript: str
    language: str
    turn: Turn
    hypotheses: tuple[tuple[str, str], ...]
    audio_s: float
    stt_ms: float
    parse_ms: float
    total_ms: float
    #: what the confidence gate was told (None: the engine gives no confidence)
    heard: Heard | None = None

    def to_json(self) -> dict[str, Any]:
        """The fields of one ``kiosk understand --json`` line (without ``file``)."""
        turn = self.turn
        return {
            "transcript": self.transcript,
            "language": self.language,
            "understood": turn.understood,
            "actions": [a.to_json() for a in turn.actions],
            "cart": turn.cart.to_json(),
            "question": turn.question.to_json() if turn.question else None,
            "reply": turn.reply,
            "unparsed": list(turn.unparsed),
            "act": turn.act,
            "intent": turn.intent,
            "answer": dict(turn.answer) if turn.answer is not None else None,
            "acts": turn.acts_json(),
            "audio_s": round(self.audio_s, 3),
            "timings_ms": {"stt": round(self.stt_ms), "parse": round(self.parse_ms, 1),
                           "total": round(self.total_ms)},
            "alternatives": [t for t, _ in self.hypotheses if t != self.transcript],
        }


def menu_hints(menu: Menu, languages: Sequence[str]) -> tuple[str, ...]:
    """Menu phrases for biasing, most useful first: available item names, option
    names, then aliases (items before options), for each of ``languages``."""
    out: dict[str, None] = {}
    for lang in languages:
        items = [it for it in menu.items if it.available]
        for it in items:
            if it.name.get(lang):
                out.setdefault(it.name[lang], None)
        for grp in menu.option_groups:
            for opt in grp.options:
                if opt.name.get(lang):
                    out.setdefault(opt.name[lang], None)
        for it in items:
            for alias in it.aliases.get(lang, ()):
                out.setdefault(alias, None)
        for grp in menu.option_groups:
            for opt in grp.options:
                for alias in opt.aliases.get(lang, ()):
                    out.setdefault(alias, None)
    return tuple(out)


@dataclass(frozen=True)
class SpeechContext:
    """What the speech engine is told about the menu: ``hints`` (menu phrases,
    most useful first), ``words`` (the order language's own words),
    ``examples`` (example utterances for the menu) and ``grammars`` (the order
    language's grammar for the menu, per language that has one)."""

    hints: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    grammars: tuple[Grammar, ...] = ()

    def kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :meth:`kiosk.stt.Transcriber.transcribe`."""
        return {"hints": self.hints, "words": self.words, "examples": self.examples,
                "grammars": self.grammars}


_CONTEXTS: dict[tuple[int, tuple[str, ...]], tuple[Menu, SpeechContext]] = {}


def speech_context(menu: Menu, languages: Sequence[str]) -> SpeechContext:
    """The :class:`SpeechContext` of ``menu`` in ``languages`` (cached per menu
    object: a reloaded menu gets a new one)."""
    key = (id(menu), tuple(languages))
    found = _CONTEXTS.get(key)
    if found is not None and found[0] is menu:
        return found[1]
    ctx = SpeechContext(
        menu_hints(menu, languages),
        tuple(w for lang in languages for w in spoken_words(lang)),
        tuple(e for lang in languages for e in example_utterances(menu, lang)),
        tuple(g for lang in languages if (g := order_grammar(menu, lang)) is not None))
    if len(_CONTEXTS) > 8:
        _CONTEXTS.clear()
    _CONTEXTS[key] = (menu, ctx)
    return ctx


def hypotheses_of(transcript: Transcript) -> list[tuple[str, str, float]]:
    """``(text, language, engine score)`` of each hypothesis, engine-best first."""
    scored = getattr(transcript, "hypotheses", None)
    if callable(scored):
        return [(t, lang, float(s)) for t, lang, s in scored()]
    texts = (transcript.text, *transcript.alternatives)
    return [(t, transcript.language, -0.1 * i) for i, t in enumerate(texts)]


def heard_of(transcript: Transcript, hyps: list[tuple[str, str, float]], text: str,
             lang: str) -> Heard | None:
    """What the engine says of the chosen ``text`` for confidence-gated readback: its
    confidence (when the engine gives one) and the other hypotheses in ``lang``."""
    if transcript.confidence is None or not text:
        return None
    conf = transcript.confidence if text == transcript.text else transcript.confidence * 0.8
    same = [(t, s) for t, lg, s in hyps if lg == lang]
    chosen = next((s for t, s in same if t == text), None)
    others = [(t, s) for t, s in same if t != text]
    scores = (chosen, *(s for _, s in others)) if chosen is not None else ()
    return Heard(conf, tuple(t for t, _ in others),
                 tuple(float(x) for x in scores if x is not None), transcript.audio_s,
                 end_of(transcript, text))


def end_of(transcript: Transcript, text: str) -> float:
    """The engine's log-probability of the end of text after ``text`` (one of the
    transcript's hypotheses), 0.0 when it gives none."""
    texts = (transcript.text, *transcript.alternatives)
    ends: tuple[float, ...] = getattr(transcript, "ends", ())
    return next((e for t, e in zip(texts, ends, strict=False) if t == text), 0.0)


def choose(hyps: list[tuple[str, str, float]], parser: Parser,
           acoustic_weight: float = ACOUSTIC_WEIGHT) -> tuple[str, str]:
    """The ``(text, language)`` that makes the best sense against the menu,
    the engine's score breaking near-ties."""
    best: tuple[float, int] | None = None
    chosen = ("", hyps[0][1] if hyps else "en")
    for rank, (text, lang, score) in enumerate(hyps):
        if not text.strip():
            continue
        sense = parser.score(text, lang)
        key = (sense + acoustic_weight * max(score, -5.0), -rank)
        if best is None or key > best:
            best, chosen = key, (text, lang)
    return chosen


class SpeechPipeline:
    """Audio in, order turn out, for one diner's conversation (``parser``)."""

    def __init__(self, menu: Menu, transcriber: Transcriber, parser: Parser, *,
                 language: str = "auto", vad_trim: bool = True,
                 acoustic_weight: float = ACOUSTIC_WEIGHT) -> None:
        self.menu = menu
        self.transcriber = transcriber
        self.parser = parser
        self.language = language
        self.vad_trim = vad_trim
        self.acoustic_weight = acoustic_weight
        langs = ("en", "zh") if language == "auto" else (language,)
        self.context = speech_context(menu, langs)

    def understand(self, audio: Audio, *, started: float | None = None) -> Understanding:
        """Transcribe ``audio``, pick the best hypothesis, and take the turn.

        ``started``: ``time.perf_counter()`` at the end of speech, if known
        (live capture); otherwise now.
        """
        t0 = time.perf_counter() if started is None else started
        audio = resample(audio, RATE)
        speech = find_speech(audio) if self.vad_trim else audio
        if speech is not None and speech.duration_s >= TOO_LONG_S:
            return self._too_long(audio, t0)
        if speech is None:  # nothing said: no engine gets to hallucinate "Thank you"
            lang = self.language if self.language != "auto" else "en"
            transcript = Transcript("", lang, audio.duration_s)
        else:
            transcript = self.transcriber.transcribe(speech, language=self.language,
                                                     **self.context.kwargs())
        t1 = time.perf_counter()
        hyps = [h for h in hypotheses_of(transcript) if h[0].strip()]
        text, lang = (choose(hyps, self.parser, self.acoustic_weight) if hyps
                      else ("", transcript.language))
        lang = lang if self.language == "auto" else self.language
        heard = heard_of(transcript, hyps, text, lang)
        turn = self.parser.turn(text, lang, heard=heard)
        t2 = time.perf_counter()
        return Understanding(
            transcript=text, language=turn.language or lang, turn=turn,
            hypotheses=tuple((t, lg) for t, lg, _ in hyps), audio_s=audio.duration_s,
            stt_ms=(t1 - t0) * 1000, parse_ms=(t2 - t1) * 1000, total_ms=(t2 - t0) * 1000,
            heard=heard)

    def _too_long(self, audio: Audio, t0: float) -> Understanding:
        """Speech too long to transcribe: nothing is heard, the cart stays, and the reply
        says so in the conversation's language."""
        from kiosk.session.phrases import phrase

        lang = self.language if self.language != "auto" else getattr(self.parser, "language", "en")
        turn = Turn("", lang, False, (), phrase("too_long", lang), self.parser.cart,
                    self.parser.question)
        t1 = time.perf_counter()
        return Understanding(transcript="", language=lang, turn=turn, hypotheses=(),
                             audio_s=audio.duration_s, stt_ms=(t1 - t0) * 1000, parse_ms=0.0,
                             total_ms=(t1 - t0) * 1000)
