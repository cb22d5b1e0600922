"""WAV/PCM reading, writing and resampling."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import time
import wave
from pathlib import Path

import numpy as np
import pytest
import soundfile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


# -- hostile and unusual WAV files (issue 12, items 10 and 11) --------------------------

def sox(*args: str) -> None:
    subprocess.run(["sox", *args], check=True, capture_output=True, timeout=60)


def sox_tone(path: Path, *fmt: str, seconds: float = 1.5) -> Path:
    """A 440 Hz tone at half scale written by sox in the given format (``-b 24 -c 3``...)."""
    sox("-n", *fmt, str(path), "synth", str(seconds), "sine", "440", "vol", "0.5")
    return path


@pytest.mark.skipif(shutil.which("sox") is None, reason="sox is installed by scripts/setup.sh")
@pytest.mark.parametrize("fmt", [
    ("-r", "48000", "-b", "24", "-c", "1"), ("-r", "44100", "-b", "24", "-c", "2"),
    ("-r", "16000", "-b", "32", "-c", "1"), ("-r", "22050", "-b", "16", "-c", "3"),
    ("-r", "96000", "-b", "16", "-c", "6"), ("-r", "16000", "-e", "floating-point", "-b", "32"),
    ("-r", "8000", "-e", "floating-point", "-b", "64", "-c", "2"),
    ("-r", "8000", "-e", "u-law", "-b", "8"), ("-r", "11025", "-e", "unsigned", "-b", "8"),
])
def test_what_sox_writes_is_read_extensible_float_and_many_channels(
        tmp_path: Path, fmt: tuple[str, ...]) -> None:
    path = sox_tone(tmp_path / "t.wav", *fmt)
    audio = read_wav(path)
    assert audio.rate == RATE and audio.duration_s == pytest.approx(1.5, abs=0.01)
    assert peak_hz(audio) == pytest.approx(440.0, abs=2.0)
    assert np.max(np.abs(to_float(audio))) == pytest.approx(0.5, abs=0.05)


@pytest.mark.parametrize(("subtype", "fmt", "channels"), [
    ("PCM_24", "WAVEX", 1), ("PCM_32", "WAVEX", 4), ("FLOAT", "WAVEX", 2), ("DOUBLE", "WAV", 1),
    ("PCM_16", "RF64", 2), ("PCM_16", "W64", 1), ("ALAW", "WAV", 1),
])
def test_wave_format_extensible_and_its_cousins_are_read(
        tmp_path: Path, subtype: str, fmt: str, channels: int) -> None:
    path = tmp_path / "t.wav"
    x = tone(440.0, 1.0, 32000)
    soundfile.write(path, np.repeat(x[:, None], channels, axis=1), 32000, subtype=subtype,
                    format=fmt)
    audio = read_wav(path)
    assert audio.duration_s == pytest.approx(1.0, abs=0.01)
    assert peak_hz(audio) == pytest.approx(440.0, abs=2.0)


def with_rate(data: bytes, rate: int) -> bytes:
    """A 16-bit PCM WAV's bytes with the header's sample rate (and byte rate) set."""
    out = bytearray(data)
    channels, bits = struct.unpack_from("<H", out, 22)[0], struct.unpack_from("<H", out, 34)[0]
    struct.pack_into("<II", out, 24, rate, (rate * channels * bits // 8) & 0xFFFFFFFF)
    return bytes(out)


@pytest.mark.parametrize("rate", [1, 100, 7999, 96001, 192000, 2**32 - 1])
def test_a_rate_outside_8k_to_96k_is_refused_before_reading(tmp_path: Path, rate: int) -> None:
    """The 85 KB file whose header said 1 Hz took 16 GB; now it is refused from its header."""
    path = tmp_path / "odd.wav"
    path.write_bytes(with_rate(wav_bytes(from_float(tone(300.0, 2.65, RATE))), rate))
    assert 80_000 < path.stat().st_size < 90_000
    t0 = time.perf_counter()
    with pytest.raises(AudioError, match=f"sample rate {rate} Hz is outside 8000-96000 Hz"
                       "|not a WAV file that can be read .Internal error : SF_INFO") as err:
        read_wav(path)
    assert time.perf_counter() - t0 < 0.5 and str(path) in str(err.value)


@pytest.mark.parametrize("rate", [8000, 96000])
def test_the_edge_rates_are_read(tmp_path: Path, rate: int) -> None:
    path = tmp_path / "edge.wav"
    write_raw_wav(path, tone(440.0, 0.5, rate), rate, 2, 1)
    assert read_wav(path).duration_s == pytest.approx(0.5, abs=0.01)


def test_audio_longer_than_a_minute_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "long.wav"
    write_wav(path, Audio(b"\x00\x00" * (8000 * 61), 8000))
    with pytest.raises(AudioError, match=r"61\.0 s of audio, longer than the 60 s"):
        read_wav(path)
    write_wav(path, Audio(b"\x00\x00" * (8000 * 60), 8000))
    assert read_wav(path).duration_s == pytest.approx(60.0)
    with pytest.raises(AudioError, match="longer than the 5 s"):
        read_wav(path, max_s=5)


def test_raw_pcm_on_stdin_is_bounded_too() -> None:
    with pytest.raises(AudioError, match="longer than the 60 s"):
        read_pcm(io.BytesIO(b"\x00\x00" * (RATE * 61)))
    with pytest.raises(AudioError, match="bad PCM format"):
        read_pcm(io.BytesIO(b"\x00\x00" * 10), rate=1)
    assert read_pcm(io.BytesIO(b"\x00\x00" * (RATE * 60))).duration_s == pytest.approx(60.0)


def _damaged(tmp_path: Path, make: str) -> Path:
    good = wav_bytes(from_float(tone(300.0, 0.5, RATE)))
    path = tmp_path / f"{make}.wav"
    data = {"empty": b"", "riff-only": b"RIFF", "header-only": good[:44],
            "half-header": good[:30], "text": b"hello, not audio\n" * 20,
            "zeros": bytes(4096), "random": bytes(np.random.default_rng(7).integers(
                0, 256, 4096, dtype=np.uint8)),
            "no-data": good[:36] + b"LIST\x04\x00\x00\x00abcd"}.get(make)
    if make == "flac":
        soundfile.write(path, tone(300.0, 0.5, RATE), RATE, format="FLAC")
    elif make == "fifo":
        os.mkfifo(path)
    elif data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize(("make", "says"), [
    ("empty", "is empty (0 bytes)"), ("riff-only", "not a WAV file that can be read ("),
    ("half-header", "not a WAV file that can be read ("),
    ("text", "not a WAV file that can be read (Format not recognised)"),
    ("zeros", "not a WAV file that can be read ("), ("random", "not a WAV file that can be read ("),
    ("no-data", "not a WAV file that can be read ("), ("flac", "is a FLAC"),
    ("fifo", "not a regular file"), ("missing", "no such file"),
])
def test_every_refusal_says_what_is_wrong(tmp_path: Path, make: str, says: str) -> None:
    path = _damaged(tmp_path, make)
    with pytest.raises(AudioError) as err:
        read_wav(path)
    message = str(err.value)
    assert says in message and str(path) in message and "\n" not in message
    assert "()" not in message  # the old "not a PCM WAV file ()"


def test_a_header_only_file_is_empty_audio_not_an_error(tmp_path: Path) -> None:
    assert read_wav(_damaged(tmp_path, "header-only")).duration_s < 0.5


def test_a_truncated_file_gives_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "cut.wav"
    path.write_bytes(wav_bytes(from_float(tone(300.0, 1.0, RATE)))[: 44 + RATE])  # 0.5 s of 1 s
    assert read_wav(path).duration_s == pytest.approx(0.5, abs=0.01)


def test_float_samples_that_are_not_numbers_are_refused(tmp_path: Path) -> None:
    x = tone(300.0, 0.2, RATE)
    x[100] = np.nan
    soundfile.write(tmp_path / "nan.wav", x, RATE, subtype="FLOAT")
    with pytest.raises(AudioError, match="not numbers"):
        read_wav(tmp_path / "nan.wav")


def test_too_many_channels_are_refused(tmp_path: Path) -> None:
    soundfile.write(tmp_path / "many.wav", np.zeros((100, 40), dtype=np.float32), RATE)
    with pytest.raises(AudioError, match="40 channels; the kiosk takes 1 to 32"):
        read_wav(tmp_path / "many.wav")


# A valid WAV's header, then every field of it set to anything (or a few bytes anywhere in
# the first 80 overwritten, or the file cut anywhere): Audio of at most a minute, or an
# AudioError, quickly; never another exception, never a long read.
HEADER_FIELDS = [(4, "<I"), (20, "<H"), (22, "<H"), (24, "<I"), (28, "<I"), (32, "<H"),
                 (34, "<H"), (40, "<I")]


@settings(max_examples=400, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzzed_wav_headers_give_audio_or_an_audio_error(data: st.DataObject) -> None:
    base = bytearray(wav_bytes(from_float(tone(300.0, 0.25, 22050), 22050)))
    for offset, fmt in data.draw(st.lists(st.sampled_from(HEADER_FIELDS), max_size=4)):
        bits = struct.calcsize(fmt) * 8
        struct.pack_into(fmt, base, offset, data.draw(st.one_of(
            st.integers(0, 2**bits - 1), st.sampled_from([0, 1, 2, 3, 0xFFFE, 2**bits - 1])),
            label=f"field@{offset}"))
    for pos, value in data.draw(st.lists(st.tuples(st.integers(0, 79), st.integers(0, 255)),
                                         max_size=3), label="bytes"):
        base[pos] = value
    cut = data.draw(st.integers(0, len(base)), label="cut")
    try:
        audio = read_wav(io.BytesIO(bytes(base[:cut])))
    except AudioError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert audio.rate == RATE and audio.duration_s <= 60.0


def test_a_header_libsndfile_only_calls_an_internal_error_is_described(tmp_path: Path) -> None:
    """libsndfile says "Internal error : SF_INFO struct incomplete" for a 0 Hz header; the
    refusal also says what the header holds."""
    path = tmp_path / "zero.wav"
    path.write_bytes(with_rate(wav_bytes(from_float(tone(300.0, 0.1, RATE))), 0))
    with pytest.raises(AudioError, match="its header says: format 1, 1 channels, 0 Hz, 16-bit"):
        read_wav(path)
