"""The speech -> order wiring: hints, hypothesis choice, timings, JSON shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.audio import concat, silence
from kiosk.session.pipeline import SpeechPipeline, choose, hypotheses_of, menu_hints
from kiosk.speech.synth import synthesize
from kiosk.stt import ScoredTranscript
from kiosk.types import Audio, Transcript


class FakeTranscriber:
    engine = "fake"
    model_name = "fake"

    def __init__(self, hyps: list[tuple[str, float]]) -> None:
        self.hyps = hyps
        self.seen: list[tuple[float, str, tuple[str, ...]]] = []

    def transcribe(self, audio: Audio, *, language: str = "auto",
                   hints: Sequence[str] = (), words: Sequence[str] = (),
                   examples: Sequence[str] = (), grammars: Sequence[Any] = ()) -> Transcript:
        self.seen.append((audio.duration_s, language, tuple(hints)))
        texts = [t for t, _ in self.hyps]
        return ScoredTranscript(texts[0], "en", audio.duration_s, tuple(texts[1:]),
                                scores=tuple(s for _, s in self.hyps))


def test_hints_put_item_names_first_then_options_then_aliases(menu: Any) -> None:
    hints = menu_hints(menu, ("en",))
    assert hints[0] == "beef noodle soup"
    assert hints.index("not spicy") < hints.index("beef noodles")
    assert "curry chicken with rice" not in hints  # sold out
    both = menu_hints(menu, ("en", "zh"))
    assert "牛肉面" in both and "beef noodle soup" in both


def test_the_hypothesis_that_makes_sense_against_the_menu_wins(menu: Any) -> None:
    from kiosk.order import Conversation

    hyps = [("to be filled with hot spicy", "en", -0.5),
            ("two beef noodles not spicy", "en", -0.6)]
    assert choose(hyps, Conversation(menu)) == ("two beef noodles not spicy", "en")


def test_engine_score_breaks_ties(menu: Any) -> None:
    from kiosk.order import Conversation

    hyps = [("one cola", "en", -0.2), ("One cola.", "en", -0.9)]
    assert choose(hyps, Conversation(menu))[0] == "one cola"


def test_plain_transcripts_rank_by_order() -> None:
    t = Transcript("a", "en", 1.0, ("b", "c"))
    assert [h[0] for h in hypotheses_of(t)] == ["a", "b", "c"]
    assert hypotheses_of(t)[0][2] > hypotheses_of(t)[1][2]


def test_pipeline_trims_transcribes_chooses_and_times(menu: Any) -> None:
    from kiosk.order import Conversation

    fake = FakeTranscriber([("to be filled", -0.3), ("two beef noodles not spicy", -0.5)])
    audio = concat(silence(2.0), synthesize("two beef noodles", "en"), silence(2.0))
    result = SpeechPipeline(menu, fake, Conversation(menu), language="en").understand(audio)
    trimmed, language, hints = fake.seen[0]
    assert trimmed < audio.duration_s - 2.5 and language == "en" and hints
    assert result.transcript == "two beef noodles not spicy"
    assert [(ln.item, ln.quantity) for ln in result.turn.cart.lines] == [
        ("beef-noodle-soup", 2)]
    out = result.to_json()
    assert out["audio_s"] == round(audio.duration_s, 3)
    assert set(out["timings_ms"]) == {"stt", "parse", "total"}
    assert out["timings_ms"]["total"] >= out["timings_ms"]["stt"]
    assert out["alternatives"] == ["to be filled"]
    assert out["actions"][0]["item"] == "beef-noodle-soup"
