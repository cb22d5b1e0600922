"""Where the readback's samples go, and the moment the first word is heard.

:class:`DeviceOutput` plays through the loudspeaker (sounddevice/PortAudio);
its stream callback sees each buffer go out, with PortAudio's estimate of when
that buffer reaches the DAC, so the first audible sample has a real time.
:class:`FileOutput` is the headless driver (no audio device): it writes the
samples to a WAV file, or nowhere, block by block at the pace a loudspeaker
would consume them, so that "busy" and "started" mean the same as on a kiosk
with a speaker. Either calls ``on_start(t)`` (``t``: monotonic seconds) once,
when the first sample louder than :data:`FIRST_SOUND_LEVEL` is heard.
:func:`open_output` is what ``kiosk run`` uses: the loudspeaker when PortAudio
can open it, else (and after it fails) the null driver, with a one-line warning;
that includes PortAudio failing to start at all (a broken ALSA configuration:
it starts at ``import sounddevice``), which is a :class:`SpeechOutputError` too.
"""

from __future__ import annotations

import itertools
import threading
import time
import wave
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol

import numpy as np

from kiosk.errors import SpeechOutputError

#: A sample louder than this (fraction of full scale) is the first word.
FIRST_SOUND_LEVEL = 0.02
#: Block written per step by the headless driver (seconds).
BLOCK_S = 0.02
#: How far ahead of real time a device may ask for samples before it counts as not paced (s).
AHEAD_S = 0.5

OnStart = Callable[[float], None]


class AudioOutput(Protocol):
    """Plays 16-bit mono samples, blocking until done or ``stop`` is set."""

    name: str

    def play(self, samples: np.ndarray, rate: int, stop: threading.Event,
             on_start: OnStart | None = None) -> bool:
        """Play ``samples`` at ``rate`` Hz; True if played to the end, False if stopped."""
        ...


def first_sound(samples: np.ndarray, level: float = FIRST_SOUND_LEVEL) -> int | None:
    """Index of the first sample louder than ``level`` (fraction of full scale), or None."""
    loud = np.flatnonzero(np.abs(np.asarray(samples, dtype=np.int32)) > level * 32768)
    return int(loud[0]) if loud.size else None


class FileOutput:
    """Headless output: writes to ``out_dir/readback-NNN.wav`` (or nowhere when None).

    ``realtime``: consume the samples at playback speed (the default: the
    speaker is busy exactly as long as a loudspeaker would be); False writes at once.
    """

    def __init__(self, out_dir: str | Path | None = None, *, realtime: bool = True) -> None:
        self.out_dir = Path(out_dir) if out_dir is not None else None
        self.realtime = realtime
        self.name = "wav" if out_dir is not None else "null"
        self.written: list[Path] = []
        self._count = itertools.count(1)

    def play(self, samples: np.ndarray, rate: int, stop: threading.Event,
             on_start: OnStart | None = None) -> bool:
        pcm = np.asarray(samples, dtype="<i2")
        with self._open(rate) as sink:
            t0 = time.monotonic()
            if not self._write(sink, pcm, rate, t0, stop, on_start):
                return False
            # the last block is still being heard until t0 + its whole length
            if self.realtime and stop.wait(max(0.0, t0 + len(pcm) / rate - time.monotonic())):
                return False
        return True

    def play_pieces(self, pieces: Iterable[np.ndarray], rate: int, stop: threading.Event,
                    on_start: OnStart | None = None) -> bool:
        """Play ``pieces`` (made while this plays) as one sound, one WAV file: a piece
        that is late leaves a gap, as on a loudspeaker; True if played to the end."""
        with self._open(rate) as sink:
            clock: float | None = None  # when sample 0 would have been heard
            done = 0
            for piece in pieces:
                pcm = np.asarray(piece, dtype="<i2")
                now = time.monotonic()
                clock = now if clock is None else max(clock, now - done / rate)
                if not self._write(sink, pcm, rate, clock + done / rate, stop, on_start):
                    return False
                if first_sound(pcm) is not None:
                    on_start = None
                done += len(pcm)
            if clock is not None and self.realtime and stop.wait(
                    max(0.0, clock + done / rate - time.monotonic())):
                return False
        return not stop.is_set()

    def _write(self, sink: Any, pcm: np.ndarray, rate: int, t0: float, stop: threading.Event,
               on_start: OnStart | None) -> bool:
        """``pcm`` to ``sink`` block by block from ``t0`` (at playback pace when realtime)."""
        first = first_sound(pcm)
        block = max(1, int(rate * BLOCK_S))
        for pos in range(0, len(pcm), block):
            if self.realtime and stop.wait(max(0.0, t0 + pos / rate - time.monotonic())):
                return False
            if stop.is_set():
                return False
            sink.writeframes(pcm[pos:pos + block].tobytes())
            if on_start is not None and first is not None and pos <= first < pos + block:
                on_start(time.monotonic() + (first - pos) / rate)
        return True

    def _open(self, rate: int) -> Any:
        if self.out_dir is None:
            return _NullSink()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / f"readback-{next(self._count):03d}.wav"
        try:
            w = wave.open(str(path), "wb")
        except OSError as exc:
            raise SpeechOutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        self.written.append(path)
        return w


