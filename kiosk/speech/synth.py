"""Synthesized speech with the espeak-ng command line, as 16 kHz :class:`Audio`.

Used for tests, benchmarks and ``kiosk demo`` (synthesized diners), and for
rendering replies to WAV. English uses espeak-ng's English voices. For Mandarin,
espeak-ng's Chinese voices read characters badly, so the text is turned into
tone-numbered pinyin (pypinyin, ``Style.TONE3``) and read by the
``cmn-latn-pinyin`` voice, which multilingual Whisper understands.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import wave
from dataclasses import dataclass

import numpy as np

from kiosk.errors import SpeechOutputError
from kiosk.types import Audio

#: espeak-ng base voice per kiosk language.
BASE_VOICES: dict[str, str] = {"en": "en-us", "zh": "cmn-latn-pinyin"}
#: Voice variants (espeak-ng ``+variant``) used for varied synthetic diners.
VARIANTS: tuple[str, ...] = ("m1", "m3", "m7", "f2", "f3", "f4", "klatt", "m2", "f1", "f5")
#: English accents available as base voices.
EN_VOICES: tuple[str, ...] = ("en-us", "en-gb", "en-gb-x-rp", "en-029", "en-gb-scotland")


@dataclass(frozen=True)
class DinerVoice:
    """One synthetic diner: espeak-ng ``voice``, ``speed`` (words per minute)
    and ``pitch`` (0-99)."""

    voice: str
    speed: int
    pitch: int


#: Varied synthetic diners per language (accents, sexes, speeds, pitches).
DINERS: dict[str, tuple[DinerVoice, ...]] = {
    "en": (
        DinerVoice("en-us", 160, 50), DinerVoice("en-gb+f3", 150, 60),
        DinerVoice("en-us+m3", 175, 40), DinerVoice("en-gb-x-rp+f2", 140, 70),
        DinerVoice("en-029+m7", 165, 45), DinerVoice("en-gb-scotland+f4", 155, 55),
        DinerVoice("en-us+m1", 185, 35), DinerVoice("en-gb+f5", 145, 65),
    ),
    "zh": (
        DinerVoice("cmn-latn-pinyin", 150, 50), DinerVoice("cmn-latn-pinyin+f3", 140, 60),
        DinerVoice("cmn-latn-pinyin+m3", 160, 40), DinerVoice("cmn-latn-pinyin+f2", 135, 65),
        DinerVoice("cmn-latn-pinyin+m1", 155, 45), DinerVoice("cmn-latn-pinyin+f4", 145, 55),
    ),
}


def diner(lang: str, index: int) -> DinerVoice:
    """The ``index``-th synthetic diner for ``lang`` (cycling)."""
    voices = DINERS.get(lang)
    if not voices:
        raise SpeechOutputError(f"no voice for language {lang!r}; valid: en, zh")
    return voices[index % len(voices)]

_CN_DIGITS = "零一二三四五六七八九"
#: Sample rate of synthesized audio (Hz).
RATE = 16000


def _espeak() -> str:
    path = shutil.which("espeak-ng") or shutil.which("espeak")
    if path is None:
        raise SpeechOutputError("espeak-ng is not installed (apt-get install espeak-ng)")
    return path


def _cn_number(n: int) -> str:
    """Small integers in Chinese numerals (``12`` -> ``十二``); others digit by digit."""
    if 0 <= n < 10:
        return _CN_DIGITS[n]
    if 10 <= n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return "".join(_CN_DIGITS[int(d)] for d in str(n))


def to_pinyin(text: str) -> str:
    """Chinese text as tone-numbered pinyin syllables (``牛肉面`` -> ``niu2 rou4 mian4``).

    Arabic numbers become Chinese numerals first; Latin text is kept.
    """
    from pypinyin import Style, lazy_pinyin

    text = re.sub(r"\d+", lambda m: _cn_number(int(m.group())), text)
    text = re.sub(r"[，。！？、；：,.!?;:]", " , ", text)
    syllables = lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True,
                            errors="default")
    out = " ".join(s.strip() for s in syllables if s.strip())
    return re.sub(r"\s+", " ", out).strip()


def voice_name(lang: str, voice: str | None = None) -> str:
    """The espeak-ng voice for ``lang``: ``voice`` may be a full voice
    (``en-gb+f3``), a base voice (``en-gb``) or a variant (``f3``)."""
    if lang not in BASE_VOICES:
        raise SpeechOutputError(f"no voice for language {lang!r}; valid: en, zh")
    base = BASE_VOICES[lang]
    if not voice:
        return base
    if "+" in voice or voice in EN_VOICES or voice.startswith(("en", "cmn")):
        return voice
    return f"{base}+{voice}"


def espeak_text(text: str, lang: str) -> str:
    """What espeak-ng is given to read ``text`` in ``lang``."""
    return to_pinyin(text) if lang == "zh" else text


@functools.lru_cache(maxsize=512)
def _render(text: str, voice: str, speed: int, pitch: int, gap: int) -> bytes:
    cmd = [_espeak(), "-v", voice, "-s", str(speed), "-p", str(pitch), "-g", str(gap),
           "--stdout", text]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechOutputError(f"espeak-ng failed: {exc}") from exc
    if proc.returncode != 0 or len(proc.stdout) <= 44:
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise SpeechOutputError(f"espeak-ng could not speak with voice {voice!r}: {err}")
    return proc.stdout


def synthesize(text: str, lang: str = "en", voice: str | None = None, speed: int = 160,
               pitch: int = 50, gap: int = 0) -> Audio:
    """``text`` spoken by espeak-ng in ``lang`` as 16 kHz mono :class:`Audio`.

    ``speed``: words per minute (espeak-ng ``-s``); ``pitch``: 0-99
    (``-p``); ``gap``: extra pause between words, 10 ms units (``-g``);
    ``voice``: see :func:`voice_name`. Raises SpeechOutputError.
    """
    if not text.strip():
        raise SpeechOutputError("nothing to say")
    data = _render(espeak_text(text, lang), voice_name(lang, voice), int(speed),
                   int(pitch), int(gap))
    return _wav_to_16k(data)


def _wav_to_16k(data: bytes) -> Audio:
    """espeak-ng's WAV output (16-bit mono, 22050 Hz) as 16 kHz :class:`Audio`."""
    try:
        with wave.open(io.BytesIO(data), "rb") as w:
            rate, raw = w.getframerate(), w.readframes(w.getnframes())
    except (wave.Error, EOFError) as exc:
        raise SpeechOutputError(f"espeak-ng gave no WAV: {exc}") from exc
    x = np.frombuffer(raw, dtype="<i2").astype(np.float64)
    if rate != RATE and len(x):
        n_out = int(round(len(x) * RATE / rate))
        spec = np.fft.rfft(x)[: n_out // 2 + 1]
        x = np.fft.irfft(spec, n_out) * (n_out / len(x))
    return Audio(np.clip(np.round(x), -32768, 32767).astype("<i2").tobytes(), RATE)


def render_wav(text: str, lang: str, path: str, voice: str | None = None,
               speed: int = 160) -> None:
    """Write ``text`` spoken in ``lang`` to the 16 kHz WAV file ``path``."""
    audio = synthesize(text, lang, voice=voice, speed=speed)
    try:
        with open(path, "wb") as fh, wave.open(fh, "wb") as w:  # no half-made Wave_write
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(audio.rate)
            w.writeframes(audio.pcm)
    except OSError as exc:
        raise SpeechOutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
