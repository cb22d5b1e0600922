"""Hearing: real voice activity detection over synthesized speech, scripted transcripts."""

from __future__ import annotations

import time

import numpy as np
import pytest

from kiosk.session import events as ev
from kiosk.session.listener import Hearing, level_of
from kiosk.types import Audio, Transcript


class STT:
    engine = model_name = "fake"

    def __init__(self) -> None:
        self.audio: list[Audio] = []

    def transcribe(self, audio: Audio, *, language: str = "auto", hints=(), words=(),
                   examples=(), grammars=()) -> Transcript:
        self.audio.append(audio)
        return Transcript("two beef noodle soups", "en", audio.duration_s)


def speech(gain: float = 1.0) -> np.ndarray:
    from kiosk.audio import to_float
    from kiosk.speech.synth import synthesize

    x = to_float(synthesize("two beef noodle soups please", "en"))
    x = x / max(1e-6, float(np.max(np.abs(x)))) * gain
    return np.concatenate([np.zeros(8000, np.float32), x.astype(np.float32),
                           np.zeros(32000, np.float32)])


def hearing(speaking: bool = False) -> tuple[Hearing, list, list]:
    events: list[ev.Event] = []
    heard: list = []
    stt = STT()
    h = Hearing(lambda: stt, events.append, lambda: 7, heard.append,
                speaking=lambda: speaking)
    h.live_words = False
    h.start()
    assert h.ready.wait(10)
    return h, events, heard


def blocks(x: np.ndarray, n: int = 1024):
    for i in range(0, len(x), n):
        yield x[i:i + n]


def wait_for(cond, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.01)
    return False


def test_an_utterance_gives_start_level_end_and_a_transcript() -> None:
    h, events, heard = hearing()
    assert h.listen(blocks(speech(0.8))) == 1
    kinds = [type(e) for e in events]
    assert ev.SpeechReady in kinds and ev.SpeechStarted in kinds and ev.SpeechEnded in kinds
    assert ev.SpeechLevel in kinds
    assert wait_for(lambda: heard)
    assert heard[0].visit == 7 and heard[0].transcript.text == "two beef noodle soups"
    assert 1.0 < heard[0].transcript.audio_s < 3.5  # the speech, not the silence around it
    h.stop()


def test_nothing_is_heard_while_the_microphone_is_closed() -> None:
    h, events, heard = hearing()
    h.listening = False
    assert h.listen(blocks(speech(0.8))) == 0
    assert not any(isinstance(e, ev.SpeechStarted) for e in events)
    h.stop()


@pytest.mark.parametrize("gain,counts", [(0.1, False), (1.0, True)])
def test_while_the_kiosk_speaks_only_a_loud_voice_barges_in(gain: float, counts: bool) -> None:
    h, events, _ = hearing(speaking=True)
    h.listen(blocks(speech(gain)))
    assert any(isinstance(e, ev.SpeechStarted) for e in events) is counts
    h.stop()


def test_level_scale() -> None:
    assert level_of(np.zeros(100, np.float32)) == 0.0
    assert level_of(np.ones(100, np.float32)) == 1.0
    assert 0.3 < level_of(np.full(100, 0.05, np.float32)) < 0.6


def test_a_failing_model_load_is_reported_not_raised() -> None:
    from kiosk.errors import ModelNotFoundError

    events: list[ev.Event] = []

    def load():
        raise ModelNotFoundError("no model tiny.en on this machine")

    h = Hearing(load, events.append, lambda: 1, lambda heard: None)
    h.start()
    assert wait_for(lambda: events)
    assert events[0] == ev.SpeechReady(False, "no model tiny.en on this machine")
    assert h.load_error and not h.ready.is_set()


def test_speech_too_long_for_a_turn_is_said_to_be_too_long_not_transcribed() -> None:
    """28 s of real speech (the synthesized order said over and over) reaches the
    endpointer whole (it cuts at 30 s) and is not guessed at: 'that was too long'."""
    h, events, heard = hearing()
    one = speech(0.8)
    loud = np.nonzero(np.abs(one) > 0.02)[0]
    one = one[loud[0]:loud[-1] + 1]  # the words without the silence around them
    gap = np.zeros(1600, np.float32)  # 0.1 s: too short to end the utterance
    long = np.concatenate([np.zeros(8000, np.float32),
                           *([one, gap] * int(np.ceil(28 * 16000 / (len(one) + len(gap))))),
                           np.zeros(32000, np.float32)])
    assert h.listen(blocks(long)) == 1
    assert wait_for(lambda: any(isinstance(e, ev.HeardNothing) for e in events))
    nothing = next(e for e in events if isinstance(e, ev.HeardNothing))
    assert nothing.too_long and nothing.visit == 7 and not heard
    h.stop()
