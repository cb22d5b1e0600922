"""espeak-ng synthesis to 16 kHz audio, English and Mandarin (via pinyin)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from kiosk.errors import SpeechOutputError
from kiosk.speech.synth import DINERS, diner, render_wav, synthesize, to_pinyin, voice_name


def test_pinyin_has_tone_numbers_and_chinese_numerals() -> None:
    assert to_pinyin("两碗牛肉面") == "liang3 wan3 niu2 rou4 mian4"
    assert to_pinyin("2杯奶茶").startswith("er4 bei1")
    assert "," in to_pinyin("牛肉面，不辣")


def test_voice_names() -> None:
    assert voice_name("en") == "en-us"
    assert voice_name("zh") == "cmn-latn-pinyin"
    assert voice_name("en", "f3") == "en-us+f3"
    assert voice_name("zh", "m3") == "cmn-latn-pinyin+m3"
    assert voice_name("en", "en-gb+f2") == "en-gb+f2"
    with pytest.raises(SpeechOutputError):
        voice_name("fr")


@pytest.mark.parametrize(("lang", "text"), [("en", "two beef noodles not spicy"),
                                            ("zh", "两碗牛肉面，不辣")])
def test_every_diner_voice_speaks_at_16k(lang: str, text: str) -> None:
    for i in range(len(DINERS[lang])):
        v = diner(lang, i)
        audio = synthesize(text, lang, v.voice, v.speed, v.pitch)
        x = np.frombuffer(audio.pcm, dtype="<i2")
        assert audio.rate == 16000
        assert 0.8 < audio.duration_s < 5.0
        assert np.abs(x).max() > 3000


def test_speed_changes_length() -> None:
    slow = synthesize("a large lemon tea with less ice", "en", speed=110)
    fast = synthesize("a large lemon tea with less ice", "en", speed=220)
    assert slow.duration_s > 1.5 * fast.duration_s


def test_render_wav(tmp_path: Path) -> None:
    path = tmp_path / "r.wav"
    render_wav("一个肉包子", "zh", str(path))
    with wave.open(str(path)) as w:
        assert w.getframerate() == 16000 and w.getnchannels() == 1 and w.getnframes() > 8000


def test_nothing_to_say_and_bad_language() -> None:
    with pytest.raises(SpeechOutputError):
        synthesize("   ", "en")
    with pytest.raises(SpeechOutputError):
        synthesize("bonjour", "fr")
