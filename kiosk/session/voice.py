"""A speaker for machines without a loudspeaker: renders each readback to audio.

``kiosk demo`` and the benchmark use it: every reply is synthesized with
espeak-ng (``kiosk.speech.synth``) in a worker thread, exactly as the kiosk's
speaker would before playing it, and optionally written to a WAV file. Nothing
is played, so the moment the first word *would* be heard is an estimate:
synthesis finished plus the leading silence of the audio. (For real start
events headless, use the real speaker with ``kiosk.speech.output.FileOutput``.)
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kiosk.errors import KioskError
from kiosk.types import Audio

FIRST_WORD_LEVEL = 0.02  # fraction of full scale that counts as sound


@dataclass(frozen=True)
class Rendered:
    """One rendered reply: ``audio``, the ``path`` written (or None), and timings
    (``first_word_at``: monotonic seconds when the first word would be heard)."""

    text: str
    lang: str
    audio: Audio
    path: Path | None
    first_word_at: float
    synth_ms: float


def leading_silence_s(audio: Audio) -> float:
    samples = np.frombuffer(audio.pcm, dtype="<i2").astype(np.float32) / 32768.0
    loud = np.flatnonzero(np.abs(samples) > FIRST_WORD_LEVEL)
    return float(loud[0]) / audio.rate if loud.size else 0.0


class RenderingSpeaker:
    """The Speaker protocol (``kiosk.speech.Speaker``), rendering instead of playing."""

    def __init__(self, out_dir: Path | None = None,
                 synthesize: Callable[[str, str], Audio] | None = None) -> None:
        self.out_dir = out_dir
        self._synthesize = synthesize
        self.rendered: list[Rendered] = []
        self.errors: list[str] = []
        self._jobs: queue.Queue[tuple[str, str, Callable[[float], None] | None] | None] = \
            queue.Queue()
        self._idle = threading.Event()
        self._idle.set()
        self._thread = threading.Thread(target=self._work, name="render-speaker", daemon=True)
        self._thread.start()

    def say(self, text: str, lang: str = "en",
            on_start: Callable[[float], None] | None = None) -> None:
        """Render ``text``; ``on_start(t)``: when its first word would be heard."""
        if not text.strip():
            return
        self._idle.clear()
        self._jobs.put((text, lang, on_start))

    def stop(self) -> None:
        try:
            while True:
                self._jobs.get_nowait()
        except queue.Empty:
            pass
        if self._jobs.empty():
            self._idle.set()

    def busy(self) -> bool:
        """Rendering something (there is no playback to wait for)."""
        return not self._idle.is_set()

    def wait(self, timeout: float | None = None) -> None:
        self._idle.wait(timeout)

    def render(self, text: str, lang: str, path: str | Path) -> Path:
        """Write ``text`` spoken in ``lang`` to the WAV file ``path`` (in the caller's thread)."""
        from kiosk.audio.wav import write_wav

        write_wav(Path(path), self._synth(text, lang))
        return Path(path)

    def close(self) -> None:
        self.stop()
        self._jobs.put(None)
        self._thread.join(timeout=5)

    def _synth(self, text: str, lang: str) -> Audio:
        if self._synthesize is not None:
            return self._synthesize(text, lang)
        from kiosk.speech.synth import synthesize

        return synthesize(text, lang)

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            text, lang, callback = job
            t0 = time.monotonic()
            try:
                audio = self._synth(text, lang)
            except KioskError as exc:
                self.errors.append(str(exc))
                audio = None
            if audio is not None:
                done = time.monotonic()
                first = done + leading_silence_s(audio)
                path = self._write(audio)
                self.rendered.append(Rendered(text, lang, audio, path, first, (done - t0) * 1000))
                if callback is not None:
                    callback(first)
            if self._jobs.empty():
                self._idle.set()

    def _write(self, audio: Audio) -> Path | None:
        if self.out_dir is None:
            return None
        from kiosk.audio.wav import write_wav

        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / f"readback-{len(self.rendered) + 1:03d}.wav"
        write_wav(path, audio)
        return path
