"""Cutting a stream of audio blocks into utterances.

The same code serves the live microphone, a WAV file and raw PCM on stdin: each
is an iterable of 16 kHz float blocks (:func:`blocks_of`), and
:func:`utterances` yields one :class:`Utterance` each time the
:class:`~kiosk.audio.vad.Endpointer` hears the diner stop.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from kiosk.audio.vad import DEFAULT_VAD, Endpointer, VadConfig
from kiosk.audio.wav import RATE, from_float, to_float
from kiosk.types import Audio


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech: ``audio`` (with ``VadConfig.pad_s`` either side),
    ``start_s``/``end_s`` (seconds from the stream start), and ``ended_at``
    (``time.monotonic()`` when the end of speech was detected)."""

    audio: Audio
    start_s: float
    end_s: float
    ended_at: float


def blocks_of(audio: Audio, block_s: float = 0.064) -> Iterator[np.ndarray]:
    """``audio`` (16 kHz) as float blocks of ``block_s`` seconds, then silence
    long enough for the endpointer to close a last utterance."""
    x = to_float(audio)
    step = max(1, int(block_s * RATE))
    for i in range(0, len(x), step):
        yield x[i:i + step]
    yield np.zeros(int(2.0 * RATE), dtype=np.float32)


def utterances(blocks: Iterable[np.ndarray], config: VadConfig = DEFAULT_VAD,
               on_start: Callable[[], object] | None = None) -> Iterator[Utterance]:
    """Each utterance in a stream of 16 kHz float ``blocks``, as soon as it ends.

    ``on_start`` is called when speech begins (e.g. to stop the kiosk talking).
    """
    ep = Endpointer(config)
    pad = int(config.pad_s * RATE)
    keep = int((config.max_utterance_s + 2 * config.pad_s + 1.0) * RATE)
    buf = np.zeros(0, dtype=np.float32)
    buf_start = 0  # sample index of buf[0] in the stream
    for block in blocks:
        buf = np.concatenate([buf, np.asarray(block, dtype=np.float32).reshape(-1)])
        for event in ep.feed(block):
            if event.kind == "start" and on_start is not None:
                on_start()
            if event.kind != "end" or ep.speech_start_s is None:
                continue
            start = max(int(ep.speech_start_s * RATE) - pad, buf_start)
            end = int(event.time_s * RATE) + pad
            seg = buf[start - buf_start:max(end - buf_start, 0)]
            yield Utterance(from_float(seg), start / RATE, event.time_s, time.monotonic())
            ep.speech_start_s = None
        if not ep.in_speech and len(buf) > pad + RATE:
            drop = len(buf) - pad - RATE
            buf, buf_start = buf[drop:], buf_start + drop
        elif len(buf) > keep:
            drop = len(buf) - keep
            buf, buf_start = buf[drop:], buf_start + drop
