"""Canteen noise, generated (never downloaded), and mixing at a chosen SNR (test-only).

- :func:`babble`: several synthesized voices talking over each other (espeak-ng
  through ``synth``; :func:`babble_of` for given talkers, e.g. the neural voices:
  ``support.voices.neural_babble``);
- :func:`clatter`: random dish and cutlery clinks (decaying resonances);
- :func:`fan_hum`: mains hum with harmonics plus low-passed broadband fan noise.

``snr_db`` in :func:`mix` is the ratio of speech power (over the speech-active
part) to noise power, in decibels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from kiosk.audio.wav import RATE, from_float, to_float
from kiosk.errors import AudioError
from kiosk.types import Audio

#: Text the babble voices read (canteen small talk, no menu words).
BABBLE_LINES: tuple[str, ...] = (
    "did you finish the assignment for tomorrow morning",
    "the library closes early on friday this week",
    "I think the bus was late again today",
    "we should meet after the lecture in the main hall",
    "my roommate is going home for the weekend",
    "the exam was much harder than I expected",
    "are you coming to the football match later",
    "she said the lab report is due on monday",
)


def _loop_to(x: np.ndarray, n: int) -> np.ndarray:
    if len(x) == 0:
        return np.zeros(n, dtype=np.float32)
    reps = int(np.ceil(n / len(x)))
    return np.tile(x, reps)[:n]


def babble(seconds: float, *, voices: int = 6, seed: int = 0,
           synth: Callable[[str, str, str | None, int, int], Audio] | None = None) -> Audio:
    """``seconds`` of overlapping speech from ``voices`` synthesized talkers.

    ``synth(text, lang, voice, speed, pitch) -> Audio`` makes the voices (pass
    :func:`kiosk.speech.synth.synthesize`; stages do not import each other);
    without it, speech-shaped noise (modulated, formant-filtered) is used.
    """
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    out = np.zeros(n, dtype=np.float32)
    variants = ("m1", "m3", "f2", "f4", "m7", "f5", "m2", "f1")
    for i in range(voices):
        if synth is not None:
            line = BABBLE_LINES[(seed + i) % len(BABBLE_LINES)]
            audio = synth(line, "en", variants[i % len(variants)],
                          int(rng.integers(140, 200)), int(rng.integers(30, 70)))
            x = to_float(audio)
        else:
            x = _speech_shaped(n, rng)
        x = _loop_to(np.roll(x, int(rng.integers(0, max(len(x), 1)))), n)
        rms = float(np.sqrt(np.mean(x ** 2))) or 1.0
        out += x / rms
    return from_float(out / max(float(np.max(np.abs(out))), 1e-9) * 0.5)


def babble_of(talkers: Sequence[Audio], seconds: float, *, seed: int = 0) -> Audio:
    """``seconds`` of the ``talkers`` (16 kHz) all talking at once, each looped from a
    random point and brought to the same loudness."""
    if not talkers:
        raise AudioError("babble needs at least one talker")
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    out = np.zeros(n, dtype=np.float32)
    for talker in talkers:
        if talker.rate != RATE:
            raise AudioError(f"babble talkers must be {RATE} Hz, not {talker.rate} Hz")
        x = to_float(talker)
        x = _loop_to(np.roll(x, int(rng.integers(0, max(len(x), 1)))), n)
        out += x / (float(np.sqrt(np.mean(x ** 2))) or 1.0)
    return from_float(out / max(float(np.max(np.abs(out))), 1e-9) * 0.5)


def _speech_shaped(n: int, rng: np.random.Generator) -> np.ndarray:
    """Noise with a speech-like spectrum and a 4 Hz syllable envelope."""
    white = rng.standard_normal(n).astype(np.float32)
    spec = np.fft.rfft(white)
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    shape = np.zeros_like(freqs)
    for f0, bw in ((500, 300), (1500, 500), (2500, 600)):
        shape += np.exp(-0.5 * ((freqs - f0) / bw) ** 2)
    x = np.fft.irfft(spec * shape, n).astype(np.float32)
    t = np.arange(n) / RATE
    env = 0.5 + 0.5 * np.sin(2 * np.pi * (3 + rng.random() * 2) * t + rng.random() * 6)
    return x * env.astype(np.float32)


def clatter(seconds: float, *, rate_per_s: float = 3.0, seed: int = 0) -> Audio:
    """Dish and cutlery clinks: decaying high resonances at random times."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    out = np.zeros(n, dtype=np.float32)
    count = rng.poisson(rate_per_s * seconds)
    for _ in range(count):
        start = int(rng.integers(0, max(n, 1)))
        dur = int(RATE * rng.uniform(0.05, 0.3))
        t = np.arange(dur) / RATE
        tone = np.zeros(dur, dtype=np.float32)
        for _partial in range(3):
            f = rng.uniform(1500, 6000)
            tone += np.sin(2 * np.pi * f * t).astype(np.float32) * rng.uniform(0.3, 1.0)
        tone *= np.exp(-t * rng.uniform(15, 40)).astype(np.float32) * rng.uniform(0.3, 1.0)
        end = min(n, start + dur)
        out[start:end] += tone[: end - start]
    out += rng.standard_normal(n).astype(np.float32) * 0.002
    return from_float(out / max(float(np.max(np.abs(out))), 1e-9) * 0.5)


