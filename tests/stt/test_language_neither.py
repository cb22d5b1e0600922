"""An order in neither English nor Mandarin (--lang auto) is not guessed into a cart:
nothing is transcribed, and the diner is asked to say it again. The speech is
synthesized now by espeak-ng in German, Spanish and French (rates over more
languages and babble: scripts/bench_language.py --neither)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import concat, silence
from kiosk.audio.wav import read_wav
from kiosk.session.pipeline import SpeechPipeline

pytestmark = pytest.mark.slow

FOREIGN = [("de", "Ich hätte gern eine Nudelsuppe mit Rindfleisch"),
           ("es", "Gracias, eso es todo"),
           ("fr", "Je voudrais une soupe de nouilles au boeuf")]


def spoken(voice: str, text: str, tmp_path: Path) -> Any:
    path = tmp_path / f"{voice}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(path), text],
                   check=True, timeout=60)
    return concat(silence(0.3), read_wav(path), silence(0.4))


@pytest.mark.parametrize(("voice", "text"), FOREIGN)
def test_an_order_in_another_language_is_asked_again(menu: Any, base: Any, voice: str,
                                                     text: str, tmp_path: Path) -> None:
    from kiosk.order import Conversation

    pipe = SpeechPipeline(menu, base, Conversation(menu), language="auto")
    heard = pipe.understand(spoken(voice, text, tmp_path))
    assert heard.transcript == "" and heard.hypotheses == (), heard.hypotheses
    assert heard.turn.cart.is_empty and "catch" in heard.turn.reply


def test_english_and_mandarin_are_still_heard(menu: Any, base: Any, say: Any) -> None:
    from kiosk.order import Conversation

    pipe = SpeechPipeline(menu, base, Conversation(menu), language="auto")
    for text, lang in (("one pork bun please", "en"), ("一个肉包子", "zh")):
        pipe.parser = Conversation(menu)
        heard = pipe.understand(say(text, lang, 1))
        assert heard.language == lang and [ln.item for ln in heard.turn.cart.lines] == \
            ["pork-bun"], heard.transcript
