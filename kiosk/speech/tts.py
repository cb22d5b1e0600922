"""Spoken readback: pyttsx3 (espeak-ng voices) in a worker thread.

``say`` queues the text and returns at once; ``on_start`` is called when its
first word is actually heard (the output reports it: see
``kiosk.speech.output``); ``busy()`` is true from ``say`` until the last queued
text has been heard to its end; ``stop`` cuts the speech off (the diner started
talking: barge-in) and drops what is queued; ``render`` writes a WAV file.
pyttsx3 only synthesizes here (its engine lives in the worker thread; its own
'started-utterance'/'started-word' notifications fire while it synthesizes
into memory, before any sound, so they do not say when speech is heard);
playback is through an :class:`~kiosk.speech.output.AudioOutput` (the
loudspeaker, or headless a WAV file / nowhere at playback pace) so that it can
be stopped mid-word and timed. If pyttsx3 cannot start, the espeak-ng command
line synthesizes instead.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
import time
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from kiosk.errors import KioskError, SpeechOutputError
from kiosk.speech.output import AudioOutput, DeviceOutput, OnStart
from kiosk.speech.synth import RATE, espeak_text, synthesize, voice_name

#: pyttsx3 voice ids (espeak-ng voice files) per kiosk language.
PYTTSX3_VOICES: dict[str, str] = {"en": "gmw/en-us", "zh": "sit/cmn-latn-pinyin"}


class _Job:
    def __init__(self, fn: Callable[[], Any], speech: bool = False) -> None:
        self.fn = fn
        self.speech = speech  # a say(): counts towards busy()
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None


class QueuedSpeaker:
    """A speaker whose synthesis and playback run in one worker thread.

    Subclasses give :meth:`_synth` (text, lang -> 16-bit mono samples and rate).
    ``output``: where the sound goes (default: the loudspeaker).
    """

    engine = "base"

    def __init__(self, rate_wpm: int = 165, output: AudioOutput | None = None) -> None:
        self.rate_wpm = rate_wpm
        self.output: AudioOutput = output if output is not None else DeviceOutput()
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._lock = threading.Lock()
        self._saying = 0  # say() jobs queued or playing
        self.last_error: BaseException | None = None
        self._thread = threading.Thread(target=self._work, name="kiosk-speaker", daemon=True)
        self._thread.start()

    def _synth(self, text: str, lang: str) -> tuple[np.ndarray, int]:
        raise NotImplementedError

    def _work(self) -> None:
        self._setup()
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                job.result = job.fn()
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                job.error = exc
                self.last_error = exc
            finally:
                self._finish(job)

    def _finish(self, job: _Job) -> None:
        with self._lock:
            if job.speech and not job.done.is_set():
                self._saying -= 1
            job.done.set()
            if self._jobs.empty():
                self._idle.set()

    def _setup(self) -> None:
        """Runs first in the worker thread (engines that must live there)."""

    def _submit(self, fn: Callable[[], Any], speech: bool = False) -> _Job:
        job = _Job(fn, speech)
        with self._lock:
            self._idle.clear()
            if speech:
                self._saying += 1
            self._jobs.put(job)
        return job

    def say(self, text: str, lang: str = "en", on_start: OnStart | None = None) -> None:
        """Speak ``text`` in ``lang`` without waiting; errors land in ``last_error``.

        ``on_start(t)`` is called (in the speaker's thread) with the monotonic
        time at which the first word is heard; not at all if it never is.
        """
        if not text.strip():
            return
        self._stop.clear()
        self._submit(lambda: self._play(*self._synth(text, lang), on_start), speech=True)

    def busy(self) -> bool:
        """True from :meth:`say` until everything said has been heard (or stopped)."""
        with self._lock:
            return self._saying > 0

    def _play(self, samples: np.ndarray, rate: int, on_start: OnStart | None = None) -> None:
        if self._stop.is_set():
            return
        try:
            self.output.play(samples, rate, self._stop, on_start)
        except KioskError:
            raise
        except Exception as exc:  # noqa: BLE001 - an output's own failure, reported as ours
            raise SpeechOutputError(f"cannot play speech: {exc}") from exc

    def stop(self) -> None:
        """Stop speaking now and forget what was queued (barge-in)."""
        self._stop.set()
        with self._lock:
            try:
                while True:
                    job = self._jobs.get_nowait()
                    if job is not None:
                        if job.speech:
                            self._saying -= 1
                        job.done.set()
            except queue.Empty:
                pass
        self._submit(lambda: None)  # lets the worker mark itself idle

    def wait(self, timeout: float | None = None) -> None:
        """Block until everything queued has been spoken; raise its error, if any."""
        self._idle.wait(timeout)
        if self.last_error is not None:
            err, self.last_error = self.last_error, None
            if isinstance(err, SpeechOutputError):
                raise err
            raise SpeechOutputError(f"speech failed: {err}") from err

    def render(self, text: str, lang: str, path: str | Path) -> Path:
        """Write ``text`` spoken in ``lang`` to the WAV file ``path``."""
        job = self._submit(lambda: self._synth(text, lang))
        job.done.wait()
        if job.error is not None:
            raise SpeechOutputError(f"cannot render speech: {job.error}") from job.error
        if job.result is None:
            raise SpeechOutputError("rendering was stopped")
        samples, rate = job.result
        write_samples(path, samples, rate)
        return Path(path)

    def close(self) -> None:
        self.stop()
        self._jobs.put(None)
        self._thread.join(timeout=5)


def write_samples(path: str | Path, samples: np.ndarray, rate: int) -> None:
    try:
        with open(path, "wb") as fh, wave.open(fh, "wb") as w:  # no half-made Wave_write
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(np.asarray(samples, dtype="<i2").tobytes())
    except OSError as exc:
        raise SpeechOutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc


class Pyttsx3Speaker(QueuedSpeaker):
    """pyttsx3 with espeak-ng voices: English, and Mandarin read from pinyin."""

    engine = "pyttsx3"

    def _setup(self) -> None:
        self._engine: Any = None
        try:
            import pyttsx3
            import pyttsx3.drivers.espeak as drv

            drv.print = lambda *a, **k: None  # type: ignore[attr-defined]  # it prints on save
            self._engine = pyttsx3.init()
            self._engine.setProperty("rate", self.rate_wpm)
        except Exception as exc:  # noqa: BLE001 - pyttsx3 raises anything on a bad driver
            self.last_error = SpeechOutputError(f"pyttsx3 could not start: {exc}")

    def started(self, timeout: float = 10.0) -> bool:
        """Whether pyttsx3 came up in the worker thread."""
        self._submit(lambda: None).done.wait(timeout)
        return getattr(self, "_engine", None) is not None

    def _synth(self, text: str, lang: str) -> tuple[np.ndarray, int]:
        if self._engine is None:
            raise self.last_error or SpeechOutputError("pyttsx3 is not available")
        if lang not in PYTTSX3_VOICES:
            raise SpeechOutputError(f"no voice for language {lang!r}; valid: en, zh")
        self._engine.setProperty("voice", PYTTSX3_VOICES[lang])
        fd, tmp = tempfile.mkstemp(suffix=".wav")
        os.close(fd)
        try:
            # pyttsx3's espeak driver now and then returns from runAndWait before
            # the file holds anything (seen under load): wait for it, then try again.
            for _attempt in range(3):
                self._engine.save_to_file(espeak_text(text, lang), tmp)
                self._engine.runAndWait()
                read = _read_wav_when_ready(tmp, timeout_s=1.0)
                if read is not None:
                    rate, raw = read
                    break
            else:
                raise SpeechOutputError("pyttsx3 produced no audio (three tries)")
        except (OSError, RuntimeError) as exc:
            raise SpeechOutputError(f"pyttsx3 could not synthesize: {exc}") from exc
        finally:
            Path(tmp).unlink(missing_ok=True)
        return np.frombuffer(raw, dtype="<i2"), rate


def _read_wav_when_ready(path: str, timeout_s: float) -> tuple[int, bytes] | None:
    """(rate, frames) of a complete, non-empty WAV at ``path``; None if none within ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with wave.open(path, "rb") as w:
                rate, raw = w.getframerate(), w.readframes(w.getnframes())
            if raw:
                return rate, raw
        except (wave.Error, EOFError):
            pass
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.05)


class EspeakSpeaker(QueuedSpeaker):
    """The espeak-ng command line (when pyttsx3 cannot start)."""

    engine = "espeak"

    def _synth(self, text: str, lang: str) -> tuple[np.ndarray, int]:
        voice_name(lang)  # validates the language
        audio = synthesize(text, lang, speed=self.rate_wpm)
        return np.frombuffer(audio.pcm, dtype="<i2"), RATE
