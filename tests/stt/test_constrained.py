"""Vocabulary-constrained decoding on real synthesized speech."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from kiosk.order.examples import example_utterances
from kiosk.order.words import spoken_words
from kiosk.session.pipeline import menu_hints
from kiosk.stt.constrained import Vocabulary
from kiosk.stt.lm import train, unit


def _transcribe(model: Any, menu: Any, audio: Any, lang: str, **extra: Any) -> Any:
    return model.transcribe(audio, language=lang, hints=menu_hints(menu, (lang,)),
                            words=spoken_words(lang), examples=example_utterances(menu, lang),
                            **extra)


def test_the_trie_allows_only_whole_known_words(tiny_en: Any) -> None:
    tok = tiny_en._tok
    lm = train(["two", "beef", "noodles"], ["two beef noodles"], mandarin=False)
    vocab = Vocabulary(["two", "beef", "noodles", "filled"], tok, lm)  # filled: no LM unit
    first = {tok.id_to_token(int(t)) for t in vocab.starts}
    assert first >= {"Ġtwo", "ĠTwo", "Ġbeef", "ĠBeef"}
    assert "Ġfilled" not in first and "Ġto" not in first


def test_english_is_heard_in_the_order_language_only(menu: Any, tiny_en: Any, say: Any) -> None:
    words = {unit(w) for w in spoken_words("en")}
    words |= {unit(w) for h in menu_hints(menu, ("en",)) for w in h.split()}
    words |= {unit(w) for e in example_utterances(menu, "en") for w in e.split()}
    for i, text in enumerate(["two beef noodles not spicy", "a large lemon tea and a cola"]):
        result = _transcribe(tiny_en, menu, say(text, "en", i), "en")
        for hyp in (result.text, *result.alternatives):
            said = {unit(w) for w in re.findall(r"[\w']+", hyp)}
            assert said <= words | {str(n) for n in range(21)}, hyp
        assert result.scores == tuple(sorted(result.scores, reverse=True))


def test_constrained_decoding_fixes_what_free_decoding_mishears(menu: Any, tiny_en: Any,
                                                                say: Any) -> None:
    from kiosk.order import Conversation
    from kiosk.session.pipeline import SpeechPipeline

    audio = say("two beef noodles not spicy", "en", 0)  # free decoding: "to be filled..."
    heard = SpeechPipeline(menu, tiny_en, Conversation(menu), language="en").understand(audio)
    lines = [(ln.item, ln.quantity) for ln in heard.turn.cart.lines]
    assert lines == [("beef-noodle-soup", 2)], heard.transcript


def test_without_words_the_engine_decodes_freely(menu: Any, tiny_en: Any, say: Any) -> None:
    audio = say("a large lemon tea", "en", 2)
    free = tiny_en.transcribe(audio, language="en", hints=menu_hints(menu, ("en",)))
    assert free.text and np.isfinite(free.scores[0])
