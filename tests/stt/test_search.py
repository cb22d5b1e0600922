"""The held search's seam: a scorer written outside kiosk.stt, appended to the
kiosk's own chain (word trie, bigram LM, order grammar), steers real decoding."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from kiosk.session.pipeline import speech_context
from kiosk.stt.features import samples_of
from kiosk.stt.search import Move, Scorer, Step, StepKind


class _Without:
    """Forbids the words ``ids`` (the bigram model's ids): a move that would
    complete one of them scores -inf."""

    def __init__(self, ids: set[int]) -> None:
        self.ids = ids

    def initial(self) -> None:
        return None

    def score(self, state: None, step: Step) -> np.ndarray:
        if step.word in self.ids:
            return np.where(step.kinds == StepKind.CONTINUE, 0.0, -np.inf)
        return np.zeros(len(step.tokens))

    def advance(self, state: None, move: Move) -> None:
        return None


def test_an_appended_scorer_steers_real_decoding(menu: Any, tiny_en: Any, say: Any) -> None:
    ctx = speech_context(menu, ("en",))
    audio = say("a large lemon tea and a cola", "en", 1)
    samples = samples_of(audio)
    chain = tiny_en.held.chain(ctx.hints, ctx.words, ctx.examples, ctx.grammars)
    prefix = tiny_en.prompts.held_prefix("en", ctx.hints, len(samples))
    audio_state = tiny_en.held.audio(tiny_en.encode(samples))

    def heard(scorers: tuple[Scorer, ...]) -> list[str]:
        found = tiny_en.held.decode(audio_state, "en", chain.then(*scorers), len(samples),
                                    prefix)
        return [text for text, _ in found]

    plain = heard(())
    assert "cola" in re.findall(r"\w+", plain[0].lower()), plain
    lm = chain.proposer.lm  # type: ignore[attr-defined]
    steered = heard((_Without({lm.id("cola")}),))
    assert steered and all("cola" not in re.findall(r"\w+", t.lower()) for t in steered)
    assert "lemon tea" in steered[0].lower(), steered
