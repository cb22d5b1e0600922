"""Hearing, off the UI thread: model loading, voice activity, speech-to-text.

:class:`Hearing` turns a stream of 16 kHz float blocks (the microphone, or a
synthesized diner in ``kiosk demo``) into session events: ``SpeechStarted``,
``SpeechLevel``, ``SpeechEnded``, then, from the speech-to-text worker, a
transcript handed to ``on_transcript`` (the runtime picks the hypothesis that
makes the most sense against the menu on the UI thread and sends ``Heard``).

The model loads once, in the background, while the screen is already up.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.errors import KioskError
from kiosk.session import events as ev
from kiosk.session.pipeline import TOO_LONG_S, SpeechContext
from kiosk.types import Audio, Transcript

LEVEL_EVERY_S = 0.08
PARTIAL_EVERY_S = 0.9    # seconds of speech between "words as heard" updates
PARTIAL_MAX_S = 6.0      # no partials for longer utterances (the final must not wait)
BARGE_IN_LEVEL = 0.7     # level (0..1) a voice needs to interrupt the kiosk's own speech


@dataclass(frozen=True)
class Heard:
    """A finished transcription: the transcript, its visit, and when speech ended.

    ``ended_at``: ``time.monotonic()`` at the end of speech; ``stt_ms``: engine time.
    """

    transcript: Transcript
    visit: int
    ended_at: float
    stt_ms: float
    language: str = "auto"


def level_of(block: np.ndarray) -> float:
    """0..1 loudness of a float block (-60 dBFS -> 0, 0 dBFS -> 1)."""
    if block.size == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(np.square(block, dtype=np.float64))))
    db = 20.0 * np.log10(max(rms, 1e-6))
    return float(min(1.0, max(0.0, (db + 60.0) / 60.0)))


class Hearing:
    """Voice activity and speech-to-text for one kiosk.

    ``load``: returns a Transcriber (called once, in the background);
    ``send``: posts a session event (thread-safe); ``visit``: the current visit
    number; ``on_transcript``: called (from the worker) with each :class:`Heard`;
    ``language`` (called per utterance: "en", "zh" or "auto") / ``context``: the
    engine's ``hints``, ``words`` and ``examples`` for the current menu (see
    :func:`kiosk.session.pipeline.speech_context`); ``speaking``: whether the kiosk's readback is playing (its echo
    must be loud to count as the diner barging in).
    """

    def __init__(self, load: Callable[[], Any], send: Callable[[ev.Event], None],
                 visit: Callable[[], int], on_transcript: Callable[[Heard], None], *,
                 language: Callable[[], str] = lambda: "auto",
                 context: Callable[[], SpeechContext] = lambda: SpeechContext(),
                 speaking: Callable[[], bool] = lambda: False) -> None:
        self._load = load
        self.send = send
        self.visit = visit
        self.on_transcript = on_transcript
        self.language = language
        self.context = context
        self.speaking = speaking
        self.transcriber: Any = None
        self.ready = threading.Event()
        self.load_error: str | None = None
        self.load_s: float | None = None
        self.listening = True
        self._jobs: queue.Queue[tuple[Audio, int, float | None] | None] = queue.Queue()
        self._busy = False
        self.live_words = True  # transcribe the utterance so far while the diner speaks
        self._worker: threading.Thread | None = None
        self._stop = threading.Event()

    # ------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Load the model and start the speech-to-text worker (both in the background)."""
        self._worker = threading.Thread(target=self._work, name="stt", daemon=True)
        self._worker.start()

    def stop(self) -> None:
        self._stop.set()
        self._jobs.put(None)

    def _work(self) -> None:
        started = time.monotonic()
        try:
            self.transcriber = self._load()
            self._warm_up()
        except KioskError as exc:
            self.load_error = str(exc)
            self.send(ev.SpeechReady(False, str(exc)))
            return
        self.load_s = time.monotonic() - started
        self.ready.set()
        self.send(ev.SpeechReady(True))
        while not self._stop.is_set():
            job = self._jobs.get()
            if job is None:
                return
            self._busy = True
            try:
                if job[2] is None:
                    self._partial(job[0], job[1])
                else:
                    self._transcribe(job[0], job[1], job[2])
            finally:
                self._busy = False

    def _warm_up(self) -> None:
        """One tiny transcription so the first diner does not pay for lazy initialisation."""
        silence = Audio(b"\x00\x00" * 8000)
        try:
            ctx = self.context()  # builds the engine's vocabulary for the menu now
            self.transcriber.transcribe(silence, language=self.language(), **ctx.kwargs())
        except KioskError:
            pass

    def _transcribe(self, audio: Audio, visit: int, ended_at: float) -> None:
        if audio.duration_s >= TOO_LONG_S:  # not a turn: say so rather than guess at it
            self.send(ev.HeardNothing(visit, f"{audio.duration_s:.0f} s of speech",
                                      too_long=True))
            return
        t0 = time.monotonic()
        language = self.language()
        try:  # the endpointer already cut the speech out (with a little padding)
            ctx = self.context()
            transcript = self.transcriber.transcribe(audio, language=language,
                                                     **ctx.kwargs())
        except KioskError as exc:
            self.send(ev.HeardNothing(visit, str(exc)))
            return
        self.on_transcript(Heard(transcript, visit, ended_at, (time.monotonic() - t0) * 1000,
                                 language))

    # ------------------------------------------------------------ the stream

    def _partial(self, audio: Audio, visit: int) -> None:
        """Words heard so far: shown on the listening screen, never acted on."""
        if visit != self.visit():
            return
        try:
            ctx = self.context()
            transcript = self.transcriber.transcribe(audio, language=self.language(),
                                                     **ctx.kwargs())
        except KioskError:
            return
        if transcript.text.strip():
            self.send(ev.Partial(transcript.text.strip()))

    def submit(self, audio: Audio, visit: int, ended_at: float | None = None) -> None:
        """Transcribe one finished utterance (queued behind any running one)."""
        self._jobs.put((audio, visit, time.monotonic() if ended_at is None else ended_at))

    def _maybe_partial(self, chunks: list[np.ndarray], speech_s: float) -> bool:
        """Queue a partial transcription when the worker is idle; True if queued."""
        if (not self.live_words or not self.ready.is_set() or self._busy
                or not self._jobs.empty() or speech_s > PARTIAL_MAX_S):
            return False
        from kiosk.audio.wav import from_float

        self._jobs.put((from_float(np.concatenate(chunks)), self.visit(), None))
        return True

    def listen(self, blocks: Iterable[np.ndarray], stop: threading.Event | None = None,
               *, realtime: bool = False) -> int:
        """Follow ``blocks`` (16 kHz float); send speech events; submit each utterance.

        ``realtime``: pace the blocks at their real duration (a synthesized
        diner "speaking" into the kiosk). Returns the number of utterances.
        """
        from kiosk.audio.wav import RATE

        stream = _Stream(self)
        clock0, played = time.monotonic(), 0
        for block in blocks:
            if stop is not None and stop.is_set():
                break
            block = np.asarray(block, dtype=np.float32).reshape(-1)
            played += len(block)
            if realtime:
                ahead = clock0 + played / RATE - time.monotonic()
                if ahead > 0:
                    time.sleep(ahead)
            stream.feed(block)
        return stream.count


