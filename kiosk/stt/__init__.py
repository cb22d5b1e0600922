"""Speech to text: one :class:`Transcriber` protocol, engines loaded by name.

``load_transcriber("whisper")`` (faster-whisper, the default) or
``load_transcriber("vosk")`` imports only the chosen engine's module. Models
are found on this machine (:mod:`kiosk.stt.models`), never downloaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from kiosk.errors import UnknownEngineError
from kiosk.types import Audio, Grammar, Transcript

#: Engine name -> module defining ``create(model, **opts) -> Transcriber``.
ENGINES: dict[str, str] = {
    "whisper": "kiosk.stt.whisper",
    "vosk": "kiosk.stt.vosk",
}
DEFAULT_ENGINE = "whisper"


@runtime_checkable
class Transcriber(Protocol):
    """Turns one utterance into text.

    ``language``: "en", "zh" or "auto" (the engine picks per utterance);
    ``hints``: phrases the diner is likely to say (menu items, options), best
    first, used to bias the decoder; ``words``: the order language's own words
    (numbers, commands, small talk); ``examples``: example utterances for the
    menu. Engines that hold their output to a vocabulary use ``words`` and
    ``examples`` (word order statistics); ``grammars``: the order language's
    word grammar per language, which engines may hold their output to
    (softly). Engines may ignore what they cannot use.
    """

    engine: str
    model_name: str

    def transcribe(self, audio: Audio, *, language: str = "auto",
                   hints: Sequence[str] = (), words: Sequence[str] = (),
                   examples: Sequence[str] = (),
                   grammars: Sequence[Grammar] = ()) -> Transcript: ...


@dataclass(frozen=True)
class ScoredTranscript(Transcript):
    """A :class:`Transcript` with the engine's score of each hypothesis.

    ``scores``: log-probability per token (higher is better) of ``text`` then
    of each of ``alternatives``, in the same order; ``languages``: the
    language each hypothesis was decoded in (same order; empty means all are
    ``language``); ``ends``: the engine's log-probability of the end of text
    after each hypothesis (same order; 0.0 or missing: not known), low when
    the speech goes on past its words.
    """

    scores: tuple[float, ...] = ()
    languages: tuple[str, ...] = ()
    ends: tuple[float, ...] = ()

    def hypotheses(self) -> tuple[tuple[str, str, float], ...]:
        """``(text, language, score)`` for every hypothesis, best first."""
        texts = (self.text, *self.alternatives)
        scores = self.scores + (float("-inf"),) * (len(texts) - len(self.scores))
        langs = self.languages + (self.language,) * (len(texts) - len(self.languages))
        return tuple(zip(texts, langs, scores, strict=False))


def load_transcriber(engine: str = DEFAULT_ENGINE, model: str | None = None,
                     **opts: Any) -> Transcriber:
    """The ``engine`` transcriber with ``model`` (a name or a directory; None for
    the engine's default). Raises UnknownEngineError or ModelNotFoundError."""
    module_name = ENGINES.get(engine)
    if module_name is None:
        raise UnknownEngineError("speech engine", engine, tuple(ENGINES))
    module = importlib.import_module(module_name)
    transcriber: Transcriber = module.create(model, **opts)
    return transcriber


__all__ = ["DEFAULT_ENGINE", "ENGINES", "ScoredTranscript", "Transcriber", "load_transcriber"]
