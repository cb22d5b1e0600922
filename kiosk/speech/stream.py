"""Readback that starts speaking before it is all synthesized.

A :class:`Voice` synthesizes one piece of text at a time. :class:`StreamingSpeaker`
cuts a reply into pieces (:func:`pieces`: sentences, and the first sentence at its
commas, so that the first piece is short), plays the first piece as soon as it is
made and makes the next ones meanwhile, in a thread of their own. ``on_start`` is
the first piece's first audible sample; ``busy``/``stop``/``render`` behave as for
every :class:`~kiosk.speech.Speaker` (``kiosk.speech.tts.QueuedSpeaker``).
"""

from __future__ import annotations

import queue
import re
import threading
from collections.abc import Iterator, Mapping
from typing import Protocol

import numpy as np

from kiosk.errors import KioskError, SpeechOutputError
from kiosk.speech.output import FIRST_SOUND_LEVEL, AudioOutput, OnStart
from kiosk.speech.tts import QueuedSpeaker

#: Pause after a piece that ends a sentence, and after one that ends at a comma (s).
SENTENCE_PAUSE_S = 0.25
CLAUSE_PAUSE_S = 0.12
#: Silence kept before the first and after the last sound of a piece (s).
EDGE_S = 0.02

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
_CLAUSE_END = re.compile(r"(?<=[,;，；、])\s*")


class Voice(Protocol):
    """A text-to-speech voice: one piece of text in, 16-bit mono samples out."""

    name: str
    #: Languages it speaks ("en", "zh").
    langs: tuple[str, ...]

    def synth(self, text: str, lang: str) -> tuple[np.ndarray, int]:
        """``text`` (one sentence or clause) spoken: (int16 samples, rate in Hz)."""
        ...


def pieces(text: str, *, split_first: bool = True) -> list[str]:
    """``text`` as the pieces synthesized one by one: its sentences, the first one
    also cut at its commas when ``split_first`` (it is what the diner waits for)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if not sentences:
        return []
    if split_first:
        head = [c.strip() for c in _CLAUSE_END.split(sentences[0]) if c.strip()]
        sentences = head + sentences[1:]
    return sentences


def pause_after(piece: str) -> float:
    """Seconds of silence after ``piece``: none after the last word is the caller's."""
    return SENTENCE_PAUSE_S if piece[-1:] in ".!?。！？" else CLAUSE_PAUSE_S


