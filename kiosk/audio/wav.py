"""Reading and writing audio: WAV files, raw PCM streams, resampling.

Everything is turned into :class:`kiosk.types.Audio` at 16 kHz mono 16-bit,
the form every speech engine here takes. :func:`resample` takes a whole
recording; :class:`StreamResampler` a stream that comes in blocks (a microphone
at its own rate), as one continuous signal.

WAV files are read with libsndfile (``soundfile``): PCM of any width, float,
WAVE_FORMAT_EXTENSIBLE, any number of channels up to :data:`MAX_CHANNELS`. The header
is checked before any sample is read: a rate outside :data:`MIN_RATE` to
:data:`MAX_RATE` or audio longer than :data:`MAX_AUDIO_S` is refused, saying so.
"""

from __future__ import annotations

import io
import math
import os
import stat
import wave
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from kiosk.errors import AudioError
from kiosk.types import Audio

#: The sample rate every engine takes (Hz).
RATE = 16000
#: The sample rates a recording may have (Hz), inclusive.
MIN_RATE, MAX_RATE = 8_000, 96_000
#: The longest recording read (seconds): a diner's turn is a few seconds.
MAX_AUDIO_S = 60.0
#: The most channels a recording may have (they are mixed down to one).
MAX_CHANNELS = 32
#: The containers read as WAV files (libsndfile's names).
WAV_FORMATS = frozenset({"WAV", "WAVEX", "RF64", "W64"})


def to_float(audio: Audio) -> np.ndarray:
    """The samples as float32 in [-1, 1]."""
    return np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0


def from_float(samples: np.ndarray, rate: int = RATE) -> Audio:
    """Float samples in [-1, 1] (clipped) to 16-bit :class:`Audio` at ``rate`` Hz."""
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 32767 / 32768)
    return Audio((clipped * 32768.0).astype("<i2").tobytes(), rate)


def resample(audio: Audio, rate: int = RATE) -> Audio:
    """``audio`` at ``rate`` Hz (band-limited FFT resampling; unchanged if equal)."""
    if audio.rate == rate:
        return audio
    if audio.rate <= 0 or rate <= 0:
        raise AudioError(f"cannot resample from {audio.rate} Hz to {rate} Hz")
    x = to_float(audio)
    n_out = int(round(len(x) * rate / audio.rate))
    if len(x) == 0 or n_out == 0:
        return Audio(b"", rate)
    spec = np.fft.rfft(x)
    keep = n_out // 2 + 1
    if keep <= len(spec):
        spec = spec[:keep]
    else:
        spec = np.concatenate([spec, np.zeros(keep - len(spec), dtype=spec.dtype)])
    y = np.fft.irfft(spec, n_out) * (n_out / len(x))
    return from_float(y, rate)


#: How late a :class:`StreamResampler`'s output is (samples at its output rate): its
#: filter looks this far ahead, so it never needs input it has not yet got. 2 ms at 16 kHz.
STREAM_DELAY = 32
#: The stream filter's cutoff, as a fraction of the lower rate's Nyquist frequency
#: (7.2 kHz at 16 kHz), and its Kaiser window's beta (stopband about 80 dB down).
CUTOFF = 0.9
KAISER_BETA = 8.0
#: The filter is computed once for at most this many positions between two input samples
#: (44.1 kHz needs 160, all exact); an odd rate that needs more (44101 Hz: 16000) has
#: its positions rounded to the nearest 1/1024 of an input sample (at most 11 ns off).
PHASES = 1024


