"""Speech out: the :class:`Speaker` protocol, pyttsx3 readback, espeak-ng rendering.

``make_speaker()`` gives a non-blocking speaker (pyttsx3 with espeak-ng voices;
the espeak-ng command line if pyttsx3 cannot start). ``kiosk.speech.synth``
synthesizes 16 kHz :class:`~kiosk.types.Audio` for tests, benchmarks and demos.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from kiosk.errors import UnknownEngineError

if TYPE_CHECKING:
    from kiosk.speech.output import AudioOutput

#: Text-to-speech engines ``make_speaker`` knows.
SPEAKER_ENGINES: tuple[str, ...] = ("pyttsx3", "espeak")


@runtime_checkable
class Speaker(Protocol):
    """Says replies aloud without blocking the pipeline."""

    def say(self, text: str, lang: str = "en",
            on_start: Callable[[float], None] | None = None) -> None:
        """Queue ``text`` (in "en" or "zh") and return at once.

        ``on_start(t)``: called once, from the speaker's thread, with the
        monotonic time ``t`` at which the first word of ``text`` is heard.
        """

    def busy(self) -> bool:
        """Whether something said is still queued or being heard (for barge-in)."""

    def stop(self) -> None:
        """Stop speaking now and drop what is queued (the diner is talking)."""

    def render(self, text: str, lang: str, path: str | Path) -> Path:
        """Write ``text`` spoken in ``lang`` to the WAV file ``path``."""

    def wait(self, timeout: float | None = None) -> None:
        """Block until everything queued has been spoken."""

    def close(self) -> None:
        """Stop and release the engine."""


def make_speaker(engine: str = "pyttsx3", rate_wpm: int = 165,
                 output: AudioOutput | None = None) -> Speaker:
    """A started speaker. ``pyttsx3`` falls back to ``espeak`` if it cannot start.

    ``output``: where the sound goes (default: the loudspeaker); headless, a
    ``kiosk.speech.output.FileOutput`` (a WAV file per reply, or nowhere).
    """
    from kiosk.speech.tts import EspeakSpeaker, Pyttsx3Speaker

    if engine == "espeak":
        return EspeakSpeaker(rate_wpm, output)
    if engine != "pyttsx3":
        raise UnknownEngineError("speech output engine", engine, SPEAKER_ENGINES)
    speaker = Pyttsx3Speaker(rate_wpm, output)
    if not speaker.started(timeout=10):
        speaker.close()
        return EspeakSpeaker(rate_wpm, output)
    return speaker


__all__ = ["SPEAKER_ENGINES", "Speaker", "make_speaker"]