class _Stream:
    """One stream's endpointing state: the audio kept, partials, barge-in filtering."""

    def __init__(self, hearing: Hearing) -> None:
        from kiosk.audio import Endpointer, VadConfig
        from kiosk.audio.wav import RATE

        self.h = hearing
        self.rate = RATE
        self.ep = Endpointer(VadConfig())
        self.pad = int(VadConfig().pad_s * RATE)
        self.chunks: list[np.ndarray] = []
        self.played = 0
        self.count = 0
        self.last_level = 0.0
        self.last_partial = 0.0
        self.suppressed = False  # this utterance started while the kiosk spoke, too softly

    def feed(self, block: np.ndarray) -> None:
        self.played += len(block)
        if not self.h.listening:
            self.chunks.clear()
            self.ep.reset()
            return
        self.chunks.append(block)
        if self.ep.in_speech and not self.suppressed:
            self._progress(block)
        for event in self.ep.feed(block):
            if event.kind == "start":
                self._start(event.time_s, block)
            elif event.kind == "end":
                self._end(event.time_s)
        if not self.ep.in_speech and sum(len(c) for c in self.chunks) > 2 * self.rate:
            self.chunks = _tail(self.chunks, self.pad + self.rate)

    def _progress(self, block: np.ndarray) -> None:
        now = time.monotonic()
        if now - self.last_level >= LEVEL_EVERY_S:
            self.last_level = now
            self.h.send(ev.SpeechLevel(level_of(block)))
        if self.ep.speech_start_s is not None:
            speech_s = self.played / self.rate - self.ep.speech_start_s
            if speech_s - self.last_partial >= PARTIAL_EVERY_S \
                    and self.h._maybe_partial(self.chunks, speech_s):
                self.last_partial = speech_s

    def _start(self, time_s: float, block: np.ndarray) -> None:
        # The kiosk's own readback reaches the microphone too: while it speaks,
        # only a loud, close voice counts as the diner interrupting (barge-in).
        self.suppressed = self.h.speaking() and level_of(block) < BARGE_IN_LEVEL
        if self.suppressed:
            return
        self.h.send(ev.SpeechStarted())
        self.last_partial = 0.0
        keep = int(time_s * self.rate) - self.pad
        self.chunks = _tail(self.chunks, self.played - max(keep, 0))

    def _end(self, time_s: float) -> None:
        from kiosk.audio.wav import from_float

        if self.suppressed:
            self.suppressed = False
            self.chunks = []
            return
        self.h.send(ev.SpeechEnded())
        tail = max(0, self.played - (int(time_s * self.rate) + self.pad))
        joined = np.concatenate(self.chunks) if self.chunks else np.zeros(0, np.float32)
        audio = from_float(joined[:len(joined) - tail] if tail else joined)
        self.h.submit(audio, self.h.visit(), time.monotonic())
        self.chunks = []
        self.count += 1


def _tail(chunks: list[np.ndarray], samples: int) -> list[np.ndarray]:
    """The last ``samples`` samples of ``chunks`` (as one block)."""
    if not chunks or samples <= 0:
        return []
    joined = np.concatenate(chunks)
    return [joined[-samples:]]