class StreamResampler:
    """Resamples a stream block by block as one continuous signal (windowed sinc).

    Blocks of any length go in; each call gives the output the input so far allows,
    so that after ``n`` input samples ``round(n * rate_out / rate_in)`` have come
    out in all (no drift, whatever the block length), and the output is the whole
    input resampled, :data:`STREAM_DELAY` samples late (none when the rates are equal).
    """

    def __init__(self, rate_in: int, rate_out: int = RATE, delay: int = STREAM_DELAY) -> None:
        g = math.gcd(rate_in, rate_out)
        self.up, self.down = (rate_out // g, rate_in // g) if g > 0 else (0, 0)
        self.half = delay * self.down // max(self.up, 1)  # filter half-width (input samples)
        if rate_in <= 0 or rate_out <= 0 or self.half < 1:
            raise AudioError(f"cannot resample from {rate_in} Hz to {rate_out} Hz "
                             f"({delay} samples late)")
        self.delay = 0 if self.up == self.down else delay
        self.taken = self.given = 0  # input samples taken, output samples given
        self._phases = min(self.up, PHASES)
        self._table = _sinc_taps(np.arange(self._phases + 1) / self._phases, self.half,
                                 CUTOFF * min(1.0, self.up / self.down))
        self._taps = np.arange(2 * self.half)
        self._buf = np.zeros(2 * self.half + 1, dtype=np.float32)  # silence before the start
        self._start = -len(self._buf)  # input index of _buf[0]

    def process(self, block: np.ndarray) -> np.ndarray:
        """The next output samples (float32) for the next ``block`` of input."""
        x = np.asarray(block, dtype=np.float32).reshape(-1)
        self.taken += len(x)
        if self.delay == 0:
            self.given += len(x)
            return x
        self._buf = np.concatenate([self._buf, x])
        target = (self.taken * self.up + self.down // 2) // self.down
        q, r = np.divmod((np.arange(self.given, target) - self.delay) * self.down, self.up)
        # output n is at input position q + r/up; it takes the 2*half samples around it
        first = q - self.half + 1 - self._start
        phase = (r * self._phases + self.up // 2) // self.up  # r exactly when up <= PHASES
        out = np.einsum("ij,ij->i", self._buf[first[:, None] + self._taps], self._table[phase])
        self.given = target
        keep = ((target - self.delay) * self.down) // self.up - self.half + 1 - self._start
        if keep > 0:
            self._buf, self._start = self._buf[keep:], self._start + keep
        return out.astype(np.float32, copy=False)


def _sinc_taps(frac: np.ndarray, half: int, cutoff: float) -> np.ndarray:
    """The ``2 * half`` filter taps of an output ``frac`` (0 to 1, one row each) of an input
    sample past the one it is at: a Kaiser-windowed sinc, low-pass at ``cutoff`` times
    the input's Nyquist frequency, unit gain."""
    tau = frac[:, None] + (half - 1 - np.arange(2 * half))[None, :]
    window = np.i0(KAISER_BETA * np.sqrt(np.clip(1 - (tau / half) ** 2, 0, None)))
    h = np.sinc(cutoff * tau) * window
    return (h / h.sum(axis=1, keepdims=True)).astype(np.float32)


def _decode_samples(raw: bytes, width: int, channels: int) -> np.ndarray:
    """Interleaved integer PCM of ``width`` bytes to mono float32."""
    if width == 1:
        x = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 2:
        x = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif width == 3:
        b = np.frombuffer(raw[: len(raw) // 3 * 3], dtype=np.uint8).reshape(-1, 3)
        ints = (b[:, 0].astype(np.int32) | (b[:, 1].astype(np.int32) << 8)
                | (b[:, 2].astype(np.int32) << 16))
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        x = ints.astype(np.float32) / float(1 << 23)
    elif width == 4:
        x = np.frombuffer(raw, dtype="<i4").astype(np.float32) / float(1 << 31)
    else:
        raise AudioError(f"unsupported sample width: {width * 8} bits")
    if channels > 1:
        x = x[: len(x) // channels * channels].reshape(-1, channels).mean(axis=1)
    return x


def check_format(name: str, rate: int, channels: int, frames: int,
                 max_s: float = MAX_AUDIO_S) -> None:
    """Refuse a recording whose rate, channel count or length (``frames`` at ``rate``)
    the kiosk does not take."""
    if not MIN_RATE <= rate <= MAX_RATE:
        raise AudioError(f"{name}: sample rate {rate} Hz is outside {MIN_RATE}-{MAX_RATE} Hz")
    if not 1 <= channels <= MAX_CHANNELS:
        raise AudioError(f"{name}: {channels} channels; the kiosk takes 1 to {MAX_CHANNELS}")
    seconds = frames / rate
    if seconds > max_s:
        raise AudioError(f"{name}: {seconds:.1f} s of audio, longer than the {max_s:g} s "
                         "the kiosk takes")


def _open_path(path: Path, name: str) -> None:
    """Refuse a path that is not a non-empty regular file, saying what it is."""
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise AudioError(f"{name}: no such file") from exc
    except OSError as exc:
        raise AudioError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(st.st_mode):
        raise AudioError(f"{name}: is a directory, not a WAV file")
    if not stat.S_ISREG(st.st_mode):
        raise AudioError(f"{name}: is not a regular file (a device or a pipe?)")
    if st.st_size == 0:
        raise AudioError(f"{name}: is empty (0 bytes), not a WAV file")


def _read_mono(f: Any, name: str) -> np.ndarray:
    """Every frame of an open SoundFile, mixed down to mono float32, block by block."""
    parts = [block.mean(axis=1, dtype=np.float32)
             for block in f.blocks(blocksize=1 << 16, dtype="float32", always_2d=True)]
    mono = np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
    if not np.isfinite(mono).all():
        raise AudioError(f"{name}: has samples that are not numbers (NaN or infinity)")
    return mono


def _header_words(source: str | Path | BinaryIO) -> str:
    """"; its header says: format 1, 3 channels, 0 Hz, 16-bit" when ``source`` starts
    like a RIFF WAV file (libsndfile's own reasons are sometimes only "internal error")."""
    try:
        if isinstance(source, str | Path):
            with open(source, "rb") as fh:
                head = fh.read(36)
        else:
            source.seek(0)
            head = source.read(36)
    except (OSError, ValueError, AttributeError):
        return ""
    if len(head) < 36 or head[:4] != b"RIFF" or head[8:16] != b"WAVEfmt ":
        return ""
    tag, channels, rate = int.from_bytes(head[20:22], "little"), \
        int.from_bytes(head[22:24], "little"), int.from_bytes(head[24:28], "little")
    bits = int.from_bytes(head[34:36], "little")
    return f"; its header says: format {tag}, {channels} channels, {rate} Hz, {bits}-bit"


def read_wav(source: str | Path | BinaryIO, rate: int = RATE,
             max_s: float = MAX_AUDIO_S) -> Audio:
    """A WAV file (path or binary stream) as mono 16-bit :class:`Audio` at ``rate`` Hz.

    PCM of any width, float, WAVE_FORMAT_EXTENSIBLE; any channel count up to
    :data:`MAX_CHANNELS` (mixed down); a rate from :data:`MIN_RATE` to :data:`MAX_RATE`
    (resampled); at most ``max_s`` seconds, checked from the header before reading.
    Raises AudioError saying what is wrong.
    """
    import soundfile

    name = str(source) if isinstance(source, str | Path) else getattr(source, "name", "<stream>")
    if isinstance(source, str | Path):
        _open_path(Path(source), name)
    try:
        with soundfile.SoundFile(source) as f:
            if f.format not in WAV_FORMATS:
                raise AudioError(f"{name}: is a {f.format_info} file, not a WAV file")
            check_format(name, f.samplerate, f.channels, f.frames, max_s)
            samples, src_rate = _read_mono(f, name), f.samplerate
    except soundfile.LibsndfileError as exc:
        why = (getattr(exc, "error_string", "") or "empty, or not a sound file").rstrip(".")
        raise AudioError(f"{name}: not a WAV file that can be read ({why}"
                         f"{_header_words(source)})") from exc
    except (soundfile.SoundFileError, RuntimeError, ValueError) as exc:
        raise AudioError(f"{name}: not a WAV file that can be read ({exc})") from exc
    except OSError as exc:
        raise AudioError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    return resample(from_float(samples, src_rate), rate)


def read_pcm(stream: BinaryIO, rate: int = RATE, channels: int = 1,
             max_s: float = MAX_AUDIO_S) -> Audio:
    """Raw signed 16-bit little-endian PCM from ``stream`` (e.g. stdin) until EOF.

    ``rate`` is the stream's sample rate (Hz); the result is 16 kHz mono. At most
    ``max_s`` seconds are taken: reading stops just past them, and longer is refused.
    """
    if not MIN_RATE <= rate <= MAX_RATE or not 1 <= channels <= MAX_CHANNELS:
        raise AudioError(f"bad PCM format: {channels} channel(s) at {rate} Hz")
    limit = int(max_s * rate) * 2 * channels
    raw = stream.read(limit + 1)
    if not raw:
        raise AudioError("no PCM data on the input stream")
    if len(raw) > limit:
        raise AudioError(f"the PCM input is longer than the {max_s:g} s the kiosk takes")
    samples = _decode_samples(raw[: len(raw) // 2 * 2], 2, channels)
    return resample(from_float(samples, rate), RATE)


def wav_bytes(audio: Audio) -> bytes:
    """``audio`` as the bytes of a 16-bit mono WAV file."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(audio.rate)
        w.writeframes(audio.pcm)
    return buf.getvalue()


def write_wav(path: str | Path, audio: Audio) -> None:
    """Write ``audio`` to ``path`` as a 16-bit mono WAV file."""
    try:
        Path(path).write_bytes(wav_bytes(audio))
    except OSError as exc:
        raise AudioError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def concat(*parts: Audio) -> Audio:
    """The parts one after another (all at the first part's rate)."""
    if not parts:
        return Audio(b"", RATE)
    rate = parts[0].rate
    return Audio(b"".join(resample(p, rate).pcm for p in parts), rate)


def silence(seconds: float, rate: int = RATE) -> Audio:
    """``seconds`` of digital silence."""
    return Audio(b"\x00\x00" * int(round(seconds * rate)), rate)