class StreamingSpeaker(QueuedSpeaker):
    """Says each reply piece by piece with the ``voices`` (language -> voice)."""

    engine = "stream"

    def __init__(self, voices: Mapping[str, Voice], output: AudioOutput | None = None,
                 engine: str | None = None) -> None:
        self.voices = dict(voices)
        if engine is not None:
            self.engine = engine
        self._said = 0  # stop() counts up: a reply made before it is not played on
        super().__init__(output=output)
        self._submit(lambda: None)  # wait() returns once the voices are warm

    def _setup(self) -> None:
        """In the speaker's thread, before the first reply: load and run each voice once."""
        for voice in self.voices.values():
            warm = getattr(voice, "warm", None)
            if warm is not None:
                try:
                    warm()
                except SpeechOutputError as exc:
                    self.last_error = exc

    def close(self) -> None:
        super().close()
        for voice in self.voices.values():
            close = getattr(voice, "close", None)
            if close is not None:
                close()

    def voice(self, lang: str) -> Voice:
        """The voice for ``lang``; SpeechOutputError naming the languages it has."""
        try:
            return self.voices[lang]
        except KeyError:
            raise SpeechOutputError(
                f"the {self.engine} voice does not speak {lang!r}; it speaks: "
                f"{', '.join(sorted(self.voices))}") from None

    def say(self, text: str, lang: str = "en", on_start: OnStart | None = None) -> None:
        """Queue ``text``; its first piece is heard as soon as it is synthesized."""
        if not text.strip():
            return
        voice = self.voice(lang)
        self._stop.clear()
        self._submit(lambda: self._stream(voice, text, lang, on_start), speech=True)

    def _stream(self, voice: Voice, text: str, lang: str, on_start: OnStart | None) -> None:
        made: queue.Queue[tuple[np.ndarray, int] | BaseException | None] = queue.Queue()
        said = self._said

        def make() -> None:
            try:
                for piece in pieces(text):
                    if said != self._said:
                        break
                    made.put(_with_pause(*voice.synth(piece, lang), pause_after(piece)))
            except BaseException as exc:  # noqa: BLE001 - handed to the playing thread
                made.put(exc)
            made.put(None)

        def next_piece() -> tuple[np.ndarray, int] | None:
            item = made.get()
            if isinstance(item, BaseException):
                if isinstance(item, SpeechOutputError):
                    raise item
                raise SpeechOutputError(f"{voice.name} could not speak: {item}") from item
            return None if said != self._said else item

        threading.Thread(target=make, name="kiosk-speech-synth", daemon=True).start()
        first = next_piece()
        if first is None:
            return

        def sounds() -> Iterator[np.ndarray]:
            item: tuple[np.ndarray, int] | None = first
            while item is not None:
                yield item[0]
                item = next_piece()

        self._play_all(sounds(), first[1], on_start)

    def _play_all(self, sounds: Iterator[np.ndarray], rate: int,
                  on_start: OnStart | None) -> None:
        """One output stream for the whole reply where the output can (``play_pieces``)."""
        play = getattr(self.output, "play_pieces", None)
        if play is None:
            for samples in sounds:
                self._play(samples, rate, on_start)
                on_start = None
            return
        if self._stop.is_set():
            return
        try:
            play(sounds, rate, self._stop, on_start)
        except KioskError:
            raise
        except Exception as exc:  # noqa: BLE001 - an output's own failure, reported as ours
            raise SpeechOutputError(f"cannot play speech: {exc}") from exc

    def stop(self) -> None:
        """Stop speaking now, drop what is queued, and what is being made."""
        self._said += 1
        super().stop()

    def _synth(self, text: str, lang: str) -> tuple[np.ndarray, int]:
        """The whole of ``text`` at once (for ``render``)."""
        voice = self.voice(lang)
        parts: list[np.ndarray] = []
        rate = 0
        for piece in pieces(text, split_first=False):
            samples, rate = voice.synth(piece, lang)
            parts.append(_with_pause(samples, rate, pause_after(piece))[0])
        if not parts:
            raise SpeechOutputError("nothing to say")
        return np.concatenate(parts), rate


def _with_pause(samples: np.ndarray, rate: int, pause_s: float) -> tuple[np.ndarray, int]:
    """``samples`` without their silent ends (kept: :data:`EDGE_S`), then ``pause_s`` of
    silence: the voices begin with up to 0.3 s of silence, dead air before the first word."""
    x = np.asarray(samples, dtype="<i2")
    loud = np.flatnonzero(np.abs(x.astype(np.int32)) > FIRST_SOUND_LEVEL * 32768)
    edge = int(rate * EDGE_S)
    if loud.size:
        x = x[max(0, int(loud[0]) - edge):int(loud[-1]) + 1 + edge]
    pad = np.zeros(int(rate * pause_s), dtype="<i2")
    return np.concatenate([x, pad]), rate


def to_int16(samples: np.ndarray, peak: float = 0.9) -> np.ndarray:
    """Float samples (any scale) as int16, the loudest at ``peak`` of full scale."""
    x = np.asarray(samples, dtype=np.float64)
    top = float(np.max(np.abs(x))) if x.size else 0.0
    if top > 0:
        x = x * (peak / top)
    return np.clip(np.round(x * 32767), -32768, 32767).astype("<i2")


class EspeakVoice:
    """espeak-ng (the command line) as a :class:`Voice`: English, and Mandarin from pinyin."""

    name = "espeak"
    langs = ("en", "zh")

    def __init__(self, rate_wpm: int = 165, voice: str | None = None) -> None:
        self.rate_wpm = rate_wpm
        self.variant = voice

    def synth(self, text: str, lang: str) -> tuple[np.ndarray, int]:
        from kiosk.speech.synth import RATE, synthesize

        audio = synthesize(text, lang, voice=self.variant, speed=self.rate_wpm)
        return np.frombuffer(audio.pcm, dtype="<i2"), RATE