def fan_hum(seconds: float, *, mains_hz: float = 50.0, seed: int = 0) -> Audio:
    """Mains hum (with harmonics) plus low-passed broadband fan noise."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    hum = sum(np.sin(2 * np.pi * mains_hz * k * t) / k for k in (1, 2, 3, 4))
    white = rng.standard_normal(n)
    spec = np.fft.rfft(white)
    freqs = np.fft.rfftfreq(n, 1 / RATE)
    fan = np.fft.irfft(spec / (1 + (freqs / 400.0) ** 2), n)
    fan /= max(float(np.std(fan)), 1e-9)
    x = 0.6 * np.asarray(hum) + 0.4 * fan
    return from_float(x / max(float(np.max(np.abs(x))), 1e-9) * 0.5)


def canteen(seconds: float, *, seed: int = 0,
            synth: Callable[[str, str, str | None, int, int], Audio] | None = None,
            weights: Sequence[float] = (1.0, 0.5, 0.3), talk: Audio | None = None) -> Audio:
    """Babble, clatter and fan hum together, in power proportion ``weights``.

    ``talk``: the babble to use (e.g. :func:`babble_of` neural voices); else
    :func:`babble` with ``synth``."""
    talk = talk if talk is not None else babble(seconds, seed=seed, synth=synth)
    parts = (talk, clatter(seconds, seed=seed + 1), fan_hum(seconds, seed=seed + 2))
    n = int(seconds * RATE)
    out = np.zeros(n, dtype=np.float32)
    for w, part in zip(weights, parts, strict=True):
        x = _loop_to(to_float(part), n)
        out += np.sqrt(w) * x / max(float(np.sqrt(np.mean(x ** 2))), 1e-9)
    return from_float(out / max(float(np.max(np.abs(out))), 1e-9) * 0.5)


def active_power(x: np.ndarray, frame: int = 320) -> float:
    """Mean power of the frames within 40 dB of the loudest (speech-active part)."""
    n = len(x) // frame
    if n == 0:
        return float(np.mean(x ** 2)) if len(x) else 0.0
    p = np.mean(x[: n * frame].reshape(n, frame) ** 2, axis=1)
    top = float(np.max(p))
    if top <= 0:
        return 0.0
    return float(np.mean(p[p > top * 1e-4]))


def mix(speech: Audio, noise: Audio, snr_db: float, *, offset_s: float = 0.0) -> Audio:
    """``speech`` with ``noise`` added so that speech/noise power is ``snr_db`` dB.

    The noise is looped to the speech's length starting at ``offset_s``. The
    result is scaled down if it would clip.
    """
    if speech.rate != noise.rate:
        raise AudioError(f"cannot mix {speech.rate} Hz speech with {noise.rate} Hz noise")
    s = to_float(speech)
    nz = to_float(noise)
    start = int(offset_s * noise.rate) % max(len(nz), 1)
    nz = _loop_to(np.roll(nz, -start), len(s))
    ps, pn = active_power(s), float(np.mean(nz ** 2)) if len(nz) else 0.0
    if ps <= 0 or pn <= 0:
        return speech
    nz = nz * np.sqrt(ps / (pn * 10 ** (snr_db / 10)))
    y = s + nz
    peak = float(np.max(np.abs(y)))
    if peak > 0.99:
        y = y * (0.99 / peak)
    return from_float(y, speech.rate)


def snr_db(speech: Audio, noisy: Audio) -> float:
    """The SNR (dB) of ``noisy`` against the clean ``speech`` it was made from."""
    s, y = to_float(speech), to_float(noisy)
    n = min(len(s), len(y))
    scale = float(np.dot(y[:n], s[:n]) / max(float(np.dot(s[:n], s[:n])), 1e-12))
    noise = y[:n] - scale * s[:n]
    return float(10 * np.log10(active_power(scale * s[:n]) / max(float(np.mean(noise ** 2)), 1e-12)))
