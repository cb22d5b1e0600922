"""Silero VAD: trimming, and the endpointer cutting a stream into utterances."""

from __future__ import annotations

import numpy as np
import pytest
from support.noise import fan_hum, mix

from kiosk.audio import (
    RATE,
    Endpointer,
    blocks_of,
    concat,
    silence,
    speech_probs,
    to_float,
    trim,
    utterances,
)
from kiosk.audio.vad import VadConfig
from kiosk.speech.synth import synthesize
from kiosk.types import Audio


@pytest.fixture(scope="module")
def words() -> Audio:
    return synthesize("one pork bun and a cola please", "en")


def test_speech_scores_high_and_silence_low(words: Audio) -> None:
    assert float(np.max(speech_probs(to_float(words)))) > 0.8
    assert float(np.max(speech_probs(to_float(silence(1.0))))) < 0.2


def test_trim_cuts_long_silence_but_keeps_the_speech(words: Audio) -> None:
    padded = concat(silence(2.0), words, silence(3.0))
    cut = trim(padded)
    assert cut.duration_s < words.duration_s + 1.0
    assert cut.duration_s > words.duration_s - 0.3


def test_trim_leaves_audio_without_speech_alone() -> None:
    quiet = silence(1.0)
    assert trim(quiet) == quiet


def test_endpointer_reports_start_then_end(words: Audio) -> None:
    ep = Endpointer(VadConfig(end_silence_s=0.4))
    events = []
    for block in blocks_of(concat(silence(1.0), words, silence(1.0))):
        events += ep.feed(block)
    kinds = [e.kind for e in events]
    assert kinds == ["start", "end"]
    assert events[0].time_s == pytest.approx(1.0, abs=0.3)
    assert events[1].time_s == pytest.approx(1.0 + words.duration_s, abs=0.4)


def test_stream_is_cut_into_each_utterance(words: Audio) -> None:
    other = synthesize("and two lemon teas", "en", "f3")
    stream = concat(silence(0.8), words, silence(1.2), other, silence(0.5))
    noisy = mix(stream, fan_hum(10.0), 20.0)
    starts: list[int] = []
    found = list(utterances(blocks_of(noisy), on_start=lambda: starts.append(1)))
    assert len(found) == 2 and len(starts) == 2
    assert found[0].audio.duration_s == pytest.approx(words.duration_s + 0.4, abs=0.5)
    assert found[1].start_s == pytest.approx(0.8 + words.duration_s + 1.2, abs=0.4)
    assert all(u.audio.rate == RATE for u in found)
