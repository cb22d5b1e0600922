"""WAV/PCM reading, writing and resampling."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from kiosk.audio import (
    RATE,
    concat,
    from_float,
    read_pcm,
    read_wav,
    resample,
    silence,
    to_float,
    wav_bytes,
    write_wav,
)
from kiosk.errors import AudioError
from kiosk.types import Audio


def tone(freq: float, seconds: float, rate: int) -> np.ndarray:
    t = np.arange(int(seconds * rate)) / rate
    return (0.5 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def peak_hz(audio: Audio) -> float:
    x = to_float(audio)
    spec = np.abs(np.fft.rfft(x))
    return float(np.fft.rfftfreq(len(x), 1 / audio.rate)[int(np.argmax(spec))])


def write_raw_wav(path: Path, samples: np.ndarray, rate: int, width: int, channels: int) -> None:
    inter = np.repeat(samples[:, None], channels, axis=1).reshape(-1)
    if width == 2:
        raw = (inter * 32767).astype("<i2").tobytes()
    elif width == 3:
        ints = (inter * (2**23 - 1)).astype("<i4")
        raw = b"".join(int(v).to_bytes(4, "little", signed=True)[:3] for v in ints)
    elif width == 1:
        raw = ((inter * 127) + 128).astype(np.uint8).tobytes()
    else:
        raw = (inter * (2**31 - 1)).astype("<i4").tobytes()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(raw)


@pytest.mark.parametrize(("rate", "width", "channels"), [
    (16000, 2, 1), (44100, 2, 2), (8000, 2, 1), (48000, 3, 2), (22050, 1, 1), (32000, 4, 1),
])
def test_any_pcm_wav_becomes_16k_mono_with_pitch_and_length_kept(
        tmp_path: Path, rate: int, width: int, channels: int) -> None:
    path = tmp_path / "t.wav"
    write_raw_wav(path, tone(440.0, 1.5, rate), rate, width, channels)
    audio = read_wav(path)
    assert audio.rate == RATE
    assert audio.duration_s == pytest.approx(1.5, abs=0.01)
    assert peak_hz(audio) == pytest.approx(440.0, abs=2.0)
    assert np.max(np.abs(to_float(audio))) == pytest.approx(0.5, abs=0.05)


def test_write_then_read_round_trips(tmp_path: Path) -> None:
    audio = from_float(tone(300.0, 0.5, RATE))
    write_wav(tmp_path / "a.wav", audio)
    assert read_wav(tmp_path / "a.wav") == audio
    assert read_wav(io.BytesIO(wav_bytes(audio))) == audio


def test_raw_pcm_stream_at_another_rate_is_resampled() -> None:
    pcm = (tone(500.0, 1.0, 8000) * 32767).astype("<i2").tobytes()
    audio = read_pcm(io.BytesIO(pcm), rate=8000)
    assert audio.rate == RATE and audio.duration_s == pytest.approx(1.0, abs=0.01)
    assert peak_hz(audio) == pytest.approx(500.0, abs=2.0)


def test_resample_is_identity_at_the_same_rate_and_errors_on_nonsense() -> None:
    audio = from_float(tone(200.0, 0.2, RATE))
    assert resample(audio, RATE) is audio
    with pytest.raises(AudioError):
        resample(Audio(audio.pcm, 0), RATE)


def test_concat_and_silence() -> None:
    joined = concat(silence(0.5), from_float(tone(200.0, 0.25, RATE)))
    assert joined.duration_s == pytest.approx(0.75)
    assert not any(to_float(joined)[: RATE // 2])


@pytest.mark.parametrize("make", ["missing", "directory", "text", "empty_stdin"])
def test_unreadable_input_is_a_clear_audio_error(tmp_path: Path, make: str) -> None:
    with pytest.raises(AudioError) as err:
        if make == "missing":
            read_wav(tmp_path / "nope.wav")
        elif make == "directory":
            read_wav(tmp_path)
        elif make == "text":
            (tmp_path / "x.wav").write_text("not audio")
            read_wav(tmp_path / "x.wav")
        else:
            read_pcm(io.BytesIO(b""))
    assert str(err.value)
    if make != "empty_stdin":
        assert str(tmp_path) in str(err.value)
