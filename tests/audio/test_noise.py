"""Generated canteen noise and mixing at a chosen SNR."""

from __future__ import annotations

import numpy as np
import pytest
from support.noise import babble, canteen, clatter, fan_hum, mix, snr_db

from kiosk.audio import RATE, concat, silence, to_float
from kiosk.errors import AudioError
from kiosk.speech.synth import synthesize
from kiosk.types import Audio


def synth(text: str, lang: str, voice: str | None, speed: int, pitch: int) -> Audio:
    return synthesize(text, lang, voice, speed, pitch)


@pytest.fixture(scope="module")
def speech() -> Audio:
    return concat(silence(0.3), synthesize("two beef noodles not spicy", "en"), silence(0.3))


@pytest.mark.parametrize("make", [
    lambda: babble(3.0, synth=synth), lambda: babble(3.0), lambda: clatter(3.0),
    lambda: fan_hum(3.0), lambda: canteen(3.0, synth=synth),
])
def test_noises_have_the_length_asked_and_are_not_silent(make) -> None:  # type: ignore[no-untyped-def]
    audio = make()
    x = to_float(audio)
    assert audio.rate == RATE and len(x) == 3 * RATE
    assert float(np.sqrt(np.mean(x ** 2))) > 0.01
    assert float(np.max(np.abs(x))) <= 1.0


def test_noise_is_reproducible_from_its_seed() -> None:
    assert clatter(2.0, seed=3) == clatter(2.0, seed=3)
    assert clatter(2.0, seed=3) != clatter(2.0, seed=4)


def test_fan_hum_has_its_mains_frequency() -> None:
    x = to_float(fan_hum(4.0, mains_hz=60.0))
    freqs = np.fft.rfftfreq(len(x), 1 / RATE)
    spec = np.abs(np.fft.rfft(x))
    assert freqs[int(np.argmax(spec))] == pytest.approx(60.0, abs=1.0)


@pytest.mark.parametrize("snr", [24.0, 12.0, 6.0, 0.0])
def test_mix_hits_the_requested_snr(speech: Audio, snr: float) -> None:
    noisy = mix(speech, canteen(5.0, synth=synth), snr)
    assert noisy.duration_s == pytest.approx(speech.duration_s)
    assert snr_db(speech, noisy) == pytest.approx(snr, abs=0.5)


def test_mix_refuses_different_rates(speech: Audio) -> None:
    with pytest.raises(AudioError):
        mix(speech, Audio(b"\x00\x01" * 100, 8000), 10.0)
