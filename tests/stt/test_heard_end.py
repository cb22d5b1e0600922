"""The engine's probability of the end of text after a hypothesis (ScoredTranscript.ends,
kiosk.types.Heard.end): low for a text that stops before the speech does, the
confidence gate's sign of a recogniser that stopped early."""

from __future__ import annotations

import math
from typing import Any

import pytest

from kiosk.audio.vad import find_speech
from kiosk.session.pipeline import SpeechPipeline, speech_context
from kiosk.stt.features import samples_of

pytestmark = pytest.mark.slow

SAID = "one beef noodle soup, add an egg, and extra meat"


def test_a_text_cut_short_has_an_unlikely_end(menu: Any, tiny_en: Any, say: Any) -> None:
    """Rescored against the same speech, the whole text ends where the speech does;
    its first clause alone does not (the engine expects more words)."""
    ctx = speech_context(menu, ("en",)).kwargs()
    samples = samples_of(say(SAID, "en", 1))
    audio = tiny_en.held.audio(tiny_en.encode(samples))
    chain = tiny_en.held.chain(ctx["hints"], ctx["words"], ctx["examples"], ctx["grammars"])
    prefix = tiny_en.prompts.held_prefix("en", ctx["hints"], len(samples))
    whole, cut = tiny_en.held.rescore(audio, prefix, ["one beef noodle soup, add an egg, and "
                                                      "extra meat.", "one beef noodle soup,"],
                                      lambda t: tiny_en.prompts.encode(" " + t), chain.columns)
    assert math.exp(whole.end) > 0.5 > 0.2 > math.exp(cut.end), (whole.end, cut.end)


def test_every_hypothesis_carries_its_end_and_the_chosen_one_reaches_the_gate(
        menu: Any, tiny_en: Any, say: Any) -> None:
    from kiosk.order import Conversation

    pipe = SpeechPipeline(menu, tiny_en, Conversation(menu), language="en")
    audio = say("two pork buns and a soy milk", "en", 0)
    speech = find_speech(audio)  # what the pipeline transcribes
    assert speech is not None
    t = tiny_en.transcribe(speech, language="en", **pipe.context.kwargs())
    assert len(t.ends) == len(t.scores) and all(e <= 0.0 for e in t.ends)
    heard = pipe.understand(audio)
    assert heard.heard is not None
    texts = (t.text, *t.alternatives)
    assert heard.heard.end == t.ends[texts.index(heard.transcript)]
    assert math.exp(heard.heard.end) > 0.5  # said whole: the end is where the speech ends
