"""Voice activity detection with the Silero VAD model that faster-whisper ships.

:func:`speech_probs` scores a whole recording, :func:`trim` cuts the silence
around the speech, and :class:`Endpointer` follows a live stream frame by frame
to say when the diner started and stopped speaking.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import numpy as np

from kiosk.audio.wav import RATE, from_float, to_float
from kiosk.errors import AudioError
from kiosk.types import Audio

#: Samples per VAD frame at 16 kHz (32 ms).
FRAME = 512
#: Samples of left context the model sees before each frame.
CONTEXT = 64
FRAME_S = FRAME / RATE


@functools.lru_cache(maxsize=1)
def _session() -> Any:
    try:
        from faster_whisper.vad import get_vad_model
    except ImportError as exc:  # pragma: no cover - faster-whisper is a dependency
        raise AudioError("voice activity detection needs faster-whisper") from exc
    return get_vad_model().session


class _State:
    """The Silero model's recurrent state and left context, carried across frames."""

    def __init__(self) -> None:
        self.h = np.zeros((1, 1, 128), dtype=np.float32)
        self.c = np.zeros((1, 1, 128), dtype=np.float32)
        self.context = np.zeros(CONTEXT, dtype=np.float32)

    def run(self, frames: np.ndarray) -> np.ndarray:
        """Speech probability of each row of ``frames`` (shape [n, FRAME]), in order."""
        ctx = np.concatenate([self.context[None], frames[:-1, -CONTEXT:]], axis=0)
        batch = np.concatenate([ctx, frames], axis=1).astype(np.float32)
        out, self.h, self.c = _session().run(None, {"input": batch, "h": self.h, "c": self.c})
        self.context = frames[-1, -CONTEXT:].copy()
        return np.asarray(out, dtype=np.float32).reshape(-1)


def speech_probs(samples: np.ndarray) -> np.ndarray:
    """Speech probability of each 32 ms frame of 16 kHz float ``samples``."""
    n = (len(samples) + FRAME - 1) // FRAME
    if n == 0:
        return np.zeros(0, dtype=np.float32)
    padded = np.zeros(n * FRAME, dtype=np.float32)
    padded[: len(samples)] = samples
    return _State().run(padded.reshape(n, FRAME))


@dataclass(frozen=True)
class VadConfig:
    """Endpointing settings.

    ``threshold``: speech probability above which a frame is speech;
    ``min_speech_s``: seconds of speech before an utterance starts;
    ``end_silence_s``: seconds of silence that end it; ``pad_s``: seconds kept
    around the speech when trimming; ``max_utterance_s``: longest utterance.
    """

    threshold: float = 0.5
    min_speech_s: float = 0.1
    end_silence_s: float = 0.5
    pad_s: float = 0.2
    #: longer than the 26 s from which the kiosk answers "that was too long", so
    #: such speech arrives whole instead of as two garbled turns
    max_utterance_s: float = 30.0


#: The default endpointing settings.
DEFAULT_VAD = VadConfig()


def speech_span(probs: np.ndarray, config: VadConfig = DEFAULT_VAD) -> tuple[int, int] | None:
    """First and last speech frame index (inclusive) of ``probs``, or None."""
    idx = np.flatnonzero(probs > config.threshold)
    if len(idx) == 0:
        return None
    return int(idx[0]), int(idx[-1])


def find_speech(audio: Audio, config: VadConfig = DEFAULT_VAD) -> Audio | None:
    """``audio`` cut to its speech plus ``config.pad_s`` either side, or None
    when there is no speech in it at all."""
    if audio.rate != RATE:
        raise AudioError(f"VAD needs {RATE} Hz audio, got {audio.rate} Hz")
    x = to_float(audio)
    span = speech_span(speech_probs(x), config)
    if span is None:
        return None
    pad = int(config.pad_s * RATE)
    start = max(0, span[0] * FRAME - pad)
    end = min(len(x), (span[1] + 1) * FRAME + pad)
    return from_float(x[start:end])


def trim(audio: Audio, config: VadConfig = DEFAULT_VAD) -> Audio:
    """``audio`` cut to its speech (see :func:`find_speech`); audio with no
    detectable speech is returned unchanged."""
    found = find_speech(audio, config)
    return audio if found is None else found


@dataclass(frozen=True)
class VadEvent:
    """What the stream did at ``time_s`` (seconds from the stream start):
    ``kind`` is "start" (speech began) or "end" (speech ended)."""

    kind: str
    time_s: float


class Endpointer:
    """Follows a 16 kHz float stream and reports the start and end of speech.

    Feed any number of samples with :meth:`feed`; it returns the events those
    samples completed. After "end", :meth:`reset` starts a new utterance.
    """

    def __init__(self, config: VadConfig = DEFAULT_VAD) -> None:
        self.config = config
        self.reset()

    def reset(self) -> None:
        self._state = _State()
        self._pending = np.zeros(0, dtype=np.float32)
        self._frames = 0
        self._speech_run = 0
        self._silence_run = 0
        self.in_speech = False
        self.speech_start_s: float | None = None

    def feed(self, samples: np.ndarray) -> list[VadEvent]:
        buf = np.concatenate([self._pending, np.asarray(samples, dtype=np.float32)])
        n = len(buf) // FRAME
        self._pending = buf[n * FRAME:]
        if n == 0:
            return []
        probs = self._state.run(buf[: n * FRAME].reshape(n, FRAME))
        events: list[VadEvent] = []
        for p in probs:
            self._frames += 1
            event = self._step(float(p))
            if event is not None:
                events.append(event)
        return events

    def _step(self, prob: float) -> VadEvent | None:
        cfg = self.config
        now = self._frames * FRAME_S
        if not self.in_speech:
            self._speech_run = self._speech_run + 1 if prob > cfg.threshold else 0
            if self._speech_run * FRAME_S >= cfg.min_speech_s:
                self.in_speech = True
                self._silence_run = 0
                self.speech_start_s = now - self._speech_run * FRAME_S
                return VadEvent("start", self.speech_start_s)
            return None
        quiet = prob < max(cfg.threshold - 0.15, 0.01)
        self._silence_run = self._silence_run + 1 if quiet else 0
        too_long = (self.speech_start_s is not None
                    and now - self.speech_start_s >= cfg.max_utterance_s)
        if self._silence_run * FRAME_S >= cfg.end_silence_s or too_long:
            self.in_speech = False
            self._speech_run = 0
            return VadEvent("end", now - self._silence_run * FRAME_S)
        return None
