"""The speaker: non-blocking say, start events, busy, stop for barge-in, render to WAV.

Real pyttsx3 and espeak-ng; headless, the sound goes to WAV files at playback pace."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.errors import SpeechOutputError, UnknownEngineError
from kiosk.speech import Speaker, make_speaker
from kiosk.speech.output import DeviceOutput, FileOutput, first_sound
from kiosk.speech.tts import EspeakSpeaker, Pyttsx3Speaker


@pytest.fixture(params=[Pyttsx3Speaker, EspeakSpeaker], ids=["pyttsx3", "espeak"])
def headless(request: pytest.FixtureRequest, tmp_path: Path):
    """A real speaker (real pyttsx3 / espeak-ng) whose sound goes to WAV files at playback pace."""
    out = FileOutput(tmp_path / "heard")
    speaker = request.param(output=out)
    yield speaker, out
    speaker.close()


def _frames(path: Path) -> tuple[int, int]:
    with wave.open(str(path)) as w:
        return w.getnframes(), w.getframerate()


def test_say_returns_at_once_busy_until_heard_and_on_start_is_the_first_word(
        headless: tuple[Any, FileOutput], tmp_path: Path) -> None:
    speaker, out = headless
    starts: list[float] = []
    t0 = time.monotonic()
    speaker.say("One lemon tea.", "en", on_start=starts.append)
    assert time.monotonic() - t0 < 0.1
    assert speaker.busy()  # at once, before anything is synthesized
    speaker.wait(20)
    done = time.monotonic()
    assert not speaker.busy()
    assert len(starts) == 1 and len(out.written) == 1
    frames, rate = _frames(out.written[0])
    heard_s = frames / rate
    assert heard_s > 0.5
    # the first word is heard after say() and at least the clip's length before it ended
    lead = first_sound(np.frombuffer(out.written[0].read_bytes()[44:], dtype="<i2")) or 0
    assert t0 < starts[0] <= done - heard_s + lead / rate + 0.15
    # the same audio as a render of the same text: the file holds what was heard
    rendered = speaker.render("One lemon tea.", "en", tmp_path / "render.wav")
    r_frames, r_rate = _frames(rendered)
    assert r_rate == rate and abs(r_frames - frames) < 0.01 * frames  # pyttsx3 varies by a few


def test_stop_cuts_it_off_and_drops_what_is_queued(headless: tuple[Any, FileOutput]) -> None:
    speaker, out = headless
    started = threading.Event()
    speaker.say("Two beef noodle soups, one of them not spicy, and a large lemon tea.", "en",
                on_start=lambda at: started.set())
    speaker.say("this is queued and must be dropped", "en")
    assert started.wait(20)
    time.sleep(0.3)
    t1 = time.monotonic()
    speaker.stop()
    deadline = time.monotonic() + 1.0
    while speaker.busy() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert not speaker.busy() and time.monotonic() - t1 < 0.2
    speaker.wait(5)
    assert len(out.written) == 1  # the queued sentence was never heard
    frames, rate = _frames(out.written[0])
    assert frames / rate < 1.5  # cut off: the whole sentence is over 3 s


def test_no_start_event_when_stopped_before_the_first_word(
        headless: tuple[Any, FileOutput]) -> None:
    speaker, _ = headless
    starts: list[float] = []
    speaker.say("Anything else?", "en", on_start=starts.append)
    speaker.stop()
    speaker.wait(10)
    time.sleep(0.2)
    assert not speaker.busy() and starts == []


def test_null_driver_keeps_nothing_but_takes_playback_time() -> None:
    speaker = make_speaker("pyttsx3", output=FileOutput(None))
    try:
        starts: list[float] = []
        t0 = time.monotonic()
        speaker.say("That is fifteen yuan.", "en", on_start=starts.append)
        speaker.wait(20)
        assert len(starts) == 1 and time.monotonic() - starts[0] > 0.5
        assert time.monotonic() - t0 > 1.0
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


def test_playback_failure_is_reported_by_wait() -> None:
    """A loudspeaker that is not there: the error comes out of wait(), never a traceback."""
    speaker = EspeakSpeaker(output=DeviceOutput(device="no-such-loudspeaker-xyz"))
    try:
        starts: list[float] = []
        speaker.say("hello", "en", on_start=starts.append)
        with pytest.raises(SpeechOutputError, match="cannot play speech"):
            speaker.wait(10)
        assert not speaker.busy() and starts == []
    finally:
        speaker.close()


ALSA_CONF = Path("/usr/share/alsa/alsa.conf")

_DEVICE_SCRIPT = """
import time
from kiosk.speech import make_speaker
from kiosk.speech.output import DeviceOutput
speaker = make_speaker(output=DeviceOutput())
starts = []
t0 = time.monotonic()
speaker.say("One lemon tea.", "en", on_start=starts.append)
assert speaker.busy()
speaker.wait(20)
assert not speaker.busy() and len(starts) == 1 and t0 < starts[0] < time.monotonic() + 1
speaker.close()
print("ok")
"""


@pytest.mark.skipif(not ALSA_CONF.exists(), reason="needs ALSA's configuration (libasound2)")
def test_the_loudspeaker_path_through_a_real_portaudio_stream(tmp_path: Path) -> None:
    """DeviceOutput through PortAudio/ALSA into ALSA's null PCM (no sound card needed):
    the stream callback reports the first word once and playback completes."""
    import os
    import subprocess
    import sys

    conf = tmp_path / "alsa.conf"
    conf.write_text(f"<{ALSA_CONF}>\npcm.!default {{ type null }}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _DEVICE_SCRIPT], capture_output=True,
                          text=True, timeout=60, env=dict(os.environ, ALSA_CONFIG_PATH=str(conf)),
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-3000:]
