"""Whisper's input: PCM to float samples, and log-mel features in a window cut
to the utterance (the encoder's cost grows with the window's length)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from kiosk.types import Audio

#: The sample rate Whisper takes (Hz).
RATE = 16000
#: Audio samples per mel frame (a hop of 10 ms at 16 kHz).
HOP = 160
#: Mel frames per second of audio.
FRAMES_PER_S = RATE // HOP
#: The window Whisper was trained on, in mel frames (30 s).
FULL_WINDOW = 3000


def samples_of(audio: Audio) -> np.ndarray:
    """16-bit PCM as float32 samples in [-1, 1)."""
    return np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0


def window_frames(samples: int, min_window_s: float, pad_s: float) -> int:
    """Mel frames of the window for ``samples`` of speech: the speech and
    ``pad_s`` of silence, at least ``min_window_s``, at most 30 s, even."""
    n = samples + int(pad_s * RATE)
    frames = max(int(min_window_s * FRAMES_PER_S), math.ceil(n / HOP))
    return min(FULL_WINDOW, frames + (-frames) % 2)


def features(extractor: Callable[[np.ndarray], np.ndarray], samples: np.ndarray, *,
             min_window_s: float, pad_s: float) -> np.ndarray:
    """Log-mel features ``[1, mels, frames]`` (float32) of ``samples`` in a
    window cut to their length, by faster-whisper's ``extractor``."""
    frames = window_frames(len(samples), min_window_s, pad_s)
    padded = np.zeros(frames * HOP, dtype=np.float32)
    padded[: min(len(samples), len(padded))] = samples[: len(padded)]
    feats = extractor(padded)[:, :frames]
    return np.ascontiguousarray(feats[None].astype(np.float32))