class _NullSink:
    """The null driver: takes frames and keeps nothing."""

    def writeframes(self, data: bytes) -> None:
        pass

    def __enter__(self) -> _NullSink:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def _sounddevice(failing: str = "") -> ModuleType:
    """sounddevice, with PortAudio started; else a SpeechOutputError saying why in one
    line (after ``failing``, what could not be done)."""
    try:
        import sounddevice
    except (ImportError, OSError) as exc:
        raise SpeechOutputError(
            f"{failing}the audio output needs PortAudio (libportaudio2): {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - sd.PortAudioError: Pa_Initialize runs at import
        # e.g. a broken ALSA configuration (ALSA_CONFIG_PATH, ~/.asoundrc)
        raise SpeechOutputError(f"{failing}PortAudio cannot start: {exc}; check the ALSA "
                                f"configuration (ALSA_CONFIG_PATH, ~/.asoundrc)") from exc
    return sounddevice


class DeviceOutput:
    """The loudspeaker (PortAudio via sounddevice); ``device``: its name or index."""

    name = "device"

    def __init__(self, device: int | str | None = None) -> None:
        self.device = device

    def check(self, rate: int = 16000) -> None:
        """Open and close an output stream on the device; SpeechOutputError (one line)
        when PortAudio has no such device or cannot open it."""
        which = "the default audio output" if self.device is None else \
            f"audio output device {self.device!r}"
        sd = _sounddevice()
        try:
            with sd.OutputStream(samplerate=rate, channels=1, dtype="int16", device=self.device):
                pass
        except Exception as exc:  # noqa: BLE001 - PortAudio errors have no common base
            raise SpeechOutputError(f"{which} cannot be opened: {exc}") from exc

    def play(self, samples: np.ndarray, rate: int, stop: threading.Event,
             on_start: OnStart | None = None) -> bool:
        sd = _sounddevice("cannot play speech: ")
        feed = _Feed(np.asarray(samples, dtype="<i2"), rate, sd.CallbackStop)
        if not self._run(sd, feed, rate, stop, on_start):
            return False
        feed.report(on_start)
        return True

    def _run(self, sd: Any, feed: Any, rate: int, stop: threading.Event,
             on_start: OnStart | None) -> bool:
        """Play ``feed`` through one output stream until it finishes (True) or
        ``stop`` is set (False); its ``report`` is called while it plays."""
        try:
            with sd.OutputStream(samplerate=rate, channels=1, dtype="int16",
                                 device=self.device, callback=feed.callback,
                                 finished_callback=feed.finished.set) as stream:
                while not feed.finished.wait(0.01):
                    feed.report(on_start)
                    if stop.is_set():
                        stream.abort()
                        return False
        except Exception as exc:  # noqa: BLE001 - PortAudio errors have no common base
            raise SpeechOutputError(f"cannot play speech (is there an audio output "
                                    f"device?): {exc}; render to a file instead") from exc
        return True


    def play_pieces(self, pieces: Iterable[np.ndarray], rate: int, stop: threading.Event,
                    on_start: OnStart | None = None) -> bool:
        """Play ``pieces`` (made while this plays) through one output stream: no reopening
        of the device between them; a piece that is late leaves silence."""
        sd = _sounddevice("cannot play speech: ")
        feed = _PieceFeed(rate, sd.CallbackStop)
        source = iter(pieces)
        first = next(source, None)  # the stream starts with sound, not an underrun
        if first is None:
            return True
        feed.add(np.asarray(first, dtype="<i2"))
        threading.Thread(target=feed.pull, args=(source, stop), daemon=True,
                         name="kiosk-speech-feed").start()
        if not self._run(sd, feed, rate, stop, on_start):
            return False
        feed.report(on_start)
        if feed.error is not None:
            raise feed.error
        return True


class FallbackOutput:
    """The loudspeaker until it fails (unplugged, taken by another program), then the
    null output: the failure is told once through ``warn`` and the kiosk goes on, silent."""

    def __init__(self, primary: AudioOutput, warn: Callable[[str], None],
                 fallback: AudioOutput | None = None) -> None:
        self.primary = primary
        self.fallback: AudioOutput = fallback if fallback is not None else FileOutput(None)
        self.warn = warn
        self.failed = False
        self.name = primary.name

    def play(self, samples: np.ndarray, rate: int, stop: threading.Event,
             on_start: OnStart | None = None) -> bool:
        if not self.failed:
            try:
                return self.primary.play(samples, rate, stop, on_start)
            except SpeechOutputError as exc:
                self.failed = True
                self.name = self.fallback.name
                self.warn(f"{exc}; the readback is not played (null output)")
        return self.fallback.play(samples, rate, stop, on_start)

    def play_pieces(self, pieces: Iterable[np.ndarray], rate: int, stop: threading.Event,
                    on_start: OnStart | None = None) -> bool:
        """As :meth:`play`, for a sound made while it plays (see ``play_pieces``)."""
        source = iter(pieces)
        kept: list[np.ndarray] = []

        def keep() -> Iterator[np.ndarray]:
            for piece in source:
                kept.append(np.asarray(piece, dtype="<i2"))
                yield kept[-1]

        if not self.failed:
            primary = getattr(self.primary, "play_pieces", None)
            try:
                if primary is not None:
                    return bool(primary(keep(), rate, stop, on_start))
                return self.primary.play(_joined(list(keep())), rate, stop, on_start)
            except SpeechOutputError as exc:
                self.failed = True
                self.name = self.fallback.name
                self.warn(f"{exc}; the readback is not played (null output)")
        return self.fallback.play(_joined(kept + list(keep())), rate, stop, on_start)


def _joined(pieces: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype="<i2")


def open_output(device: int | str | None, warn: Callable[[str], None]) -> AudioOutput:
    """The loudspeaker ``device`` (None: the default) when PortAudio can open it, else
    the null output; either way a later failure falls back too. ``warn`` gets one line."""
    speaker = DeviceOutput(device)
    try:
        speaker.check()
    except SpeechOutputError as exc:
        warn(f"no audio output: {exc}; the readback is not played (null output)")
        return FileOutput(None)
    return FallbackOutput(speaker, warn)


class _Feed:
    """Hands the samples to PortAudio's callback; notes when the first word reaches the DAC."""

    def __init__(self, pcm: np.ndarray, rate: int, done: type[BaseException]) -> None:
        self.pcm, self.rate, self.done = pcm, rate, done
        self.first = first_sound(pcm)
        self.pos = 0
        self.heard_at: float | None = None
        self.reported = False
        self.finished = threading.Event()

    def callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        chunk = self.pcm[self.pos:self.pos + frames]
        outdata[:len(chunk), 0] = chunk
        outdata[len(chunk):] = 0
        if self.first is not None and self.heard_at is None and self.first < self.pos + frames:
            latency = max(0.0, float(time_info.outputBufferDacTime - time_info.currentTime))
            self.heard_at = time.monotonic() + latency + (self.first - self.pos) / self.rate
        self.pos += frames
        if self.pos >= len(self.pcm):
            raise self.done

    def report(self, on_start: OnStart | None) -> None:
        """Call ``on_start`` (from the speaker's thread, not PortAudio's) once it is known."""
        if on_start is not None and self.heard_at is not None and not self.reported:
            self.reported = True
            on_start(self.heard_at)


class _PieceFeed:
    """Samples for PortAudio's callback as they are made; silence while none are ready."""

    def __init__(self, rate: int, done: type[BaseException]) -> None:
        self.rate, self.done = rate, done
        self.lock = threading.Condition()
        self.chunks: list[np.ndarray] = []
        self.made = self.out = 0  # samples added, samples handed to PortAudio
        self.frames = 0  # frames handed to PortAudio, silence included
        self.began: float | None = None  # monotonic time of the first callback
        self.closed = False
        self.first: int | None = None  # index of the first audible sample, once known
        self.heard_at: float | None = None
        self.reported = False
        self.error: BaseException | None = None
        self.finished = threading.Event()

    def add(self, pcm: np.ndarray) -> None:
        with self.lock:
            loud = first_sound(pcm)
            if self.first is None and loud is not None:
                self.first = self.made + loud
            self.chunks.append(pcm)
            self.made += len(pcm)
            self.lock.notify_all()

    def pull(self, source: Iterator[np.ndarray], stop: threading.Event) -> None:
        """Add what ``source`` makes until it ends (in a thread of its own)."""
        try:
            for piece in source:
                if stop.is_set():
                    break
                self.add(np.asarray(piece, dtype="<i2"))
        except BaseException as exc:  # noqa: BLE001 - handed to the playing thread
            self.error = exc
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    def callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        with self.lock:
            now = time.monotonic()
            self.began = now if self.began is None else self.began
            if not self.chunks and not self.closed and \
                    self.frames / self.rate > now - self.began + AHEAD_S:
                # A device that is not paced (ALSA's null PCM) asks far ahead of real
                # time: wait for the next piece instead of filling that time with silence.
                self.lock.wait(0.5)
            start, n = self.out, 0
            while self.chunks and n < frames:
                chunk = self.chunks[0]
                take = min(frames - n, len(chunk))
                outdata[n:n + take, 0] = chunk[:take]
                n += take
                self.chunks[0] = chunk[take:]
                if not len(self.chunks[0]):
                    self.chunks.pop(0)
            outdata[n:] = 0
            self.out += n
            self.frames += frames
            if self.first is not None and self.heard_at is None and start <= self.first < start + n:
                latency = max(0.0, float(time_info.outputBufferDacTime - time_info.currentTime))
                self.heard_at = time.monotonic() + latency + (self.first - start) / self.rate
            if self.closed and not self.chunks:
                raise self.done

    def report(self, on_start: OnStart | None) -> None:
        if on_start is not None and self.heard_at is not None and not self.reported:
            self.reported = True
            on_start(self.heard_at)
