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
from kiosk.audio.wav import STREAM_DELAY, StreamResampler
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


def stream(resampler: StreamResampler, x: np.ndarray, sizes: list[int]) -> np.ndarray:
    """``x`` through ``resampler`` in blocks of the given sizes (over and over)."""
    out, pos, i = [], 0, 0
    while pos < len(x):
        out.append(resampler.process(x[pos:pos + sizes[i % len(sizes)]]))
        pos, i = pos + sizes[i % len(sizes)], i + 1
    return np.concatenate(out)


@pytest.mark.parametrize("rate", [44100, 48000, 22050, 11025, 8000, 44101])
def test_a_stream_resampled_block_by_block_does_not_drift(rate: int) -> None:
    """A minute of a microphone's 64 ms blocks: after every block, exactly
    round(samples in * 16000 / rate) samples are out, so at 44.1 kHz (1023.85 per
    block) the blocks come out 1023 or 1024 long and never fall behind or run ahead."""
    resampler = StreamResampler(rate)
    block = int(0.064 * rate)
    noise = np.random.default_rng(rate).uniform(-0.5, 0.5, block).astype(np.float32)
    given, lengths = 0, set()
    for n in range(1, int(60 / 0.064) + 1):
        out = resampler.process(noise)
        given += len(out)
        lengths.add(len(out))
        assert given == round(n * block * RATE / rate), n
    assert resampler.taken == n * block and resampler.given == given
    per_block = block * RATE / rate
    assert lengths <= {int(per_block), int(np.ceil(per_block))}


def test_the_blocks_do_not_matter_only_the_stream() -> None:
    """Any cut into blocks (empty ones, one sample, odd sizes) gives the same samples
    as the whole stream in one go."""
    x = np.random.default_rng(1).uniform(-0.5, 0.5, 3 * 44100).astype(np.float32)
    whole = StreamResampler(44100).process(x)
    for sizes in ([2822], [1, 0, 7, 4410, 3, 999], [44100 * 3]):
        np.testing.assert_allclose(stream(StreamResampler(44100), x, sizes), whole, atol=1e-6)


@pytest.mark.parametrize("rate", [44100, 48000, 8000, 44101])
def test_a_streamed_tone_is_the_16k_tone_two_ms_late(rate: int) -> None:
    """A tone through the stream is the tone sampled at 16 kHz, STREAM_DELAY samples late
    (the first of them the filter's run-in from silence)."""
    freq = 1000.0 if rate > RATE else 440.0
    got = stream(StreamResampler(rate), tone(freq, 2.0, rate), [int(0.064 * rate)])
    want = tone(freq, 2.0, RATE)
    assert len(got) == len(want)
    np.testing.assert_allclose(got[STREAM_DELAY + 200:], want[200:-STREAM_DELAY], atol=2e-4)
    assert np.abs(got[:STREAM_DELAY // 2]).max() < 0.01  # 2 ms late: silence first


@pytest.mark.parametrize(("freq", "gain"), [(3000.0, 1.0), (6000.0, 1.0), (10000.0, 0.0),
                                             (15000.0, 0.0)])
def test_the_stream_keeps_speech_and_stops_aliases(freq: float, gain: float) -> None:
    """From 44.1 kHz: up to 6 kHz passes unchanged (within 0.1 dB); what 16 kHz cannot
    hold (above 8 kHz) is taken out (80 dB down), not folded back into the speech band."""
    got = StreamResampler(44100).process(tone(freq, 1.0, 44100))[1000:-1000]
    rms = float(np.sqrt(np.mean(got ** 2))) / (0.5 / np.sqrt(2))
    assert rms == pytest.approx(gain, abs=0.012 if gain else 1e-4)


def test_the_stream_at_16k_is_the_stream_and_nonsense_rates_are_errors() -> None:
    resampler = StreamResampler(RATE)
    x = tone(300.0, 0.1, RATE)
    assert resampler.delay == 0 and np.array_equal(resampler.process(x), x)
    for rate_in, rate_out in ((0, RATE), (44100, -1), (100, RATE)):
        with pytest.raises(AudioError, match="cannot resample"):
            StreamResampler(rate_in, rate_out)


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
