"""The speaker: non-blocking say, stop for barge-in, render to WAV."""

from __future__ import annotations

import sys
import threading
import time
import types
import wave
from pathlib import Path
from typing import Any

import pytest

from kiosk.errors import SpeechOutputError, UnknownEngineError
from kiosk.speech import Speaker, make_speaker
from kiosk.speech.tts import EspeakSpeaker, Pyttsx3Speaker


class FakeOutput:
    """A stand-in for sounddevice playback: 'plays' for the sound's duration."""

    def __init__(self) -> None:
        self.played: list[float] = []
        self.stopped = threading.Event()
        self._until = 0.0

    def play(self, samples: Any, rate: int) -> None:
        self.played.append(len(samples) / rate)
        self.stopped.clear()
        self._until = time.monotonic() + len(samples) / rate

    def stop(self) -> None:
        self.stopped.set()
        self._until = 0.0

    def get_stream(self) -> Any:
        return types.SimpleNamespace(active=time.monotonic() < self._until)


@pytest.fixture
def output(monkeypatch: pytest.MonkeyPatch) -> FakeOutput:
    out = FakeOutput()
    monkeypatch.setitem(sys.modules, "sounddevice", out)
    return out


@pytest.mark.parametrize("cls", [Pyttsx3Speaker, EspeakSpeaker])
def test_say_returns_at_once_and_stop_cuts_it_off(cls: type, output: FakeOutput) -> None:
    speaker = cls()
    try:
        t0 = time.monotonic()
        speaker.say("Two beef noodle soups, not spicy. Anything else?", "en")
        assert time.monotonic() - t0 < 0.1
        deadline = time.monotonic() + 10
        while not output.played and time.monotonic() < deadline:
            time.sleep(0.02)
        assert output.played and output.played[0] > 1.0
        speaker.say("this is queued and must be dropped", "en")
        t1 = time.monotonic()
        speaker.stop()
        assert output.stopped.wait(1.0)
        speaker.wait(5)
        assert time.monotonic() - t1 < 1.5
        assert len(output.played) == 1
    finally:
        speaker.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_render_writes_a_wav_in_the_language(tmp_path: Path, lang: str) -> None:
    speaker = make_speaker()
    try:
        text = "One pork bun. That's 3 yuan." if lang == "en" else "一个肉包子。一共三元。"
        path = speaker.render(text, lang, tmp_path / "out.wav")
        with wave.open(str(path)) as w:
            assert w.getnframes() / w.getframerate() > 1.0
    finally:
        speaker.close()


def test_speaker_protocol_and_engines() -> None:
    speaker = make_speaker("espeak")
    try:
        assert isinstance(speaker, Speaker)
        with pytest.raises(SpeechOutputError):
            speaker.render("hello", "fr", "/tmp/never.wav")
    finally:
        speaker.close()
    with pytest.raises(UnknownEngineError, match="pyttsx3"):
        make_speaker("festival")


def test_playback_failure_is_reported_by_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = types.SimpleNamespace(play=lambda *a: (_ for _ in ()).throw(
        RuntimeError("no default output device")), stop=lambda: None)
    monkeypatch.setitem(sys.modules, "sounddevice", broken)
    speaker = EspeakSpeaker()
    try:
        speaker.say("hello", "en")
        with pytest.raises(SpeechOutputError, match="no default output device"):
            speaker.wait(10)
    finally:
        speaker.close()
